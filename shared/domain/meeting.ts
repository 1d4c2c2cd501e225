import type { CalendarDate, DocumentKind, Id, Instant } from './council';

export const MEETING_MODES = ['room', 'teams', 'hybrid'] as const;
export type MeetingMode = (typeof MEETING_MODES)[number];

export const MEETING_STATUSES = ['planned', 'moved', 'cancelled', 'held'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** Where the meeting is in its own day: before it, running, or after it. */
export type MeetingPhase = 'before' | 'running' | 'after';

export interface TeamsMeetingBinding {
  /** Teams meeting id from the meeting chat/tab context (base64 "MCM…"). */
  meetingId?: string | null;
  /** Graph onlineMeeting id. */
  onlineMeetingId?: string | null;
  chatId?: string | null;
  joinUrl?: string | null;
  organizerAadObjectId?: string | null;
}

export interface Meeting {
  id: Id;
  tenantId: string;
  /** One body, or two/three for a gemensamt möte; the first is the host body. */
  bodyIds: Id[];
  title?: string | null;
  documentKind: DocumentKind;
  startsAt: Instant;
  endsAt: Instant;
  /** IANA zone the meeting is held in; minutes print times in it. */
  timeZone: string;
  place?: string | null;
  mode: MeetingMode;
  status: MeetingStatus;
  /** When it was actually opened and closed ("Mötet öppnas"/"Mötet avslutas"). */
  startedAt?: Instant | null;
  endedAt?: Instant | null;
  /** Where a moved meeting went, or where it came from. */
  movedFromStartsAt?: Instant | null;
  teams?: TeamsMeetingBinding | null;
  /** Chair at the start (mötesordförande); handovers are recorded separately. */
  chairPersonId?: Id | null;
  secretaryPersonIds: Id[];
  justerarePersonIds: Id[];
  version: number;
}

export interface UpcomingDate {
  id: Id;
  meetingId: Id;
  date: CalendarDate;
  /** "em", "fm", "digitalt", "internat?", "(gemensamt med chefsgrupp …)" */
  note?: string | null;
  position: number;
}
