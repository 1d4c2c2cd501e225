import { adaptiveCard, safeTextBlock, type AdaptiveCardJson } from '../cards/card-kit';
import { cardText, type CardLocale } from '../cards/card-strings';

export interface WithdrawnDecisionCardModel {
  locale: CardLocale;
  itemNumber: number | null;
}

/** What a decision card posted in the chat shows once the secretary has withdrawn the proposal. */
export function withdrawnDecisionCard(vm: WithdrawnDecisionCardModel): AdaptiveCardJson {
  const l = vm.locale;
  return adaptiveCard([
    safeTextBlock(cardText(l, 'decisionWithdrawnTitle'), { weight: 'Bolder' }),
    safeTextBlock(vm.itemNumber === null ? cardText(l, 'decisionWithdrawnTextNoItem') : cardText(l, 'decisionWithdrawnText', { n: vm.itemNumber }), { isSubtle: true }),
  ]);
}
