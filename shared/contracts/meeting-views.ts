/**
 * What the API answers about a meeting (the server's use cases return these; the tab imports them):
 * one definition per shape, so the tab never keeps a copy of its own.
 */
import type { AgendaItem, Attendance, ChairHandover, ItemRange, Meeting } from '../domain';
import type { CallIn, CallInStep } from '../domain/bot-records';

/** GET /meetings/:id */
export interface MeetingWithAgenda {
  meeting: Meeting;
  items: AgendaItem[];
}

/** What the quorum is now. */
export interface QuorumCount {
  /** Serving voting members (ledamöter present plus serving ersättare, minus jäv). */
  present: number;
  /** Filled voting seats of the bodies. */
  total: number;
  quorate: boolean;
}

/** One body's quorum in a (joint) meeting, from its own list. */
export interface BodyQuorum extends QuorumCount {
  bodyId: string;
}

/** GET /meetings/:id/agenda: the agenda with handovers, who chairs now and the quorum. */
export interface AgendaView {
  meeting: Meeting;
  items: AgendaItem[];
  handovers: ChairHandover[];
  /** The item the meeting is at, and who chairs it. */
  currentItemNumber: number;
  /** What a handover must send as `version`: handovers recorded + 1. */
  chairVersion: number;
  currentChairPersonId: string | null;
  quorum: QuorumCount;
  /** Joint meetings: each body's quorum from its own list. */
  quorumPerBody: BodyQuorum[];
}

/** One row of GET /meetings/:id/attendance. */
export interface AttendanceRow {
  attendance: Attendance;
  personName: string;
  intervals: Array<{ from: string; to: string | null; source: string }>;
  /** Items attended as derived from intervals × item times (null: all, none, or not derivable). */
  derivedItemRange: ItemRange | null;
}

/** One call-in chain: who has förhinder and the ersättare asked, in order. */
export interface CallInChainView {
  callIn: CallIn;
  absentName: string;
  steps: Array<CallInStep & { name: string; organisation: string | null }>;
}

/** GET /meetings/:id/call-ins */
export interface CallInOverview {
  timeoutMinutes: number;
  chains: CallInChainView[];
}

/** One confirmed decision as the register (GET /bodies/:id/decisions) lists it, with its meeting and item. */
export interface DecisionRegisterEntry {
  id: string;
  meetingId: string;
  itemId: string;
  text: string;
  status: string;
  confirmedAt: string | null;
  meetingStartsAt: string;
  meetingTitle: string | null;
  itemNumber: number;
  itemTitle: string;
}
