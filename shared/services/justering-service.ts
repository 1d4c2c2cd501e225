import type { Meeting, Person } from '../domain';
import { RadslagError } from '../errors/catalog';
import { buildMinutesModel } from '../minutes/build-minutes-model';
import type { JusteringMethod, JusteringSignature } from '../minutes/minutes-model';
import { isCalendarDate, isoDateInZone } from '../minutes/swedish-time';
import type { Repositories } from '../ports/store';
import { authorize, meetingPolicyContext } from './access';
import { readOnly, type UseCaseContext } from '../usecase/context';
import type { JusteringSignatureRecord, MinutesVersion } from '../domain/minutes-records';
import { insertVersion, loadMinutesInput, lockOf, requireVersion, sha256Hex, summarise, versionCanonicalText, versionsOf, type MinutesVersionSummary } from './minutes-service';
import { wentToFallback } from './delivery-failure';
import { enqueueSend, type SendPayload } from './outbox';

/** Justering is due within 14 days of the meeting (the councils' rule, as kommunallagen's for protokoll). */
export const JUSTERING_DAYS = 14;
/** Reminders to those who have not signed: this many days before the deadline. */
export const JUSTERING_REMINDER_DAYS_BEFORE = [3, 1] as const;

const DAY = 86_400_000;

export interface JusteringResult {
  version: number;
  signed: string[];
  pending: string[];
  /** Set when this action completed the justering: the final version. */
  final: MinutesVersionSummary | null;
}

/**
 * Justering: the secretary sends a draft version to the appointed justerare (a 1:1 card each), they sign
 * ("Justera") or ask for a change (the secretary is told), the secretary may record a justering done
 * outside Teams; when everyone has signed a final version is written (stamped, hashed) and the meeting
 * locked. A rättelse opens the lock for the secretary and closes it with a new, audited version. Events go
 * out after commit (the runner publishes them): a rolled-back signature announces nothing.
 */
type VersionRef = { meetingId: string; number: number };

export async function sendForJustering(ctx: UseCaseContext, { meetingId, version }: { meetingId: string; version?: number | undefined }): Promise<{ version: number; deadline: string; justerare: string[] }> {
  const { tx } = ctx;
  const meeting = await tx.meetings.require(meetingId);
  authorize(ctx.actor, 'minutes.publish', await meetingPolicyContext(tx, ctx.actor, meeting));
  if ((await lockOf(tx, meetingId))?.locked) throw new RadslagError('LOCKED_FINAL');
  if (meeting.justerarePersonIds.length === 0) throw new RadslagError('CONFLICT_STATE', { detailSv: 'mötet har inga justerare', detailEn: 'the meeting has no justerare' });
  const versions = await versionsOf(tx, meetingId);
  const v = version ? versions.find((x) => x.number === version) : [...versions].reverse().find((x) => x.status === 'draft');
  if (!v) throw new RadslagError('CONFLICT_STATE', { detailSv: 'det finns inget utkast att skicka; skapa en version först', detailEn: 'there is no draft; create a version first' });
  if (v.status !== 'draft') throw new RadslagError('CONFLICT_STATE', { detailSv: `version ${v.number} är inte ett utkast`, detailEn: `version ${v.number} is not a draft` });
  if (versions.some((x) => x.number > v.number && x.status === 'draft' && x.justeringSentAt))
    throw new RadslagError('CONFLICT_STATE', { detailSv: 'en nyare version är redan skickad', detailEn: 'a newer version was already sent' });
  const now = ctx.clock.now();
  // The deadline counts from the meeting; a version sent late still gets at least a few days.
  const deadline = new Date(Math.max(Date.parse(meeting.endsAt) + JUSTERING_DAYS * DAY, now.getTime() + 3 * DAY)).toISOString();
  const sent = await tx.minutesVersions.update({ ...v, justeringSentAt: now.toISOString(), justeringDeadline: deadline });
  // Earlier versions out for justering are withdrawn: signatures and reminders belong to one text.
  for (const old of versions) {
    if (old.number < v.number && old.justeringSentAt) await cancelReminders(ctx, meeting, old);
  }
  for (const personId of meeting.justerarePersonIds) {
    await sendCard(ctx, meeting, sent, personId, 'request');
    for (const daysBefore of JUSTERING_REMINDER_DAYS_BEFORE) {
      const runAt = new Date(Date.parse(deadline) - daysBefore * DAY);
      if (runAt.getTime() <= now.getTime()) continue;
      await ctx.enqueue('justering.reminder', { meetingId, versionId: sent.id, personId, daysBefore }, { runAt: runAt.toISOString(), dedupeKey: reminderKey(sent.id, personId, daysBefore) });
    }
  }
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'justering.send', entity: 'minutes_version', entityId: sent.id, details: { meetingId, number: sent.number, deadline, justerare: meeting.justerarePersonIds }, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'minutes.justering_sent', meetingId, data: { number: sent.number } });
  return { version: sent.number, deadline, justerare: meeting.justerarePersonIds };
}

/** "Justera" from the card (or the tab): the actor signs the version that is out for justering. */
export async function signMinutes(ctx: UseCaseContext, { meetingId, number }: VersionRef): Promise<JusteringResult> {
  return withSignature(ctx, meetingId, number, async (meeting) => {
    const personId = ctx.actor.personId;
    authorize(ctx.actor, 'justering.sign', await meetingPolicyContext(ctx.tx, ctx.actor, meeting, { minutesLocked: (await lockOf(ctx.tx, meetingId))?.locked ?? false }));
    return { personId: personId!, method: 'teams' as const, note: null, signedAt: ctx.clock.now().toISOString() };
  });
}

/** The secretary records a justering made outside Teams ("Justerat den 2024-10-01 via e-post"). */
export async function recordExternalJustering(
  ctx: UseCaseContext,
  { meetingId, number, ...input }: VersionRef & { personId: string; date: string; method: Exclude<JusteringMethod, 'teams'>; note?: string | null | undefined },
): Promise<JusteringResult> {
  if (!isCalendarDate(input.date)) throw new RadslagError('VALIDATION_FAILED', { detailSv: `ogiltigt datum "${input.date}" (ÅÅÅÅ-MM-DD)`, detailEn: `invalid date "${input.date}" (YYYY-MM-DD)` });
  return withSignature(ctx, meetingId, number, async (meeting) => {
    const lock = await lockOf(ctx.tx, meetingId);
    authorize(ctx.actor, 'justering.record_external', await meetingPolicyContext(ctx.tx, ctx.actor, meeting));
    if (lock?.locked) throw new RadslagError('LOCKED_FINAL');
    if (!meeting.justerarePersonIds.includes(input.personId)) throw new RadslagError('VALIDATION_FAILED', { detailSv: 'personen är inte utsedd justerare', detailEn: 'the person is not an appointed justerare' });
    // Noon in the meeting's zone keeps the stated date whatever the zone's offset.
    const signedAt = new Date(`${input.date}T12:00:00Z`).toISOString();
    if (isoDateInZone(signedAt, meeting.timeZone) !== input.date) throw new RadslagError('VALIDATION_FAILED', { detailSv: 'datumet kan inte tolkas i mötets tidszon', detailEn: 'the date cannot be read in the time zone of the meeting' });
    if (Date.parse(signedAt) > ctx.clock.now().getTime() + DAY) throw new RadslagError('VALIDATION_FAILED', { detailSv: 'justeringsdatumet ligger i framtiden', detailEn: 'the date is in the future' });
    return { personId: input.personId, method: input.method, note: input.note?.trim() || null, signedAt };
  });
}

/** "Begär ändring": the comment goes to the secretary; the version stays out for justering. */
export async function requestMinutesChange(ctx: UseCaseContext, { meetingId, number, comment }: VersionRef & { comment: string }): Promise<{ version: number; requestId: string }> {
  const text = comment.trim();
  if (!text) throw new RadslagError('VALIDATION_FAILED', { detailSv: 'skriv vad som behöver ändras', detailEn: 'write what needs to change' });
  if (text.length > 4000) throw new RadslagError('VALIDATION_FAILED', { detailSv: 'kommentaren är för lång (högst 4000 tecken)', detailEn: 'the comment is too long (at most 4000 characters)' });
  const { tx } = ctx;
  const meeting = await tx.meetings.require(meetingId);
  const lock = await lockOf(tx, meetingId);
  authorize(ctx.actor, 'justering.sign', await meetingPolicyContext(tx, ctx.actor, meeting, { minutesLocked: lock?.locked ?? false }));
  const v = await versionOut(tx, meetingId, number);
  const id = ctx.ids.next();
  await tx.justeringChangeRequests.insert({ id, tenantId: meeting.tenantId, meetingId, minutesVersionId: v.id, personId: ctx.actor.personId!, comment: text, at: ctx.clock.now().toISOString(), status: 'open', version: 1 });
  const who = (await tx.people.get(ctx.actor.personId!))?.name ?? '';
  for (const secretary of meeting.secretaryPersonIds) {
    await enqueueSend(ctx, {
      to: { personId: secretary },
      message: { card: 'secretaryNotice', model: { locale: await localeFor(tx, secretary), headline: `${who} begär ändring i protokollet (version ${v.number})`, lines: [text, ctx.links.minutesUrl(meetingId, v.number)] } },
      purpose: 'justering change request to the secretary',
      dedupeKey: `justering.change:${id}:${secretary}`,
    });
  }
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'justering.request_change', entity: 'minutes_version', entityId: v.id, details: { meetingId, number: v.number, comment: text }, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'minutes.change_requested', meetingId, data: { number: v.number } });
  return { version: v.number, requestId: id };
}

/** Opens a rättelse: the lock lifts for the secretary's edits until the correction version is written. */
export async function openMinutesCorrection(ctx: UseCaseContext, { meetingId, reason }: { meetingId: string; reason: string }): Promise<{ open: true }> {
  const text = reason.trim();
  if (!text) throw new RadslagError('VALIDATION_FAILED', { detailSv: 'ange varför rättelsen görs', detailEn: 'give the reason for the correction' });
  const { tx } = ctx;
  const meeting = await tx.meetings.require(meetingId);
  authorize(ctx.actor, 'minutes.publish', await meetingPolicyContext(tx, ctx.actor, meeting));
  const lock = await lockOf(tx, meetingId);
  if (!lock?.locked) throw new RadslagError('CONFLICT_STATE', { detailSv: 'protokollet är inte justerat; ändra utkastet i stället', detailEn: 'the minutes are not final; edit the draft instead' });
  await tx.minutesLocks.update({ ...lock, locked: false, correctionReason: text, correctionOpenedBy: ctx.actor.personId });
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'minutes.correction_open', entity: 'meeting', entityId: meetingId, details: { reason: text }, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'minutes.correction_opened', meetingId });
  return { open: true };
}

/**
 * Writes the rättelse: a new version (status correction) built from the corrected data, keeping the
 * original final version untouched and the justering it had, then locks again.
 */
export async function writeMinutesCorrection(ctx: UseCaseContext, { meetingId }: { meetingId: string }): Promise<MinutesVersionSummary> {
  const { tx } = ctx;
  const meeting = await tx.meetings.require(meetingId);
  authorize(ctx.actor, 'minutes.publish', await meetingPolicyContext(tx, ctx.actor, meeting));
  const lock = await lockOf(tx, meetingId);
  if (!lock || lock.locked || !lock.correctionReason || !lock.finalVersionId) throw new RadslagError('CONFLICT_STATE', { detailSv: 'ingen rättelse är öppnad', detailEn: 'no correction is open' });
  const versions = await versionsOf(tx, meetingId);
  const previous = versions.find((v) => v.id === lock.finalVersionId)!;
  const signatures = await signaturesOf(tx, previous);
  const number = (versions.at(-1)?.number ?? 0) + 1;
  const model = buildMinutesModel(await loadMinutesInput(tx, meeting, { version: number, status: 'final', justering: signatures }));
  const now = ctx.clock.now().toISOString();
  const v = await insertVersion(ctx, { meeting, model, status: 'correction', createdBy: ctx.actor.personId, supersedes: previous.id, reason: lock.correctionReason, correctionOf: previous.number, lockedAt: now });
  await tx.minutesLocks.update({ ...lock, locked: true, finalVersionId: v.id, lockedAt: now, correctionReason: null, correctionOpenedBy: null });
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'minutes.correction', entity: 'minutes_version', entityId: v.id, details: { meetingId, number, supersedes: previous.number, reason: lock.correctionReason, contentHash: v.contentHash, previousHash: previous.contentHash }, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'minutes.corrected', meetingId, data: { number: v.number } });
  return summarise(v, [...versions, v]);
}

/** Recomputes a version's hash from its stored model and compares it with the stored one. */
export const verifyMinutesVersion = readOnly(async (ctx, { meetingId, number }: VersionRef): Promise<{ number: number; contentHash: string; recomputed: string; matches: boolean }> => {
  const repos = ctx.tx;
  const meeting = await repos.meetings.require(meetingId);
  authorize(ctx.actor, 'minutes.read', await meetingPolicyContext(repos, ctx.actor, meeting));
  const v = await requireVersion(repos, meetingId, number);
  const previous = v.supersedes ? (await versionsOf(repos, meetingId)).find((x) => x.id === v.supersedes) : undefined;
  const model = { ...v.model, contentHash: null };
  const recomputed = await sha256Hex(versionCanonicalText(model, v.status === 'correction' && previous && v.reason ? { ofVersion: previous.number, reason: v.reason } : null));
  return { number: v.number, contentHash: v.contentHash, recomputed, matches: recomputed === v.contentHash };
});

/** A reminder job: the justerare who still has not signed gets the card again. */
export async function remindJusterare(ctx: UseCaseContext, payload: { meetingId: string; versionId: string; personId: string; daysBefore: number }): Promise<{ sent: boolean; reason?: string }> {
  const { tx } = ctx;
  const meeting = await tx.meetings.get(payload.meetingId);
  const v = await tx.minutesVersions.get(payload.versionId);
  if (!meeting || !v) return { sent: false, reason: 'gone' };
  if ((await lockOf(tx, meeting.id))?.locked) return { sent: false, reason: 'locked' };
  const versions = await versionsOf(tx, meeting.id);
  if (versions.some((x) => x.number > v.number && x.justeringSentAt)) return { sent: false, reason: 'superseded' };
  if (!meeting.justerarePersonIds.includes(payload.personId)) return { sent: false, reason: 'not justerare' };
  if ((await tx.justeringSignatures.findBy({ minutesVersionId: v.id, personId: payload.personId })).length) return { sent: false, reason: 'signed' };
  await sendCard(ctx, meeting, v, payload.personId, `reminder-${payload.daysBefore}`);
  await tx.audit.record({ actorPersonId: null, actorLabel: 'system', action: 'justering.reminder', entity: 'minutes_version', entityId: v.id, details: { personId: payload.personId, daysBefore: payload.daysBefore } });
  return { sent: true };
}

async function withSignature(
  ctx: UseCaseContext,
  meetingId: string,
  number: number,
  who: (meeting: Meeting) => Promise<{ personId: string; method: JusteringMethod; note: string | null; signedAt: string }>,
): Promise<JusteringResult> {
  const { tx } = ctx;
  const meeting = await tx.meetings.require(meetingId);
  const sig = await who(meeting);
  const v = await versionOut(tx, meetingId, number);
  const existing = await tx.justeringSignatures.findBy({ minutesVersionId: v.id, personId: sig.personId });
  if (existing.length === 0) {
    await tx.justeringSignatures.insert({ id: ctx.ids.next(), tenantId: meeting.tenantId, meetingId, minutesVersionId: v.id, personId: sig.personId, signedAt: sig.signedAt, method: sig.method, note: sig.note, recordedBy: ctx.actor.personId, version: 1 });
    await tx.audit.record({ actorPersonId: ctx.actor.personId, action: sig.method === 'teams' ? 'justering.sign' : 'justering.record_external', entity: 'minutes_version', entityId: v.id, details: { meetingId, number: v.number, personId: sig.personId, method: sig.method, signedAt: sig.signedAt, note: sig.note }, correlationId: ctx.correlationId });
  }
  const signatures = await signaturesOf(tx, v);
  const people = await peopleById(tx, meeting.justerarePersonIds);
  const signedIds = new Set(signatures.map((s) => s.personId));
  const pending = meeting.justerarePersonIds.filter((id) => !signedIds.has(id));
  let final: MinutesVersionSummary | null = null;
  if (pending.length === 0) final = await finalize(ctx, meeting, v, signatures);
  if (pending.length === 0 && !final && existing.length === 0) {
    // Everyone signed, but the meeting's data changed after this version was sent: the signatures stay,
    // the lock waits, and the secretary is asked to send a new version.
    for (const secretary of meeting.secretaryPersonIds) {
      await enqueueSend(ctx, {
        to: { personId: secretary },
        message: { card: 'secretaryNotice', model: { locale: await localeFor(tx, secretary), headline: `Alla har justerat version ${v.number}, men mötets uppgifter har ändrats sedan den skickades`, lines: ['Skapa en ny version och skicka den för justering.', ctx.links.minutesUrl(meetingId, v.number)] } },
        purpose: 'justering complete but content changed',
        dedupeKey: `justering.changed:${v.id}:${secretary}`,
      });
    }
  } else if (pending.length > 0 && existing.length === 0) {
    for (const secretary of meeting.secretaryPersonIds) {
      await enqueueSend(ctx, {
        to: { personId: secretary },
        message: { card: 'secretaryNotice', model: { locale: await localeFor(tx, secretary), headline: `${people.get(sig.personId)?.name ?? ''} har justerat version ${v.number}`, lines: [`Väntar på: ${pending.map((id) => people.get(id)?.name ?? '').join(', ')}`] } },
        purpose: 'justering progress to the secretary',
        dedupeKey: `justering.signed:${v.id}:${sig.personId}:${secretary}`,
      });
    }
  }
  ctx.events.push({ type: final ? 'minutes.final' : 'minutes.signed', meetingId, data: { number: final?.number ?? v.number } });
  return {
    version: v.number,
    signed: meeting.justerarePersonIds.filter((id) => signedIds.has(id)).map((id) => people.get(id)?.name ?? ''),
    pending: pending.map((id) => people.get(id)?.name ?? ''),
    final,
  };
}

/**
 * Everyone signed: the final version is the signed draft's content with the justering line, written as
 * a new version (the draft stays as it was), hashed, and the meeting locked. If the meeting's data changed
 * after the draft was sent, the final would not be what the justerare read: null (nothing locked).
 */
async function finalize(ctx: UseCaseContext, meeting: Meeting, draft: MinutesVersion, signatures: JusteringSignature[]): Promise<MinutesVersionSummary | null> {
  const { tx } = ctx;
  const versions = await versionsOf(tx, meeting.id);
  const rebuiltDraft = buildMinutesModel(await loadMinutesInput(tx, meeting, { version: draft.number, status: 'draft' }));
  if ((await sha256Hex(versionCanonicalText(rebuiltDraft))) !== draft.contentHash) return null;
  const number = (versions.at(-1)?.number ?? 0) + 1;
  const model = buildMinutesModel(await loadMinutesInput(tx, meeting, { version: number, status: 'final', justering: signatures }));
  const now = ctx.clock.now().toISOString();
  const final = await insertVersion(ctx, { meeting, model, status: 'final', createdBy: ctx.actor.personId, supersedes: draft.id, lockedAt: now });
  await tx.minutesVersions.update({ ...draft, lockedAt: now });
  const lock = await lockOf(tx, meeting.id);
  if (lock) await tx.minutesLocks.update({ ...lock, locked: true, finalVersionId: final.id, lockedAt: now, correctionReason: null, correctionOpenedBy: null });
  else await tx.minutesLocks.insert({ id: ctx.ids.next(), tenantId: meeting.tenantId, meetingId: meeting.id, locked: true, finalVersionId: final.id, lockedAt: now, correctionReason: null, correctionOpenedBy: null, version: 1 });
  await cancelReminders(ctx, meeting, draft);
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'minutes.final', entity: 'minutes_version', entityId: final.id, details: { meetingId: meeting.id, number, signedDraft: draft.number, contentHash: final.contentHash, justering: model.justering.line }, correlationId: ctx.correlationId });
  for (const secretary of meeting.secretaryPersonIds) {
    await enqueueSend(ctx, {
      to: { personId: secretary },
      message: { card: 'secretaryNotice', model: { locale: await localeFor(tx, secretary), headline: `Protokollet är justerat (version ${number})`, lines: [model.justering.line ?? '', ctx.links.minutesUrl(meeting.id, number)] } },
      purpose: 'minutes final',
      dedupeKey: `justering.final:${final.id}:${secretary}`,
    });
  }
  return summarise(final, [...versions, final]);
}

async function signaturesOf(tx: Repositories, v: MinutesVersion): Promise<JusteringSignature[]> {
  let source = v;
  // A final or correction version carries the signatures of the draft it came from.
  while (source.status !== 'draft' && source.supersedes) {
    const prev = await tx.minutesVersions.get(source.supersedes);
    if (!prev) break;
    source = prev;
  }
  const rows: JusteringSignatureRecord[] = await tx.justeringSignatures.findBy({ minutesVersionId: source.id });
  return rows.map((s) => ({ personId: s.personId, signedAt: s.signedAt, method: s.method }));
}

/** The version must be the one currently out for justering (the latest sent draft). */
async function versionOut(tx: Repositories, meetingId: string, number: number): Promise<MinutesVersion> {
  const versions = await versionsOf(tx, meetingId);
  const v = versions.find((x) => x.number === number);
  if (!v) throw new RadslagError('NOT_FOUND', { entity: `Protokollversion ${number} / Minutes version ${number}` });
  if ((await lockOf(tx, meetingId))?.locked) throw new RadslagError('LOCKED_FINAL');
  const current = [...versions].reverse().find((x) => x.status === 'draft' && x.justeringSentAt);
  if (v.status !== 'draft' || !v.justeringSentAt) throw new RadslagError('CONFLICT_STATE', { detailSv: `version ${number} är inte skickad för justering`, detailEn: `version ${number} was not sent for justering` });
  if (current && current.number !== v.number)
    throw new RadslagError('CONFLICT_STATE', { detailSv: `version ${number} är ersatt av version ${current.number}; justera den nya versionen`, detailEn: `version ${number} was replaced by ${current.number}; sign the new version` });
  return v;
}

async function sendCard(ctx: UseCaseContext, meeting: Meeting, v: MinutesVersion, personId: string, why: string): Promise<void> {
  const { tx } = ctx;
  const people = await peopleById(tx, meeting.justerarePersonIds);
  const sigs = await tx.justeringSignatures.findBy({ minutesVersionId: v.id });
  const host = await tx.bodies.get(meeting.bodyIds[0]!);
  await enqueueSend(ctx, {
    to: { personId },
    message: {
      card: 'justering',
      model: {
        locale: await localeFor(tx, personId),
        cardId: `justering:${v.id}:${personId}`,
        meeting: { id: meeting.id, bodyName: host?.name ?? '', startsAt: meeting.startsAt, timeZone: meeting.timeZone },
        minutes: { version: v.number, url: ctx.links.minutesUrl(meeting.id, v.number) },
        signedNames: sigs.map((s) => people.get(s.personId)?.name ?? ''),
        pendingNames: meeting.justerarePersonIds.filter((id) => !sigs.some((s) => s.personId === id)).map((id) => people.get(id)?.name ?? ''),
        viewerMaySign: !sigs.some((s) => s.personId === personId),
      },
    },
    ...((await channelPostFor(tx, v, personId)) ? {} : await channelFallback(ctx, meeting, v, personId, host?.name ?? '')),
    purpose: `justering ${why}`,
    dedupeKey: `justering.card:${v.id}:${personId}:${why}`,
  });
}

/**
 * Whether the council's channel already has (or is about to get) the @mention for this justerare and version.
 * A secretary expects one such post per person and version: a reminder still tries the 1:1 chat (the app may
 * have been installed since) but does not post in the channel again; the overview keeps showing where it went.
 */
async function channelPostFor(tx: Repositories, v: MinutesVersion, personId: string): Promise<boolean> {
  const jobs = await tx.jobs.list({ kind: 'teams.send', dedupeKeyPrefix: `justering.card:${v.id}:${personId}:`, limit: 50 });
  return jobs.some((j) => (j.state === 'done' ? wentToFallback(j.result) : j.state !== 'dead' && j.state !== 'cancelled' && (j.payload as SendPayload).fallback !== undefined));
}

/**
 * Where Teams will not open a 1:1 chat with the justerare, the request goes to the first of the meeting's
 * councils with a bound channel instead, naming them with an @mention and linking to the minutes in the tab.
 */
async function channelFallback(ctx: UseCaseContext, meeting: Meeting, v: MinutesVersion, personId: string, bodyName: string): Promise<Pick<SendPayload, 'fallback'>> {
  const person = await ctx.tx.people.get(personId);
  if (!person?.aadObjectId) return {};
  for (const bodyId of meeting.bodyIds) {
    const body = await ctx.tx.bodies.get(bodyId);
    const ref = body?.teamsChannelId ? await ctx.tx.conversationRefs.get(`channel:${body.teamsChannelId}`) : null;
    if (!ref) continue;
    const model = {
      locale: 'sv',
      meeting: { id: meeting.id, bodyName, startsAt: meeting.startsAt, timeZone: meeting.timeZone },
      minutes: { version: v.number, url: ctx.links.minutesUrl(meeting.id, v.number) },
      justerare: { aadObjectId: person.aadObjectId, name: person.name },
    };
    return { fallback: { conversationKey: ref.key, message: { card: 'justeringChannel', model } } };
  }
  return {};
}

const reminderKey = (versionId: string, personId: string, daysBefore: number): string => `justering.reminder:${versionId}:${personId}:${daysBefore}`;

async function cancelReminders(ctx: UseCaseContext, meeting: Meeting, v: MinutesVersion): Promise<void> {
  for (const personId of meeting.justerarePersonIds) {
    for (const d of JUSTERING_REMINDER_DAYS_BEFORE) await ctx.tx.jobs.cancelByDedupeKey(reminderKey(v.id, personId, d));
  }
}

async function peopleById(tx: Repositories, ids: readonly string[]): Promise<Map<string, Person>> {
  const out = new Map<string, Person>();
  for (const id of ids) {
    const p = await tx.people.get(id);
    if (p) out.set(id, p);
  }
  return out;
}

async function localeFor(tx: Repositories, personId: string): Promise<'sv' | 'en'> {
  return (await tx.people.get(personId))?.locale ?? 'sv';
}
