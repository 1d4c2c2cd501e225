import type {
  AgendaLayout,
  Body,
  DocumentKind,
  Id,
  Instant,
  ItemKind,
  Meeting,
  Membership,
  Organisation,
  Person,
  StandardItemKey,
  UpcomingPlacement,
  Attendance,
  AttendanceInterval,
  AgendaItem,
  ChairHandover,
  Decision,
  EvaluationEntry,
  FollowUpTask,
  Recusal,
  UpcomingDate,
  VoteChoice,
  ServingPeriod,
} from '../domain';
import type { NoteBlock } from './note-blocks';


// ---------------------------------------------------------------------------------------------
// The model: everything the renderers print, already in Swedish words and the meeting's zone.
// ---------------------------------------------------------------------------------------------

export const MINUTES_LEGEND = '✓ = deltog, överstruken = meddelat förhinder';

export type JusteringMethod = 'teams' | 'email' | 'paper';

export interface JusteringSignature {
  personId: Id;
  signedAt: Instant;
  method: JusteringMethod;
}

/** How a person is listed: ✓ deltog, struck through (förhinder), frånvarande, not yet known, or a vacant seat. */
export type MinutesPersonState = 'present' | 'förhinder' | 'absent' | 'expected' | 'vacant';

export type RoleGroupKey = 'ledamöter' | 'ersättare' | 'tjänstepersoner' | 'övriga';

export const ROLE_GROUP_LABELS: Record<RoleGroupKey, string> = {
  ledamöter: 'Ledamöter',
  ersättare: 'Ersättare',
  tjänstepersoner: 'Tjänstepersoner',
  övriga: 'Övriga',
};

export interface MinutesPerson {
  personId: Id | null;
  /** "Vakant" for a vacancy. */
  name: string;
  /** Title and/or organisation as written after the name: "utvecklingsledare, Region Örebro län". */
  affiliation: string | null;
  state: MinutesPersonState;
  /** "ersätter Helena Fagerstedt", or once the meeting has run "tjänstgör för Helena Fagerstedt §§ 3–5" */
  replaces: string | null;
  /** "punkt 2–5" or "del av mötet"; null for the whole meeting. */
  partial: string | null;
  /** The full line as plain text, without the ✓ or strike marks: "Anna Jakobsson, chef … (del av mötet)". */
  line: string;
}

export interface MinutesRoleGroup {
  key: RoleGroupKey;
  label: string;
  people: MinutesPerson[];
}

export interface MinutesBodyAttendance {
  bodyId: Id;
  bodyName: string;
  groups: MinutesRoleGroup[];
}

export interface MinutesAttendance {
  /** Ledamöter and ersättare per body, in the meeting's body order. */
  bodies: MinutesBodyAttendance[];
  /** Tjänstepersoner and övriga, listed once for the whole meeting (as in the joint 2024 protocol). */
  common: MinutesRoleGroup[];
  counts: AttendanceCounts;
}

export interface AttendanceCounts {
  present: number;
  förhinder: number;
  absent: number;
  /** Per body: ledamöter present of listed, ersättare serving. */
  perBody: { bodyId: Id; bodyName: string; ledamöterPresent: number; ledamöterListed: number; ersättarePresent: number; förhinder: number }[];
}

export interface MinutesHeader {
  bodies: { id: Id; name: string }[];
  joint: boolean;
  documentKind: DocumentKind;
  /** "Protokoll" / "Minnesanteckningar" */
  documentKindLabel: string;
  /** "Protokoll Specifika samverkansrådet för … och Specifika samverkansrådet för folkhälsa" */
  title: string;
  /** Meeting date in its zone, YYYY-MM-DD. */
  date: string;
  /** "2024-09-20, kl. 09.00–12.00" */
  time: string;
  place: string | null;
  secretaries: string[];
  /** "Behcet Barsom, Region Örebro län" */
  chair: string | null;
  /** "Siw Lunander tog över som mötesordförande från punkt 11" */
  chairHandovers: string[];
  /** "Siw Lunander, Hallsbergs kommun" */
  justerare: string[];
  /** The letterhead's "Tjänsteställe" of the (first) body; absent in minutes stored before it existed. */
  serviceUnit?: string | null;
}

/** How the body lays its minutes out (absent in minutes stored before the setting existed). */
export interface MinutesLayout {
  agenda: AgendaLayout;
  upcoming: UpcomingPlacement;
  /** For upcoming 'in_item': the item whose text the dates follow (Övriga frågor, else the last item). */
  upcomingItemNumber: number | null;
}

export interface MinutesVote {
  question: string;
  ja: number;
  nej: number;
  avstår: number;
  secret: boolean;
  /** Names per choice when the vote was open; null for a secret vote. */
  names: Record<VoteChoice, string[]> | null;
  /** "Omröstning: Bifall till förslaget – ja 8, nej 3, avstår 1" */
  line: string;
}

export interface MinutesDecision {
  id: Id;
  /** "Dagordningen fastställs." */
  text: string;
  postponed: boolean;
  /** A proposed decision not yet confirmed by the secretary (only in drafts). */
  unconfirmed: boolean;
  vote: MinutesVote | null;
  /** "Kristin Östman reserverar sig: motivering" */
  reservations: string[];
}

export interface MinutesTask {
  itemNumber: number | null;
  owner: string | null;
  text: string;
  /** YYYY-MM-DD */
  dueDate: string | null;
  /** "Linnea Hedkvist: gör en doodle (senast 2022-02-15)" */
  line: string;
}

export interface MinutesAttachment {
  itemNumber: number;
  title: string;
  url: string;
}

export interface MinutesItem {
  id: Id;
  number: number;
  title: string;
  kind: ItemKind;
  standardKey: StandardItemKey | null;
  presenters: string[];
  /**
   * Who chairs and who takes part, at the item: "Siw Lunander tog över som mötesordförande." where a handover
   * happened, "Karin Haster anmälde jäv och deltog inte i handläggningen av ärendet." for each jäv.
   */
  chairNotes: string[];
  notes: NoteBlock[];
  decisions: MinutesDecision[];
  tasks: MinutesTask[];
  attachments: MinutesAttachment[];
  postponed: boolean;
}

export interface MinutesEvaluation {
  worked: string[];
  hindered: string[];
  /** Mean of given scores, one decimal; null when nobody scored. */
  averageScore: number | null;
  responses: number;
}

export interface MinutesUpcomingDate {
  date: string;
  /** "21 april 2022" */
  dateText: string;
  note: string | null;
  line: string;
}

export interface MinutesJustering {
  /** Everyone appointed has signed. */
  complete: boolean;
  signed: { personId: Id; name: string; date: string; yymmdd: string; method: JusteringMethod }[];
  pending: string[];
  /** "Justerade: Jari Mehtäläinen 250403, Behcet Barsom 250404" or "Justerat den: 2024-10-01 via e-post."; null before anyone signed. */
  line: string | null;
}

export type MinutesStatus = 'draft' | 'final';

export interface MinutesModel {
  meetingId: Id;
  header: MinutesHeader;
  attendance: MinutesAttendance;
  items: MinutesItem[];
  /** Number of the "Övriga frågor" item, when the agenda has one. */
  otherQuestionsItemNumber: number | null;
  tasks: MinutesTask[];
  attachments: MinutesAttachment[];
  evaluation: MinutesEvaluation | null;
  upcoming: MinutesUpcomingDate[];
  justering: MinutesJustering;
  legend: string;
  layout?: MinutesLayout;
  version: number;
  status: MinutesStatus;
  /** Filled in when the version is locked; the hash of canonicalMinutesText. */
  contentHash: string | null;
}

export interface MinutesInput {
  meeting: Meeting;
  bodies: Body[];
  persons: Person[];
  organisations: Organisation[];
  memberships: Membership[];
  attendance: Attendance[];
  intervals?: AttendanceInterval[];
  /** Tjänstgöring per item as recorded (absent for minutes of meetings that did not run item by item). */
  servingPeriods?: ServingPeriod[];
  items: AgendaItem[];
  chairHandovers?: ChairHandover[];
  decisions: Decision[];
  /** Jäv recorded per item (absent in inputs built before jäv reached the minutes). */
  recusals?: Recusal[];
  tasks?: FollowUpTask[];
  evaluations?: EvaluationEntry[];
  upcomingDates?: UpcomingDate[];
  justering?: JusteringSignature[];
  version: number;
  status: MinutesStatus;
  contentHash?: string | null;
}


/** Upcoming dates shown inside this item (layout 'in_item'); the others go in their own section. */
export function upcomingInItem(m: MinutesModel, itemNumber: number): MinutesUpcomingDate[] {
  return m.layout?.upcoming === 'in_item' && m.layout.upcomingItemNumber === itemNumber ? m.upcoming : [];
}

/** Upcoming dates in their own section "Kommande möten" (the default, and whenever no item takes them). */
export function upcomingSection(m: MinutesModel): MinutesUpcomingDate[] {
  return m.layout?.upcoming === 'in_item' && m.layout.upcomingItemNumber !== null ? [] : m.upcoming;
}
