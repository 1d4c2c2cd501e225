import type { Id } from '../domain';
import { RadslagError } from '../errors/catalog';
import type { Repositories } from '../ports/store';
import { authorize, rolesOn } from './access';
import type { RequestContext, ServiceDeps } from './context';
import type { PersonMatchSuggestion, PersonMatchSuggestionStatus } from './roster-records';

/**
 * The secretary's side of people matching: suggestions made by roster imports (a listed name that
 * resembles an existing person) wait here until confirmed as the same person or rejected as a different
 * one. A confirmation is remembered for that spelling, so the next import of it matches without asking.
 */
export interface SuggestionView extends PersonMatchSuggestion {
  bodies: { id: Id; name: string }[];
}

export class PeopleMatchService {
  constructor(private readonly deps: ServiceDeps) {}

  async list(ctx: RequestContext, filter: { status?: PersonMatchSuggestionStatus | 'all'; importId?: Id } = {}): Promise<SuggestionView[]> {
    const repos = this.deps.store.read;
    const where: Partial<Record<keyof PersonMatchSuggestion & string, string>> = {};
    if (filter.status !== 'all') where.status = filter.status ?? 'open';
    if (filter.importId) where.importId = filter.importId;
    const all = await repos.personMatchSuggestions.findBy(where, 'createdAt');
    const bodies = await repos.bodies.findBy({});
    const mine = await this.manageableBodies(repos, ctx);
    return all
      .filter((s) => ctx.actor.isAdmin || s.bodyIds.every((id) => mine.has(id)))
      .map((s) => ({ ...s, bodies: s.bodyIds.map((id) => ({ id, name: bodies.find((b) => b.id === id)?.name ?? id })) }));
  }

  /** The listed person is the existing one (default: the best candidate). */
  async confirm(ctx: RequestContext, id: Id, personId?: Id): Promise<SuggestionView> {
    return this.resolve(ctx, id, 'confirmed', personId);
  }

  /** The listed person is someone else: the import creates a new person. */
  async reject(ctx: RequestContext, id: Id): Promise<SuggestionView> {
    return this.resolve(ctx, id, 'rejected');
  }

  private async resolve(ctx: RequestContext, id: Id, status: 'confirmed' | 'rejected', personId?: Id): Promise<SuggestionView> {
    const saved = await this.deps.store.transaction(async (tx) => {
      const s = await tx.personMatchSuggestions.require(id);
      for (const b of s.bodyIds) authorize(ctx.actor, 'roster.manage', { roles: await rolesOn(tx, ctx.actor.personId, [b]) });
      if (s.importId) {
        const imp = await tx.rosterImports.get(s.importId);
        if (imp && imp.status !== 'previewed') {
          throw new RadslagError('CONFLICT_STATE', { detailSv: 'importen är redan genomförd eller ersatt', detailEn: 'the import was already applied or replaced' });
        }
      }
      let resolvedPersonId: Id | null = null;
      if (status === 'confirmed') {
        resolvedPersonId = personId ?? s.candidates[0]?.personId ?? null;
        if (!resolvedPersonId || !s.candidates.some((c) => c.personId === resolvedPersonId)) {
          throw new RadslagError('VALIDATION_FAILED', {
            detailSv: `${s.listedName}: personen finns inte bland förslagen`,
            detailEn: `${s.listedName}: the person is not among the suggestions`,
          });
        }
        await tx.people.require(resolvedPersonId);
      }
      const updated = await tx.personMatchSuggestions.update({
        ...s,
        status,
        resolvedPersonId,
        resolvedBy: ctx.actor.personId,
        resolvedAt: this.deps.clock.now().toISOString(),
      });
      await tx.audit.record({
        actorPersonId: ctx.actor.personId,
        action: status === 'confirmed' ? 'person_match.confirm' : 'person_match.reject',
        entity: 'person_match_suggestion',
        entityId: id,
        details: { listedName: s.listedName, personId: resolvedPersonId, importId: s.importId },
        correlationId: ctx.correlationId,
      });
      return updated;
    });
    const bodies = await this.deps.store.read.bodies.findBy({});
    return { ...saved, bodies: saved.bodyIds.map((b) => ({ id: b, name: bodies.find((x) => x.id === b)?.name ?? b })) };
  }

  private async manageableBodies(repos: Repositories, ctx: RequestContext): Promise<Set<Id>> {
    if (!ctx.actor.personId) return new Set();
    const mine = await repos.memberships.findBy({ personId: ctx.actor.personId });
    const out = new Set<Id>();
    for (const m of mine) {
      const roles = await rolesOn(repos, ctx.actor.personId, [m.bodyId]);
      try {
        authorize(ctx.actor, 'roster.manage', { roles });
        out.add(m.bodyId);
      } catch {
        // not a secretary of this body: its suggestions are not shown
      }
    }
    return out;
  }
}
