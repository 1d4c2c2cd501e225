import type { Phrase } from '../../../shared/absence';
import { actionSet, adaptiveCard, execute, formatDateTime, safeTextBlock, type AdaptiveCardJson, type CardElement, type ExecuteAction } from '../cards/card-kit';
import { cardText, plainText, type CardLocale } from '../cards/card-strings';
import { clampText } from '../cards/escape-card-text';
import { phraseMarkdown } from '../cards/phrase-text';

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
  const extras: ExecuteAction[] = [];
  if (vm.offerAll && vm.choices.length > 1)
    extras.push(execute(vm.choices.length === 2 ? plainText(l, 'absenceBoth') : plainText(l, 'absenceAll', { n: vm.choices.length }), 'absence.choose_all', data));
  extras.push(no);
  // The meetings and the extra answers share the six buttons Teams shows; more meetings go into the card body.
  const meetingButtons = vm.choices
    .slice(0, MAX_CHOICES * 2)
    .map((c) => execute(`${clampText(c.bodyName, 40)}, ${formatDateTime(c.startsAt, c.timeZone, l)}`, 'absence.choose_meeting', { ...data, meetingId: c.meetingId }));
  const onTop = meetingButtons.length + extras.length <= MAX_CHOICES;
  if (!onTop) body.push(actionSet(meetingButtons.slice(0, MAX_CHOICES)));
  if (vm.choices.length > (onTop ? meetingButtons.length : MAX_CHOICES)) body.push(safeTextBlock(cardText(l, 'more', { n: vm.choices.length - MAX_CHOICES }), { isSubtle: true }));
  const actions: ExecuteAction[] = [...(onTop ? meetingButtons : []), ...extras];
  return adaptiveCard(body, { actions });
}
