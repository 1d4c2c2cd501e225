import type { CalendarDate, Id, Instant } from '../domain/council';
import type { ItemRange } from '../domain/attendance';

/** An upcoming meeting of one body the sender sits on. A joint meeting may appear once per body (same id). */
export interface CandidateMeeting {
  id: Id;
  bodyId: Id;
  bodyName: string;
  startsAt: Instant;
  endsAt: Instant;
  items?: { number: number; title: string }[];
}

export interface AbsencePerson {
  id: Id;
  name: string;
}

export interface AbsenceContext {
  now: Instant;
  timeZone: 'Europe/Stockholm';
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
}

/** The meeting an intent resolved to, carried so a confirmation can be written without another lookup. */
export type MeetingSummary = Pick<CandidateMeeting, 'id' | 'bodyId' | 'bodyName' | 'startsAt' | 'endsAt'>;

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

export interface AbsenceIntentAbsence {
  kind: 'absence';
  meetingId: Id;
  meeting: MeetingSummary;
  partial?: PartialAttendance;
  substitute?: Substitute;
  /** The reason as the person wrote it ("sjuk", "bortrest", "annat möte"). */
  reason?: string;
  /** 0..1; always at or above ABSENCE_CONFIDENCE_THRESHOLD (lower becomes 'ambiguous'). */
  confidence: number;
}

export interface AbsenceIntentWithdrawal {
  kind: 'withdrawal';
  meetingId: Id;
  meeting: MeetingSummary;
  confidence: number;
}

export const AMBIGUITY_REASONS = [
  'several_meetings',
  'no_meeting_on_date',
  'no_date',
  'no_upcoming_meeting',
  'time_outside_meeting',
  'low_confidence',
  'no_absence_on_record',
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
  confidence: number;
}

export interface AbsenceIntentNotUnderstood {
  kind: 'not_understood';
}

export type AbsenceIntent =
  | AbsenceIntentAbsence
  | AbsenceIntentWithdrawal
  | AbsenceIntentAmbiguous
  | AbsenceIntentNotUnderstood;

/** Below this an interpretation is never recorded: it becomes a question. */
export const ABSENCE_CONFIDENCE_THRESHOLD = 0.6;
