import type { CalendarDate, Id, Instant } from './council';

export const DECISION_STATUSES = ['proposed', 'confirmed'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const STANDARD_DECISION_KEYS = [
  'agenda_approved',
  'minutes_filed',
  'justerare_elected',
  'information_noted',
  'postponed',
] as const;
export type StandardDecisionKey = (typeof STANDARD_DECISION_KEYS)[number];

export type VoteChoice = 'ja' | 'nej' | 'avstår';

export interface Vote {
  personId: Id;
  choice: VoteChoice;
  /** When an ersättare votes, whom they serve for. */
  servingForPersonId?: Id | null;
  at: Instant;
}

export interface VoteRound {
  /** The question put to the vote ("Bifall till förslaget"). */
  question: string;
  openedAt: Instant;
  closedAt?: Instant | null;
  eligiblePersonIds: Id[];
  votes: Vote[];
  /** Sluten omröstning: the minutes give only the counts, never who voted how. Absent = open vote. */
  secret?: boolean | null;
}

export interface Reservation {
  personId: Id;
  text?: string | null;
  at: Instant;
}

export interface Decision {
  id: Id;
  tenantId: string;
  meetingId: Id;
  itemId: Id;
  /** Word for word as it goes into the minutes: "Dagordningen fastställs." */
  text: string;
  standardKey?: StandardDecisionKey | null;
  status: DecisionStatus;
  /** The decision postpones the matter ("beslutade att skjuta fram beslut …"). */
  postponed: boolean;
  proposedBy: Id;
  proposedAt: Instant;
  confirmedBy?: Id | null;
  confirmedAt?: Instant | null;
  vote?: VoteRound | null;
  reservations: Reservation[];
  version: number;
}

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Uppdrag: "Linnea gör en doodle". */
export interface FollowUpTask {
  id: Id;
  tenantId: string;
  meetingId: Id;
  itemId?: Id | null;
  text: string;
  ownerPersonId?: Id | null;
  ownerName?: string | null;
  dueDate?: CalendarDate | null;
  status: TaskStatus;
  /** The meeting a task was carried to, when still open. */
  carriedToMeetingId?: Id | null;
  version: number;
}

/** Jäv: the person takes no part in the item. */
export interface Recusal {
  id: Id;
  meetingId: Id;
  itemId: Id;
  personId: Id;
  note?: string | null;
}

/** "Driv och hinder": the short evaluation at the end. */
export interface EvaluationEntry {
  id: Id;
  meetingId: Id;
  personId: Id | null;
  worked?: string | null;
  hindered?: string | null;
  score?: 1 | 2 | 3 | 4 | 5 | null;
  at: Instant;
}
