import type { Phrase } from '../../../shared/absence';
import { adaptiveCard, safeTextBlock, userTextBlock, type AdaptiveCardJson } from './card-kit';
import { cardText, type CardLocale } from './card-strings';
import { clampText } from './escape-card-text';
import { isPhrase, phraseMarkdown } from './phrase-text';

export interface SecretaryNoticeCardModel {
  locale: CardLocale;
  /**
   * Short headline written by the product. A Phrase keeps the bot's words as written and escapes only the names
   * in it; a plain string (older callers) is escaped whole.
   */
  headline: string | Phrase;
  /** Optional lines of detail (names of unreachable members, the original chat text): user text, escaped. */
  lines?: string[];
}

/** A notice to the secretary: förhinder given, unreachable members, nobody to call in, unknown guests. */
export function secretaryNoticeCard(vm: SecretaryNoticeCardModel): AdaptiveCardJson {
  const lines = vm.lines ?? [];
  const shown = lines.slice(0, 40);
  const headline = isPhrase(vm.headline)
    ? safeTextBlock(phraseMarkdown({ template: clampText(vm.headline.template, 400), params: vm.headline.params.map((p) => clampText(p, 200)) }), { weight: 'Bolder', spacing: 'None' })
    : userTextBlock(vm.headline, 300, { weight: 'Bolder', spacing: 'None' });
  return adaptiveCard([
    safeTextBlock(cardText(vm.locale, 'noticeFrom'), { isSubtle: true, size: 'Small' }),
    headline,
    ...shown.map((line) => userTextBlock(line, 300, { spacing: 'Small' })),
    ...(lines.length > shown.length ? [safeTextBlock(cardText(vm.locale, 'more', { n: lines.length - shown.length }), { isSubtle: true })] : []),
  ]);
}
