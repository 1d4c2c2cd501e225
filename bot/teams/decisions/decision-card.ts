import {
  adaptiveCard,
  execute,
  formatDateTime,
  refreshFor,
  safeTextBlock,
  userTextBlock,
  type AdaptiveCardJson,
  type CardElement,
  type CardViewer,
  type ExecuteAction,
} from '../cards/card-kit';
import { cardText, plainText, type CardLocale } from '../cards/card-strings';
import { clampText, escapeCardText } from '../cards/escape-card-text';
import { quorumLine, type QuorumModel } from '../agenda/quorum-line';

export interface DecisionCardModel {
  locale: CardLocale;
  cardId: string;
  timeZone: string;
  item: { number: number; title: string };
  decision: {
    id: string;
    version: number;
    text: string;
    status: 'proposed' | 'confirmed';
    postponed: boolean;
    proposedByName: string;
    proposedAt: string;
    confirmedByName?: string | null;
    confirmedAt?: string | null;
    reservations: Array<{ name: string; text?: string | null }>;
    /** A vote is open or was held on this decision (the vote has its own card). */
    hasVote: boolean;
  };
  quorum?: QuorumModel | null;
  viewer: CardViewer;
  refreshUserIds: string[];
}

const MAX_RESERVATIONS_SHOWN = 10;

/**
 * The decision card. Secretary: Bekräfta / Ändra (text prefilled) while proposed, Öppna igen once confirmed.
 * Chair: may call a vote while proposed. Everyone else: read-only with the state. A confirmed text is shown
 * with who confirmed it and when.
 */
export function decisionCard(vm: DecisionCardModel): AdaptiveCardJson {
  const l = vm.locale;
  const d = vm.decision;
  const body: CardElement[] = [
    safeTextBlock(cardText(l, 'decisionTitle', { n: vm.item.number, title: clampText(vm.item.title, 200) }), { weight: 'Bolder' }),
    userTextBlock(d.text, 4000, { size: 'Medium' }),
  ];
  if (d.postponed) body.push(safeTextBlock(cardText(l, 'decisionPostponed'), { color: 'Warning' }));
  if (d.status === 'confirmed' && d.confirmedByName && d.confirmedAt) {
    body.push(
      safeTextBlock(cardText(l, 'decisionConfirmed', { name: d.confirmedByName, when: formatDateTime(d.confirmedAt, vm.timeZone, l) }), {
        color: 'Good',
      }),
    );
  } else {
    body.push(
      safeTextBlock(cardText(l, 'decisionProposed', { name: d.proposedByName, when: formatDateTime(d.proposedAt, vm.timeZone, l) }), {
        isSubtle: true,
      }),
    );
  }
  if (d.reservations.length > 0) {
    body.push(safeTextBlock(cardText(l, 'reservations'), { weight: 'Bolder', separator: true }));
    for (const r of d.reservations.slice(0, MAX_RESERVATIONS_SHOWN)) {
      const line = cardText(l, 'reservationLine', { name: r.name });
      body.push(safeTextBlock(r.text ? `${line}: ${escapeCardText(clampText(r.text, 300))}` : line, { spacing: 'Small' }));
    }
    if (d.reservations.length > MAX_RESERVATIONS_SHOWN)
      body.push(safeTextBlock(cardText(l, 'more', { n: d.reservations.length - MAX_RESERVATIONS_SHOWN }), { isSubtle: true }));
  }
  if (vm.quorum) body.push(quorumLine(l, vm.quorum));

  const actions: ExecuteAction[] = [];
  const data = { cardId: vm.cardId, decisionId: d.id, version: d.version };
  if (vm.viewer === 'secretary') {
    if (d.status === 'proposed') {
      body.push({
        type: 'Input.Text',
        id: 'decisionText',
        label: plainText(l, 'decisionEditLabel'),
        isMultiline: true,
        maxLength: 4000,
        value: clampText(d.text, 4000),
      });
      actions.push(execute(plainText(l, 'confirm'), 'decision.confirm', data, { style: 'positive', associatedInputs: 'none' }));
      actions.push(execute(plainText(l, 'edit'), 'decision.edit', data));
    } else {
      actions.push(execute(plainText(l, 'reopen'), 'decision.reopen', data, { associatedInputs: 'none' }));
    }
  }
  if ((vm.viewer === 'secretary' || vm.viewer === 'chair') && d.status === 'proposed' && !d.hasVote) {
    body.push({ type: 'Input.Text', id: 'voteQuestion', label: plainText(l, 'voteOpenLabel'), maxLength: 500 });
    actions.push(execute(plainText(l, 'voteOpen'), 'vote.open', data));
  }
  return adaptiveCard(body, { actions, refresh: refreshFor('decision', d.id, vm.cardId, vm.refreshUserIds) });
}
