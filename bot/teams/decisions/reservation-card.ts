import { adaptiveCard, execute, safeTextBlock, userTextBlock, type AdaptiveCardJson } from '../cards/card-kit';
import { cardText, plainText, type CardLocale } from '../cards/card-strings';

export interface ReservationCardModel {
  locale: CardLocale;
  cardId: string;
  item: { number: number };
  decision: { id: string; text: string };
}

/** The reservation prompt: a serving member reserves themself against a decision, with an optional reason. */
export function reservationCard(vm: ReservationCardModel): AdaptiveCardJson {
  const l = vm.locale;
  return adaptiveCard(
    [
      safeTextBlock(cardText(l, 'reservationTitle', { n: vm.item.number }), { weight: 'Bolder' }),
      userTextBlock(vm.decision.text, 2000, { isSubtle: true }),
      { type: 'Input.Text', id: 'reservationText', label: plainText(l, 'reservationLabel'), isMultiline: true, maxLength: 2000 },
    ],
    { actions: [execute(plainText(l, 'reservationAdd'), 'reservation.add', { cardId: vm.cardId, decisionId: vm.decision.id })] },
  );
}
