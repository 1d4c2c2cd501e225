import { adaptiveCard, execute, refreshFor, safeTextBlock, type AdaptiveCardJson, type CardElement, type CardViewer, type ExecuteAction } from '../cards/card-kit';
import { cardText, plainText, type CardLocale, type CardStringKey } from '../cards/card-strings';
import { clampText } from '../cards/escape-card-text';

export type VoteChoice = 'ja' | 'nej' | 'avstår';

export interface VoteCardModel {
  locale: CardLocale;
  cardId: string;
  decision: { id: string; version: number };
  question: string;
  status: 'open' | 'closed';
  tally: { ja: number; nej: number; avstår: number };
  eligibleCount: number;
  viewer: CardViewer;
  /** The viewer serves as a voting member at this moment (ledamot, or ersättare serving for one). */
  viewerIsServing: boolean;
  /** The viewer's own vote, once cast (a cast vote is final). */
  viewerVote?: VoteChoice | null;
  refreshUserIds: string[];
}

const CHOICE_KEY: Record<VoteChoice, CardStringKey> = { ja: 'voteJa', nej: 'voteNej', avstår: 'voteAvstar' };

export function voteResult(t: VoteCardModel['tally']): 'bifall' | 'avslag' | 'lika' {
  return t.ja > t.nej ? 'bifall' : t.nej > t.ja ? 'avslag' : 'lika';
}

/** Open vote: serving members who have not voted get Ja / Nej / Avstår; chair and secretary can close it. */
export function voteCard(vm: VoteCardModel): AdaptiveCardJson {
  const l = vm.locale;
  const t = vm.tally;
  const body: CardElement[] = [
    safeTextBlock(cardText(l, 'voteTitle', { question: clampText(vm.question, 500) }), { weight: 'Bolder' }),
    safeTextBlock(
      cardText(l, 'voteTally', { ja: t.ja, nej: t.nej, avstar: t.avstår, cast: t.ja + t.nej + t.avstår, eligible: vm.eligibleCount }),
    ),
  ];
  const actions: ExecuteAction[] = [];
  if (vm.status === 'closed') {
    body.push(safeTextBlock(cardText(l, 'voteClosed'), { isSubtle: true }));
    body.push(safeTextBlock(cardText(l, `voteResult_${voteResult(t)}`), { weight: 'Bolder', color: 'Good' }));
  } else {
    if (vm.viewerVote) {
      body.push(safeTextBlock(cardText(l, 'voteYouVoted', { choice: plainText(l, CHOICE_KEY[vm.viewerVote]) }), { color: 'Good' }));
    } else if (vm.viewerIsServing) {
      for (const choice of ['ja', 'nej', 'avstår'] as const) {
        actions.push(execute(plainText(l, CHOICE_KEY[choice]), 'vote.cast', { cardId: vm.cardId, decisionId: vm.decision.id, choice }));
      }
    } else if (vm.viewer !== 'observer') {
      body.push(safeTextBlock(cardText(l, 'voteNotServing'), { isSubtle: true }));
    }
    if (vm.viewer === 'chair' || vm.viewer === 'secretary') {
      actions.push(
        execute(plainText(l, 'voteClose'), 'vote.close', { cardId: vm.cardId, decisionId: vm.decision.id, version: vm.decision.version }, {
          style: 'destructive',
        }),
      );
    }
  }
  return adaptiveCard(body, { actions, refresh: refreshFor('vote', vm.decision.id, vm.cardId, vm.refreshUserIds) });
}
