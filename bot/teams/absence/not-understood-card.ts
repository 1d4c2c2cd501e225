import { adaptiveCard, safeTextBlock, type AdaptiveCardJson } from '../cards/card-kit';
import { cardText, type CardLocale } from '../cards/card-strings';
import { clampText } from '../cards/escape-card-text';

export interface NotUnderstoodCardModel {
  locale: CardLocale;
  originalText?: string | null;
}

/** Sent when a chat message could not be understood: nothing was recorded, here is how to say it. */
export function notUnderstoodCard(vm: NotUnderstoodCardModel): AdaptiveCardJson {
  const l = vm.locale;
  return adaptiveCard([
    safeTextBlock(cardText(l, 'notUnderstoodTitle'), { weight: 'Bolder' }),
    ...(vm.originalText ? [safeTextBlock(cardText(l, 'youWrote', { text: clampText(vm.originalText, 300) }), { isSubtle: true })] : []),
    safeTextBlock(cardText(l, 'notUnderstoodHelp')),
  ]);
}
