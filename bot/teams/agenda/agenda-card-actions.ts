/**
 * Card actions on the agenda: start / finish / back, chair handover, follow-up tasks, the evaluation and
 * the item card's refresh. Each handler maps the card data to a use case (in the action's transaction) and
 * draws the answer.
 */
import type { AgendaItem } from '../../../shared/domain';
import type { Repositories } from '../../../shared/ports/store';
import { loadScene, requireItem, type MeetingScene } from '../../../shared/services/agenda-access';
import { currentItemNumber } from '../../../shared/services/agenda-chair';
import { backItem, finishItem, handOverChair, startItem } from '../../../shared/services/agenda-run';
import { viewAgenda } from '../../../shared/services/agenda-service';
import { submitEvaluation } from '../../../shared/services/evaluation-service';
import { createTask } from '../../../shared/services/task-service';
import type { CardActionRegistry } from '../card-action-dispatch';
import type { AdaptiveCardJson } from '../cards/card-kit';
import { answeringWithPosts, viewFor, type CardViewContext, type MeetingCardHandler } from './card-context';
import { evaluationCardFor, handoverCardFor, itemCardFor, newCardId, recusalCardFor, standardCardFor, taskFormFor } from './meeting-card-views';
import { taskCard } from './task-card';

/** Standard items where follow-up tasks arise, besides every content item. */
const TASK_STANDARD_KEYS = new Set(['reports', 'other_questions']);

/**
 * What the chair and secretary need for an item that has just started, posted under its card: the handover
 * card at the start of the meeting, the one-tap standard decisions, the jäv prompt for decision items, the
 * task form, and the evaluation at the end.
 */
export async function toolCardsForStartedItem(repos: Repositories, view: CardViewContext, scene: MeetingScene, item: AgendaItem): Promise<AdaptiveCardJson[]> {
  const post: AdaptiveCardJson[] = [];
  if (item.number === 1 || scene.items.every((i) => i.id === item.id || i.status === 'pending')) post.push(await handoverCardFor(repos, view, scene, item.number, newCardId('handover')));
  const std = await standardCardFor(repos, view, scene, item, newCardId('standard'));
  if (std) post.push(std);
  if (item.kind === 'beslut' && !item.standardKey) post.push(await recusalCardFor(repos, view, scene, item, newCardId('recusal')));
  if (!item.standardKey || TASK_STANDARD_KEYS.has(item.standardKey)) post.push(await taskFormFor(repos, view, scene, item, newCardId('task')));
  if (item.standardKey === 'close' || item.standardKey === 'evaluation') post.push(evaluationCardFor(view, scene.meeting.id, newCardId('evaluation')));
  return post;
}

const itemStart: MeetingCardHandler<'item.start'> = async (ctx, data) => {
  const { item } = await startItem(ctx, { meetingId: data.meetingId, itemId: data.itemId, version: data.version });
  const scene = await loadScene(ctx.tx, data.meetingId);
  const view = viewFor(ctx);
  return { card: await itemCardFor(ctx.tx, view, scene, item, data.cardId), post: await toolCardsForStartedItem(ctx.tx, view, scene, item) };
};

const itemFinish: MeetingCardHandler<'item.finish'> = async (ctx, data) => {
  const { item, next } = await finishItem(ctx, { meetingId: data.meetingId, itemId: data.itemId, version: data.version });
  const scene = await loadScene(ctx.tx, data.meetingId);
  const view = viewFor(ctx);
  const card = await itemCardFor(ctx.tx, view, scene, item, data.cardId);
  if (!next) return { card };
  // The next item's card, so the chair can start it from the chat (observer view; roles get theirs by refresh).
  return { card, post: [await itemCardFor(ctx.tx, view, scene, next, `item:${next.id}`, 'observer')] };
};

const itemBack: MeetingCardHandler<'item.back'> = async (ctx, data) => {
  const { item } = await backItem(ctx, { meetingId: data.meetingId, itemId: data.itemId, version: data.version });
  const scene = await loadScene(ctx.tx, data.meetingId);
  const view = viewFor(ctx);
  if (item.id === data.itemId) return { card: await itemCardFor(ctx.tx, view, scene, item, data.cardId) };
  // The pressed card shows its own item again (now pending); the item gone back to is posted active.
  const pressed = requireItem(scene, data.itemId);
  return { card: await itemCardFor(ctx.tx, view, scene, pressed, data.cardId), post: [await itemCardFor(ctx.tx, view, scene, item, `item:${item.id}`, 'observer')] };
};

const chairHandover: MeetingCardHandler<'chair.handover'> = async (ctx, data) => {
  // The card carries the chair version (see handoverCardFor), not the meeting's.
  await handOverChair(ctx, { meetingId: data.meetingId, chairVersion: data.version, personId: data.handoverPersonId, fromItemNumber: data.handoverFromItem!, toItemNumber: data.handoverToItem ?? null });
  const scene = await loadScene(ctx.tx, data.meetingId);
  return { card: await handoverCardFor(ctx.tx, viewFor(ctx), scene, currentItemNumber(scene.items), data.cardId) };
};

const taskCreate: MeetingCardHandler<'task.create'> = async (ctx, data) => {
  const { task } = await createTask(ctx, { meetingId: data.meetingId, itemId: data.itemId ?? null, text: data.taskText, ownerPersonId: data.taskOwnerPersonId ?? null, ownerName: data.taskOwnerName ?? null, dueDate: data.taskDueDate ?? null });
  const scene = await loadScene(ctx.tx, data.meetingId);
  const item = data.itemId ? requireItem(scene, data.itemId) : null;
  // The form stays (an item may give several tasks); the task is posted for everyone to see.
  return {
    card: await taskFormFor(ctx.tx, viewFor(ctx), scene, item, data.cardId),
    post: [taskCard({ mode: 'created', locale: ctx.locale, task: { text: task.text, ownerName: task.ownerName ?? null, dueDate: task.dueDate ?? null } })],
  };
};

const evaluationSubmit: MeetingCardHandler<'evaluation.submit'> = async (ctx, data) => {
  await submitEvaluation(ctx, { meetingId: data.meetingId, worked: data.evalWorked ?? null, hindered: data.evalHindered ?? null, score: data.evalScore ?? null });
  return { card: evaluationCardFor(viewFor(ctx), data.meetingId, data.cardId, true) };
};

export function registerAgendaCardActions(registry: CardActionRegistry): void {
  registry.register('item.start', answeringWithPosts('item.start', itemStart));
  registry.register('item.finish', answeringWithPosts('item.finish', itemFinish));
  registry.register('item.back', answeringWithPosts('item.back', itemBack));
  registry.register('chair.handover', answeringWithPosts('chair.handover', chairHandover));
  registry.register('task.create', answeringWithPosts('task.create', taskCreate));
  registry.register('evaluation.submit', answeringWithPosts('evaluation.submit', evaluationSubmit));
  registry.registerRefresh('item', async (entityId, ctx) => {
    const item = await ctx.tx.agendaItems.require(entityId);
    await viewAgenda(ctx, { meetingId: item.meetingId }); // meeting.read: outsiders get the refusal, not the card
    const scene = await loadScene(ctx.tx, item.meetingId);
    return itemCardFor(ctx.tx, viewFor(ctx), scene, item, `item:${entityId}`);
  });
}
