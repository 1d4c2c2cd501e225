/**
 * Card actions on the agenda: start / finish / back, chair handover, follow-up tasks, the evaluation and
 * the item card's refresh. Each handler maps the card data to a service call and renders the answer.
 */
import { loadScene, requireItem } from '../../../shared/services/agenda-access';
import { currentItemNumber } from '../../../shared/services/agenda-chair';
import { taskCard } from '../cards/task-card';
import type { AdaptiveCardJson } from '../cards/card-kit';
import type { AgendaItem } from '../../../shared/domain';
import type { Repositories } from '../../../shared/ports/store';
import type { MeetingScene } from '../../../shared/services/agenda-access';
import type { AgendaCardContext, AgendaCardHandler, AgendaHandlerDeps } from './agenda-card-types';
import { evaluationCardFor, handoverCardFor, itemCardFor, newCardId, recusalCardFor, standardCardFor, taskFormFor } from './agenda-views';

/** Standard items where follow-up tasks arise, besides every content item. */
const TASK_STANDARD_KEYS = new Set(['reports', 'other_questions']);

/**
 * What the chair and secretary need for an item that has just started, posted under its card: the handover
 * card at the start of the meeting, the one-tap standard decisions, the jäv prompt for decision items, the
 * task form, and the evaluation at the end.
 */
export async function toolCardsForStartedItem(repos: Repositories, ctx: AgendaCardContext, scene: MeetingScene, item: AgendaItem): Promise<AdaptiveCardJson[]> {
  const post: AdaptiveCardJson[] = [];
  if (item.number === 1 || scene.items.every((i) => i.id === item.id || i.status === 'pending')) post.push(await handoverCardFor(repos, ctx, scene, item.number, newCardId('handover')));
  const std = await standardCardFor(repos, ctx, scene, item, newCardId('standard'));
  if (std) post.push(std);
  if (item.kind === 'beslut' && !item.standardKey) post.push(await recusalCardFor(repos, ctx, scene, item, newCardId('recusal')));
  if (!item.standardKey || TASK_STANDARD_KEYS.has(item.standardKey)) post.push(await taskFormFor(repos, ctx, scene, item, newCardId('task')));
  if (item.standardKey === 'close' || item.standardKey === 'evaluation') post.push(evaluationCardFor(ctx, scene.meeting.id, newCardId('evaluation')));
  return post;
}

export function agendaCardHandlers(deps: AgendaHandlerDeps) {
  const repos = deps.store.read;

  const itemStart: AgendaCardHandler<'item.start'> = async (ctx, data) => {
    const { item, replayed } = await deps.agenda.startItem(ctx, data.meetingId, data.itemId, { version: data.version });
    const scene = await loadScene(repos, data.meetingId);
    const card = await itemCardFor(repos, ctx, scene, item, data.cardId);
    if (replayed) return { card };
    return { card, post: await toolCardsForStartedItem(repos, ctx, scene, item) };
  };

  const itemFinish: AgendaCardHandler<'item.finish'> = async (ctx, data) => {
    const { item, next, replayed } = await deps.agenda.finishItem(ctx, data.meetingId, data.itemId, { version: data.version });
    const scene = await loadScene(repos, data.meetingId);
    const card = await itemCardFor(repos, ctx, scene, item, data.cardId);
    if (replayed || !next) return { card };
    // The next item's card, so the chair can start it from the chat (observer view; roles get theirs by refresh).
    return { card, post: [await itemCardFor(repos, ctx, scene, next, `item:${next.id}`, 'observer')] };
  };

  const itemBack: AgendaCardHandler<'item.back'> = async (ctx, data) => {
    const { item } = await deps.agenda.backItem(ctx, data.meetingId, data.itemId, { version: data.version });
    const scene = await loadScene(repos, data.meetingId);
    if (item.id === data.itemId) return { card: await itemCardFor(repos, ctx, scene, item, data.cardId) };
    // The pressed card shows its own item again (now pending); the item gone back to is posted active.
    const pressed = requireItem(scene, data.itemId);
    return { card: await itemCardFor(repos, ctx, scene, pressed, data.cardId), post: [await itemCardFor(repos, ctx, scene, item, `item:${item.id}`, 'observer')] };
  };

  const chairHandover: AgendaCardHandler<'chair.handover'> = async (ctx, data) => {
    // The card carries the chair version (see handoverCardFor), not the meeting's.
    await deps.agenda.handOver(ctx, data.meetingId, {
      chairVersion: data.version,
      personId: data.handoverPersonId,
      fromItemNumber: data.handoverFromItem!,
      toItemNumber: data.handoverToItem ?? null,
    });
    const scene = await loadScene(repos, data.meetingId);
    return { card: await handoverCardFor(repos, ctx, scene, currentItemNumber(scene.items), data.cardId) };
  };

  const taskCreate: AgendaCardHandler<'task.create'> = async (ctx, data) => {
    const { task } = await deps.tasks.create(ctx, data.meetingId, {
      itemId: data.itemId ?? null,
      text: data.taskText,
      ownerPersonId: data.taskOwnerPersonId ?? null,
      ownerName: data.taskOwnerName ?? null,
      dueDate: data.taskDueDate ?? null,
    });
    const scene = await loadScene(repos, data.meetingId);
    const item = data.itemId ? requireItem(scene, data.itemId) : null;
    // The form stays (an item may give several tasks); the task is posted for everyone to see.
    return {
      card: await taskFormFor(repos, ctx, scene, item, data.cardId),
      post: [taskCard({ mode: 'created', locale: ctx.locale, task: { text: task.text, ownerName: task.ownerName ?? null, dueDate: task.dueDate ?? null } })],
    };
  };

  const evaluationSubmit: AgendaCardHandler<'evaluation.submit'> = async (ctx, data) => {
    await deps.evaluations.submit(ctx, data.meetingId, { worked: data.evalWorked ?? null, hindered: data.evalHindered ?? null, score: data.evalScore ?? null });
    return { card: evaluationCardFor(ctx, data.meetingId, data.cardId, true) };
  };

  const refreshItem = async (ctx: Parameters<AgendaCardHandler<'refresh'>>[0], data: { cardId: string; entityId: string }) => {
    const item = await repos.agendaItems.require(data.entityId);
    await deps.agenda.view(ctx, item.meetingId); // meeting.read: outsiders get the refusal, not the card
    const scene = await loadScene(repos, item.meetingId);
    return { card: await itemCardFor(repos, ctx, scene, item, data.cardId) };
  };

  return {
    'item.start': itemStart,
    'item.finish': itemFinish,
    'item.back': itemBack,
    'chair.handover': chairHandover,
    'task.create': taskCreate,
    'evaluation.submit': evaluationSubmit,
    refreshItem,
  };
}
