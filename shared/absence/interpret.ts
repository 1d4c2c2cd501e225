import type { CalendarDate, Instant } from '../domain/council';
import { findClockTimes, findHourLimit, type ClockMention, type HourLimit } from './clock';
import { findDateRefs, findDotDates, mask, senderToday, type DateRef, type Span } from './dates';
import { findForwarded } from './forwarded';
import { deniedClauses } from './polarity';
import { correctTypos, fold, prepare, type TypoMemo } from './normalize';
import {
  absenceStrength,
  attendedFromMissed,
  findItemRange,
  findReason,
  findSubstitute,
  hedgePenalty,
  isWithdrawal,
  maySubstitute,
  partOfMeetingWithoutTime,
  scoreBodies,
} from './signals';
import {
  ABSENCE_CONFIDENCE_THRESHOLD,
  type AbsenceContext,
  type AbsenceIntent,
  type AbsenceIntentAbsence,
  type AbsenceIntentAmbiguous,
  type AbsenceTarget,
  type AmbiguityReason,
  type CandidateMeeting,
  type MeetingSummary,
  type PartialAttendance,
  type Substitute,
} from './types';
import { localDate, wallClock, zonedInstant } from './zoned';

const MAX_TEXT = 2000;

function summary(m: CandidateMeeting): MeetingSummary {
  return { id: m.id, bodyId: m.bodyId, bodyName: m.bodyName, startsAt: m.startsAt, endsAt: m.endsAt, ...(m.timeZone ? { timeZone: m.timeZone } : {}) };
}

/** One entry per meeting id (a joint meeting is listed under each of its bodies), earliest first. */
function uniqueMeetings(meetings: CandidateMeeting[]): CandidateMeeting[] {
  const seen = new Map<string, CandidateMeeting>();
  for (const m of meetings) if (!seen.has(m.id)) seen.set(m.id, m);
  return [...seen.values()].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** The next meeting of each body in the pool. */
function nextPerBody(pool: CandidateMeeting[]): CandidateMeeting[] {
  const next = new Map<string, CandidateMeeting>();
  for (const m of [...pool].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) if (!next.has(m.bodyId)) next.set(m.bodyId, m);
  return uniqueMeetings([...next.values()]);
}

interface Understood {
  kind: 'absence' | 'withdrawal';
  partial?: PartialAttendance;
  substitute?: Substitute;
  reason?: string;
}

/**
 * Reads a free-text förhinder (notice of absence), its withdrawal or a partial attendance, and resolves
 * which of the sender's upcoming meetings it is about. Pure: the same text and context give the same
 * answer. Whatever is not certain comes back as 'ambiguous' (to be asked with a card), never as a guess.
 */
/** False when the text cannot name a substitute: the caller may then leave `people` out (no roster read). */
export function mayNameSubstitute(text: string): boolean {
  return maySubstitute(fold(prepare(text).slice(0, MAX_TEXT)));
}

/** False when the text names no agenda items: the candidates' agenda items are then never consulted. */
export function mayNameItems(text: string): boolean {
  return findItemRange(fold(prepare(text).slice(0, MAX_TEXT))) !== null;
}

/** What one (possibly masked) text says, before any meeting is looked at. */
interface Reading {
  raw: string;
  folded: string;
  lowered: string;
  signalText: string;
  repairs: number;
  clocks: ClockMention[];
  items: ReturnType<typeof findItemRange>;
  hourLimit: HourLimit | null;
  lateOrEarly: boolean;
}

function read(raw: string, today: CalendarDate, memo?: TypoMemo): Reading {
  const folded = fold(raw);
  const corrected = correctTypos(folded, memo);
  // Day.month dates with a dot ("12.3", "den 3.12") are never clock times.
  const clocks = findClockTimes(mask(folded, findDotDates(folded, today)));
  return {
    raw,
    folded,
    lowered: raw.toLowerCase(),
    signalText: corrected.text,
    repairs: corrected.repairs,
    clocks,
    items: findItemRange(folded),
    hourLimit: findHourLimit(folded),
    lateOrEarly: partOfMeetingWithoutTime(corrected.text),
  };
}

/** Whether a clause limits attendance (a time of arrival or leaving, items, "första timmen", "blir sen"). */
function limitsAttendance(foldedClause: string, memo?: TypoMemo): boolean {
  return (
    findClockTimes(foldedClause).some((c) => c.role !== 'neutral') ||
    findItemRange(foldedClause) !== null ||
    findHourLimit(foldedClause) !== null ||
    partOfMeetingWithoutTime(correctTypos(foldedClause, memo).text)
  );
}

/** Plural or "the whole …": every meeting the dates cover is meant ("mötena i december", "hela vecka 12"). */
const ALL_MEETINGS = /\b(?:motena|alla\s+(?:mina\s+)?moten|bada\s+motena|bagge\s+motena|samtliga\s+moten|moten|hela\s+(?:veckan|vecka|dagen|manaden)|meetings|all\s+(?:week|day|month)|the\s+whole\s+(?:week|day|month)|both)\b/;

export function interpretAbsenceMessage(text: string, ctx: AbsenceContext): AbsenceIntent {
  const tz = ctx.timeZone;
  const picked = ctx.resolvedMeetingIds ?? (ctx.resolvedMeetingId ? [ctx.resolvedMeetingId] : []);
  // A forwarded message speaks for someone else: never the forwarder's own absence.
  if (picked.length === 0) {
    const forwarded = findForwarded(text.slice(0, MAX_TEXT * 2));
    if (forwarded) return { kind: 'forwarded', ...(forwarded.from ? { from: forwarded.from } : {}) };
  }
  const full = prepare(text).slice(0, MAX_TEXT);
  const today = senderToday(ctx.now, tz, ctx.senderUtcOffsetMinutes);
  // What the member denies ("jag har inte förhinder den 12/3") is blanked out: it can never be recorded.
  const memo: TypoMemo = new Map();
  const denied = deniedClauses(full, (c) => limitsAttendance(c, memo), memo);
  const r = read(mask(full, denied), today, memo);
  const people = ctx.people ?? [];

  const withdrawal = isWithdrawal(r.signalText);
  const strength = absenceStrength(r.signalText);
  const substitute = findSubstitute(r.raw, r.folded, people);
  const timed = r.clocks.filter((c) => c.role !== 'neutral');
  const limited = timed.length > 0 || r.items !== null || r.hourLimit !== null;

  // Which meetings: still to come when the message was written, of the bodies the text names (or the channel's).
  const nowMs = Date.parse(ctx.now);
  const upcoming = ctx.meetings.filter((m) => Date.parse(m.endsAt) > nowMs);
  let pool = uniqueMeetings(upcoming);
  const scores = scoreBodies(denied.length > 0 ? correctTypos(fold(full), memo).text : r.signalText, upcoming);
  const best = Math.max(0, ...scores.values());
  const named = new Set(best > 0 ? [...scores].filter(([, s]) => s === best).map(([id]) => id) : []);
  if (best > 0) {
    pool = uniqueMeetings(upcoming.filter((m) => named.has(m.bodyId)));
  } else if (ctx.contextBodyId) {
    pool = uniqueMeetings(upcoming.filter((m) => m.bodyId === ctx.contextBodyId));
  }
  const active = ctx.activeAbsenceMeetingIds;

  let signal: number;
  let kind: 'absence' | 'withdrawal';
  if (withdrawal) {
    kind = 'withdrawal';
    signal = 0.95;
  } else if (strength > 0 || substitute || limited || r.lateOrEarly) {
    kind = 'absence';
    // Partial attendance or a named substitute alone says enough about attendance.
    signal = Math.max(strength, substitute ? 0.9 : 0, limited ? 0.85 : 0, r.lateOrEarly ? 0.8 : 0);
  } else if (denied.length > 0) {
    return attending(full, denied, pool, active ?? [], ctx, today, memo);
  } else {
    return { kind: 'not_understood' };
  }
  let confidence = signal - 0.05 * r.repairs - hedgePenalty(r.signalText, r.raw);

  const understood: Understood = { kind };
  if (kind === 'absence') {
    if (substitute) understood.substitute = substitute;
    const reason = findReason(r.signalText, ctx.locale);
    if (reason) understood.reason = reason;
  }

  // A withdrawal can only be of a förhinder on record, when the caller tells us which those are.
  if (kind === 'withdrawal' && active) {
    pool = pool.filter((m) => active.includes(m.id));
    if (pool.length === 0 && picked.length === 0) return { kind: 'ambiguous', reason: 'no_absence_on_record', candidates: [], options: [], understood, confidence };
  }

  const refsOf = (x: Reading): DateRef[] =>
    findDateRefs(x.lowered, x.folded, [...x.clocks, ...(x.items ? [x.items] : []), ...(x.hourLimit ? [x.hourLimit] : [])], ctx.now, tz, ctx.senderUtcOffsetMinutes);
  let refs = refsOf(r);
  // "Jag kommer på fredag, men måste gå kl. 11": the limit belongs to the day the attending clause names.
  if (refs.length === 0 && denied.length > 0 && kind === 'absence' && !strength && (limited || r.lateOrEarly)) refs = refsOf(read(full, today, memo));
  const ask = (reason: AmbiguityReason, candidates: CandidateMeeting[], extra: { dates?: CalendarDate[]; offerAll?: boolean } = {}): AbsenceIntentAmbiguous => {
    const result: AbsenceIntentAmbiguous = {
      kind: 'ambiguous',
      reason,
      candidates: candidates.map((c) => c.id),
      options: candidates.map(summary),
      understood: withPartialOnly(understood, r),
      confidence: Math.round(Math.max(0, Math.min(1, confidence)) * 100) / 100,
    };
    if (extra.dates && extra.dates.length > 0) result.dates = extra.dates;
    if (extra.offerAll && candidates.length > 1) result.offerAll = true;
    return result;
  };

  let matched: CandidateMeeting[];
  const unmatchedDates: CalendarDate[] = [];
  if (picked.length > 0) {
    matched = uniqueMeetings(ctx.meetings.filter((m) => picked.includes(m.id)));
    if (matched.length === 0) return ask('no_upcoming_meeting', []);
    // The person confirmed this reading on a card; hedges and questions in the text were answered.
    confidence = Math.max(confidence, 0.9);
  } else if (refs.length === 0) {
    if (kind === 'withdrawal' && active) {
      // "Jag kan ändå komma" with förhinder on record for several meetings: which (or all)?
      if (pool.length > 1) return ask('several_meetings', pool, { offerAll: true });
      matched = pool;
    } else if (ctx.contextMeetingId && pool.some((m) => m.id === ctx.contextMeetingId)) {
      matched = pool.filter((m) => m.id === ctx.contextMeetingId);
      confidence -= 0.05;
    } else {
      // No date at all: the card offers each body's next meeting; picking one is the person's call.
      return ask(pool.length === 0 ? 'no_upcoming_meeting' : 'no_date', nextPerBody(pool));
    }
  } else {
    // Each date reference on its own: one meeting each is certain; several on one reference is a question
    // unless the words say all of them ("mötena i maj", "hela vecka 12").
    const groups: CandidateMeeting[][] = [];
    const emptyDates: CalendarDate[] = [];
    for (const ref of refs) {
      let hits = meetingsFor(ref, pool, tz);
      if (hits.length > 1) hits = narrowByTime(hits, r.clocks, tz);
      if (hits.length > 1) hits = narrowByHalfDay(hits, r.signalText, tz);
      if (hits.length > 0) groups.push(hits);
      else if (ref.kind === 'days') emptyDates.push(...(ref.dates.length > 1 ? [] : ref.dates));
      else if (ref.kind === 'range') emptyDates.push(ref.from);
    }
    matched = uniqueMeetings(groups.flat());
    if (matched.length === 0) {
      if (pool.length === 0) return ask('no_upcoming_meeting', []);
      if (kind === 'withdrawal' && active) return ask('no_absence_on_record', pool);
      const firstNamed = refs.flatMap((ref) => (ref.kind === 'days' ? ref.dates : ref.kind === 'range' ? [ref.from] : [])).sort()[0];
      const after = emptyDates.slice().sort()[0] ?? firstNamed ?? today;
      // Offer what comes next after the named date — as a question, never as the answer.
      return ask('no_meeting_on_date', nextPerBody(pool.filter((m) => localDate(m.startsAt, m.timeZone ?? tz) >= after)), { dates: emptyDates });
    }
    const certain = groups.every((g) => g.length === 1);
    if (!certain && !ALL_MEETINGS.test(r.folded)) {
      const onlyNextMeeting = refs.every((ref) => ref.kind === 'next_meeting');
      return ask('several_meetings', matched, { offerAll: !onlyNextMeeting });
    }
    unmatchedDates.push(...emptyDates);
    // "nästa fredag" matched one of two possible Fridays: likely, but said less exactly.
    if (refs.some((ref) => ref.kind === 'days' && ref.dates.length > 1)) confidence -= 0.1;
  }

  const targets: AbsenceTarget[] = [];
  for (const meeting of matched) {
    const partial = buildPartial(meeting, r, tz);
    if (partial === 'outside') return ask('time_outside_meeting', [meeting]);
    const target: AbsenceTarget = { meetingId: meeting.id, meeting: summary(meeting) };
    // A joint meeting the sender sits in for several bodies: the text naming one of them limits it to that body.
    const seatBodies = upcoming.filter((m) => m.id === meeting.id).map((m) => m.bodyId);
    const namedHere = seatBodies.filter((b) => named.has(b));
    if (new Set(seatBodies).size > 1 && namedHere.length === 1) {
      target.bodyId = namedHere[0]!;
      // The reply and the secretary's notice name the council the förhinder is for.
      const own = upcoming.find((m) => m.id === meeting.id && m.bodyId === target.bodyId);
      if (own) target.meeting = summary(own);
    }
    if (kind === 'absence' && (partial || r.lateOrEarly)) target.partial = partial ?? {};
    targets.push(target);
  }
  if (confidence < ABSENCE_CONFIDENCE_THRESHOLD) return ask('low_confidence', matched, { offerAll: true });
  const rounded = Math.round(Math.min(1, confidence) * 100) / 100;
  const first = targets[0]!;

  if (kind === 'withdrawal') return { kind: 'withdrawal', meetingId: first.meetingId, meeting: first.meeting, targets, confidence: rounded };
  const intent: AbsenceIntentAbsence = { kind: 'absence', meetingId: first.meetingId, meeting: first.meeting, targets, confidence: rounded };
  if (first.partial) intent.partial = first.partial;
  if (understood.substitute) intent.substitute = understood.substitute;
  if (understood.reason) intent.reason = understood.reason;
  if (unmatchedDates.length > 0) intent.unmatchedDates = unmatchedDates;
  return intent;
}

/**
 * Only denials: nothing is recorded. The meetings the denied clauses name are reported back; one with a
 * förhinder on record becomes a question (withdraw it?) — the member may be correcting us, or mistyped.
 */
function attending(full: string, denied: Span[], pool: CandidateMeeting[], active: string[], ctx: AbsenceContext, today: CalendarDate, memo: TypoMemo): AbsenceIntent {
  const keep = mask(full, complement(denied, full.length));
  const r = read(keep, today, memo);
  const refs = findDateRefs(r.lowered, r.folded, [...r.clocks], ctx.now, ctx.timeZone, ctx.senderUtcOffsetMinutes);
  let named = uniqueMeetings(refs.flatMap((ref) => meetingsFor(ref, pool, ctx.timeZone)));
  if (refs.length === 0 && ctx.contextMeetingId) named = pool.filter((m) => m.id === ctx.contextMeetingId);
  const onRecord = (refs.length > 0 || named.length > 0 ? named : pool).filter((m) => active.includes(m.id));
  if (onRecord.length > 0)
    return { kind: 'ambiguous', reason: 'denied_with_absence_on_record', candidates: onRecord.map((m) => m.id), options: onRecord.map(summary), understood: { kind: 'withdrawal' }, ...(onRecord.length > 1 ? { offerAll: true } : {}), confidence: 0.5 };
  return { kind: 'attending', meetings: named.map(summary) };
}

function complement(spans: Span[], length: number): Span[] {
  const out: Span[] = [];
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start > at) out.push({ start: at, end: s.start });
    at = Math.max(at, s.end);
  }
  if (at < length) out.push({ start: at, end: length });
  return out;
}

function meetingsFor(ref: DateRef, pool: CandidateMeeting[], tz: string): CandidateMeeting[] {
  switch (ref.kind) {
    case 'next_meeting':
      return nextPerBody(pool);
    case 'days':
      return pool.filter((m) => ref.dates.includes(localDate(m.startsAt, m.timeZone ?? tz)));
    case 'range':
      return pool.filter((m) => {
        const d = localDate(m.startsAt, m.timeZone ?? tz);
        return d >= ref.from && d <= ref.to;
      });
  }
}

function minutesOfDay(at: Instant, tz: string): number {
  const w = wallClock(at, tz);
  return w.hour * 60 + w.minute;
}

/** Two meetings on one day: "kl 13" picks the one starting then; an arrival or leaving time the one it falls in. */
function narrowByTime(meetings: CandidateMeeting[], clocks: ClockMention[], tz: string): CandidateMeeting[] {
  for (const c of clocks) {
    const t = c.hour * 60 + c.minute;
    const hits =
      c.role === 'neutral'
        ? meetings.filter((m) => minutesOfDay(m.startsAt, m.timeZone ?? tz) === t)
        : meetings.filter((m) => t >= minutesOfDay(m.startsAt, m.timeZone ?? tz) && t <= minutesOfDay(m.endsAt, m.timeZone ?? tz));
    if (hits.length >= 1 && hits.length < meetings.length) return hits;
  }
  return meetings;
}

/** "21/3 fm" / "em": a morning or an afternoon meeting on a day with both. */
function narrowByHalfDay(meetings: CandidateMeeting[], text: string, tz: string): CandidateMeeting[] {
  const morning = /\b(?:fm|f\.m\.|formiddag(?:en|s)?|morning)\b/.test(text);
  const afternoon = /\b(?:em|e\.m\.|eftermiddag(?:en|s)?|afternoon)\b/.test(text);
  if (morning === afternoon) return meetings;
  const hits = meetings.filter((m) => (minutesOfDay(m.startsAt, m.timeZone ?? tz) < 12 * 60) === morning);
  return hits.length > 0 ? hits : meetings;
}

function buildPartial(meeting: CandidateMeeting, r: Reading, defaultZone: string): PartialAttendance | undefined | 'outside' {
  const tz = meeting.timeZone ?? defaultZone;
  const partial: PartialAttendance = {};
  const day = localDate(meeting.startsAt, tz);
  const start = Date.parse(meeting.startsAt);
  const end = Date.parse(meeting.endsAt);
  for (const c of r.clocks) {
    if (c.role === 'neutral') continue;
    const at = zonedInstant(day, c.hour, c.minute, tz);
    const ms = Date.parse(at);
    // An arrival or leaving time outside the meeting means we have the wrong meeting or the wrong time.
    if (ms < start || ms > end) return 'outside';
    if (c.role === 'arrive') partial.arrivesAt ??= at;
    else partial.leavesAt ??= at;
  }
  if (r.hourLimit) {
    const length = r.hourLimit.minutes === 'half' ? (end - start) / 2 : r.hourLimit.minutes * 60_000;
    if (length < end - start) {
      const from = r.hourLimit.which === 'first';
      const edge = new Date(from ? start + length : end - length).toISOString();
      // "bara första timmen" leaves at the edge; "missar första timmen" arrives there (and the reverse at the end).
      if (from === (r.hourLimit.sense === 'attend')) partial.leavesAt ??= edge;
      else partial.arrivesAt ??= edge;
    }
  }
  const items = r.items;
  if (items) {
    if (items.sense === 'attend') partial.itemRange = items.range;
    else {
      const attended = attendedFromMissed(items.range, meeting.items);
      if (attended) partial.itemRange = attended;
      else partial.missedItemRange = items.range;
    }
  }
  return Object.keys(partial).length > 0 ? partial : undefined;
}

/** For a question the meeting is unknown, so times cannot become instants yet; item ranges can be kept. */
function withPartialOnly(understood: Understood, r: Reading): Understood {
  const out: Understood = { ...understood };
  if (r.items || r.hourLimit || r.clocks.some((c) => c.role !== 'neutral')) {
    const partial: PartialAttendance = {};
    if (r.items) partial[r.items.sense === 'attend' ? 'itemRange' : 'missedItemRange'] = r.items.range;
    out.partial = partial;
  }
  return out;
}
