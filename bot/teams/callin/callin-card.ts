import { adaptiveCard, execute, formatDateTime, safeTextBlock, type AdaptiveCardJson, type CardElement } from '../cards/card-kit';
import { cardText, plainText, type CardLocale } from '../cards/card-strings';

export interface CallInCardModel {
  locale: CardLocale;
  cardId: string;
  callIn: { id: string; version: number };
  absentName: string;
  meeting: { bodyName: string; startsAt: string; timeZone: string };
  /** Once answered the card shows the answer and no buttons. */
  answered?: 'ja' | 'nej' | null;
}

/** "Du är inkallad att tjänstgöra som ersättare för X" with the meeting and Ja / Nej, sent 1:1 to the ersättare. */
export function callInCard(vm: CallInCardModel): AdaptiveCardJson {
  const l = vm.locale;
  const when = formatDateTime(vm.meeting.startsAt, vm.meeting.timeZone, l);
  const body: CardElement[] = [
    safeTextBlock(cardText(l, 'callInTitle', { name: vm.absentName }), { weight: 'Bolder' }),
    safeTextBlock(cardText(l, 'callInBody', { body: vm.meeting.bodyName, when })),
  ];
  if (vm.answered) {
    body.push(safeTextBlock(cardText(l, 'callInAnswered', { answer: plainText(l, vm.answered === 'ja' ? 'yes' : 'no') }), { color: 'Good' }));
    return adaptiveCard(body);
  }
  const data = { cardId: vm.cardId, callInId: vm.callIn.id, version: vm.callIn.version };
  return adaptiveCard(body, {
    actions: [
      execute(plainText(l, 'yes'), 'callin.answer', { ...data, answer: 'ja' }, { style: 'positive' }),
      execute(plainText(l, 'no'), 'callin.answer', { ...data, answer: 'nej' }),
    ],
  });
}
