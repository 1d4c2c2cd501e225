import type { CalendarDate, Id, Instant } from '../domain/council';
import type { ItemRange } from '../domain/attendance';

/** An upcoming meeting of one body the sender sits on. A joint meeting may appear once per body (same id). */
export interface CandidateMeeting {
  id: Id;
  bodyId: Id;
  bodyName: string;
  startsAt: Instant;
  endsAt: Instant;
  /** The meeting's own IANA zone: its calendar date and clock times are read there (default: the context's). */
  timeZone?: string;
  items?: { number: number; title: string }[];
}

export interface AbsencePerson {
  id: Id;
  name: string;
}

export interface AbsenceContext {
  /**
   * When the message was written (the activity's own timestamp), never the time it happens to be processed:
   * "imorgon", "på fredag" and "16/5" are read against this, and only meetings not yet over then count.
   */
  now: Instant;
  /** The meetings' zone when a meeting does not carry its own (the region's: Europe/Stockholm). */
  timeZone: string;
  /**
   * The sender's UTC offset in minutes when the message was written (Teams' localTimestamp): "idag" and
   * "imorgon" are the sender's own calendar days. Absent: the calendar of `timeZone`.
   */
  senderUtcOffsetMinutes?: number;
  /** The fallback language of the reply; the text's own language wins when it is clear (see detectLanguage). */
  locale: 'sv' | 'en';
  meetings: CandidateMeeting[];
  /** People who may be named as substitute ("Erik König går in för mig"). */
  people?: AbsencePerson[];
  /** The message was written in this meeting's chat: a text without a date means this meeting. */
  contextMeetingId?: Id;
  /** The message was written in a channel bound to this body: without a body name, only its meetings count. */
  contextBodyId?: Id;
  /** Meetings where the sender already has a förhinder: a withdrawal without a date means the only one. */
  activeAbsenceMeetingIds?: Id[];
  /**
   * The person picked this meeting on a question card: the same text is read again against it alone
   * (dates in the text no longer decide, and the pick counts as confirmation).
   */
  resolvedMeetingId?: Id;
  /** The person picked "all of these" on a question card: the text is applied to each of these meetings. */
  resolvedMeetingIds?: Id[];
}

/** The meeting an intent resolved to, carried so a confirmation can be written without another lookup. */
export type MeetingSummary = Pick<CandidateMeeting, 'id' | 'bodyId' | 'bodyName' | 'startsAt' | 'endsAt' | 'timeZone'>;

/**
 * Partial attendance. All fields absent means "del av mötet" with nothing more known.
 * itemRange is the items the person ATTENDS; missedItemRange is kept when the person named the items
 * they miss and that cannot be turned into one attended range (items unknown, or a gap in the middle).
 */
export interface PartialAttendance {
  itemRange?: ItemRange;
  missedItemRange?: ItemRange;
  arrivesAt?: Instant;
  leavesAt?: Instant;
}

export interface Substitute {
  personId?: Id;
  name: string;
}

/** One meeting an absence or withdrawal applies to, with the partial attendance read for that meeting's day. */
export interface AbsenceTarget {
  meetingId: Id;
  meeting: MeetingSummary;
  partial?: PartialAttendance;
  /** A joint meeting where the sender sits on several bodies and the text named one: the absence is for that body only. */
  bodyId?: Id;
}

export interface AbsenceIntentAbsence {
  kind: 'absence';
  /** The first of `targets` (kept so a caller interested in one meeting need not look further). */
  meetingId: Id;
  meeting: MeetingSummary;
  partial?: PartialAttendance;
  /** Every meeting the text names ("16/5 och 20/5", "mötena i december"); never fewer than one. */
  targets: AbsenceTarget[];
  substitute?: Substitute;
  /** The reason as the person wrote it ("sjuk", "bortrest", "annat möte"). */
  reason?: string;
  /** Dates the text also named on which the person has no meeting: said in the reply, never silently dropped. */
  unmatchedDates?: CalendarDate[];
  /** 0..1; always at or above ABSENCE_CONFIDENCE_THRESHOLD (lower becomes 'ambiguous'). */
  confidence: number;
}

export interface AbsenceIntentWithdrawal {
  kind: 'withdrawal';
  meetingId: Id;
  meeting: MeetingSummary;
  targets: AbsenceTarget[];
  confidence: number;
}

/**
 * The person says they WILL attend ("jag har inte förhinder den 12/3", "nej, jag kommer", "I can make it on
 * Friday"). Nothing is ever recorded from this; a förhinder already on record for that meeting becomes a
 * question (withdraw it?), never a silent change. `meetings` are the meetings the text named (may be empty).
 */
export interface AbsenceIntentAttending {
  kind: 'attending';
  meetings: MeetingSummary[];
}

/**
 * A forwarded e-mail or chat ("Vidarebefordrat meddelande", "Från: … Skickat: …"): the absence in it is
 * someone else's, so it is never recorded as the forwarder's. `from` is the original sender as written.
 */
export interface AbsenceIntentForwarded {
  kind: 'forwarded';
  from?: { name: string; email?: string };
}

export const AMBIGUITY_REASONS = [
  'several_meetings',
  'no_meeting_on_date',
  'no_date',
  'no_upcoming_meeting',
  'time_outside_meeting',
  'low_confidence',
  'no_absence_on_record',
  'denied_with_absence_on_record',
] as const;
export type AmbiguityReason = (typeof AMBIGUITY_REASONS)[number];

export interface AbsenceIntentAmbiguous {
  kind: 'ambiguous';
  reason: AmbiguityReason;
  /** Meetings the question card may offer; empty when there is nothing sensible to offer. */
  candidates: Id[];
  options: MeetingSummary[];
  /** What was understood apart from the meeting, so the answer to the question can complete it. */
  understood: {
    kind: 'absence' | 'withdrawal';
    partial?: PartialAttendance;
    substitute?: Substitute;
    reason?: string;
  };
  /** The date(s) the person named when no meeting is on them (for the question text). */
  dates?: CalendarDate[];
  /**
   * The person's words name all of these meetings together ("förhinder den 21 mars" on a day with two,
   * "nästa möte" of two bodies): the question offers "all of them" beside each one, so nothing is dropped.
   */
  offerAll?: boolean;
  confidence: number;
}

export interface AbsenceIntentNotUnderstood {
  kind: 'not_understood';
}

export type AbsenceIntent =
  | AbsenceIntentAbsence
  | AbsenceIntentWithdrawal
  | AbsenceIntentAttending
  | AbsenceIntentForwarded
  | AbsenceIntentAmbiguous
  | AbsenceIntentNotUnderstood;

/** Below this an interpretation is never recorded: it becomes a question. */
export const ABSENCE_CONFIDENCE_THRESHOLD = 0.6;
