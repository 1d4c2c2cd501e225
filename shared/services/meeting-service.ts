import { STANDARD_AGENDA, STANDARD_OPENING_KEYS, type AgendaItem, type Meeting } from '../domain';
import type { AgendaItemInput, CreateMeetingInput, UpdateMeetingInput } from '../contracts/meeting';
import { RadslagError } from '../errors/catalog';
import type { Repositories } from '../ports/store';
import { authorize, meetingPolicyContext, rolesOn } from './access';
import type { RequestContext, ServiceDeps } from './context';
import { stripUndefined } from './council-service';

export interface MeetingWithAgenda {
  meeting: Meeting;
  items: AgendaItem[];
}

/** The standard agenda with content items between the opening and the closing standard items. */
export function buildStandardAgenda(content: readonly AgendaItemInput[], locale: 'sv' | 'en' = 'sv'): AgendaItemInput[] {
  const opening = STANDARD_AGENDA.filter((t) => STANDARD_OPENING_KEYS.includes(t.key));
  const closing = STANDARD_AGENDA.filter((t) => !STANDARD_OPENING_KEYS.includes(t.key));
  const std = (t: (typeof STANDARD_AGENDA)[number]) =>
    ({ title: t.title[locale], kind: t.kind, presenters: [], attachments: [], plannedMinutes: t.plannedMinutes, standardKey: t.key }) as AgendaItemInput & {
      standardKey: string;
    };
  return [...opening.map(std), ...content, ...closing.map(std)];
}

/** A new, not yet started agenda item at `number` from an item template (standard or content). */
export function agendaItemFromTemplate(id: string, meetingId: string, number: number, t: AgendaItemInput): AgendaItem {
  return {
    id,
    meetingId,
    number,
    title: t.title,
    presenters: t.presenters.map((p) => ({ personId: p.personId ?? null, name: p.name })),
    kind: t.kind,
    standardKey: ((t as { standardKey?: string }).standardKey ?? null) as AgendaItem['standardKey'],
    attachments: t.attachments,
    plannedMinutes: t.plannedMinutes ?? null,
    status: 'pending',
    notes: '',
    startedAt: null,
    endedAt: null,
    carriedFromItemId: null,
    version: 1,
  };
}

export class MeetingService {
  constructor(private readonly deps: ServiceDeps) {}

  async list(ctx: RequestContext, filter: { bodyId?: string; from?: string; to?: string }): Promise<Meeting[]> {
    const repos = this.deps.store.read;
    let bodyIds: string[];
    if (filter.bodyId) {
      authorize(ctx.actor, 'body.read', { roles: await rolesOn(repos, ctx.actor.personId, [filter.bodyId]) });
      bodyIds = [filter.bodyId];
    } else if (ctx.actor.isAdmin) {
      bodyIds = (await repos.bodies.findBy({})).map((b) => b.id);
    } else {
      const mine = ctx.actor.personId ? await repos.memberships.findBy({ personId: ctx.actor.personId }) : [];
      bodyIds = [...new Set(mine.map((m) => m.bodyId))];
    }
    return repos.meetings.listForBodies(bodyIds, { from: filter.from, to: filter.to });
  }

  async get(ctx: RequestContext, id: string): Promise<MeetingWithAgenda> {
    const repos = this.deps.store.read;
    const meeting = await repos.meetings.require(id);
    authorize(ctx.actor, 'meeting.read', await meetingPolicyContext(repos, ctx.actor, meeting));
    const items = await repos.agendaItems.findBy({ meetingId: id }, 'number');
    return { meeting, items };
  }

  async create(ctx: RequestContext, input: CreateMeetingInput): Promise<MeetingWithAgenda> {
    return this.deps.store.transaction(async (tx) => {
      const bodies = await Promise.all(input.bodyIds.map((id) => tx.bodies.require(id)));
      authorize(ctx.actor, 'meeting.manage', { roles: await rolesOn(tx, ctx.actor.personId, input.bodyIds) });
      const host = bodies[0]!;
      const secretaries = input.secretaryPersonIds.length > 0 ? input.secretaryPersonIds : await defaultSecretaries(tx, input.bodyIds);
      const chair = input.chairPersonId ?? (await defaultChair(tx, host.id));
      const meeting = await tx.meetings.insert({
        id: this.deps.ids.next(),
        tenantId: this.deps.store.tenantId,
        bodyIds: input.bodyIds,
        title: input.title ?? null,
        documentKind: input.documentKind ?? host.defaultDocumentKind,
        startsAt: new Date(input.startsAt).toISOString(),
        endsAt: new Date(input.endsAt).toISOString(),
        timeZone: input.timeZone,
        place: input.place ?? null,
        mode: input.mode,
        status: 'planned',
        startedAt: null,
        endedAt: null,
        movedFromStartsAt: null,
        teams: null,
        chairPersonId: chair,
        secretaryPersonIds: secretaries,
        justerarePersonIds: [],
        version: 1,
      });
      const templates = input.standardAgenda ? buildStandardAgenda(input.items, ctx.locale) : input.items;
      const items: AgendaItem[] = [];
      for (const [i, t] of templates.entries()) items.push(await tx.agendaItems.insert(agendaItemFromTemplate(this.deps.ids.next(), meeting.id, i + 1, t)));
      await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'meeting.create', entity: 'meeting', entityId: meeting.id, details: { bodyIds: input.bodyIds, startsAt: meeting.startsAt }, correlationId: ctx.correlationId });
      return { meeting, items };
    });
  }

  async update(ctx: RequestContext, id: string, input: UpdateMeetingInput): Promise<Meeting> {
    const updated = await this.deps.store.transaction(async (tx) => {
      const current = await tx.meetings.require(id);
      authorize(ctx.actor, 'meeting.manage', await meetingPolicyContext(tx, ctx.actor, current));
      const next: Meeting = { ...current, ...(stripUndefined(input) as Partial<Meeting>), version: input.version };
      if (input.startsAt) next.startsAt = new Date(input.startsAt).toISOString();
      if (input.endsAt) next.endsAt = new Date(input.endsAt).toISOString();
      if (Date.parse(next.endsAt) <= Date.parse(next.startsAt))
        throw new RadslagError('VALIDATION_FAILED', { detailSv: 'sluttiden måste vara efter starttiden', detailEn: 'endsAt must be after startsAt' });
      if (input.startsAt && next.startsAt !== current.startsAt && current.status !== 'cancelled') {
        next.status = input.status ?? 'moved';
        next.movedFromStartsAt = current.startsAt;
      }
      const saved = await tx.meetings.update(next);
      await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'meeting.update', entity: 'meeting', entityId: id, details: { fields: Object.keys(input).filter((k) => k !== 'version') }, correlationId: ctx.correlationId });
      return saved;
    });
    await this.deps.events.publish({ type: 'meeting.updated', meetingId: id, data: { version: updated.version } });
    return updated;
  }
}

async function defaultSecretaries(repos: Repositories, bodyIds: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const bodyId of bodyIds) {
    for (const m of await repos.memberships.findBy({ bodyId, role: 'sekreterare' })) if (m.personId && !ids.includes(m.personId)) ids.push(m.personId);
  }
  return ids;
}

async function defaultChair(repos: Repositories, bodyId: string): Promise<string | null> {
  const [chair] = await repos.memberships.findBy({ bodyId, role: 'ordförande' });
  return chair?.personId ?? null;
}
