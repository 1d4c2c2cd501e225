import {
  adaptiveCard,
  execute,
  formatDateTime,
  joinNames,
  markdownLink,
  safeTextBlock,
  type AdaptiveCardJson,
  type CardElement,
  type ExecuteAction,
} from '../cards/card-kit';
import { cardText, plainText, type CardLocale } from '../cards/card-strings';

export interface JusteringCardModel {
  locale: CardLocale;
  cardId: string;
  meeting: { id: string; bodyName: string; startsAt: string; timeZone: string };
  minutes: { version: number; url: string };
  signedNames: string[];
  pendingNames: string[];
  /** The viewer is a justerare who has not signed yet: gets Justera / Begär ändring. */
  viewerMaySign: boolean;
}

/** Sent to each justerare: a link to the minutes, Justera, or Begär ändring with a comment. */
export function justeringCard(vm: JusteringCardModel): AdaptiveCardJson {
  const l = vm.locale;
  const m = vm.meeting;
  const body: CardElement[] = [
    safeTextBlock(cardText(l, 'justeringTitle', { body: m.bodyName, when: formatDateTime(m.startsAt, m.timeZone, l) }), { weight: 'Bolder' }),
    safeTextBlock(markdownLink(plainText(l, 'justeringOpen'), vm.minutes.url)),
  ];
  if (vm.signedNames.length > 0) body.push(safeTextBlock(plainText(l, 'justeringSigned', { names: joinNames(l, vm.signedNames, 10) }), { color: 'Good' }));
  if (vm.pendingNames.length > 0) body.push(safeTextBlock(plainText(l, 'justeringPending', { names: joinNames(l, vm.pendingNames, 10) }), { isSubtle: true }));
  const actions: ExecuteAction[] = [];
  if (vm.viewerMaySign) {
    const data = { cardId: vm.cardId, meetingId: m.id, minutesVersion: vm.minutes.version };
    body.push({ type: 'Input.Text', id: 'changeComment', label: plainText(l, 'justeringCommentLabel'), isMultiline: true, maxLength: 4000 });
    actions.push(execute(plainText(l, 'justeringSign'), 'justering.sign', data, { style: 'positive', associatedInputs: 'none' }));
    actions.push(execute(plainText(l, 'justeringRequestChange'), 'justering.request_change', data));
  }
  return adaptiveCard(body, { actions });
}
