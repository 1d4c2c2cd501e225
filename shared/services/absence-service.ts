/**
 * Förhinder in free text: the chat text is read by the pure parser (shared/absence) against the
 * sender's upcoming meetings; a certain reading is recorded and confirmed with a card that has "Ångra", an
 * uncertain one becomes a question card and records nothing; the secretary is told; a full förhinder of a
 * voting member starts the call-in chain, a withdrawal stops it.
 */
import {
  describeAbsencePhrase,
  detectLanguage,
  interpretAbsenceMessage,
  mayNameItems,
  meetingPhrase,
  mayNameSubstitute,
  own,
  partialText,
  phrase,
  type AbsenceIntent,
  type CandidateMeeting,
  type PartialAttendance,
  type Phrase,
} from '../absence';
import type { Attendance, AttendanceSource, Meeting, Membership, Person } from '../domain';
import { RadslagError } from '../errors/catalog';
import { bodyName, localeOf, nowIso } from './lookups';
import type { UseCaseContext } from '../usecase/context';
import { startCallIns, tellSecretaries, withdrawCallIns } from './call-in-service';
import { askAbout } from './absence-questions';
import { writePersonAttendance } from './attendance-rows';
import { enqueueSend, type OutboundMessage, type Recipient } from './outbox';

const WINDOW_DAYS = 400;

/** What one förhinder message reads about its sender, loaded once and passed down. */
export interface SenderScene {
  candidates: CandidateMeeting[];
  meetings: Map<string, Meeting>;
  memberships: Membership[];
  bodyNames: Map<string, string>;
}

/**
 * The sender's meetings still to come at `at` (the message's own time, not the processing time).
 * `withItems: false` leaves the agenda items out (the parser reads them only for a text that names items).
 */
export async function loadSenderScene(ctx: Pick<UseCaseContext, 'tx'>, personId: string, at: Date, opts: { withItems: boolean } = { withItems: true }): Promise<SenderScene> {
  const memberships = await ctx.tx.memberships.findBy({ personId });
  const bodyIds = [...new Set(memberships.map((m) => m.bodyId))];
  // The query's bounds are whole hours around the exact window, so the same read repeats within an hour and
  // the store can answer it from its read cache; the exact window is applied here.
  const to = at.getTime() + WINDOW_DAYS * 24 * 3600_000;
  const meetings = await ctx.tx.meetings.listForBodies(bodyIds, {
    from: new Date(Math.floor((at.getTime() - 24 * 3600_000) / 3600_000) * 3600_000).toISOString(),
    to: new Date(Math.ceil(to / 3600_000) * 3600_000).toISOString(),
  });
  const from = at.getTime() - 24 * 3600_000;
  const upcoming = meetings.filter((m) => m.status !== 'cancelled' && Date.parse(m.endsAt) >= at.getTime() && Date.parse(m.startsAt) >= from && Date.parse(m.startsAt) <= to);
  // Agenda items and body names of all candidates in two queries, not two per meeting.
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
    for (const bodyId of m.bodyIds.filter((b) => bodyIds.includes(b)))
      candidates.push({ id: m.id, bodyId, bodyName: bodyNames.get(bodyId) ?? '', startsAt: m.startsAt, endsAt: m.endsAt, timeZone: m.timeZone, items });
  }
  return { candidates, meetings: new Map(upcoming.map((m) => [m.id, m])), memberships, bodyNames };
}

/** The sender's upcoming meetings, once per body they sit on (a joint meeting may appear per body). */
export async function candidateMeetings(ctx: Pick<UseCaseContext, 'tx' | 'clock'>, personId: string): Promise<CandidateMeeting[]> {
  return (await loadSenderScene(ctx, personId, ctx.clock.now())).candidates;
}

export interface AbsenceMessageInput {
  person: Person;
  text: string;
  /** The client's locale: only the fallback when the text's own language is not clear. */
  locale: 'sv' | 'en';
  contextMeetingId?: string;
  contextBodyId?: string;
  /** When the message was written (the activity's timestamp, UTC). Absent: now. */
  sentAt?: string;
  /** The sender's UTC offset then, in minutes (from the activity's localTimestamp). */
  senderUtcOffsetMinutes?: number;
  /** Where the answer goes (the 1:1 chat, the channel thread, the meeting chat); null: into `captured` (a card action's response). */
  replyTo: Recipient | null;
  captured?: OutboundMessage[];
  /** Unique per incoming activity: the reply's dedupe key. */
  activityKey: string;
}

export type AbsenceOutcome =
  | { kind: 'recorded'; attendance: Attendance; attendances: Attendance[]; intent: AbsenceIntent }
  | { kind: 'withdrawn'; attendance: Attendance | null; intent: AbsenceIntent }
  | { kind: 'question'; requestId: string | null; intent: AbsenceIntent }
  | { kind: 'nothing_recorded'; intent: AbsenceIntent }
  | { kind: 'not_understood'; intent: AbsenceIntent };

/** Everyone who could be named as a substitute — read only when the text has a substitute phrase at all. */
export async function rosterFor(ctx: UseCaseContext, text: string): Promise<{ id: string; name: string }[]> {
  return mayNameSubstitute(text) ? (await ctx.tx.people.listAll()).map((p) => ({ id: p.id, name: p.name })) : [];
}

/** What the caller already read in this transaction (undefined: not read, load it). */
export interface Known {
  scene?: SenderScene;
  /** All attendance rows of the sender. */
  attendance?: Attendance[];
  /** When the message was written and the sender's offset then (kept with a question, read again on its answer). */
  read?: { sentAt: string; senderUtcOffsetMinutes?: number };
  /** The question this applies the answer of. */
  requestId?: string;
}

export async function reply(ctx: UseCaseContext, input: { replyTo: Recipient | null; activityKey: string; captured?: OutboundMessage[] }, message: OutboundMessage, suffix = ''): Promise<void> {
  if (!input.replyTo) {
    input.captured?.push(message);
    return;
  }
  await enqueueSend(ctx, { to: input.replyTo, message, purpose: 'reply', dedupeKey: `reply:${input.activityKey}${suffix}` });
}

/** A sentence of the bot's own as a card (its user words escaped, its own words not). */
export function noteMessage(locale: 'sv' | 'en', p: Phrase): OutboundMessage {
  return { card: 'absenceNote', model: { locale, phrase: p } };
}

/**
 * The message's own time: Teams stamps every activity, and a message processed late (a queue, a restart) is
 * still read as of when it was written. A stamp from the future (a skewed clock) is not believed.
 */
export function messageTime(ctx: Pick<UseCaseContext, 'clock'>, sentAt: string | undefined): Date {
  const now = ctx.clock.now();
  const t = sentAt ? Date.parse(sentAt) : NaN;
  return Number.isFinite(t) && t <= now.getTime() ? new Date(t) : now;
}

/** Reads one chat message and does what it says, or asks. Runs inside the activity's idempotency transaction. */
export async function handleAbsenceMessage(ctx: UseCaseContext, input: AbsenceMessageInput): Promise<AbsenceOutcome> {
  const at = messageTime(ctx, input.sentAt);
  // Replies follow the language the member wrote in; the client's locale decides only when the text does not.
  const language = detectLanguage(input.text, input.locale);
  const scene = await loadSenderScene(ctx, input.person.id, at, { withItems: mayNameItems(input.text) });
  const people = await rosterFor(ctx, input.text);
  const attendance = await ctx.tx.attendance.findBy({ personId: input.person.id });
  const offset = input.senderUtcOffsetMinutes !== undefined ? { senderUtcOffsetMinutes: input.senderUtcOffsetMinutes } : {};
  const intent = interpretAbsenceMessage(input.text, {
    now: at.toISOString(),
    timeZone: 'Europe/Stockholm',
    ...offset,
    locale: language,
    meetings: scene.candidates,
    people,
    ...(input.contextMeetingId ? { contextMeetingId: input.contextMeetingId } : {}),
    ...(input.contextBodyId ? { contextBodyId: input.contextBodyId } : {}),
    activeAbsenceMeetingIds: attendance.filter((a) => a.state === 'förhinder' || a.partOfMeeting).map((a) => a.meetingId),
  });
  return applyIntent(ctx, { ...input, locale: language }, intent, 'chat', { scene, attendance, read: { sentAt: at.toISOString(), ...offset } });
}

/** Does what an interpretation says: records, withdraws, asks, or (for a denial, a forward, chit-chat) records nothing and says so. */
export async function applyIntent(ctx: UseCaseContext, input: AbsenceMessageInput, intent: AbsenceIntent, source: AttendanceSource, known: Known = {}): Promise<AbsenceOutcome> {
  const l = input.locale;
  switch (intent.kind) {
    case 'not_understood':
      await reply(ctx, input, { card: 'notUnderstood', model: { locale: l, originalText: input.text } });
      return { kind: 'not_understood', intent };
    case 'attending':
    case 'forwarded':
      await reply(ctx, input, noteMessage(l, describeAbsencePhrase(intent, l)));
      return { kind: 'nothing_recorded', intent };
    case 'ambiguous':
      return askAbout(ctx, input, intent, known);
    case 'withdrawal': {
      let last: Attendance | null = null;
      for (const [i, target] of intent.targets.entries()) {
        const meeting = known.scene?.meetings.get(target.meetingId) ?? (await ctx.tx.meetings.require(target.meetingId));
        last = await withdrawAbsence(ctx, meeting, input.person, input.person.id);
        const model = await confirmationModel(ctx, input.person, meeting, last, l, { withdrawn: true, cardId: `abs-${known.requestId ?? input.activityKey}-${i}`, bodyNames: known.scene?.bodyNames });
        await reply(ctx, input, { card: 'absenceConfirmation', model }, i === 0 ? '' : `:${i}`);
      }
      return { kind: 'withdrawn', attendance: last, intent };
    }
    case 'absence':
      return recordFromIntent(ctx, input, intent, source, known);
  }
}

type AbsenceRead = Extract<AbsenceIntent, { kind: 'absence' }>;

/** Every meeting the text named, each recorded, confirmed with its own card ("Ångra" per meeting) and told to the secretary. */
async function recordFromIntent(ctx: UseCaseContext, input: AbsenceMessageInput, intent: AbsenceRead, source: AttendanceSource, known: Known): Promise<AbsenceOutcome> {
  const l = input.locale;
  const saved: Attendance[] = [];
  for (const [i, target] of intent.targets.entries()) {
    const meeting = known.scene?.meetings.get(target.meetingId) ?? (await ctx.tx.meetings.require(target.meetingId));
    const knownRows = known.attendance ? known.attendance.filter((a) => a.meetingId === meeting.id) : undefined;
    const attendance = await recordAbsence(ctx, meeting, input.person, {
      ...(target.partial ? { partial: target.partial } : {}),
      note: input.text,
      source,
      namedSubstitutePersonId: intent.substitute?.personId ?? null,
      updatedBy: input.person.id,
      ...(knownRows !== undefined ? { rows: knownRows } : {}),
      ...(target.bodyId ? { bodyId: target.bodyId } : {}),
      ...(known.scene ? { memberships: known.scene.memberships, bodyNames: known.scene.bodyNames } : {}),
    });
    saved.push(attendance);
    // Read late, after the meeting was held: the förhinder is noted (it was given in time), nobody is called in.
    const over = Date.parse(meeting.endsAt) <= ctx.clock.now().getTime();
    const { partial: _first, unmatchedDates, ...rest } = intent;
    const one: AbsenceRead = { ...rest, targets: [target], meetingId: target.meetingId, meeting: target.meeting, ...(target.partial ? { partial: target.partial } : {}), ...(i === 0 && unmatchedDates ? { unmatchedDates } : {}) };
    await tellSecretaries(ctx, meeting, 'absence-notice', `${attendance.id}:${attendance.version}`, async (sl) => phrase`${input.person.name}${own(': ')}${describeAbsencePhrase(one, sl, { substituteCalledIn: !over })}`, [input.text.slice(0, 300)]);
    const model = await confirmationModel(ctx, input.person, meeting, attendance, l, {
      cardId: `abs-${known.requestId ?? input.activityKey}${i === 0 ? '' : `-${i}`}`,
      partialDetail: target.partial ? partialText(target.partial, l, meeting.timeZone) : null,
      namedSubstituteName: intent.substitute?.name ?? null,
      bodyNames: known.scene?.bodyNames,
      ...(target.bodyId ? { bodyId: target.bodyId } : {}),
      ...(i === 0 && unmatchedDates?.length ? { unmatchedDates } : {}),
      ...(over ? { alreadyHeld: true } : {}),
    });
    await reply(ctx, input, { card: 'absenceConfirmation', model }, i === 0 ? '' : `:${i}`);
  }
  return { kind: 'recorded', attendance: saved[0]!, attendances: saved, intent };
}

async function confirmationModel(
  ctx: UseCaseContext,
  person: Person,
  meeting: Meeting,
  attendance: Attendance | null,
  locale: 'sv' | 'en',
  extra: {
    cardId: string;
    withdrawn?: boolean;
    partialDetail?: string | null;
    namedSubstituteName?: string | null;
    bodyNames?: Map<string, string> | undefined;
    unmatchedDates?: string[];
    alreadyHeld?: boolean;
    /** A joint meeting's förhinder for one council: the card names that council. */
    bodyId?: string;
  },
): Promise<Record<string, unknown>> {
  const firstBody = extra.bodyId ?? meeting.bodyIds[0]!;
  return {
    locale,
    cardId: extra.cardId,
    personName: person.name,
    meeting: { bodyName: extra.bodyNames?.get(firstBody) ?? (await bodyName(ctx, firstBody)), startsAt: meeting.startsAt, timeZone: meeting.timeZone },
    attendance: { id: attendance?.id ?? 'none', version: attendance?.version ?? 0 },
    partialDetail: extra.partialDetail ?? null,
    namedSubstituteName: extra.namedSubstituteName ?? null,
    withdrawn: extra.withdrawn ?? false,
    ...(extra.unmatchedDates ? { unmatchedDates: extra.unmatchedDates } : {}),
    ...(extra.alreadyHeld ? { alreadyHeld: true } : {}),
  };
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
    /** Already read in this transaction: the person's rows for this meeting, their memberships, body names. */
    rows?: Attendance[];
    memberships?: Membership[];
    bodyNames?: Map<string, string>;
    /** A joint meeting: the body whose list the förhinder is for (default: every body the person sits in). */
    bodyId?: string | null;
  },
): Promise<Attendance> {
  if (meeting.status === 'cancelled') throw new RadslagError('CONFLICT_STATE', { detailSv: 'mötet är inställt', detailEn: 'the meeting is cancelled' });
  const partial = opts.partial;
  const fields = {
    state: (partial ? 'expected' : 'förhinder') as Attendance['state'],
    source: opts.source,
    itemRange: partial?.itemRange ?? null,
    partOfMeeting: !!partial,
    arrivesAt: partial?.arrivesAt ?? null,
    leavesAt: partial?.leavesAt ?? null,
    note: opts.note ? opts.note.slice(0, 500) : null,
    updatedAt: nowIso(ctx),
    updatedBy: opts.updatedBy,
  };
  const ms = opts.memberships ?? (await ctx.tx.memberships.findBy({ personId: person.id }));
  const listedUnder = meeting.bodyIds.find((b) => ms.some((m) => m.bodyId === b)) ?? null;
  const written = await writePersonAttendance(ctx, meeting, person.id, opts.bodyId, (existing) => (existing ? fields : { ...fields, bodyId: listedUnder }), {
    memberships: ms,
    ...(opts.rows ? { rows: opts.rows } : {}),
  });
  const saved = written[0]!;
  await ctx.tx.audit.record({ actorPersonId: opts.updatedBy, action: partial ? 'attendance.partial' : 'absence.record', entity: 'attendance', entityId: saved.id, details: { meetingId: meeting.id, source: opts.source }, correlationId: ctx.correlationId });
  // Nobody is called in for a meeting already over (a message processed late): the förhinder alone is noted.
  const over = Date.parse(meeting.endsAt) <= ctx.clock.now().getTime();
  // The ersättare is called in only for the seats of the bodies the förhinder is for.
  const seats = opts.bodyId ? ms.filter((m) => m.bodyId === opts.bodyId) : ms;
  if (!partial && !over) await startCallIns(ctx, meeting, person.id, opts.namedSubstitutePersonId ?? null, { absent: person, memberships: seats, ...(opts.bodyNames ? { bodyNames: opts.bodyNames } : {}) });
  else if (partial) await withdrawCallIns(ctx, meeting.id, person.id);
  ctx.events.push({ type: 'attendance.changed', meetingId: meeting.id, data: { personId: person.id } });
  return saved;
}

/** "Jag kan ändå komma" / "Ångra": back to expected; the ersättare gives the seat back; the secretary is told. */
export async function withdrawAbsence(ctx: UseCaseContext, meeting: Meeting, person: Person, actorPersonId: string | null, bodyId?: string | null): Promise<Attendance | null> {
  const rows = await ctx.tx.attendance.findBy({ meetingId: meeting.id, personId: person.id });
  const withdrawn = (a: Attendance | undefined): boolean => !!a && (a.state === 'förhinder' || a.partOfMeeting);
  if (!rows.some(withdrawn)) return rows[0] ?? null;
  const back = { state: 'expected' as const, partOfMeeting: false, itemRange: null, arrivesAt: null, leavesAt: null, note: null, updatedAt: nowIso(ctx), updatedBy: actorPersonId };
  // Every body's förhinder goes, unless one body is named (a joint meeting): a present row stays present.
  const written = await writePersonAttendance(ctx, meeting, person.id, bodyId, (existing) => (withdrawn(existing) ? back : null), { rows });
  const saved = written.find(withdrawn) ?? written.find((a) => a.state === 'expected') ?? written[0]!;
  await withdrawCallIns(ctx, meeting.id, person.id);
  const where = { bodyName: await bodyName(ctx, meeting.bodyIds[0]!), startsAt: meeting.startsAt, timeZone: meeting.timeZone };
  await tellSecretaries(ctx, meeting, 'absence-withdrawn', `${saved.id}:${saved.version}`, async (l) =>
    l === 'en' ? phrase`${person.name}${own(' can attend after all: ')}${meetingPhrase(where, 'en')}` : phrase`${person.name}${own(' kan komma ändå: ')}${meetingPhrase(where, 'sv')}`,
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

export { localeOf };
