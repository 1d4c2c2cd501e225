import type { AttendanceState, Id, ItemRange, Membership, MembershipRole, Organisation, OrganisationKind, Person } from '../domain';
import type { MatchKind } from './match-people';
import type { RosterWarning } from './types';

/**
 * What importing a parsed roster would change, computed without touching anything: people to create,
 * update or confirm, organisations to create, memberships to add/update/remove per body, and the
 * attendance marks the list carries. Applying the plan and importing the same list again gives an
 * empty plan: an import updates, it never duplicates.
 */
export type PersonRef = { kind: 'existing'; id: Id } | { kind: 'new'; key: string };
export type OrganisationRef = { kind: 'existing'; id: Id } | { kind: 'new'; key: string };

/** A change of one field; `to` of the form "new:<key>" names an organisation in organisations.create. */
export interface FieldChange<T = string | number | null> {
  field: string;
  from: T;
  to: T;
}

export interface PlannedPerson {
  ref: PersonRef;
  /** Stable key for the secretary's confirmation of a suggestion (see PlanOptions.confirmations). */
  key: string;
  /** keep: matched, nothing to change; confirm: a similar person exists, the secretary must choose. */
  action: 'create' | 'update' | 'keep' | 'confirm';
  name: string;
  email?: string;
  title?: string;
  organisation?: OrganisationRef;
  changes: FieldChange[];
  match: { kind: MatchKind; score: number; via: string; personId?: Id };
  /** For 'confirm': the existing people it may be (best first). */
  suggestions: { personId: Id; name: string; score: number }[];
  lineNos: number[];
}

export interface PlannedOrganisation {
  key: string;
  name: string;
  kind: OrganisationKind;
  aliases: string[];
  /** True when in the built-in dictionary; false for an organisation only the list names. */
  known: boolean;
}

export interface PlannedMembershipAdd {
  bodyId: Id;
  /** null for a vacancy. */
  person: PersonRef | null;
  role: MembershipRole;
  organisation: OrganisationRef | null;
  title: string | null;
  substituteOrder: number | null;
  /** Place in the body's list: the list's own order. */
  position: number;
  lineNo: number;
}

export interface PlannedMembershipUpdate {
  membershipId: Id;
  bodyId: Id;
  changes: FieldChange[];
  lineNo: number;
}

/**
 * A listed role that differs from the seat's stored role ("Malin Duckert Ek" stored as sekreterare, listed
 * under Tjänstepersoner). A pasted list never changes a seat's role on its own: the seat keeps its role
 * unless the secretary accepts the change (PlanOptions.roleChanges).
 */
export interface PlannedRoleQuestion {
  membershipId: Id;
  bodyId: Id;
  person: PersonRef;
  name: string;
  from: MembershipRole;
  to: MembershipRole;
  /** The secretary accepted the change: it is part of memberships.update. */
  accepted: boolean;
  lineNo: number;
}

export interface PlannedMembershipRemove {
  membershipId: Id;
  bodyId: Id;
  personId: Id | null;
  role: MembershipRole;
}

export interface PlannedAttendance {
  bodyId: Id;
  person: PersonRef;
  state: AttendanceState;
  /** Resolved when the replaced person is on the list or already known; else only the name. */
  replaces?: PersonRef;
  replacesName?: string;
  itemRange?: ItemRange;
  partOfMeeting: boolean;
  lineNo: number;
}

export interface RosterImportPlan {
  organisations: { create: PlannedOrganisation[] };
  people: PlannedPerson[];
  memberships: { add: PlannedMembershipAdd[]; update: PlannedMembershipUpdate[]; remove: PlannedMembershipRemove[]; unchanged: Id[] };
  /** Seats whose listed role differs from the stored one: asked, never changed unasked. */
  roleQuestions: PlannedRoleQuestion[];
  /** Marks as attendance of a past meeting, for callers that keep them (upserted per person and body, so idempotent). */
  attendance: PlannedAttendance[];
  warnings: RosterWarning[];
  /** Some people need the secretary's choice before the plan may be applied. */
  needsConfirmation: boolean;
  /** Nothing to create, update or remove (attendance marks aside). */
  isEmpty: boolean;
}

export interface ExistingRoster {
  people: readonly Person[];
  organisations: readonly Organisation[];
  /** Memberships of the bodies imported into (and any others, used only to know people's organisations). */
  memberships: readonly Membership[];
}

export interface PlanOptions {
  /** The body each parsed body goes into, index-aligned with parsed.bodies. */
  bodyIds: readonly Id[];
  /** Answers to suggestions, by PlannedPerson.key: an existing person's id, or 'new' for a different person. */
  confirmations?: Readonly<Record<string, Id | 'new'>>;
  /** Remove memberships of people no longer on the list (default true). */
  removeMissing?: boolean;
  /**
   * Attendance for people the list does not mark. 'skip' (default): none. 'present': a protocol's
   * list where only förhinder is struck through, so everyone else listed took part.
   */
  unmarked?: 'skip' | 'present';
  /** Role changes the secretary accepted, by membership id (see PlannedRoleQuestion). */
  roleChanges?: Readonly<Record<Id, boolean>>;
}
