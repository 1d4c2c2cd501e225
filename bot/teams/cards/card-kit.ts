/**
 * Building blocks shared by the card functions: the card envelope, text blocks that escape user text,
 * Action.Execute with typed data, dates in the meeting's zone, list truncation and fitting under the
 * Teams size limit. Pure functions, no state.
 */
import type { CardStaticData, CardVerb, RefreshCardKind } from '../card-actions';
import { clampText, escapeCardText } from './escape-card-text';
import { cardText, type CardLocale } from './card-strings';

/** Teams refuses messages over about 28 KB; cards must stay under this (UTF-8 bytes of the JSON). */
export const CARD_SIZE_LIMIT_BYTES = 28 * 1024;
/** Teams sends per-user refresh only to at most 60 listed users. */
export const REFRESH_USER_LIMIT = 60;

export type CardElement = { type: string; [key: string]: unknown };

export interface ExecuteAction<V extends CardVerb = CardVerb> {
  type: 'Action.Execute';
  title: string;
  verb: V;
  data: CardStaticData<V>;
  style?: 'positive' | 'destructive';
  /** 'none' so a button does not gather (and require) inputs meant for another button. */
  associatedInputs?: 'auto' | 'none';
}

export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: '1.5';
  body: CardElement[];
  actions?: ExecuteAction[];
  refresh?: { action: ExecuteAction<'refresh'>; userIds: string[] };
  msteams?: { width?: 'Full'; entities?: MentionEntity[] };
}

/** An @mention in a card: the TextBlock holds `text` ("<at>Name</at>"); `mentioned.id` may be the Entra object id. */
export interface MentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

export function adaptiveCard(
  body: CardElement[],
  opts: { actions?: ExecuteAction[]; refresh?: AdaptiveCardJson['refresh']; fullWidth?: boolean } = {},
): AdaptiveCardJson {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(opts.actions && opts.actions.length > 0 ? { actions: opts.actions } : {}),
    ...(opts.refresh ? { refresh: opts.refresh } : {}),
    ...(opts.fullWidth ? { msteams: { width: 'Full' as const } } : {}),
  };
}

export interface TextOpts {
  size?: 'Small' | 'Default' | 'Medium' | 'Large';
  weight?: 'Bolder' | 'Lighter';
  isSubtle?: boolean;
  color?: 'Good' | 'Warning' | 'Attention' | 'Accent';
  spacing?: 'None' | 'Small' | 'Medium' | 'Large';
  separator?: boolean;
}

/** A TextBlock with text that is already safe Markdown (from cardText or built here). */
export function safeTextBlock(markdown: string, opts: TextOpts = {}): CardElement {
  return { type: 'TextBlock', text: markdown, wrap: true, ...opts };
}

/** A TextBlock showing a user's string exactly as written (escaped and clamped). */
export function userTextBlock(raw: string, max: number, opts: TextOpts = {}): CardElement {
  return safeTextBlock(escapeCardText(clampText(raw, max)), opts);
}

export function execute<V extends CardVerb>(
  title: string,
  verb: V,
  data: CardStaticData<V>,
  opts: { style?: 'positive' | 'destructive'; associatedInputs?: 'auto' | 'none' } = {},
): ExecuteAction<V> {
  return { type: 'Action.Execute', title: clampText(title, 80), verb, data, ...opts };
}

export function actionSet(actions: ExecuteAction[]): CardElement {
  return { type: 'ActionSet', actions };
}

/** Facts: titles are ours, values are user text and escaped (Fact values render Markdown in Teams). */
export function factSet(facts: Array<[string, string]>): CardElement {
  return { type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value: escapeCardText(clampText(value, 300)) })) };
}

/**
 * The card's `refresh`: Teams calls the `refresh` verb for each listed user who views the card and shows
 * that user the card the bot returns. `userIds` are Teams user ids (the "29:…" MRI from activity.from.id),
 * at most 60 of them; others see the card as posted.
 */
export function refreshFor(
  cardKind: RefreshCardKind,
  entityId: string,
  cardId: string,
  userIds: readonly string[],
): AdaptiveCardJson['refresh'] | undefined {
  if (userIds.length === 0) return undefined;
  return {
    action: execute('refresh', 'refresh', { cardId, cardKind, entityId }),
    userIds: userIds.slice(0, REFRESH_USER_LIMIT),
  };
}

const LOCALE_TAG: Record<CardLocale, string> = { sv: 'sv-SE', en: 'en-GB' };

/** "fredag 16 maj 2025 kl. 09.00" / "Friday, 16 May 2025 at 09:00" in the meeting's own time zone. */
// Building an Intl.DateTimeFormat costs far more than formatting with one (a few per card, every card):
// one per locale, zone and pattern is kept for the life of the process.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: CardLocale, timeZone: string, pattern: 'dateTime' | 'time' | 'calendar'): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${pattern}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      pattern === 'dateTime'
        ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }
        : pattern === 'time'
          ? { hour: '2-digit', minute: '2-digit', timeZone }
          : { day: 'numeric', month: 'long', year: 'numeric', timeZone };
    f = new Intl.DateTimeFormat(LOCALE_TAG[locale], options);
    formatters.set(key, f);
  }
  return f;
}

/** Swedish clock times with a full stop ("kl. 09.00", Språkrådet's standard, as in the minutes); Intl writes "09:00". */
const swedishClock = (locale: CardLocale, text: string): string => (locale === 'sv' ? text.replace(/\b(\d{2}):(\d{2})\b/g, '$1.$2') : text);

export function formatDateTime(instant: string, timeZone: string, locale: CardLocale): string {
  return swedishClock(locale, formatter(locale, timeZone, 'dateTime').format(new Date(instant)));
}

export function formatTimeRange(from: string, to: string, timeZone: string, locale: CardLocale): string {
  return `${formatDateTime(from, timeZone, locale)}–${swedishClock(locale, formatter(locale, timeZone, 'time').format(new Date(to)))}`;
}

/** A calendar date YYYY-MM-DD as "16 maj 2025". */
export function formatCalendarDate(date: string, locale: CardLocale): string {
  return formatter(locale, 'UTC', 'calendar').format(new Date(`${date}T12:00:00Z`));
}

/** The first `max` entries and how many were left out. */
export function truncateList<T>(items: readonly T[], max: number): { shown: T[]; more: number } {
  return { shown: items.slice(0, Math.max(0, max)), more: Math.max(0, items.length - Math.max(0, max)) };
}

export function moreBlock(locale: CardLocale, more: number): CardElement[] {
  return more > 0 ? [safeTextBlock(cardText(locale, 'more', { n: more }), { isSubtle: true, spacing: 'None' })] : [];
}

/** Names joined, with "+ N till" when there are more than `max`. Returns escaped Markdown. */
export function joinNames(locale: CardLocale, names: readonly string[], max: number): string {
  const { shown, more } = truncateList(names, max);
  const text = shown.map((n) => escapeCardText(clampText(n, 80))).join(', ');
  return more > 0 ? `${text} ${cardText(locale, 'more', { n: more })}` : text;
}

/** Only http(s) URLs become links; anything else (javascript:, data:) is shown as text. */
export function safeUrl(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    // Parentheses and spaces would end the Markdown link target early.
    return u.href.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  } catch {
    return null;
  }
}

/** A Markdown link with an escaped title; a title alone when the URL is not http(s). */
export function markdownLink(title: string, url: string): string {
  const safe = safeUrl(url);
  const label = escapeCardText(clampText(title, 150));
  return safe ? `[${label}](${safe})` : label;
}

export function cardSizeBytes(card: unknown): number {
  return new TextEncoder().encode(JSON.stringify(card)).length;
}

/**
 * Builds the card with the largest list cap that keeps it under the size limit: long agendas and rosters
 * are cut with "+ N till" rather than failing to send.
 */
export function fitToSize(build: (cap: number) => AdaptiveCardJson, caps: readonly number[]): AdaptiveCardJson {
  let last: AdaptiveCardJson | undefined;
  for (const cap of caps) {
    last = build(cap);
    if (cardSizeBytes(last) < CARD_SIZE_LIMIT_BYTES) return last;
  }
  // The smallest cap is still too big: return it; validate-card reports the size and tests catch it.
  return last ?? build(0);
}

export const DEFAULT_CAPS = [60, 40, 30, 20, 12, 8, 5, 3, 1, 0] as const;

/**
 * Whom a per-role view is rendered for. The message posted to the chat is the 'observer' view; Teams asks
 * for each listed user's own view through the card's `refresh` action. The server still checks the role
 * policy on every action: a view only hides buttons.
 */
export type CardViewer = 'secretary' | 'chair' | 'member' | 'observer';
