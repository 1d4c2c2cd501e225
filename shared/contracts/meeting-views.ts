/**
 * What the API answers about a meeting (the server's use cases return these; the tab imports them):
 * one definition per shape, so the tab never keeps a copy of its own.
 */
import type { AgendaItem, Attendance, Body, ChairHandover, Decision, FollowUpTask, ItemRange, Meeting, Membership, Person } from '../domain';
import type { Me } from './caller-views';
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
  /** The minutes are justerade and locked: the meeting's decisions, jäv and agenda are fixed (a rättelse reopens). */
  minutesLocked: boolean;
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

/**
 * GET /meetings/:id/views/panel: everything a meeting surface (side panel, stage, meeting tab) shows first,
 * in one answer, so the page has its data after one round trip instead of a dozen. People are only those
 * the meeting names (its rosters, attendance, call-ins, chairs, secretaries, justerare, task owners), never
 * the region's list.
 */
export interface MeetingPanelView {
  agenda: AgendaView;
  me: Me;
  people: Array<Pick<Person, 'id' | 'name' | 'title' | 'organisationId'>>;
  /** The seats of the meeting's bodies. */
  memberships: Membership[];
  /** The meeting's bodies by name (a joint meeting lists attendance per body). */
  bodies: Array<Pick<Body, 'id' | 'name' | 'shortName'>>;
  /** Decisions (with their votes) in agenda order. */
  decisions: Decision[];
  tasks: FollowUpTask[];
  attendance: AttendanceRow[];
  callIns: CallInChainView[];
}
