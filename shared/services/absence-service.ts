/**
 * Förhinder in free text (issue 4 §3): the chat text is read by the pure parser (shared/absence) against the
 * sender's upcoming meetings; a certain reading is recorded and confirmed with a card that has "Ångra", an
 * uncertain one becomes a question card and records nothing; the secretary is told; a full förhinder of a
 * voting member starts the call-in chain, a withdrawal stops it.
 */
import { describeAbsenceIntent, interpretAbsenceMessage, mayNameItems, mayNameSubstitute, type AbsenceIntent, type CandidateMeeting, type PartialAttendance } from '../absence';
import type { Attendance, AttendanceSource, Meeting, Membership, Person } from '../domain';
import { RadslagError } from '../errors/catalog';
import { bodyName, localeOf, nowIso } from './lookups';
import type { UseCaseContext } from '../usecase/context';
import { startCallIns, tellSecretaries, withdrawCallIns } from './call-in-service';
import { enqueueSend, type OutboundMessage, type Recipient } from './outbox';

const WINDOW_DAYS = 400;

/**
 * What one förhinder message reads about its sender, loaded once and passed down (issue 10: the same
 * memberships, meetings, attendance and body names were read again by each step, ~44 statements a message).
 */
interface SenderScene {
  candidates: CandidateMeeting[];
  meetings: Map<string, Meeting>;
  memberships: Membership[];
  bodyNames: Map<string, string>;
}

/** `withItems: false` leaves the agenda items out (the parser reads them only for a text that names items). */
async function loadSenderScene(ctx: Pick<UseCaseContext, 'tx' | 'clock'>, personId: string, opts: { withItems: boolean } = { withItems: true }): Promise<SenderScene> {
  const memberships = await ctx.tx.memberships.findBy({ personId });
  const bodyIds = [...new Set(memberships.map((m) => m.bodyId))];
  const now = ctx.clock.now();
  // The query's bounds are whole hours around the exact window, so the same read repeats within an hour and
  // the store can answer it from its read cache; the exact window is applied here.
  const to = now.getTime() + WINDOW_DAYS * 24 * 3600_000;
  const meetings = await ctx.tx.meetings.listForBodies(bodyIds, {
    from: new Date(Math.floor((now.getTime() - 24 * 3600_000) / 3600_000) * 3600_000).toISOString(),
    to: new Date(Math.ceil(to / 3600_000) * 3600_000).toISOString(),
  });
  const from = now.getTime() - 24 * 3600_000;
  const upcoming = meetings.filter((m) => m.status !== 'cancelled' && Date.parse(m.endsAt) >= now.getTime() && Date.parse(m.startsAt) >= from && Date.parse(m.startsAt) <= to);
  // Agenda items and body names of all candidates in two queries, not two per meeting (a förhinder is
  // read against every upcoming meeting of the sender's bodies: N+1 here made each message cost ~100 queries).
  const itemsByMeeting = new Map<string, { number: number; title: string }[]>();
  for (const i of opts.withItems ? await ctx.tx.agendaItems.findIn('meetingId', upcoming.map((m) => m.id), 'number') : []) {
    const list = itemsByMeeting.get(i.meetingId) ?? [];
    list.push({ number: i.number, title: i.title });
    itemsByMeeting.set(i.meetingId, list);
  }
  const bodyNames = new Map((await ctx.tx.bodies.findIn('id', bodyIds)).map((b) => [b.id, b.name]));
  const candidates: CandidateMeeting[] = [];
  for (const m of upcoming) {
    const items = itemsByMeeting.get(m.id) ?? [];
    for (const bodyId of m.bodyIds.filter((b) => bodyIds.includes(b))) candidates.push({ id: m.id, bodyId, bodyName: bodyNames.get(bodyId) ?? '', startsAt: m.startsAt, endsAt: m.endsAt, items });
  }
  return { candidates, meetings: new Map(upcoming.map((m) => [m.id, m])), memberships, bodyNames };
}

/** The sender's upcoming meetings, once per body they sit on (a joint meeting may appear per body). */
export async function candidateMeetings(ctx: Pick<UseCaseContext, 'tx' | 'clock'>, personId: string): Promise<CandidateMeeting[]> {
  return (await loadSenderScene(ctx, personId)).candidates;
}

export interface AbsenceMessageInput {
  person: Person;
  text: string;
  locale: 'sv' | 'en';
  contextMeetingId?: string;
  contextBodyId?: string;
  /** Where the answer goes (the 1:1 chat, the channel thread, the meeting chat); null: into `captured` (a card action's response). */
  replyTo: Recipient | null;
  captured?: OutboundMessage[];
  /** Unique per incoming activity: the reply's dedupe key. */
  activityKey: string;
}

export type AbsenceOutcome =
  | { kind: 'recorded'; attendance: Attendance; intent: AbsenceIntent }
  | { kind: 'withdrawn'; attendance: Attendance | null; intent: AbsenceIntent }
  | { kind: 'question'; requestId: string | null; intent: AbsenceIntent }
  | { kind: 'not_understood'; intent: AbsenceIntent };

/** Everyone who could be named as a substitute — read only when the text has a substitute phrase at all. */
async function rosterFor(ctx: UseCaseContext, text: string): Promise<{ id: string; name: string }[]> {
  return mayNameSubstitute(text) ? (await ctx.tx.people.listAll()).map((p) => ({ id: p.id, name: p.name })) : [];
}

/** What the caller already read in this transaction (undefined: not read, load it). */
interface Known {
  scene?: SenderScene;
  /** All attendance rows of the sender. */
  attendance?: Attendance[];
}

async function reply(ctx: UseCaseContext, input: { replyTo: Recipient | null; activityKey: string; captured?: OutboundMessage[] }, message: OutboundMessage): Promise<void> {
  if (!input.replyTo) {
    input.captured?.push(message);
    return;
  }
  await enqueueSend(ctx, { to: input.replyTo, message, purpose: 'reply', dedupeKey: `reply:${input.activityKey}` });
}

/** Reads one chat message and does what it says, or asks. Runs inside the activity's idempotency transaction. */
export async function handleAbsenceMessage(ctx: UseCaseContext, input: AbsenceMessageInput): Promise<AbsenceOutcome> {
  const scene = await loadSenderScene(ctx, input.person.id, { withItems: mayNameItems(input.text) });
  const people = await rosterFor(ctx, input.text);
  const attendance = await ctx.tx.attendance.findBy({ personId: input.person.id });
  const intent = interpretAbsenceMessage(input.text, {
    now: nowIso(ctx),
    timeZone: 'Europe/Stockholm',
    locale: input.locale,
    meetings: scene.candidates,
    people,
    ...(input.contextMeetingId ? { contextMeetingId: input.contextMeetingId } : {}),
    ...(input.contextBodyId ? { contextBodyId: input.contextBodyId } : {}),
    activeAbsenceMeetingIds: attendance.filter((a) => a.state === 'förhinder' || a.partOfMeeting).map((a) => a.meetingId),
  });
  return applyIntent(ctx, input, intent, 'chat', undefined, { scene, attendance });
}

async function applyIntent(ctx: UseCaseContext, input: AbsenceMessageInput, intent: AbsenceIntent, source: AttendanceSource, requestId?: string, known: Known = {}): Promise<AbsenceOutcome> {
  const l = input.locale;
  if (intent.kind === 'not_understood') {
    await reply(ctx, input, { card: 'notUnderstood', model: { locale: l, originalText: input.text } });
    return { kind: 'not_understood', intent };
  }
  if (intent.kind === 'ambiguous') {
    if (intent.options.length === 0) {
      await reply(ctx, input, { text: describeAbsenceIntent(intent, l) });
      return { kind: 'question', requestId: null, intent };
    }
    const request = await ctx.tx.absenceRequests.insert({
      id: ctx.ids.next(),
      personId: input.person.id,
      text: input.text.slice(0, 2000),
      understood: intent.understood as unknown as Record<string, unknown>,
      candidateMeetingIds: intent.options.map((o) => o.id),
      status: 'open',
      resolvedMeetingId: null,
      version: 1,
    });
    const choices = [];
    for (const o of intent.options) {
      const m = known.scene?.meetings.get(o.id) ?? (await ctx.tx.meetings.get(o.id));
      choices.push({ meetingId: o.id, bodyName: o.bodyName, startsAt: o.startsAt, timeZone: m?.timeZone ?? 'Europe/Stockholm' });
    }
    await reply(ctx, input, { card: 'whichMeeting', model: { locale: l, cardId: `absreq-${request.id}`, requestId: request.id, originalText: `${describeAbsenceIntent(intent, l)} — ${input.text}`, choices } });
    return { kind: 'question', requestId: request.id, intent };
  }
  const meeting = known.scene?.meetings.get(intent.meetingId) ?? (await ctx.tx.meetings.require(intent.meetingId));
  const names = known.scene?.bodyNames;
  if (intent.kind === 'withdrawal') {
    const attendance = await withdrawAbsence(ctx, meeting, input.person, input.person.id);
    await reply(ctx, input, { card: 'absenceConfirmation', model: await confirmationModel(ctx, input.person, meeting, attendance, l, { withdrawn: true, cardId: `abs-${input.activityKey}`, bodyNames: names }) });
    return { kind: 'withdrawn', attendance, intent };
  }
  const substituteId = intent.substitute?.personId ?? null;
  const knownRow = known.attendance ? (known.attendance.find((a) => a.meetingId === meeting.id) ?? null) : undefined;
  const attendance = await recordAbsence(ctx, meeting, input.person, {
    partial: intent.partial,
    note: input.text,
    source,
    namedSubstitutePersonId: substituteId,
    updatedBy: input.person.id,
    ...(knownRow !== undefined ? { existing: knownRow } : {}),
    ...(known.scene ? { memberships: known.scene.memberships, bodyNames: known.scene.bodyNames } : {}),
  });
  await tellSecretaries(ctx, meeting, 'absence-notice', `${attendance.id}:${attendance.version}`, async (sl) => `${input.person.name}: ${describeAbsenceIntent(intent, sl, { substituteCalledIn: true })}`, [input.text.slice(0, 300)]);
  await reply(ctx, input, {
    card: 'absenceConfirmation',
    model: await confirmationModel(ctx, input.person, meeting, attendance, l, {
      cardId: `abs-${requestId ?? input.activityKey}`,
      partialDetail: intent.partial ? describeAbsenceIntent(intent, l).replace(/^[^:]*: /, '').replace(/\.$/, '') : null,
      namedSubstituteName: intent.substitute?.name ?? null,
      bodyNames: names,
    }),
  });
  return { kind: 'recorded', attendance, intent };
}

async function confirmationModel(
  ctx: UseCaseContext,
  person: Person,
  meeting: Meeting,
  attendance: Attendance | null,
  locale: 'sv' | 'en',
  extra: { cardId: string; withdrawn?: boolean; partialDetail?: string | null; namedSubstituteName?: string | null; bodyNames?: Map<string, string> | undefined },
): Promise<Record<string, unknown>> {
  const firstBody = meeting.bodyIds[0]!;
  return {
    locale,
    cardId: extra.cardId,
    personName: person.name,
    meeting: { bodyName: extra.bodyNames?.get(firstBody) ?? (await bodyName(ctx, firstBody)), startsAt: meeting.startsAt, timeZone: meeting.timeZone },
    attendance: { id: attendance?.id ?? 'none', version: attendance?.version ?? 0 },
    partialDetail: extra.partialDetail ?? null,
    namedSubstituteName: extra.namedSubstituteName ?? null,
    withdrawn: extra.withdrawn ?? false,
  };
}

async function bodyOfPerson(ctx: UseCaseContext, meeting: Meeting, personId: string, known?: Membership[]): Promise<string | null> {
  const ms = known ?? (await ctx.tx.memberships.findBy({ personId }));
  return meeting.bodyIds.find((b) => ms.some((m) => m.bodyId === b)) ?? null;
}

/** Records a förhinder (or a partial attendance) and starts the call-in for a full one. */
export async function recordAbsence(
  ctx: UseCaseContext,
  meeting: Meeting,
  person: Person,
  opts: {
    partial?: PartialAttendance;
    note?: string | null;
    source: AttendanceSource;
    namedSubstitutePersonId?: string | null;
    updatedBy: string | null;
    /** Already read in this transaction: the person's row for this meeting (null: none), their memberships, body names. */
    existing?: Attendance | null;
    memberships?: Membership[];
    bodyNames?: Map<string, string>;
  },
): Promise<Attendance> {
  if (meeting.status === 'cancelled') throw new RadslagError('CONFLICT_STATE', { detailSv: 'mötet är inställt', detailEn: 'the meeting is cancelled' });
  const existing = opts.existing !== undefined ? (opts.existing ?? undefined) : (await ctx.tx.attendance.findBy({ meetingId: meeting.id, personId: person.id }))[0];
  const partial = opts.partial;
  const fields = {
    state: (partial ? 'expected' : 'förhinder') as Attendance['state'],
    source: opts.source,
    itemRange: partial?.itemRange ?? null,
    partOfMeeting: !!partial,
    note: opts.note ? opts.note.slice(0, 500) : null,
    updatedAt: nowIso(ctx),
    updatedBy: opts.updatedBy,
  };
  const saved = existing
    ? await ctx.tx.attendance.update({ ...existing, ...fields })
    : await ctx.tx.attendance.insert({
        id: ctx.ids.next(),
        tenantId: ctx.tenantId,
        meetingId: meeting.id,
        personId: person.id,
        bodyId: await bodyOfPerson(ctx, meeting, person.id, opts.memberships),
        replacesPersonId: null,
        unclassifiedGuest: false,
        version: 1,
        ...fields,
      });
  await ctx.tx.audit.record({ actorPersonId: opts.updatedBy, action: partial ? 'attendance.partial' : 'absence.record', entity: 'attendance', entityId: saved.id, details: { meetingId: meeting.id, source: opts.source }, correlationId: ctx.correlationId });
  if (!partial) await startCallIns(ctx, meeting, person.id, opts.namedSubstitutePersonId ?? null, { absent: person, ...(opts.memberships ? { memberships: opts.memberships } : {}), ...(opts.bodyNames ? { bodyNames: opts.bodyNames } : {}) });
  else await withdrawCallIns(ctx, meeting.id, person.id);
  ctx.events.push({ type: 'attendance.changed', meetingId: meeting.id, data: { personId: person.id } });
  return saved;
}

/** "Jag kan ändå komma" / "Ångra": back to expected; the ersättare gives the seat back; the secretary is told. */
export async function withdrawAbsence(ctx: UseCaseContext, meeting: Meeting, person: Person, actorPersonId: string | null): Promise<Attendance | null> {
  const [existing] = await ctx.tx.attendance.findBy({ meetingId: meeting.id, personId: person.id });
  if (!existing || (existing.state !== 'förhinder' && !existing.partOfMeeting)) return existing ?? null;
  const saved = await ctx.tx.attendance.update({ ...existing, state: 'expected', partOfMeeting: false, itemRange: null, note: null, updatedAt: nowIso(ctx), updatedBy: actorPersonId });
  await withdrawCallIns(ctx, meeting.id, person.id);
  await tellSecretaries(ctx, meeting, 'absence-withdrawn', `${saved.id}:${saved.version}`, async (l) =>
    l === 'en' ? `${person.name} can attend after all (${await bodyName(ctx, meeting.bodyIds[0]!)})` : `${person.name} kan komma ändå (${await bodyName(ctx, meeting.bodyIds[0]!)})`,
  );
  await ctx.tx.audit.record({ actorPersonId, action: 'absence.withdraw', entity: 'attendance', entityId: saved.id, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'attendance.changed', meetingId: meeting.id, data: { personId: person.id } });
  return saved;
}

/** The "Ångra" button on the confirmation card. */
export async function undoAbsence(ctx: UseCaseContext, attendanceId: string, actor: Person, isSecretary: (meeting: Meeting) => Promise<boolean>): Promise<{ meeting: Meeting; person: Person; attendance: Attendance | null }> {
  const attendance = await ctx.tx.attendance.require(attendanceId);
  const meeting = await ctx.tx.meetings.require(attendance.meetingId);
  if (attendance.personId !== actor.id && !(await isSecretary(meeting)))
    throw new RadslagError('FORBIDDEN', { reasonSv: 'du kan bara ångra ditt eget förhinder', reasonEn: 'you can only undo your own absence' }, { reason: 'not_self' });
  const person = await ctx.tx.people.require(attendance.personId);
  return { meeting, person, attendance: await withdrawAbsence(ctx, meeting, person, actor.id) };
}

/** The answer to a question card: the same text read again against the chosen meeting. */
export async function chooseAbsenceMeeting(ctx: UseCaseContext, requestId: string, meetingId: string, actor: Person, locale: 'sv' | 'en'): Promise<{ outcome: AbsenceOutcome; message: OutboundMessage | null }> {
  const request = await ctx.tx.absenceRequests.require(requestId);
  if (request.personId !== actor.id) throw new RadslagError('FORBIDDEN', { reasonSv: 'frågan gällde någon annan', reasonEn: 'the question was for someone else' }, { reason: 'not_self' });
  if (!request.candidateMeetingIds.includes(meetingId)) throw new RadslagError('VALIDATION_FAILED', { detailSv: 'mötet fanns inte bland alternativen', detailEn: 'not one of the offered meetings' });
  if (request.status !== 'open') throw new RadslagError('CONFLICT_STATE', { detailSv: 'frågan är redan besvarad', detailEn: 'already answered' });
  const meetings = await candidateMeetings(ctx, actor.id);
  const intent = interpretAbsenceMessage(request.text, {
    now: nowIso(ctx),
    timeZone: 'Europe/Stockholm',
    locale,
    meetings,
    people: await rosterFor(ctx, request.text),
    resolvedMeetingId: meetingId,
  });
  await ctx.tx.absenceRequests.update({ ...request, status: 'resolved', resolvedMeetingId: meetingId });
  // The pick is the person's confirmation: what was understood is applied to the chosen meeting.
  const applied: AbsenceIntent =
    intent.kind === 'absence' || intent.kind === 'withdrawal'
      ? intent
      : request.understood.kind === 'withdrawal'
        ? { kind: 'withdrawal', meetingId, meeting: meetings.find((m) => m.id === meetingId)!, confidence: 1 }
        : { kind: 'absence', meetingId, meeting: meetings.find((m) => m.id === meetingId)!, confidence: 1, ...(request.understood as object) };
  const captured: OutboundMessage[] = [];
  const outcome = await applyIntent(ctx, { person: actor, text: request.text, locale, replyTo: null, captured, activityKey: `absreq:${request.id}` }, applied, 'chat', request.id);
  return { outcome, message: captured[0] ?? null };
}

export { localeOf };
