import type { Id, Instant } from './council';
import type { RosterImportPlan, RosterParseResult } from '../roster';

/**
 * Stored roster imports and person-match suggestions (migrations/0100_roster_imports.sql).
 * An import keeps what was parsed and planned at preview time with a fingerprint of the roster it was
 * planned against, so that "apply" applies exactly what the secretary saw.
 */
export type RosterImportStatus = 'previewed' | 'applied' | 'superseded';

/** A past meeting to create for the list's marks (history import). */
export interface HistoryMeetingInput {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM local time (Europe/Stockholm unless timeZone); default 09:00–12:00. */
  startTime?: string;
  endTime?: string;
  timeZone?: string;
  place?: string | null;
  title?: string | null;
  documentKind?: 'protokoll' | 'minnesanteckningar';
}

export interface RosterImportOptions {
  format: 'text' | 'csv';
  /** Keep the marks as attendance of this meeting. */
  asAttendanceOfMeetingId?: Id | null;
  /** Or create a past meeting for them. */
  createMeeting?: HistoryMeetingInput | null;
  /** Attendance for unmarked people: 'skip' or 'present' (a protocol listing only förhinder struck). */
  unmarked?: 'skip' | 'present';
  /** Remove seats of people no longer on the list (default true). */
  removeMissing?: boolean;
  /** false: bring in people and attendance only, leave the bodies' rosters as they are. */
  membershipChanges?: boolean;
  /** 'list' | 'document' | 'auto' for text. */
  mode?: 'auto' | 'list' | 'document';
}

export interface RosterApplyResult {
  importId: Id;
  createdPersonIds: Record<string, Id>;
  createdOrganisationIds: Record<string, Id>;
  meetingId: Id | null;
  counts: {
    organisationsCreated: number;
    peopleCreated: number;
    peopleUpdated: number;
    membershipsAdded: number;
    membershipsUpdated: number;
    membershipsRemoved: number;
    attendanceRecorded: number;
  };
}

export interface RosterImportRecord {
  id: Id;
  tenantId: string;
  /** The body the import was made on (the URL's). */
  bodyId: Id;
  /** The body each parsed body goes into, index-aligned with parsed.bodies. */
  bodyIds: Id[];
  format: 'text' | 'csv';
  sourceText: string;
  options: RosterImportOptions;
  parsed: RosterParseResult;
  plan: RosterImportPlan;
  /** Fingerprint of the roster (people, organisations, memberships and remembered matches) the plan was made on. */
  basis: string;
  status: RosterImportStatus;
  createdBy: Id | null;
  createdAt: Instant;
  appliedAt: Instant | null;
  appliedBy: Id | null;
  result: RosterApplyResult | null;
  version: number;
}

export interface MatchCandidateView {
  personId: Id;
  name: string;
  score: number;
}

export type PersonMatchSuggestionStatus = 'open' | 'confirmed' | 'rejected';

export interface PersonMatchSuggestion {
  id: Id;
  tenantId: string;
  importId: Id | null;
  bodyIds: Id[];
  /** The planner's key of the listed person (normalised name @ organisation). */
  personKey: string;
  listedName: string;
  listedOrganisation: string | null;
  listedEmail: string | null;
  candidates: MatchCandidateView[];
  status: PersonMatchSuggestionStatus;
  /** confirmed: the existing person; rejected: the new person once the import was applied. */
  resolvedPersonId: Id | null;
  resolvedBy: Id | null;
  resolvedAt: Instant | null;
  createdAt: Instant;
  version: number;
}
