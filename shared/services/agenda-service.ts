/**
 * Editing the agenda, for the bot and the tab: carry over, add / move / renumber / remove items, presenters
 * and kind, notes (running it — start, finish, back, handover — is agenda-run.ts). Each use case authorizes,
 * changes, audits and collects its event; the runner commits and then publishes.
 */
import type { AgendaItem, FollowUpTask, Meeting } from '../domain';
import { readOnly, type UseCaseContext } from '../usecase/context';
import { addItemInput, type AddItemInput, type UpdateItemInput } from '../contracts/agenda';
import type { AgendaView } from '../contracts/meeting-views';
import type { Repositories } from '../ports/store';
import { authorize } from './access';
import { currentChairFor, currentItemNumber } from './agenda-chair';
import { itemInScene, loadScene, policyOn, servingAt, stateError, type MeetingScene } from './agenda-access';
import { agendaItemFromTemplate } from './meeting-service';

export { addItemInput, handoverInput, itemVersionInput, moveItemInput, notesInput, updateItemInput } from '../contracts/agenda';
export type { AddItemInput, HandoverInput, UpdateItemInput } from '../contracts/agenda';

export type { AgendaView } from '../contracts/meeting-views';

/** Closing standard items (as buildStandardAgenda places them): content added later goes before the first of these. */
const CLOSING_KEYS = new Set(['reports', 'other_questions', 'upcoming', 'evaluation', 'close']);

export function defaultInsertPosition(items: readonly AgendaItem[]): number {
  const sorted = items.slice().sort((a, b) => a.number - b.number);
  const closing = sorted.find((i) => i.standardKey && CLOSING_KEYS.has(i.standardKey));
  return closing ? closing.number : sorted.length + 1;
}

/** The agenda with handovers, the current item and chair, and quorum. */
export const viewAgenda = readOnly(async (ctx, { meetingId }: { meetingId: string }): Promise<AgendaView> => {
  const scene = await loadScene(ctx.tx, meetingId);
  authorize(ctx.actor, 'meeting.read', await policyOn(ctx.tx, ctx.actor, scene));
  const n = currentItemNumber(scene.items);
  const item = scene.items.find((i) => i.number === n) ?? null;
  const { quorum, quorumPerBody } = await servingAt(ctx.tx, scene.meeting, item, undefined, scene.items);
  const minutesLocked = (await ctx.tx.minutesLocks.findBy({ meetingId: scene.meeting.id })).some((l) => l.locked);
  return { ...scene, currentItemNumber: n, currentChairPersonId: currentChairFor(scene.meeting, scene.handovers, n), chairVersion: chairVersionOf(scene), quorum, quorumPerBody, minutesLocked };
});

export async function addAgendaItem(ctx: UseCaseContext, { meetingId, ...raw }: { meetingId: string } & AddItemInput): Promise<AgendaItem> {
  const input = addItemInput.parse(raw);
  const { tx } = ctx;
  const scene = await loadScene(tx, meetingId);
  authorize(ctx.actor, 'agenda.edit', await policyOn(tx, ctx.actor, scene));
  const position = Math.min(input.position ?? defaultInsertPosition(scene.items), scene.items.length + 1);
  // Make room first: renumbering keeps numbers unique and 1-based.
  await renumber(tx, scene.items, (list) => list.map((i) => (i.number >= position ? { ...i, number: i.number + 1 } : i)));
  const item = await tx.agendaItems.insert(agendaItemFromTemplate(ctx.ids.next(), meetingId, position, input));
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'agenda.item_add', entity: 'agenda_item', entityId: item.id, details: { meetingId, number: position }, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'agenda.changed', meetingId, data: { itemId: item.id } });
  return item;
}

export async function updateAgendaItem(ctx: UseCaseContext, { meetingId, itemId, ...input }: { meetingId: string; itemId: string } & UpdateItemInput): Promise<AgendaItem> {
  const { tx } = ctx;
  const { item } = await itemInScene(tx, ctx.actor, meetingId, itemId, 'agenda.edit');
  const next: AgendaItem = { ...item, version: input.version };
  if (input.title !== undefined) next.title = input.title;
  if (input.kind !== undefined) next.kind = input.kind;
  if (input.presenters !== undefined) next.presenters = input.presenters.map((p) => ({ personId: p.personId ?? null, name: p.name }));
  if (input.attachments !== undefined) next.attachments = input.attachments;
  if (input.plannedMinutes !== undefined) next.plannedMinutes = input.plannedMinutes;
  const saved = await tx.agendaItems.update(next);
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'agenda.item_update', entity: 'agenda_item', entityId: itemId, details: { fields: Object.keys(input).filter((k) => k !== 'version') }, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'agenda.changed', meetingId, data: { itemId } });
  return saved;
}

export async function setItemNotes(ctx: UseCaseContext, { meetingId, itemId, version, notes }: { meetingId: string; itemId: string; version: number; notes: string }): Promise<AgendaItem> {
  const { tx } = ctx;
  const { item } = await itemInScene(tx, ctx.actor, meetingId, itemId, 'notes.edit');
  const saved = await tx.agendaItems.update({ ...item, notes, version });
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'agenda.notes', entity: 'agenda_item', entityId: itemId, details: { length: notes.length }, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'agenda.notes', meetingId, data: { itemId, version: saved.version } });
  return saved;
}

/** Moves an item to a new position; the others close up and every number stays 1..n. */
export async function moveAgendaItem(ctx: UseCaseContext, { meetingId, itemId, version, toNumber }: { meetingId: string; itemId: string; version: number; toNumber: number }): Promise<AgendaItem[]> {
  const { tx } = ctx;
  const { scene, item } = await itemInScene(tx, ctx.actor, meetingId, itemId, 'agenda.edit', version);
  const to = Math.min(toNumber, scene.items.length);
  const order = scene.items.filter((i) => i.id !== itemId);
  order.splice(to - 1, 0, item);
  const items = await renumber(tx, scene.items, () => order.map((i, idx) => ({ ...i, number: idx + 1 })));
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'agenda.item_move', entity: 'agenda_item', entityId: itemId, details: { from: item.number, to }, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'agenda.changed', meetingId, data: { itemId } });
  return items;
}

export async function removeAgendaItem(ctx: UseCaseContext, { meetingId, itemId, version }: { meetingId: string; itemId: string; version: number }): Promise<AgendaItem[]> {
  const { tx } = ctx;
  const { scene, item } = await itemInScene(tx, ctx.actor, meetingId, itemId, 'agenda.edit', version);
  if ((await tx.decisions.findBy({ itemId })).length > 0 || item.status !== 'pending')
    throw stateError('ärendet har redan behandlats eller har beslut', 'the item has been dealt with or has decisions');
  await tx.agendaItems.delete(itemId);
  const rest = scene.items.filter((i) => i.id !== itemId);
  const items = await renumber(tx, rest, (list) => list.map((i, idx) => ({ ...i, number: idx + 1 })));
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'agenda.item_remove', entity: 'agenda_item', entityId: itemId, details: { title: item.title, number: item.number }, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'agenda.changed', meetingId, data: { itemId } });
  return items;
}

/**
 * Carries onto this meeting's agenda what the previous meeting of the same (host) body left open:
 * postponed items (as items of their own, linked by carriedFromItemId) and open follow-up tasks (one
 * "Uppdrag från föregående möte" item listing them; each task records where it was carried).
 * Running it again carries nothing twice.
 */
export async function carryOverAgenda(ctx: UseCaseContext, { meetingId }: { meetingId: string }): Promise<{ items: AgendaItem[]; carriedItems: number; carriedTasks: number; fromMeetingId: string | null }> {
  const { tx } = ctx;
  const scene = await loadScene(tx, meetingId);
  authorize(ctx.actor, 'agenda.edit', await policyOn(tx, ctx.actor, scene));
  const prev = await previousMeeting(tx, scene.meeting);
  if (!prev) return { items: scene.items, carriedItems: 0, carriedTasks: 0, fromMeetingId: null };
  const prevItems = await tx.agendaItems.findBy({ meetingId: prev.id }, 'number');
  const prevDecisions = await tx.decisions.findBy({ meetingId: prev.id });
  const already = new Set(scene.items.map((i) => i.carriedFromItemId).filter(Boolean));
  const postponed = prevItems.filter((i) => !already.has(i.id) && (i.status === 'postponed' || prevDecisions.some((d) => d.itemId === i.id && d.postponed)));
  const tasks = (await openTasksOf(tx, prev.id)).filter((t) => t.carriedToMeetingId !== meetingId);
  let items = scene.items;
  let position = defaultInsertPosition(items);
  const insert = async (fields: Pick<AgendaItem, 'title' | 'kind' | 'presenters' | 'attachments' | 'notes' | 'carriedFromItemId' | 'plannedMinutes'>) => {
    items = await renumber(tx, items, (list) => list.map((i) => (i.number >= position ? { ...i, number: i.number + 1 } : i)));
    const created = await tx.agendaItems.insert({ id: ctx.ids.next(), meetingId, number: position, standardKey: null, status: 'pending', startedAt: null, endedAt: null, version: 1, ...fields });
    items = [...items, created].sort((a, b) => a.number - b.number);
    position += 1;
  };
  if (tasks.length > 0) {
    const lines = tasks.map((t) => `- ${t.ownerName ? `${t.ownerName}: ` : ''}${t.text}${t.dueDate ? ` (senast ${t.dueDate})` : ''}`);
    await insert({ title: 'Uppdrag från föregående möte', kind: 'information', presenters: [], attachments: [], notes: lines.join('\n'), carriedFromItemId: null, plannedMinutes: 5 });
    for (const t of tasks) await tx.tasks.update({ ...t, carriedToMeetingId: meetingId });
  }
  for (const p of postponed) {
    await insert({ title: p.title, kind: p.kind === 'information' ? 'beslut' : p.kind, presenters: p.presenters, attachments: p.attachments, notes: '', carriedFromItemId: p.id, plannedMinutes: p.plannedMinutes ?? null });
  }
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'agenda.carry_over', entity: 'meeting', entityId: meetingId, details: { from: prev.id, items: postponed.length, tasks: tasks.length }, correlationId: ctx.correlationId });
  if (postponed.length + tasks.length > 0) ctx.events.push({ type: 'agenda.changed', meetingId, data: {} });
  return { items, carriedItems: postponed.length, carriedTasks: tasks.length, fromMeetingId: prev.id };
}

/** The version a handover form carries: one more than the handovers recorded (1 before any). */
export function chairVersionOf(scene: Pick<MeetingScene, 'handovers'>): number {
  return scene.handovers.length + 1;
}

/** An item with a postponing decision ends as 'postponed' (carried to the next meeting), else 'done'. */
export async function statusOnFinish(tx: Repositories, item: AgendaItem): Promise<AgendaItem['status']> {
  const decisions = await tx.decisions.findBy({ itemId: item.id });
  return decisions.some((d) => d.postponed) ? 'postponed' : 'done';
}

/**
 * Applies new numbers. The numbers are not unique in the table, but writing them in one pass per item keeps
 * versions honest: only items whose number changed are written.
 */
export async function renumber(tx: Repositories, items: readonly AgendaItem[], apply: (list: AgendaItem[]) => AgendaItem[]): Promise<AgendaItem[]> {
  const next = apply(items.slice().sort((a, b) => a.number - b.number));
  const before = new Map(items.map((i) => [i.id, i.number]));
  const out: AgendaItem[] = [];
  for (const i of next) out.push(before.get(i.id) === i.number ? i : await tx.agendaItems.update(i));
  return out.sort((a, b) => a.number - b.number);
}

/** On the roster of one of the meeting's bodies, or in its attendance (guests, tjänstepersoner). */
export async function takesPart(tx: Repositories, meeting: Meeting, personId: string): Promise<boolean> {
  const memberships = await tx.memberships.findBy({ personId });
  if (memberships.some((m) => meeting.bodyIds.includes(m.bodyId))) return true;
  return (await tx.attendance.findBy({ meetingId: meeting.id, personId })).length > 0;
}

/** The latest earlier meeting of the same host body that was not cancelled. */
export async function previousMeeting(tx: Repositories, meeting: Meeting): Promise<Meeting | null> {
  const host = meeting.bodyIds[0]!;
  const before = (await tx.meetings.listForBodies([host], { to: meeting.startsAt }))
    .filter((m) => m.id !== meeting.id && m.status !== 'cancelled' && m.startsAt < meeting.startsAt && m.bodyIds[0] === host)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return before[before.length - 1] ?? null;
}

/** Open tasks a meeting is answerable for: its own not yet carried, and those carried to it. */
export async function openTasksOf(tx: Repositories, meetingId: string): Promise<FollowUpTask[]> {
  const own = (await tx.tasks.findBy({ meetingId, status: 'open' })).filter((t) => !t.carriedToMeetingId);
  const carried = await tx.tasks.findBy({ carriedToMeetingId: meetingId, status: 'open' });
  const seen = new Set<string>();
  return [...own, ...carried].filter((t) => (seen.has(t.id) ? false : (seen.add(t.id), true)));
}

export type { MeetingScene };
