import { cardDelivery } from './delivery-failure';
import type { Meeting, UpcomingDate } from '../domain';
import { RadslagError } from '../errors/catalog';
import { buildMinutesModel } from '../minutes/build-minutes-model';
import { minutesChanges } from '../minutes/minutes-changes';
import type { JusteringSignature, MinutesInput, MinutesModel, MinutesStatus } from '../minutes/minutes-model';
import { renderMinutesHtml } from '../minutes/render-html';
import { canonicalMinutesText, renderMinutesText } from '../minutes/render-text';
import type { Repositories } from '../ports/store';
import { authorize, meetingPolicyContext } from './access';
import { can, type PolicyContext } from '../domain/policy';
import { enqueueSend } from './outbox';
import { readOnly, type UseCaseContext } from '../usecase/context';
import type { MinutesLock, MinutesVersion, MinutesVersionStatus } from '../domain/minutes-records';
import type { MinutesOverview, MinutesVersionSummary } from '../contracts/minutes-views';


export type { MinutesOverview, MinutesVersionSummary } from '../contracts/minutes-views';

/** sha256 hex over UTF-8 with Web Crypto (available in Node 20 and browsers; shared/ stays free of node:*). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The text a version's content hash covers: the canonical minutes text, preceded for a rättelse by the
 * line that says what it corrects (so the reason is covered by the hash as well).
 */
export function versionCanonicalText(model: MinutesModel, correction?: { ofVersion: number; reason: string } | null): string {
  const head = correction ? `Rättelse av version ${correction.ofVersion}: ${correction.reason.trim()}\n\n` : '';
  return `${head}${canonicalMinutesText(model)}`;
}

export async function versionContentHash(model: MinutesModel, correction?: { ofVersion: number; reason: string } | null): Promise<string> {
  return sha256Hex(versionCanonicalText(model, correction));
}

/** Gathers everything the minutes model needs from the store (one meeting). */
export async function loadMinutesInput(
  repos: Repositories,
  meeting: Meeting,
  opts: { version: number; status: MinutesStatus; justering?: JusteringSignature[]; contentHash?: string | null },
): Promise<MinutesInput> {
  const bodies = await Promise.all(meeting.bodyIds.map((id) => repos.bodies.require(id)));
  const memberships = (await Promise.all(meeting.bodyIds.map((bodyId) => repos.memberships.findBy({ bodyId })))).flat();
  const [attendance, intervals, items, chairHandovers, decisions, recusals, tasks, evaluations, upcomingDates, persons, organisations, servingPeriods] = await Promise.all([
    repos.attendance.findBy({ meetingId: meeting.id }),
    repos.attendanceIntervals.findBy({ meetingId: meeting.id }),
    repos.agendaItems.findBy({ meetingId: meeting.id }, 'number'),
    repos.chairHandovers.findBy({ meetingId: meeting.id }),
    repos.decisions.findBy({ meetingId: meeting.id }),
    repos.recusals.findBy({ meetingId: meeting.id }),
    repos.tasks.findBy({ meetingId: meeting.id }),
    repos.evaluations.findBy({ meetingId: meeting.id }),
    repos.upcomingDates.findBy({ meetingId: meeting.id }),
    repos.people.listAll(),
    repos.organisations.findBy({}),
    repos.servingPeriods.findBy({ meetingId: meeting.id }),
  ]);
  return {
    meeting,
    bodies,
    persons,
    organisations,
    memberships,
    attendance,
    intervals,
    servingPeriods,
    items,
    chairHandovers,
    decisions,
    recusals,
    tasks,
    evaluations,
    upcomingDates,
    justering: opts.justering ?? [],
    version: opts.version,
    status: opts.status,
    contentHash: opts.contentHash ?? null,
  };
}

export function summarise(v: MinutesVersion, all: readonly MinutesVersion[]): MinutesVersionSummary {
  return {
    number: v.number,
    status: v.status,
    contentHash: v.contentHash,
    createdAt: v.createdAt,
    createdBy: v.createdBy,
    supersedes: v.supersedes ? (all.find((x) => x.id === v.supersedes)?.number ?? null) : null,
    reason: v.reason,
    justeringSentAt: v.justeringSentAt,
    justeringDeadline: v.justeringDeadline,
    lockedAt: v.lockedAt,
  };
}

/**
 * The policy context for reading the minutes, with what decides who reads a draft: the chair (the meeting's,
 * an ordförande of its bodies, or whoever took the chair at an item), the justerare, the lock and the body's setting.
 */
export async function minutesReadContext(repos: Repositories, actor: UseCaseContext['actor'], meeting: Meeting): Promise<PolicyContext> {
  const policy = await meetingPolicyContext(repos, actor, meeting);
  const lock = await lockOf(repos, meeting.id);
  const handovers = actor.personId ? await repos.chairHandovers.findBy({ meetingId: meeting.id }) : [];
  const isMeetingChair = !!actor.personId && (meeting.chairPersonId === actor.personId || policy.roles.includes('ordförande') || policy.isCurrentChair === true || handovers.some((h) => h.personId === actor.personId));
  const host = await repos.bodies.get(meeting.bodyIds[0]!);
  // "Until justerad": once a final version exists the earlier drafts are part of the record, also while a rättelse is open.
  return { ...policy, isMeetingChair, minutesLocked: (lock?.locked ?? false) || !!lock?.finalVersionId, draftReaders: host?.minutesDraftReaders ?? null };
}

/** Whether the actor reads unjusterade drafts (policy 'minutes.read_draft'). */
export function readsDrafts(actor: UseCaseContext['actor'], policy: PolicyContext): boolean {
  return can(actor, 'minutes.read_draft', policy).allowed;
}

/** A draft is readable by those the body lets read drafts; once justerad (or for final versions) by every reader. */
function visibleTo(v: MinutesVersion, drafts: boolean): boolean {
  return drafts || v.status !== 'draft';
}

export async function lockOf(repos: Repositories, meetingId: string): Promise<MinutesLock | null> {
  const [lock] = await repos.minutesLocks.findBy({ meetingId });
  return lock ?? null;
}

export async function versionsOf(repos: Repositories, meetingId: string): Promise<MinutesVersion[]> {
  return repos.minutesVersions.findBy({ meetingId }, 'number');
}

export async function requireVersion(repos: Repositories, meetingId: string, number: number): Promise<MinutesVersion> {
  const v = (await versionsOf(repos, meetingId)).find((x) => x.number === number);
  if (!v) throw new RadslagError('NOT_FOUND', { entity: `Protokollversion ${number} / Minutes version ${number}` });
  return v;
}

/** Writes a new version row: model, html, text and content hash, numbered after the last one. */
export async function insertVersion(
  ctx: Pick<UseCaseContext, 'tx' | 'ids' | 'clock'>,
  input: { meeting: Meeting; model: MinutesModel; status: MinutesVersionStatus; createdBy: string | null; supersedes?: string | null; reason?: string | null; correctionOf?: number | null; lockedAt?: string | null },
): Promise<MinutesVersion> {
  const correction = input.correctionOf && input.reason ? { ofVersion: input.correctionOf, reason: input.reason } : null;
  const contentHash = await versionContentHash(input.model, correction);
  const locked = input.status !== 'draft';
  const model: MinutesModel = locked ? { ...input.model, contentHash } : input.model;
  const head = correction ? `Rättelse av version ${correction.ofVersion}: ${correction.reason.trim()}` : null;
  const html = `${head ? `<p><b>${escapeText(head)}</b></p>` : ''}${renderMinutesHtml(model)}`;
  const text = `${head ? `${head}\n\n` : ''}${renderMinutesText(model)}`;
  return ctx.tx.minutesVersions.insert({
    id: ctx.ids.next(),
    tenantId: input.meeting.tenantId,
    meetingId: input.meeting.id,
    number: input.model.version,
    status: input.status,
    model,
    html,
    text,
    contentHash,
    createdBy: input.createdBy,
    createdAt: ctx.clock.now().toISOString(),
    supersedes: input.supersedes ?? null,
    reason: input.reason ?? null,
    justeringSentAt: null,
    justeringDeadline: null,
    lockedAt: input.lockedAt ?? null,
    version: 1,
  });
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Minutes of a meeting: every regenerated draft is a new stored version (model, HTML, text, content hash);
 * reading is for members, generating for the secretary, and nothing is generated once the minutes are
 * justerade and locked (a rättelse goes through justering-service.ts).
 */
export const minutesOverview = readOnly(async (ctx, { meetingId }: { meetingId: string }): Promise<MinutesOverview> => {
  const repos = ctx.tx;
  const meeting = await repos.meetings.require(meetingId);
  const policy = await minutesReadContext(repos, ctx.actor, meeting);
  authorize(ctx.actor, 'minutes.read', policy);
  const drafts = readsDrafts(ctx.actor, policy);
  const all = await versionsOf(repos, meetingId);
  // Whoever may not read drafts is not shown them at all, nor told what they changed.
  const versions = all.filter((v) => visibleTo(v, drafts));
  const lock = await lockOf(repos, meetingId);
  const final = lock?.finalVersionId ? all.find((v) => v.id === lock.finalVersionId) : undefined;
  // Who has signed is shown to every reader (it says nothing of the draft's wording).
  const out = [...all].reverse().find((v) => v.status === 'draft' && v.justeringSentAt);
  let justeringRound: MinutesOverview['justeringRound'] = null;
  const secretary = policy.isMeetingSecretary || ctx.actor.isAdmin || policy.roles.includes('sekreterare');
  const people = new Map((await repos.people.listAll()).map((p) => [p.id, p.name]));
  if (out) {
    const sigs = await repos.justeringSignatures.findBy({ minutesVersionId: out.id });
    const requests = await repos.justeringChangeRequests.findBy({ meetingId });
    justeringRound = {
      version: out.number,
      deadline: out.justeringDeadline,
      signed: sigs.map((s) => ({ personId: s.personId, name: people.get(s.personId) ?? '', signedAt: s.signedAt, method: s.method })),
      pending: meeting.justerarePersonIds.filter((id) => !sigs.some((s) => s.personId === id)).map((id) => ({ personId: id, name: people.get(id) ?? '' })),
      // A change request quotes the draft's wording: only for those who may read the draft.
      changeRequests: drafts ? requests.map((r) => ({ personId: r.personId, name: people.get(r.personId) ?? '', comment: r.comment, at: r.at, status: r.status })) : [],
    };
  }
  // The secretary is told whose card reached them and who could not be reached in Teams, and why.
  if (out && justeringRound && secretary) {
    const jobs = await repos.jobs.list({ kind: 'teams.send', dedupeKeyPrefix: `justering.card:${out.id}:`, limit: 200 });
    for (const p of justeringRound.pending) p.delivery = cardDelivery(jobs.filter((j) => j.dedupeKey?.startsWith(`justering.card:${out.id}:${p.personId}:`)));
  }
  // The secretary sees what a regeneration would produce now; others see stored versions only.
  let preview: MinutesOverview['preview'] = null;
  if (secretary && !lock?.locked) {
    const model = buildMinutesModel(await loadMinutesInput(repos, meeting, { version: (all.at(-1)?.number ?? 0) + 1, status: 'draft' }));
    preview = { html: renderMinutesHtml(model), text: renderMinutesText(model, 'markdown') };
  }
  const latest = versions.at(-1) ?? null;
  return {
    meetingId,
    current: latest ? { id: latest.id, version: latest.number, status: latest.status, model: latest.model, html: latest.html, createdAt: latest.createdAt, contentHash: latest.contentHash } : null,
    justering: justeringRound ? [...justeringRound.signed.map((x) => ({ personId: x.personId, name: x.name, signedAt: x.signedAt, method: x.method, status: 'signed' as const })), ...justeringRound.pending.map((x) => ({ personId: x.personId, name: x.name, signedAt: null, method: null, status: 'pending' as const, ...(x.delivery !== undefined ? { delivery: x.delivery } : {}) }))] : [],
    locked: lock?.locked ?? false,
    correctionOpen: !!lock && !lock.locked && !!lock.correctionReason,
    finalVersion: final?.number ?? null,
    versions: versions.map((v, n) => ({ ...summarise(v, versions), createdByName: v.createdBy ? (people.get(v.createdBy) ?? null) : null, changes: minutesChanges(n > 0 ? versions[n - 1]!.model : null, v.model) })),
    justeringRound,
    preview,
  };
});

/** A new draft version from the meeting's current data. */
export async function regenerateMinutes(ctx: UseCaseContext, { meetingId }: { meetingId: string }): Promise<MinutesVersionSummary> {
  const { tx } = ctx;
  const meeting = await tx.meetings.require(meetingId);
  const lock = await lockOf(tx, meetingId);
  authorize(ctx.actor, 'minutes.generate', await meetingPolicyContext(tx, ctx.actor, meeting));
  if (lock?.locked) throw new RadslagError('LOCKED_FINAL');
  if (lock && lock.correctionReason) throw new RadslagError('CONFLICT_STATE', { detailSv: 'en rättelse pågår; skapa rättelseversionen i stället', detailEn: 'a correction is open; create the correction version instead' });
  const versions = await versionsOf(tx, meetingId);
  const number = (versions.at(-1)?.number ?? 0) + 1;
  const model = buildMinutesModel(await loadMinutesInput(tx, meeting, { version: number, status: 'draft' }));
  const v = await insertVersion(ctx, { meeting, model, status: 'draft', createdBy: ctx.actor.personId });
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'minutes.generate', entity: 'minutes_version', entityId: v.id, details: { meetingId, number, contentHash: v.contentHash }, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'minutes.version_created', meetingId, data: { number: v.number } });
  return summarise(v, [...versions, v]);
}

export const minutesVersion = readOnly(async (ctx, { meetingId, number }: { meetingId: string; number: number }): Promise<MinutesVersion> => {
  const meeting = await ctx.tx.meetings.require(meetingId);
  const policy = await minutesReadContext(ctx.tx, ctx.actor, meeting);
  authorize(ctx.actor, 'minutes.read', policy);
  const v = await requireVersion(ctx.tx, meetingId, number);
  if (v.status === 'draft') authorize(ctx.actor, 'minutes.read_draft', policy);
  return v;
});

/** The latest version, for the secretary who publishes it (refused to others before anything else is said). */
export const latestToPublish = readOnly(async (ctx, { meetingId }: { meetingId: string }): Promise<MinutesVersion> => {
  const meeting = await ctx.tx.meetings.require(meetingId);
  authorize(ctx.actor, 'minutes.publish', await meetingPolicyContext(ctx.tx, ctx.actor, meeting));
  const latest = (await versionsOf(ctx.tx, meetingId)).at(-1);
  if (!latest) throw new RadslagError('CONFLICT_STATE', { detailSv: 'det finns ingen version att publicera', detailEn: 'there is no version to publish' });
  return latest;
});

/** The key of the meeting-end draft: the job's dedupe key and the draft's idempotency key. */
export const meetingEndDraftKey = (meetingId: string): string => `minutes.meeting_end:${meetingId}`;

/** The meeting ended (from Teams, or its last item was finished): its first draft is a job of the same transaction. */
export async function queueMinutesDraftAtMeetingEnd(ctx: UseCaseContext, meetingId: string): Promise<void> {
  await ctx.enqueue('minutes.meeting_end', { meetingId }, { dedupeKey: meetingEndDraftKey(meetingId) });
}

/**
 * When the meeting ends: the first draft is generated from what was recorded, and the bot posts "Utkast
 * klart …" in each bound council channel with a link for the secretary. Runs once per meeting (the job runs
 * it under meetingEndDraftKey), whoever asks first; nothing happens for a locked or cancelled meeting.
 */
export async function draftMinutesAtMeetingEnd(ctx: UseCaseContext, { meetingId }: { meetingId: string }): Promise<{ number: number; channels: number } | null> {
  const { tx } = ctx;
  const meeting = await tx.meetings.get(meetingId);
  const lock = meeting ? await lockOf(tx, meetingId) : null;
  if (!meeting || !meeting.endedAt || meeting.status === 'cancelled' || lock?.locked) return null;
  const versions = await versionsOf(tx, meetingId);
  const number = (versions.at(-1)?.number ?? 0) + 1;
  const model = buildMinutesModel(await loadMinutesInput(tx, meeting, { version: number, status: 'draft' }));
  const v = await insertVersion(ctx, { meeting, model, status: 'draft', createdBy: null });
  let channels = 0;
  for (const bodyId of meeting.bodyIds) {
    const body = await tx.bodies.get(bodyId);
    const ref = body?.teamsChannelId ? await tx.conversationRefs.get(`channel:${body.teamsChannelId}`) : null;
    if (!body || !ref) continue;
    const secretaries = (await Promise.all(meeting.secretaryPersonIds.map((id) => tx.people.get(id)))).filter((p) => !!p).map((p) => p!.name);
    const text = `Utkast klart: ${model.header.documentKindLabel.toLowerCase()} för ${body.name} ${model.header.date} (version ${number}). ${secretaries.length ? `${secretaries.join(', ')}: granska` : 'Sekreteraren granskar'} och skicka för justering: ${ctx.links.minutesUrl(meetingId, number)}`;
    await enqueueSend(ctx, { to: { conversationKey: ref.key }, message: { text }, purpose: 'minutes draft ready (meeting end)', dedupeKey: `minutes.draft_ready:${meetingId}:${bodyId}` });
    channels++;
  }
  await tx.audit.record({ actorPersonId: null, actorLabel: 'teams', action: 'minutes.generate', entity: 'minutes_version', entityId: v.id, details: { meetingId, number, at: 'meeting_end', channels } });
  ctx.events.push({ type: 'minutes.version_created', meetingId, data: { number } });
  return { number, channels };
}

/** The secretary adds an upcoming meeting date for the minutes ("21 april em"). */
export async function addUpcomingDate(ctx: UseCaseContext, { meetingId, date, note }: { meetingId: string; date: string; note?: string | null | undefined }): Promise<UpcomingDate> {
  const { tx } = ctx;
  const meeting = await tx.meetings.require(meetingId);
  authorize(ctx.actor, 'notes.edit', await meetingPolicyContext(tx, ctx.actor, meeting, { minutesLocked: (await lockOf(tx, meeting.id))?.locked ?? false }));
  const position = (await tx.upcomingDates.findBy({ meetingId: meeting.id })).length + 1;
  const row = await tx.upcomingDates.insert({ id: ctx.ids.next(), meetingId: meeting.id, date, note: note ?? null, position });
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'upcoming_date.add', entity: 'meeting', entityId: meeting.id, details: { date }, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'meeting.updated', meetingId, data: { upcoming: true } });
  return row;
}
