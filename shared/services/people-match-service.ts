import { can, type Id } from '../domain';
import { RadslagError } from '../errors/catalog';
import { authorize, rolesOn } from './access';
import { readOnly, type UseCaseContext } from '../usecase/context';
import type { PersonMatchSuggestion, PersonMatchSuggestionStatus } from '../domain/roster-records';

/**
 * The secretary's side of people matching: suggestions made by roster imports (a listed name that
 * resembles an existing person) wait here until confirmed as the same person or rejected as a different
 * one. A confirmation is remembered for that spelling, so the next import of it matches without asking.
 */
export interface SuggestionView extends PersonMatchSuggestion {
  bodies: { id: Id; name: string }[];
}

export const listMatchSuggestions = readOnly(async (ctx, filter: { status?: PersonMatchSuggestionStatus | 'all' | undefined; importId?: Id | undefined } = {}): Promise<SuggestionView[]> => {
  const where: Partial<Record<keyof PersonMatchSuggestion & string, string>> = {};
  if (filter.status !== 'all') where.status = filter.status ?? 'open';
  if (filter.importId) where.importId = filter.importId;
  const all = await ctx.tx.personMatchSuggestions.findBy(where, 'createdAt');
  const bodies = await ctx.tx.bodies.findBy({});
  const mine = await manageableBodies(ctx);
  return all
    .filter((s) => ctx.actor.isAdmin || s.bodyIds.every((id) => mine.has(id)))
    .map((s) => ({ ...s, bodies: s.bodyIds.map((id) => ({ id, name: bodies.find((b) => b.id === id)?.name ?? id })) }));
});

/** The listed person is the existing one (default: the best candidate). */
export async function confirmMatchSuggestion(ctx: UseCaseContext, { suggestionId, personId }: { suggestionId: Id; personId?: Id | undefined }): Promise<SuggestionView> {
  return resolveSuggestion(ctx, suggestionId, 'confirmed', personId);
}

/** The listed person is someone else: the import creates a new person. */
export async function rejectMatchSuggestion(ctx: UseCaseContext, { suggestionId }: { suggestionId: Id }): Promise<SuggestionView> {
  return resolveSuggestion(ctx, suggestionId, 'rejected');
}

async function resolveSuggestion(ctx: UseCaseContext, id: Id, status: 'confirmed' | 'rejected', personId?: Id): Promise<SuggestionView> {
  const { tx } = ctx;
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
  const saved = await tx.personMatchSuggestions.update({
    ...s,
    status,
    resolvedPersonId,
    resolvedBy: ctx.actor.personId,
    resolvedAt: ctx.clock.now().toISOString(),
  });
  await tx.audit.record({
    actorPersonId: ctx.actor.personId,
    action: status === 'confirmed' ? 'person_match.confirm' : 'person_match.reject',
    entity: 'person_match_suggestion',
    entityId: id,
    details: { listedName: s.listedName, personId: resolvedPersonId, importId: s.importId },
    correlationId: ctx.correlationId,
  });
  const bodies = await tx.bodies.findBy({});
  return { ...saved, bodies: saved.bodyIds.map((b) => ({ id: b, name: bodies.find((x) => x.id === b)?.name ?? b })) };
}

async function manageableBodies(ctx: UseCaseContext): Promise<Set<Id>> {
  if (!ctx.actor.personId) return new Set();
  const mine = await ctx.tx.memberships.findBy({ personId: ctx.actor.personId });
  const out = new Set<Id>();
  for (const m of mine) {
    // Only bodies the actor may manage: a member who is not their secretary does not see their suggestions.
    if (can(ctx.actor, 'roster.manage', { roles: await rolesOn(ctx.tx, ctx.actor.personId, [m.bodyId]) }).allowed) out.add(m.bodyId);
  }
  return out;
}
