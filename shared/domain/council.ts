import type { MinutesDraftReaders } from './policy';
/** Bodies, organisations, people and memberships: the standing structure of a region's councils. */

export type Id = string;
/** ISO 8601 timestamp in UTC, e.g. 2024-09-20T07:00:00.000Z */
export type Instant = string;
/** Calendar date, YYYY-MM-DD */
export type CalendarDate = string;

export const BODY_KINDS = ['råd', 'chefsgrupp', 'arbetsutskott', 'nätverk', 'annat'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export const DOCUMENT_KINDS = ['protokoll', 'minnesanteckningar'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** How the minutes' title is written (per body): see minutesTitle in shared/minutes. */
export const MINUTES_TITLE_STYLES = ['kind_body', 'kind_dash_body', 'kind_body_date'] as const;
export type MinutesTitleStyle = (typeof MINUTES_TITLE_STYLES)[number];
/** The agenda as numbered headings, or as the councils' table "Nummer/föredragande | Ärende". */
export const AGENDA_LAYOUTS = ['headings', 'table'] as const;
export type AgendaLayout = (typeof AGENDA_LAYOUTS)[number];
/** Upcoming dates in their own section, or inside Övriga frågor (else the last item). */
export const UPCOMING_PLACEMENTS = ['section', 'in_item'] as const;
export type UpcomingPlacement = (typeof UPCOMING_PLACEMENTS)[number];

export const ORGANISATION_KINDS = ['region', 'kommun', 'förening', 'myndighet', 'annan'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export interface Organisation {
  id: Id;
  tenantId: string;
  /** As written in the minutes: "Kumla kommun", "Region Örebro län", "RF-SISU", "ÖLBF". */
  name: string;
  kind: OrganisationKind;
  /** Short forms people write ("Kumla", "RF SISU Örebro län") that mean this organisation. */
  aliases: string[];
  version: number;
}

export interface Body {
  id: Id;
  tenantId: string;
  /** "Specifika samverkansrådet för folkhälsa" */
  name: string;
  kind: BodyKind;
  shortName?: string | null;
  defaultDocumentKind: DocumentKind;
  /** Teams binding, once the app is installed in a team. */
  teamsTeamId?: string | null;
  teamsChannelId?: string | null;
  /** Where förhinder is reported in the kallelse ("Förhinder meddelas till: …"). */
  absenceContact?: string | null;
  /** The minutes' title convention; null: by document kind. */
  minutesTitleStyle?: MinutesTitleStyle | null;
  /** null: 'headings'. */
  agendaLayout?: AgendaLayout | null;
  /** null: 'section'. */
  upcomingPlacement?: UpcomingPlacement | null;
  /** The letterhead's "Tjänsteställe": "Förvaltningen regional utveckling". */
  serviceUnit?: string | null;
  /** Who reads drafts before justering; null: 'leads' (secretary, chair, justerare). */
  minutesDraftReaders?: MinutesDraftReaders | null;
  version: number;
}

export interface Person {
  id: Id;
  tenantId: string;
  name: string;
  email?: string | null;
  /** Entra object id, the strongest identity we can have. */
  aadObjectId?: string | null;
  userPrincipalName?: string | null;
  /** Free title as written in the minutes: "områdeschef välfärd och folkhälsa". */
  title?: string | null;
  /** Home organisation when not given by a membership. */
  organisationId?: Id | null;
  /** Tenant administrator of Rådslag (manages bodies and rosters everywhere). */
  isAdmin: boolean;
  /** Preferred UI language. */
  locale?: Locale | null;
  version: number;
}

export type Locale = 'sv' | 'en';

export const MEMBERSHIP_ROLES = [
  'ordförande',
  'vice_ordförande',
  'ledamot',
  'ersättare',
  'sekreterare',
  'tjänsteperson',
  'adjungerad',
  'övrig',
] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/** Roles whose holders vote and count towards quorum. */
export const VOTING_ROLES: readonly MembershipRole[] = ['ordförande', 'vice_ordförande', 'ledamot'];

export interface Membership {
  id: Id;
  tenantId: string;
  bodyId: Id;
  /** null for a vacancy ("Vakant, RF-SISU"). */
  personId: Id | null;
  role: MembershipRole;
  organisationId: Id | null;
  /** Free title for this seat, when it differs from the person's. */
  title?: string | null;
  /** For ersättare: the order in which they are called in within their organisation (1 first). */
  substituteOrder?: number | null;
  /** For ersättare tied to one ledamot personally. */
  substituteForPersonId?: Id | null;
  from?: CalendarDate | null;
  to?: CalendarDate | null;
  /** Place in the body's list (the pasted roster's order); null sorts after, by name. */
  position?: number | null;
  version: number;
}

export function isVacancy(m: Pick<Membership, 'personId'>): boolean {
  return m.personId === null;
}
