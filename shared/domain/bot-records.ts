/** Records of the conversational half: pending förhinder questions, call-in chains, kallelse. */
import type { Id, Instant } from './council';

export interface AbsenceRequest {
  id: Id;
  personId: Id;
  /** The chat text as written. */
  text: string;
  /** What the parser understood apart from the meeting (kind, partial, substitute, reason). */
  understood: Record<string, unknown>;
  candidateMeetingIds: Id[];
  /** declined: the member answered "Nej, det stämmer inte"; nothing was recorded. */
  status: 'open' | 'resolved' | 'declined';
  resolvedMeetingId?: Id | null;
  version: number;
}

export const CALL_IN_PURPOSES = ['substitute', 'chair'] as const;
/** substitute: an ersättare serves for an absent ledamot; chair: the vice ordförande chairs for the ordförande. */
export type CallInPurpose = (typeof CALL_IN_PURPOSES)[number];
export type CallInStatus = 'open' | 'filled' | 'exhausted' | 'cancelled';

export interface CallIn {
  id: Id;
  meetingId: Id;
  bodyId: Id;
  absentPersonId: Id;
  organisationId?: Id | null;
  purpose: CallInPurpose;
  status: CallInStatus;
  namedSubstitutePersonId?: Id | null;
  filledByPersonId?: Id | null;
  version: number;
}

/** waiting: not asked yet; absent: has förhinder herself (skipped); withdrawn: the seat went back. */
export type CallInStepState = 'waiting' | 'asked' | 'accepted' | 'declined' | 'timed_out' | 'absent' | 'withdrawn' | 'skipped';

export interface CallInStep {
  id: Id;
  callInId: Id;
  position: number;
  personId: Id;
  state: CallInStepState;
  askedAt?: Instant | null;
  answeredAt?: Instant | null;
  /** Accepted because the secretary put the person in (an override), not by their own answer. */
  putInBySecretary?: boolean;
  version: number;
}

export interface MeetingBotSettings {
  id: Id;
  meetingId: Id;
  callInTimeoutMinutes: number;
  kallelseSentAt?: Instant | null;
  kallelseSentForStartsAt?: Instant | null;
  version: number;
}

export interface KallelseDelivery {
  id: Id;
  meetingId: Id;
  personId: Id;
  status: 'sent' | 'unreachable';
  version: number;
}

export interface PersonMatchRequest {
  id: Id;
  aadObjectId: string;
  teamsName: string;
  personId: Id;
  status: 'open' | 'confirmed' | 'rejected';
  version: number;
}
