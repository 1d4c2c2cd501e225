/**
 * When the chair starts an item from the tab (the API), the item card and its tools are posted in the
 * meeting chat, just as when the item is started from a card. Listens on the event bus for
 * `agenda.item_started` not coming from a card action, and enqueues `agenda.post_card` jobs to the meeting
 * chat's stored conversation (a meeting not linked to Teams, or a chat the bot is not in, gets nothing).
 */
import type { EventBus } from '../../../shared/ports/events';
import type { Clock, Store } from '../../../shared/ports/store';
import { loadScene } from '../../../shared/services/agenda-access';
import type { Logger } from '../../logger';
import type { AgendaCardContext } from './agenda-card-types';
import { toolCardsForStartedItem } from './agenda-handlers';
import { enqueueAgendaPost } from './agenda-post-job';
import { itemCardFor } from './agenda-views';

export function subscribeAgendaChatPosts(deps: { store: Store; clock: Clock; events: EventBus; logger: Logger; poke: () => void }): () => void {
  return deps.events.subscribe((event) => {
    if (event.type !== 'agenda.item_started' || !event.meetingId || event.data?.via === 'card') return;
    const meetingId = event.meetingId;
    const itemId = String(event.data?.itemId ?? '');
    const version = Number(event.data?.version ?? 0);
    void (async () => {
      const meeting = await deps.store.read.meetings.get(meetingId);
      const key = meeting?.teams?.meetingId ? `meeting:${meeting.teams.meetingId}` : null;
      if (!key || !(await deps.store.read.conversationRefs.get(key))) return;
      await deps.store.transaction(async (tx) => {
        const scene = await loadScene(tx, meetingId);
        const item = scene.items.find((i) => i.id === itemId);
        if (!item) return;
        // The chat's message is everyone's view; people get their own through refresh.
        const ctx: AgendaCardContext = {
          actor: { personId: null, tenantId: deps.store.tenantId, isAdmin: false },
          locale: 'sv',
          correlationId: `item-start:${itemId}:${version}`,
          userId: '',
          idempotencyKey: null,
          teamsUserIdsFor: async (ids) => {
            const out: string[] = [];
            for (const id of ids) {
              const userId = ((await tx.conversationRefs.findForPerson(id))?.reference as { userId?: string } | undefined)?.userId;
              if (userId) out.push(userId);
            }
            return out;
          },
        };
        const cards = [await itemCardFor(tx, ctx, scene, item, `item:${item.id}`, 'observer'), ...(await toolCardsForStartedItem(tx, ctx, scene, item))];
        for (const [i, card] of cards.entries())
          await enqueueAgendaPost(tx, deps.clock, { conversationKey: key, card, purpose: 'item.start (tab)' }, `agenda-post:item-start:${itemId}:${version}:${i}`);
      });
      deps.poke();
    })().catch((e: unknown) => deps.logger.error({ err: (e as Error).message, meetingId }, 'posting the started item to the meeting chat failed'));
  });
}
