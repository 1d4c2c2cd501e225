import { STANDARD_AGENDA, STANDARD_OPENING_KEYS, type AgendaItem, type Meeting } from '../domain';
import type { AgendaItemInput, CreateMeetingInput, UpdateMeetingInput } from '../contracts/meeting';
import type { MeetingWithAgenda } from '../contracts/meeting-views';
import { RadslagError } from '../errors/catalog';
import type { Repositories } from '../ports/store';
import { authorize, meetingPolicyContext, rolesOn } from './access';
import { readOnly, type UseCaseContext } from '../usecase/context';
import { stripUndefined } from './council-service';

export type { MeetingWithAgenda } from '../contracts/meeting-views';

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

export const listMeetings = readOnly(async (ctx, filter: { bodyId?: string | undefined; from?: string | undefined; to?: string | undefined }): Promise<Meeting[]> => {
  let bodyIds: string[];
  if (filter.bodyId) {
    authorize(ctx.actor, 'body.read', { roles: await rolesOn(ctx.tx, ctx.actor.personId, [filter.bodyId]) });
    bodyIds = [filter.bodyId];
  } else if (ctx.actor.isAdmin) {
    bodyIds = (await ctx.tx.bodies.findBy({})).map((b) => b.id);
  } else {
    const mine = ctx.actor.personId ? await ctx.tx.memberships.findBy({ personId: ctx.actor.personId }) : [];
    bodyIds = [...new Set(mine.map((m) => m.bodyId))];
  }
  return ctx.tx.meetings.listForBodies(bodyIds, { from: filter.from, to: filter.to });
});

export const getMeeting = readOnly(async (ctx, { meetingId }: { meetingId: string }): Promise<MeetingWithAgenda> => {
  const meeting = await ctx.tx.meetings.require(meetingId);
  authorize(ctx.actor, 'meeting.read', await meetingPolicyContext(ctx.tx, ctx.actor, meeting));
  const items = await ctx.tx.agendaItems.findBy({ meetingId }, 'number');
  return { meeting, items };
});

export async function createMeeting(ctx: UseCaseContext, input: CreateMeetingInput): Promise<MeetingWithAgenda> {
  const { tx } = ctx;
  const bodies = await Promise.all(input.bodyIds.map((id) => tx.bodies.require(id)));
  authorize(ctx.actor, 'meeting.manage', { roles: await rolesOn(tx, ctx.actor.personId, input.bodyIds) });
  const host = bodies[0]!;
  const secretaries = input.secretaryPersonIds.length > 0 ? input.secretaryPersonIds : await defaultSecretaries(tx, input.bodyIds);
  const chair = input.chairPersonId ?? (await defaultChair(tx, host.id));
  const meeting = await tx.meetings.insert({
    id: ctx.ids.next(),
    tenantId: ctx.tenantId,
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
    teams: input.teamsJoinUrl ? { joinUrl: input.teamsJoinUrl } : null,
    chairPersonId: chair,
    secretaryPersonIds: secretaries,
    justerarePersonIds: [],
    version: 1,
  });
  const templates = input.standardAgenda ? buildStandardAgenda(input.items, ctx.locale) : input.items;
  const items: AgendaItem[] = [];
  for (const [i, t] of templates.entries()) items.push(await tx.agendaItems.insert(agendaItemFromTemplate(ctx.ids.next(), meeting.id, i + 1, t)));
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'meeting.create', entity: 'meeting', entityId: meeting.id, details: { bodyIds: input.bodyIds, startsAt: meeting.startsAt }, correlationId: ctx.correlationId });
  return { meeting, items };
}

/**
 * Changes a meeting. A new start time moves it (status 'moved'); a moved or cancelled meeting's notices to
 * everyone invited are a job written with the change, so a crash right after the commit cannot lose them.
 */
export async function updateMeeting(ctx: UseCaseContext, { meetingId, teamsJoinUrl, ...input }: { meetingId: string } & UpdateMeetingInput): Promise<Meeting> {
  const { tx } = ctx;
  const current = await tx.meetings.require(meetingId);
  authorize(ctx.actor, 'meeting.manage', await meetingPolicyContext(tx, ctx.actor, current));
  const next: Meeting = { ...current, ...(stripUndefined(input) as Partial<Meeting>), version: input.version };
  // The link lives with the Teams binding; changing it keeps the linked Teams meeting.
  if (teamsJoinUrl !== undefined) next.teams = { ...(current.teams ?? {}), joinUrl: teamsJoinUrl };
  if (input.startsAt) next.startsAt = new Date(input.startsAt).toISOString();
  if (input.endsAt) next.endsAt = new Date(input.endsAt).toISOString();
  if (Date.parse(next.endsAt) <= Date.parse(next.startsAt)) throw new RadslagError('VALIDATION_FAILED', { detailSv: 'sluttiden måste vara efter starttiden', detailEn: 'endsAt must be after startsAt' });
  if (input.justerarePersonIds) await assertSeatedInMeeting(tx, current.bodyIds, input.justerarePersonIds);
  if (input.startsAt && next.startsAt !== current.startsAt && current.status !== 'cancelled') {
    next.status = input.status ?? 'moved';
    next.movedFromStartsAt = current.startsAt;
  }
  const saved = await tx.meetings.update(next);
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'meeting.update', entity: 'meeting', entityId: meetingId, details: { fields: Object.keys(input).filter((k) => k !== 'version') }, correlationId: ctx.correlationId });
  // Told only by the update that makes the change: saving the meeting again later (even after the job that
  // told it was purged, shared/services/job-retention.ts) tells nobody twice.
  if (saved.status !== current.status || saved.startsAt !== current.startsAt) await queueChangeNotices(ctx, saved);
  ctx.events.push({ type: 'meeting.updated', meetingId, data: { version: saved.version } });
  return saved;
}

/**
 * A moved or cancelled meeting tells everyone invited (kallelse-service.notifyMeetingChanged, run by the
 * job). The key names the change (status and start), so the same change is told once however often the
 * meeting is saved afterwards.
 */
export async function queueChangeNotices(ctx: UseCaseContext, meeting: Meeting): Promise<void> {
  if (meeting.status !== 'moved' && meeting.status !== 'cancelled') return;
  await ctx.enqueue('meeting.change_notices', { meetingId: meeting.id }, { dedupeKey: `meeting.change_notices:${meeting.id}:${meeting.status}:${meeting.startsAt}` });
}

/** Justerare are chosen among the people who hold a seat in one of the meeting's bodies, checked here and not only by the tab's list. */
async function assertSeatedInMeeting(repos: Repositories, bodyIds: readonly string[], personIds: readonly string[]): Promise<void> {
  const seated = new Set<string>();
  for (const bodyId of bodyIds) for (const m of await repos.memberships.findBy({ bodyId })) if (m.personId) seated.add(m.personId);
  const outside = personIds.filter((id) => !seated.has(id));
  if (outside.length > 0) throw new RadslagError('VALIDATION_FAILED', { detailSv: 'justerare måste ha en plats i mötets organ', detailEn: 'justerare must hold a seat in one of the meeting’s bodies' });
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
