/**
 * When the chair starts an item outside the meeting chat (the tab), the item card and its tools are posted
 * in the meeting chat, just as when the item is started from a card. The start writes an
 * `agenda.announce_item` job in its own transaction; this handler draws the cards (everyone's view: people
 * get their own through refresh) and sends them through the one send path. A meeting not linked to Teams,
 * or a chat the bot is not in, gets nothing.
 */
import { loadScene } from '../../../shared/services/agenda-access';
import { enqueueSend } from '../../../shared/services/outbox';
import type { UseCaseContext } from '../../../shared/usecase/context';
import type { JobPayload } from '../../../shared/usecase/job-kinds';
import type { TypedJobHandler } from '../../jobs/job-handlers';
import type { UseCaseRunner } from '../../usecase/run-use-case';
import { toolCardsForStartedItem } from './agenda-card-actions';
import { teamsUserIdsFrom, type CardViewContext } from './card-context';
import { itemCardFor } from './meeting-card-views';

export async function announceStartedItem(ctx: UseCaseContext, { meetingId, itemId, version }: JobPayload<'agenda.announce_item'>): Promise<{ posted: number }> {
  const meeting = await ctx.tx.meetings.get(meetingId);
  const key = meeting?.teams?.meetingId ? `meeting:${meeting.teams.meetingId}` : null;
  if (!key || !(await ctx.tx.conversationRefs.get(key))) return { posted: 0 };
  const scene = await loadScene(ctx.tx, meetingId);
  const item = scene.items.find((i) => i.id === itemId);
  if (!item) return { posted: 0 };
  const view: CardViewContext = { actor: ctx.actor, locale: 'sv', correlationId: `item-start:${itemId}:${version}`, userId: '', teamsUserIdsFor: teamsUserIdsFrom(ctx) };
  const cards = [await itemCardFor(ctx.tx, view, scene, item, `item:${item.id}`, 'observer'), ...(await toolCardsForStartedItem(ctx.tx, view, scene, item))];
  for (const [i, card] of cards.entries())
    await enqueueSend(ctx, { to: { conversationKey: key }, message: { adaptiveCard: { ...card } }, purpose: 'item.start (tab)', dedupeKey: `agenda-post:item-start:${itemId}:${version}:${i}` });
  return { posted: cards.length };
}

export function createAnnounceItemHandler(runner: UseCaseRunner): TypedJobHandler<'agenda.announce_item'> {
  return (payload, { job }) => runner.run(runner.system(`job:${job.id}`), announceStartedItem, payload);
}
