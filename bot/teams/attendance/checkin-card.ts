import { adaptiveCard, execute, formatDateTime, safeTextBlock, type AdaptiveCardJson } from '../cards/card-kit';
import { cardText, plainText, type CardLocale } from '../cards/card-strings';

export interface CheckinCardModel {
  locale: CardLocale;
  cardId: string;
  meeting: { id: string; bodyName: string; startsAt: string; timeZone: string };
  /** After the press: the card confirms and has no button. */
  checkedIn?: boolean;
}

/** "Jag är på plats": people in the room record their presence. */
export function checkinCard(vm: CheckinCardModel): AdaptiveCardJson {
  const l = vm.locale;
  const m = vm.meeting;
  const body = [
    safeTextBlock(cardText(l, 'checkinTitle'), { weight: 'Bolder' }),
    safeTextBlock(cardText(l, 'checkinBody', { body: m.bodyName, when: formatDateTime(m.startsAt, m.timeZone, l) })),
  ];
  if (vm.checkedIn) return adaptiveCard([...body, safeTextBlock(cardText(l, 'checkedIn'), { color: 'Good' })]);
  return adaptiveCard(body, {
    actions: [execute(plainText(l, 'checkin'), 'checkin', { cardId: vm.cardId, meetingId: m.id }, { style: 'positive' })],
  });
}
