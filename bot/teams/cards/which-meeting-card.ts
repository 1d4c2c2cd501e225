import type { Phrase } from '../../../shared/absence';
import { actionSet, adaptiveCard, execute, formatDateTime, safeTextBlock, type AdaptiveCardJson, type CardElement, type ExecuteAction } from './card-kit';
import { cardText, plainText, type CardLocale } from './card-strings';
import { clampText } from './escape-card-text';
import { phraseMarkdown } from './phrase-text';

export interface WhichMeetingCardModel {
  locale: CardLocale;
  cardId: string;
  /** The pending, unrecorded request this question resolves. */
  requestId: string;
  /** The bot's question ("Vilket möte gäller förhindret?"); never shown as something the member wrote. */
  question: Phrase;
  /** The member's own text, quoted as "Du skrev: …". */
  originalText: string;
  choices: Array<{ meetingId: string; bodyName: string; startsAt: string; timeZone: string }>;
  /** The member's words named all of these together: a button for all of them. */
  offerAll?: boolean;
  /** One meeting and a yes/no question: the yes button says what it does (report / withdraw). */
  confirm?: 'absence' | 'withdrawal';
}

/** Teams shows at most six buttons in one set. */
const MAX_CHOICES = 6;

/**
 * A question about a förhinder: one button per meeting (or "Ja, anmäl förhinder" for a yes/no question), "all of
 * them" where the words named several, and always "Nej, det stämmer inte". Nothing is recorded until pressed.
 */
export function whichMeetingCard(vm: WhichMeetingCardModel): AdaptiveCardJson {
  const l = vm.locale;
  const data = { cardId: vm.cardId, requestId: vm.requestId };
  const body: CardElement[] = [
    safeTextBlock(phraseMarkdown(vm.question), { weight: 'Bolder' }),
    safeTextBlock(cardText(l, 'youWrote', { text: clampText(vm.originalText, 300) }), { isSubtle: true }),
  ];
  const no = execute(plainText(l, 'absenceNotRight'), 'absence.decline', data);
  if (vm.confirm && vm.choices.length === 1) {
    const yes = plainText(l, vm.confirm === 'withdrawal' ? 'absenceYesWithdraw' : 'absenceYesReport');
    return adaptiveCard(body, { actions: [execute(yes, 'absence.choose_meeting', { ...data, meetingId: vm.choices[0]!.meetingId }, { style: 'positive' }), no] });
  }
  const shown = vm.choices.slice(0, MAX_CHOICES);
  body.push(
    actionSet(
      shown.map((c) => execute(`${clampText(c.bodyName, 40)}, ${formatDateTime(c.startsAt, c.timeZone, l)}`, 'absence.choose_meeting', { ...data, meetingId: c.meetingId })),
    ),
  );
  if (vm.choices.length > shown.length) body.push(safeTextBlock(cardText(l, 'more', { n: vm.choices.length - shown.length }), { isSubtle: true }));
  const actions: ExecuteAction[] = [];
  if (vm.offerAll && vm.choices.length > 1)
    actions.push(execute(vm.choices.length === 2 ? plainText(l, 'absenceBoth') : plainText(l, 'absenceAll', { n: vm.choices.length }), 'absence.choose_all', data));
  actions.push(no);
  return adaptiveCard(body, { actions });
}
