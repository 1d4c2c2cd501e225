import type { Id, Instant } from './council';

export const ITEM_KINDS = ['information', 'beslut', 'diskussion', 'workshop'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_STATUSES = ['pending', 'active', 'done', 'postponed'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Standard items every council agenda has; the key lets the product offer one-tap decisions. */
export const STANDARD_ITEM_KEYS = [
  'open',
  'agenda',
  'justerare',
  'previous_minutes',
  'reports',
  'other_questions',
  'upcoming',
  'evaluation',
  'close',
] as const;
export type StandardItemKey = (typeof STANDARD_ITEM_KEYS)[number];

export interface Presenter {
  personId?: Id | null;
  /** Name as written when the presenter is not on any roster. */
  name: string;
}

export interface Attachment {
  title: string;
  url: string;
}

export interface AgendaItem {
  id: Id;
  meetingId: Id;
  /** 1-based position; renumbered when items move. */
  number: number;
  title: string;
  presenters: Presenter[];
  kind: ItemKind;
  standardKey?: StandardItemKey | null;
  attachments: Attachment[];
  plannedMinutes?: number | null;
  status: ItemStatus;
  /** The secretary's notes: what was said, as it goes into the minutes. */
  notes: string;
  startedAt?: Instant | null;
  endedAt?: Instant | null;
  /** Carried over from an earlier meeting (postponed item or open task). */
  carriedFromItemId?: Id | null;
  version: number;
}

/** "Siw Lunander tog över som mötesordförande" from item 11 (to the end, or to `toItemNumber`). */
export interface ChairHandover {
  id: Id;
  meetingId: Id;
  personId: Id;
  fromItemNumber: number;
  toItemNumber?: number | null;
  at: Instant;
  recordedBy: Id;
}

export interface StandardItemTemplate {
  key: StandardItemKey;
  title: { sv: string; en: string };
  kind: ItemKind;
  plannedMinutes: number;
}

/** The standard agenda: the items every seed's council has in this order, content items go between. */
export const STANDARD_AGENDA: readonly StandardItemTemplate[] = [
  { key: 'open', title: { sv: 'Mötet öppnas', en: 'Opening of the meeting' }, kind: 'information', plannedMinutes: 2 },
  { key: 'agenda', title: { sv: 'Fastställande av dagordning', en: 'Adoption of the agenda' }, kind: 'beslut', plannedMinutes: 2 },
  { key: 'justerare', title: { sv: 'Val av justerare', en: 'Election of minutes verifiers' }, kind: 'beslut', plannedMinutes: 2 },
  { key: 'previous_minutes', title: { sv: 'Föregående protokoll', en: 'Previous minutes' }, kind: 'beslut', plannedMinutes: 5 },
  { key: 'reports', title: { sv: 'Rapporter', en: 'Reports' }, kind: 'information', plannedMinutes: 15 },
  { key: 'other_questions', title: { sv: 'Övriga frågor', en: 'Any other business' }, kind: 'diskussion', plannedMinutes: 10 },
  { key: 'upcoming', title: { sv: 'Kommande möten', en: 'Upcoming meetings' }, kind: 'information', plannedMinutes: 3 },
  { key: 'close', title: { sv: 'Mötet avslutas', en: 'Closing of the meeting' }, kind: 'information', plannedMinutes: 1 },
];

/** Standard items that come before the content items; the rest come after. */
export const STANDARD_OPENING_KEYS: readonly StandardItemKey[] = ['open', 'agenda', 'justerare', 'previous_minutes'];
