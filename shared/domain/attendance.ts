import type { Id, Instant } from './council';

export const ATTENDANCE_STATES = ['expected', 'present', 'förhinder', 'absent'] as const;
/**
 * expected: on the roster, nothing known yet; present: deltog; förhinder: meddelat förhinder;
 * absent: did not come and did not give notice.
 */
export type AttendanceState = (typeof ATTENDANCE_STATES)[number];

export const ATTENDANCE_SOURCES = [
  'teams_event',
  'graph_report',
  'check_in',
  'chat',
  'kallelse_card',
  'secretary',
  'import',
  'call_in',
  /** The member's own förhinder given in the tab ("Mina möten"). */
  'tab',
] as const;
export type AttendanceSource = (typeof ATTENDANCE_SOURCES)[number];

export interface ItemRange {
  from: number;
  to: number;
}

export interface TimeInterval {
  from: Instant;
  /** null while still in the meeting. */
  to: Instant | null;
  source: AttendanceSource;
}

export interface Attendance {
  id: Id;
  tenantId: string;
  meetingId: Id;
  personId: Id;
  /** For joint meetings the body under which the person is listed. */
  bodyId: Id | null;
  state: AttendanceState;
  source: AttendanceSource;
  /** Serving ersättare: whom they replace ("ersätter Karin Haster"). */
  replacesPersonId?: Id | null;
  /** Partial attendance by agenda items ("punkt 2-5"). */
  itemRange?: ItemRange | null;
  /** "del av mötet" without a known range. */
  partOfMeeting: boolean;
  /** When the person said they will arrive or leave ("ansluter kl. 10.30", "måste gå 11"): a plan, not a join fact. */
  arrivesAt?: Instant | null;
  leavesAt?: Instant | null;
  /** Free reason or message as given ("sjuk", the chat text). */
  note?: string | null;
  /** A guest Teams user not yet classified by the secretary. */
  unclassifiedGuest?: boolean;
  updatedAt: Instant;
  updatedBy?: Id | null;
  version: number;
}

/** Join/leave facts; partial attendance per item is derived from these and item start/end times. */
export interface AttendanceInterval {
  id: Id;
  meetingId: Id;
  personId: Id;
  from: Instant;
  to: Instant | null;
  source: AttendanceSource;
}
