import { adaptiveCard, execute, safeTextBlock, type AdaptiveCardJson } from '../cards/card-kit';
import { cardText, plainText, type CardLocale } from '../cards/card-strings';
import { clampText } from '../cards/escape-card-text';

export interface ChairHandoverCardModel {
  locale: CardLocale;
  cardId: string;
  meeting: { id: string; version: number };
  currentChairName: string;
  /** Who may take the chair (those present). */
  people: Array<{ personId: string; name: string }>;
  /** The item the meeting is at: the default "from". */
  currentItemNumber: number;
}

/** Hands the chair to someone else for the rest of the meeting or some items. */
export function chairHandoverCard(vm: ChairHandoverCardModel): AdaptiveCardJson {
  const l = vm.locale;
  return adaptiveCard(
    [
      safeTextBlock(cardText(l, 'handoverTitle'), { weight: 'Bolder' }),
      safeTextBlock(cardText(l, 'handoverCurrent', { name: vm.currentChairName }), { isSubtle: true }),
      {
        type: 'Input.ChoiceSet',
        id: 'handoverPersonId',
        label: plainText(l, 'handoverPersonLabel'),
        style: 'filtered',
        choices: vm.people.slice(0, 100).map((p) => ({ title: clampText(p.name, 100), value: p.personId })),
      },
      { type: 'Input.Number', id: 'handoverFromItem', label: plainText(l, 'handoverFromLabel'), min: 1, max: 999, value: vm.currentItemNumber },
      { type: 'Input.Number', id: 'handoverToItem', label: plainText(l, 'handoverToLabel'), min: 1, max: 999 },
    ],
    { actions: [execute(plainText(l, 'handoverSubmit'), 'chair.handover', { cardId: vm.cardId, meetingId: vm.meeting.id, version: vm.meeting.version })] },
  );
}
