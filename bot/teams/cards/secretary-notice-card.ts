import { adaptiveCard, safeTextBlock, userTextBlock, type AdaptiveCardJson } from './card-kit';
import { cardText, type CardLocale } from './card-strings';

export interface SecretaryNoticeCardModel {
  locale: CardLocale;
  /** Short headline written by the product ("Karin Haster har förhinder 16/5"); may contain names. */
  headline: string;
  /** Optional lines of detail (names of unreachable members, the original chat text). */
  lines?: string[];
}

/** A notice to the secretary: förhinder given, unreachable members, nobody to call in, unknown guests. */
export function secretaryNoticeCard(vm: SecretaryNoticeCardModel): AdaptiveCardJson {
  const lines = vm.lines ?? [];
  const shown = lines.slice(0, 40);
  return adaptiveCard([
    safeTextBlock(cardText(vm.locale, 'noticeFrom'), { isSubtle: true, size: 'Small' }),
    userTextBlock(vm.headline, 300, { weight: 'Bolder', spacing: 'None' }),
    ...shown.map((line) => userTextBlock(line, 300, { spacing: 'Small' })),
    ...(lines.length > shown.length ? [safeTextBlock(cardText(vm.locale, 'more', { n: lines.length - shown.length }), { isSubtle: true })] : []),
  ]);
}
