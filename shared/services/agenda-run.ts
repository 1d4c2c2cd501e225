/**
 * Running the agenda in the meeting: the chair starts, finishes and goes back between items, and hands the
 * chair over. The same use cases serve the item cards in the meeting chat and the tab's side panel.
 */
import type { AgendaItem, ChairHandover, Meeting } from '../domain';
import { RadslagError } from '../errors/catalog';
import { nowIso, type UseCaseContext } from '../usecase/context';
import { authorize } from './access';
import { itemInScene, loadScene, policyOn, stateError } from './agenda-access';
import { chairVersionOf, statusOnFinish, takesPart, type HandoverInput } from './agenda-service';
import { queueMinutesDraftAtMeetingEnd } from './minutes-service';
import { refreshServingPeriods } from './serving-service';

interface ItemAction {
  meetingId: string;
  itemId: string;
  version: number;
  /**
   * Started from outside the meeting chat (the tab): the item's card and tools are posted in the chat by a
   * job written with the start. A card action in the chat posts them itself.
   */
  announceInChat?: boolean;
}

/** The chair starts an item: it becomes active (an item still active is finished), the meeting opens on the first start. */
export async function startItem(ctx: UseCaseContext, { meetingId, itemId, version, announceInChat }: ItemAction): Promise<{ item: AgendaItem; meeting: Meeting; finished: AgendaItem | null }> {
  const { tx } = ctx;
  const { scene, item } = await itemInScene(tx, ctx.actor, meetingId, itemId, 'agenda.run', version);
  let finished: AgendaItem | null = null;
  let meeting = scene.meeting;
  let started = item;
  if (item.status !== 'active') {
    const now = nowIso(ctx);
    for (const other of scene.items.filter((i) => i.status === 'active' && i.id !== itemId)) {
      finished = await tx.agendaItems.update({ ...other, status: await statusOnFinish(tx, other), endedAt: now });
    }
    if (!meeting.startedAt || meeting.endedAt) meeting = await tx.meetings.update({ ...meeting, startedAt: meeting.startedAt ?? now, endedAt: null });
    started = await tx.agendaItems.update({ ...item, status: 'active', startedAt: item.startedAt ?? now, endedAt: null });
    // Seats change hands between items: who serves in the item just finished and the one starting is fixed now.
    await refreshServingPeriods(ctx, meeting);
  }
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'agenda.item_start', entity: 'agenda_item', entityId: itemId, details: { meetingId, number: item.number }, correlationId: ctx.correlationId });
  if (announceInChat) await ctx.enqueue('agenda.announce_item', { meetingId, itemId, version: started.version }, { dedupeKey: `agenda.announce_item:${itemId}:${started.version}` });
  ctx.events.push({ type: 'agenda.item_started', meetingId, data: { itemId, version: started.version } });
  return { item: started, meeting, finished };
}

/**
 * Finishes the item (postponed when it has a postponing decision). After the last item the meeting is
 * closed: endedAt set and status 'held', and the first minutes draft is queued in the same transaction.
 */
export async function finishItem(ctx: UseCaseContext, { meetingId, itemId, version }: ItemAction): Promise<{ item: AgendaItem; meeting: Meeting; next: AgendaItem | null }> {
  const { tx } = ctx;
  const { scene, item } = await itemInScene(tx, ctx.actor, meetingId, itemId, 'agenda.run', version);
  let meeting = scene.meeting;
  let saved = item;
  let closed = false;
  if (item.status !== 'done' && item.status !== 'postponed') {
    const now = nowIso(ctx);
    saved = await tx.agendaItems.update({ ...item, status: await statusOnFinish(tx, item), startedAt: item.startedAt ?? now, endedAt: now });
    const remaining = scene.items.filter((i) => i.id !== itemId && (i.status === 'pending' || i.status === 'active'));
    if (remaining.length === 0 || item.standardKey === 'close') {
      meeting = await tx.meetings.update({ ...meeting, startedAt: meeting.startedAt ?? item.startedAt ?? now, endedAt: now, status: 'held' });
      closed = true;
    }
    await refreshServingPeriods(ctx, meeting);
  }
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'agenda.item_finish', entity: 'agenda_item', entityId: itemId, details: { meetingId, number: item.number, status: saved.status }, correlationId: ctx.correlationId });
  const fresh = await tx.agendaItems.findBy({ meetingId }, 'number');
  const next = fresh.find((i) => i.number > item.number && i.status === 'pending') ?? null;
  ctx.events.push({ type: 'agenda.item_finished', meetingId, data: { itemId, version: saved.version } });
  if (closed) {
    // The meeting closed with its last item: the same follow-up as a meeting end from Teams.
    await queueMinutesDraftAtMeetingEnd(ctx, meetingId);
    ctx.events.push({ type: 'meeting.updated', meetingId, data: { version: meeting.version, endedAt: meeting.endedAt } });
  }
  return { item: saved, meeting, next };
}

/**
 * Go back. On an item not yet finished (active or pending): the previous item becomes active again and
 * this one pending. On a finished item: that item becomes active again. Any other active item returns to
 * pending, and a closed meeting is open again.
 */
export async function backItem(ctx: UseCaseContext, { meetingId, itemId, version }: ItemAction): Promise<{ item: AgendaItem }> {
  const { tx } = ctx;
  const { scene, item: pressed } = await itemInScene(tx, ctx.actor, meetingId, itemId, 'agenda.run', version);
  const finished = pressed.status === 'done' || pressed.status === 'postponed';
  const target = finished ? pressed : scene.items.filter((i) => i.number < pressed.number).sort((a, b) => b.number - a.number)[0];
  if (!target) throw stateError('det finns ingen tidigare punkt', 'there is no earlier item');
  for (const other of scene.items.filter((i) => i.status === 'active' && i.id !== target.id)) await tx.agendaItems.update({ ...other, status: 'pending', endedAt: null });
  if (scene.meeting.endedAt) await tx.meetings.update({ ...scene.meeting, endedAt: null, status: scene.meeting.status === 'held' ? 'planned' : scene.meeting.status });
  const fresh = await tx.agendaItems.require(target.id);
  const item = await tx.agendaItems.update({ ...fresh, status: 'active', endedAt: null, startedAt: fresh.startedAt ?? nowIso(ctx) });
  await refreshServingPeriods(ctx, scene.meeting);
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'agenda.item_back', entity: 'agenda_item', entityId: item.id, details: { meetingId, from: pressed.number, to: item.number }, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'agenda.changed', meetingId, data: { itemId: item.id } });
  return { item };
}

/** "Siw Lunander tog över som mötesordförande" from an item, to the end or to a given item. */
export async function handOverChair(ctx: UseCaseContext, { meetingId, ...input }: { meetingId: string } & HandoverInput): Promise<{ handover: ChairHandover; meeting: Meeting }> {
  const { tx } = ctx;
  const scene = await loadScene(tx, meetingId);
  authorize(ctx.actor, 'chair.handover', await policyOn(tx, ctx.actor, scene));
  if (input.chairVersion !== undefined && chairVersionOf(scene) !== input.chairVersion) throw new RadslagError('CONFLICT_STALE', {}, { chairVersion: chairVersionOf(scene), handovers: scene.handovers });
  if (input.version !== undefined && scene.meeting.version !== input.version) throw new RadslagError('CONFLICT_STALE', {}, scene.meeting);
  const max = Math.max(1, scene.items.length);
  if (input.fromItemNumber > max) throw new RadslagError('VALIDATION_FAILED', { detail: `fromItemNumber > ${max}` });
  await tx.people.require(input.personId);
  if (!(await takesPart(tx, scene.meeting, input.personId))) throw stateError('personen är inte med i mötet', 'the person does not take part in the meeting');
  const handover = await tx.chairHandovers.insert({
    id: ctx.ids.next(),
    meetingId,
    personId: input.personId,
    fromItemNumber: input.fromItemNumber,
    toItemNumber: input.toItemNumber ?? null,
    at: nowIso(ctx),
    recordedBy: ctx.actor.personId ?? 'system',
  });
  // Bump the meeting's version: a tab that showed the old chair is now stale.
  await tx.meetings.update(scene.meeting);
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'chair.handover', entity: 'meeting', entityId: meetingId, details: { personId: input.personId, from: input.fromItemNumber, to: input.toItemNumber ?? null }, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'chair.handover', meetingId, data: { handoverId: handover.id } });
  return { handover, meeting: await tx.meetings.require(meetingId) };
}
