import type { CalendarDate, Instant } from '../domain/council';
import { findClockTimes, type ClockMention } from './clock';
import { findDateRefs, type DateRef } from './dates';
import { correctTypos, fold, prepare } from './normalize';
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
  type AmbiguityReason,
  type CandidateMeeting,
  type MeetingSummary,
  type PartialAttendance,
  type Substitute,
} from './types';
import { localDate, wallClock, zonedInstant } from './zoned';

const MAX_TEXT = 2000;

function summary(m: CandidateMeeting): MeetingSummary {
  return { id: m.id, bodyId: m.bodyId, bodyName: m.bodyName, startsAt: m.startsAt, endsAt: m.endsAt };
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

export function interpretAbsenceMessage(text: string, ctx: AbsenceContext): AbsenceIntent {
  const raw = prepare(text).slice(0, MAX_TEXT);
  const folded = fold(raw);
  const lowered = raw.toLowerCase();
  const corrected = correctTypos(folded);
  const signalText = corrected.text;
  const tz = ctx.timeZone;
  const people = ctx.people ?? [];

  const withdrawal = isWithdrawal(signalText);
  const strength = absenceStrength(signalText);
  const clocks = findClockTimes(folded);
  const items = findItemRange(folded);
  const substitute = findSubstitute(raw, folded, people);
  const lateOrEarly = partOfMeetingWithoutTime(signalText);
  const timed = clocks.filter((c) => c.role !== 'neutral');

  let signal: number;
  let kind: 'absence' | 'withdrawal';
  if (withdrawal) {
    kind = 'withdrawal';
    signal = 0.95;
  } else if (strength > 0 || substitute || timed.length > 0 || items || lateOrEarly) {
    kind = 'absence';
    // Partial attendance or a named substitute alone says enough about attendance.
    signal = Math.max(strength, substitute ? 0.9 : 0, timed.length > 0 || items ? 0.85 : 0, lateOrEarly ? 0.8 : 0);
  } else {
    return { kind: 'not_understood' };
  }
  let confidence = signal - 0.05 * corrected.repairs - hedgePenalty(signalText, raw);

  const understood: Understood = { kind };
  if (kind === 'absence') {
    if (substitute) understood.substitute = substitute;
    const reason = findReason(signalText, ctx.locale);
    if (reason) understood.reason = reason;
  }

  // Which meetings: still to come, of the bodies the text names (or the channel's body).
  const nowMs = Date.parse(ctx.now);
  let pool = uniqueMeetings(ctx.meetings.filter((m) => Date.parse(m.endsAt) > nowMs));
  const upcoming = ctx.meetings.filter((m) => Date.parse(m.endsAt) > nowMs);
  const scores = scoreBodies(signalText, upcoming);
  const best = Math.max(0, ...scores.values());
  if (best > 0) {
    const named = new Set([...scores].filter(([, s]) => s === best).map(([id]) => id));
    pool = uniqueMeetings(upcoming.filter((m) => named.has(m.bodyId)));
  } else if (ctx.contextBodyId) {
    pool = uniqueMeetings(upcoming.filter((m) => m.bodyId === ctx.contextBodyId));
  }

  // A withdrawal can only be of a förhinder on record, when the caller tells us which those are.
  const active = ctx.activeAbsenceMeetingIds;
  if (kind === 'withdrawal' && active) {
    pool = pool.filter((m) => active.includes(m.id));
    if (pool.length === 0 && !ctx.resolvedMeetingId) return { kind: 'ambiguous', reason: 'no_absence_on_record', candidates: [], options: [], understood, confidence };
  }

  const taken = [...clocks, ...(items ? [items] : [])];
  const refs = findDateRefs(lowered, folded, taken, ctx.now, tz);
  const ask = (reason: AmbiguityReason, candidates: CandidateMeeting[], dates?: CalendarDate[]): AbsenceIntentAmbiguous => {
    const result: AbsenceIntentAmbiguous = {
      kind: 'ambiguous',
      reason,
      candidates: candidates.map((c) => c.id),
      options: candidates.map(summary),
      understood: withPartialOnly(understood, items, clocks),
      confidence: Math.round(Math.max(0, Math.min(1, confidence)) * 100) / 100,
    };
    if (dates && dates.length > 0) result.dates = dates;
    return result;
  };

  let matched: CandidateMeeting[];
  const picked = ctx.resolvedMeetingId ? uniqueMeetings(ctx.meetings.filter((m) => m.id === ctx.resolvedMeetingId)) : [];
  if (ctx.resolvedMeetingId) {
    if (picked.length === 0) return ask('no_upcoming_meeting', []);
    matched = picked;
    // The person confirmed this reading on a card; hedges and questions in the text were answered.
    confidence = Math.max(confidence, 0.9);
  } else if (refs.length === 0) {
    if (kind === 'withdrawal' && active) {
      matched = pool;
    } else if (ctx.contextMeetingId && pool.some((m) => m.id === ctx.contextMeetingId)) {
      matched = pool.filter((m) => m.id === ctx.contextMeetingId);
      confidence -= 0.05;
    } else {
      // No date at all: the card offers each body's next meeting; picking one is the person's call.
      return ask(pool.length === 0 ? 'no_upcoming_meeting' : 'no_date', nextPerBody(pool));
    }
  } else {
    matched = [];
    const emptyDates: CalendarDate[] = [];
    for (const ref of refs) {
      const hits = meetingsFor(ref, pool, tz);
      if (hits.length === 0 && ref.kind === 'days') emptyDates.push(...ref.dates);
      if (hits.length === 0 && ref.kind === 'range') emptyDates.push(ref.from);
      matched.push(...hits);
    }
    matched = uniqueMeetings(matched);
    if (matched.length === 0) {
      if (pool.length === 0) return ask('no_upcoming_meeting', []);
      if (kind === 'withdrawal' && active) return ask('no_absence_on_record', pool);
      const after = emptyDates.length > 0 ? emptyDates.slice().sort()[0]! : localDate(ctx.now, tz);
      // Offer what comes next after the named date — as a question, never as the answer.
      return ask('no_meeting_on_date', nextPerBody(pool.filter((m) => localDate(m.startsAt, tz) >= after)), emptyDates);
    }
  }

  // "nästa fredag" matched one of two possible Fridays: likely, but said less exactly.
  if (!ctx.resolvedMeetingId && refs.some((r) => r.kind === 'days' && r.dates.length > 1)) confidence -= 0.1;
  if (matched.length > 1) matched = narrowByTime(matched, clocks, tz);
  if (matched.length > 1) matched = narrowByHalfDay(matched, signalText, tz);
  if (matched.length > 1) return ask('several_meetings', matched);
  const meeting = matched[0]!;

  const partial = buildPartial(meeting, items, clocks, tz);
  if (partial === 'outside') return ask('time_outside_meeting', [meeting]);
  if (confidence < ABSENCE_CONFIDENCE_THRESHOLD) return ask('low_confidence', [meeting]);
  const rounded = Math.round(Math.min(1, confidence) * 100) / 100;

  if (kind === 'withdrawal') return { kind: 'withdrawal', meetingId: meeting.id, meeting: summary(meeting), confidence: rounded };
  const intent: AbsenceIntentAbsence = { kind: 'absence', meetingId: meeting.id, meeting: summary(meeting), confidence: rounded };
  if (partial || lateOrEarly) intent.partial = partial ?? {};
  if (understood.substitute) intent.substitute = understood.substitute;
  if (understood.reason) intent.reason = understood.reason;
  return intent;
}

function meetingsFor(ref: DateRef, pool: CandidateMeeting[], tz: string): CandidateMeeting[] {
  switch (ref.kind) {
    case 'next_meeting':
      return nextPerBody(pool);
    case 'days':
      return pool.filter((m) => ref.dates.includes(localDate(m.startsAt, tz)));
    case 'range':
      return pool.filter((m) => {
        const d = localDate(m.startsAt, tz);
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
        ? meetings.filter((m) => minutesOfDay(m.startsAt, tz) === t)
        : meetings.filter((m) => t >= minutesOfDay(m.startsAt, tz) && t <= minutesOfDay(m.endsAt, tz));
    if (hits.length >= 1 && hits.length < meetings.length) return hits;
  }
  return meetings;
}

/** "21/3 fm" / "em": a morning or an afternoon meeting on a day with both. */
function narrowByHalfDay(meetings: CandidateMeeting[], text: string, tz: string): CandidateMeeting[] {
  const morning = /\b(?:fm|f\.m\.|formiddag(?:en|s)?|morning)\b/.test(text);
  const afternoon = /\b(?:em|e\.m\.|eftermiddag(?:en|s)?|afternoon)\b/.test(text);
  if (morning === afternoon) return meetings;
  const hits = meetings.filter((m) => (minutesOfDay(m.startsAt, tz) < 12 * 60) === morning);
  return hits.length > 0 ? hits : meetings;
}

function buildPartial(
  meeting: CandidateMeeting,
  items: ReturnType<typeof findItemRange>,
  clocks: ClockMention[],
  tz: string,
): PartialAttendance | undefined | 'outside' {
  const partial: PartialAttendance = {};
  const day = localDate(meeting.startsAt, tz);
  const start = Date.parse(meeting.startsAt);
  const end = Date.parse(meeting.endsAt);
  for (const c of clocks) {
    if (c.role === 'neutral') continue;
    const at = zonedInstant(day, c.hour, c.minute, tz);
    const ms = Date.parse(at);
    // An arrival or leaving time outside the meeting means we have the wrong meeting or the wrong time.
    if (ms < start || ms > end) return 'outside';
    if (c.role === 'arrive') partial.arrivesAt ??= at;
    else partial.leavesAt ??= at;
  }
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
function withPartialOnly(understood: Understood, items: ReturnType<typeof findItemRange>, clocks: ClockMention[]): Understood {
  const out: Understood = { ...understood };
  if (items || clocks.some((c) => c.role !== 'neutral')) {
    const partial: PartialAttendance = {};
    if (items) partial[items.sense === 'attend' ? 'itemRange' : 'missedItemRange'] = items.range;
    out.partial = partial;
  }
  return out;
}
