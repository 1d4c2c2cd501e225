import { adaptiveCard, execute, formatDateTime, safeTextBlock, type AdaptiveCardJson, type CardElement } from '../cards/card-kit';
import { cardText, plainText, type CardLocale } from '../cards/card-strings';

export type RsvpAnswer = 'kommer' | 'forhinder' | 'delvis';

export interface KallelseRsvpCardModel {
  locale: CardLocale;
  cardId: string;
  meeting: { id: string; bodyName: string; startsAt: string; timeZone: string };
  personId: string;
  /** The current answer, when the person has answered (the card is re-rendered after each press). */
  current?: { answer: RsvpAnswer; note?: string | null } | null;
  /** Version of the person's attendance record (0 when none): part of the idempotency key. */
  answerVersion: number;
}

const ANSWER_KEY = { kommer: 'rsvpComing', forhinder: 'rsvpAbsent', delvis: 'rsvpPartial' } as const;

/** The 1:1 kallelse card: Jag kommer / Förhinder / Delvis (with items or time). */
export function kallelseRsvpCard(vm: KallelseRsvpCardModel): AdaptiveCardJson {
  const l = vm.locale;
  const when = formatDateTime(vm.meeting.startsAt, vm.meeting.timeZone, l);
  const body: CardElement[] = [safeTextBlock(cardText(l, 'rsvpTitle', { body: vm.meeting.bodyName, when }), { weight: 'Bolder' })];
  if (vm.current) {
    const answer = plainText(l, ANSWER_KEY[vm.current.answer]) + (vm.current.note ? ` (${vm.current.note})` : '');
    body.push(safeTextBlock(cardText(l, 'rsvpCurrent', { answer }), { color: 'Good' }));
  }
  body.push({
    type: 'Input.Text',
    id: 'rsvpNote',
    label: plainText(l, 'rsvpNoteLabel'),
    maxLength: 500,
    ...(vm.current?.answer === 'delvis' && vm.current.note ? { value: vm.current.note } : {}),
  });
  const data = { cardId: vm.cardId, meetingId: vm.meeting.id, personId: vm.personId, answerVersion: vm.answerVersion };
  return adaptiveCard(body, {
    actions: [
      execute(plainText(l, 'rsvpComing'), 'kallelse.rsvp', { ...data, answer: 'kommer' }, { style: 'positive', associatedInputs: 'none' }),
      execute(plainText(l, 'rsvpAbsent'), 'kallelse.rsvp', { ...data, answer: 'forhinder' }, { associatedInputs: 'none' }),
      execute(plainText(l, 'rsvpPartial'), 'kallelse.rsvp', { ...data, answer: 'delvis' }),
    ],
  });
}
