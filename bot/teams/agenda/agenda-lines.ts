/** Agenda items as card elements, shared by the kallelse channel card and the item card. */
import { joinNames, markdownLink, safeTextBlock, truncateList, type CardElement } from '../cards/card-kit';
import { cardText, plainText, type CardLocale } from '../cards/card-strings';
import { clampText, escapeCardText } from '../cards/escape-card-text';

export interface AgendaLineModel {
  number: number;
  title: string;
  presenters: string[];
  attachments: Array<{ title: string; url: string }>;
  plannedMinutes?: number | null;
}

export const MAX_ATTACHMENTS_SHOWN = 4;
export const MAX_PRESENTERS_SHOWN = 4;

export function presentersText(locale: CardLocale, names: readonly string[]): string | null {
  if (names.length === 0) return null;
  // joinNames already escapes the names, so they go in without a second escape (the template has no Markdown).
  return plainText(locale, 'presenters', { names: joinNames(locale, names, MAX_PRESENTERS_SHOWN) });
}

export function attachmentLinks(locale: CardLocale, attachments: AgendaLineModel['attachments']): string | null {
  if (attachments.length === 0) return null;
  const { shown, more } = truncateList(attachments, MAX_ATTACHMENTS_SHOWN);
  const links = shown.map((a) => markdownLink(a.title, a.url)).join(' · ');
  return more > 0 ? `${links} ${cardText(locale, 'more', { n: more })}` : links;
}

/** One compact block per item: "3. Title" then presenters and document links, subtle. */
export function agendaLine(locale: CardLocale, item: AgendaLineModel): CardElement[] {
  const out: CardElement[] = [
    safeTextBlock(`${item.number}\\. ${escapeCardText(clampText(item.title, 200))}`, { spacing: 'Small' }),
  ];
  const extra = [presentersText(locale, item.presenters), attachmentLinks(locale, item.attachments)].filter((x): x is string => !!x);
  if (extra.length > 0) out.push(safeTextBlock(extra.join('  \n'), { isSubtle: true, spacing: 'None', size: 'Small' }));
  return out;
}
