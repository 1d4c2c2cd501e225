import type { MembershipRole } from '../domain';
import type { ItemRange } from '../domain';

/** What a line says about attendance: ✓ = deltog, struck through = meddelat förhinder. */
export type RosterMark = 'present' | 'förhinder' | 'absent' | 'none';

export interface RosterEntry {
  /** 1-based line number in the text given to the parser. */
  lineNo: number;
  /** Further lines where the same person was listed in the same body (merged into this entry). */
  alsoOnLines: number[];
  raw: string;
  /** "Vakant" for a vacancy. */
  name: string;
  /** Canonical organisation name when recognised, or the text as written when it reads as an unknown organisation. */
  organisationName?: string;
  /** True when organisationName is in the organisation dictionary or among the tenant's organisations. */
  organisationKnown: boolean;
  /** The organisation as written, when it differs from organisationName ("Hallsberg", "Lokeberg"). */
  organisationWritten?: string;
  title?: string;
  /** The most significant of `roles`. */
  role: MembershipRole;
  roles: MembershipRole[];
  /** Listed under "Justerare:" or with ", justerare": a meeting function, not a membership role. */
  justerare: boolean;
  mark: RosterMark;
  replacesName?: string;
  itemRange?: ItemRange;
  /** "del av mötet" without a known range (as in the domain's Attendance.partOfMeeting). */
  partOfMeeting: boolean;
  vacancy: boolean;
  email?: string;
  /** Ersättare: order within their organisation in this body (listing order, or the CSV's column). */
  substituteOrder?: number;
  bodyHeading?: string;
}

export interface RosterBody {
  heading?: string;
  entries: RosterEntry[];
}

export type RosterNoticeCode =
  | 'not_a_person'
  | 'single_word'
  | 'organisation_only'
  | 'empty_name'
  | 'bad_role'
  | 'bad_email'
  | 'bad_order'
  | 'bad_mark'
  | 'column_count'
  | 'typo_organisation'
  | 'unknown_organisation'
  | 'conflicting_marks'
  | 'same_name_other_organisation'
  | 'justerare_only'
  | 'no_roster_found'
  | 'page_furniture'
  | 'two_column_block'
  | 'role_change_asked';

export interface UnreadLine {
  lineNo: number;
  text: string;
  code: RosterNoticeCode;
  /** Swedish, shown to the secretary. */
  reason: string;
  reasonEn: string;
}

export interface RosterWarning {
  lineNo?: number;
  code: RosterNoticeCode;
  sv: string;
  en: string;
}

export interface RosterParseResult {
  bodies: RosterBody[];
  /** All bodies' entries in order; a person on two bodies appears once per body. */
  entries: RosterEntry[];
  unreadLines: UnreadLine[];
  warnings: RosterWarning[];
  /** How the text was read: a whole document (only its roster blocks, given here) or a pasted list / CSV. */
  readAs?: { kind: 'list' | 'document' | 'csv'; blocks: { startLine: number; endLine: number }[] };
}

/** Precedence used to pick `role` from `roles`. */
export const ROLE_PRECEDENCE: readonly MembershipRole[] = [
  'ordförande',
  'vice_ordförande',
  'ledamot',
  'ersättare',
  'sekreterare',
  'adjungerad',
  'tjänsteperson',
  'övrig',
];

export function primaryRole(roles: readonly MembershipRole[], fallback: MembershipRole): MembershipRole {
  return ROLE_PRECEDENCE.find((r) => roles.includes(r)) ?? fallback;
}
