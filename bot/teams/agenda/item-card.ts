import {
  actionSet,
  adaptiveCard,
  execute,
  refreshFor,
  safeTextBlock,
  type AdaptiveCardJson,
  type CardElement,
  type CardViewer,
  type ExecuteAction,
} from '../cards/card-kit';
import { cardText, plainText, type CardLocale } from '../cards/card-strings';
import { attachmentLinks, presentersText, type AgendaLineModel } from './agenda-lines';
import { quorumLine, type QuorumModel } from './quorum-line';

export interface ItemCardModel {
  locale: CardLocale;
  cardId: string;
  meetingId: string;
  item: AgendaLineModel & { id: string; version: number; status: 'pending' | 'active' | 'done' | 'postponed' };
  quorum?: QuorumModel | null;
  /** Whom this render is for; chair and secretary get the agenda buttons and the proposal field. */
  viewer: CardViewer;
  /** Users who get their own view through refresh (chair, secretary, members in the chat). */
  refreshUserIds: string[];
}

/** Posted when the chair starts an item: number, title, presenters, documents, planned time. */
export function itemCard(vm: ItemCardModel): AdaptiveCardJson {
  const l = vm.locale;
  const it = vm.item;
  const body: CardElement[] = [
    safeTextBlock(cardText(l, 'itemTitle', { n: it.number, title: it.title.slice(0, 300) }), { size: 'Medium', weight: 'Bolder' }),
    safeTextBlock(cardText(l, `itemStatus_${it.status}`), { isSubtle: true, spacing: 'None', size: 'Small' }),
  ];
  const presenters = presentersText(l, it.presenters);
  if (presenters) body.push(safeTextBlock(presenters));
  const links = attachmentLinks(l, it.attachments);
  if (links) body.push(safeTextBlock(`${cardText(l, 'attachments')}: ${links}`));
  if (it.plannedMinutes) body.push(safeTextBlock(cardText(l, 'plannedMinutes', { n: it.plannedMinutes }), { isSubtle: true }));
  if (vm.quorum) body.push(quorumLine(l, vm.quorum));

  const actions: ExecuteAction[] = [];
  if (vm.viewer === 'chair' || vm.viewer === 'secretary') {
    const data = { cardId: vm.cardId, meetingId: vm.meetingId, itemId: it.id, version: it.version };
    if (it.status === 'active') {
      body.push({ type: 'Input.Text', id: 'decisionText', label: plainText(l, 'proposeLabel'), isMultiline: true, maxLength: 4000 });
      body.push(actionSet([execute(plainText(l, 'propose'), 'decision.propose', { cardId: vm.cardId, meetingId: vm.meetingId, itemId: it.id })]));
      actions.push(execute(plainText(l, 'itemFinish'), 'item.finish', data, { style: 'positive', associatedInputs: 'none' }));
    } else {
      actions.push(execute(plainText(l, 'itemStart'), 'item.start', data, { style: 'positive', associatedInputs: 'none' }));
    }
    actions.push(execute(plainText(l, 'itemBack'), 'item.back', data, { associatedInputs: 'none' }));
  }
  return adaptiveCard(body, { actions, refresh: refreshFor('item', it.id, vm.cardId, vm.refreshUserIds) });
}
