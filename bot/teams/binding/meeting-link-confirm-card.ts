import { adaptiveCard, execute, formatDateTime, safeTextBlock, type AdaptiveCardJson } from '../cards/card-kit';
import { cardText, plainText, type CardLocale } from '../cards/card-strings';

export interface MeetingLinkConfirmCardModel {
  locale: CardLocale;
  cardId: string;
  teamsMeetingId: string;
  meeting: { id: string; version: number; bodyName: string; startsAt: string; timeZone: string };
}

/** Asks the secretary once whether this Teams meeting is the suggested Rådslag meeting. */
export function meetingLinkConfirmCard(vm: MeetingLinkConfirmCardModel): AdaptiveCardJson {
  const l = vm.locale;
  const m = vm.meeting;
  const data = { cardId: vm.cardId, meetingId: m.id, teamsMeetingId: vm.teamsMeetingId, version: m.version };
  return adaptiveCard(
    [
      safeTextBlock(cardText(l, 'linkTitle'), { weight: 'Bolder' }),
      safeTextBlock(cardText(l, 'linkQuestion', { body: m.bodyName, when: formatDateTime(m.startsAt, m.timeZone, l) })),
    ],
    {
      actions: [
        execute(plainText(l, 'yes'), 'meeting.link_confirm', { ...data, answer: 'ja' }, { style: 'positive' }),
        execute(plainText(l, 'no'), 'meeting.link_confirm', { ...data, answer: 'nej' }),
      ],
    },
  );
}
