import { adaptiveCard, execute, formatDateTime, safeTextBlock, type AdaptiveCardJson } from '../cards/card-kit';
import { cardText, type CardLocale } from '../cards/card-strings';
import { clampText } from '../cards/escape-card-text';

export interface WhichMeetingCardModel {
  locale: CardLocale;
  cardId: string;
  /** The pending, unrecorded request this question resolves. */
  requestId: string;
  originalText: string;
  choices: Array<{ meetingId: string; bodyName: string; startsAt: string; timeZone: string }>;
}

/** When a förhinder could mean several meetings: one button per meeting, nothing is recorded until chosen. */
export function whichMeetingCard(vm: WhichMeetingCardModel): AdaptiveCardJson {
  const l = vm.locale;
  return adaptiveCard(
    [
      safeTextBlock(cardText(l, 'whichMeetingTitle'), { weight: 'Bolder' }),
      safeTextBlock(cardText(l, 'youWrote', { text: clampText(vm.originalText, 300) }), { isSubtle: true }),
    ],
    {
      // Teams shows at most six top-level buttons; the parser offers at most that many candidates.
      actions: vm.choices.slice(0, 6).map((c) =>
        execute(
          `${clampText(c.bodyName, 40)}, ${formatDateTime(c.startsAt, c.timeZone, l)}`,
          'absence.choose_meeting',
          { cardId: vm.cardId, requestId: vm.requestId, meetingId: c.meetingId },
        ),
      ),
    },
  );
}

