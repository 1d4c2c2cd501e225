/**
 * Agenda operations for the bot and the tab: build and carry over, add / move / renumber / remove items,
 * presenters and kind, notes, start / finish / go back, and chair handovers. Every write runs in one
 * transaction: authorize, change, audit; the event goes out after commit.
 */
import { z } from 'zod';
import { ITEM_KINDS, type AgendaItem, type ChairHandover, type FollowUpTask, type Meeting } from '../domain';
import { attachmentInput, presenterInput } from '../contracts/meeting';
import { idSchema, longText, textLine, versionSchema } from '../contracts/common';
import { RadslagError } from '../errors/catalog';
import type { Repositories } from '../ports/store';
import { authorize } from './access';
import { currentChairFor, currentItemNumber } from './agenda-chair';
import { loadScene, once, policyOn, requireItem, servingAt, stateError, type EffectContext, type MeetingScene } from './agenda-access';
import type { QuorumCount } from './quorum';
import type { RequestContext, ServiceDeps } from './context';
import { agendaItemFromTemplate } from './meeting-service';

export const addItemInput = z.strictObject({
  title: textLine(500),
  kind: z.enum(ITEM_KINDS).default('information'),
  presenters: z.array(presenterInput).max(20).default([]),
  attachments: z.array(attachmentInput).max(50).default([]),
  plannedMinutes: z.number().int().min(0).max(600).nullish(),
  /** 1-based position; default: before the closing standard items. */
  position: z.number().int().min(1).max(999).optional(),
});
export const updateItemInput = z.strictObject({
  version: versionSchema,
  title: textLine(500).optional(),
  kind: z.enum(ITEM_KINDS).optional(),
  presenters: z.array(presenterInput).max(20).optional(),
  attachments: z.array(attachmentInput).max(50).optional(),
  plannedMinutes: z.number().int().min(0).max(600).nullish(),
});
export const moveItemInput = z.strictObject({ version: versionSchema, toNumber: z.number().int().min(1).max(999) });
export const itemVersionInput = z.strictObject({ version: versionSchema });
export const notesInput = z.strictObject({ version: versionSchema, notes: longText(50_000) });
export const handoverInput = z
  .strictObject({
    /** The meeting's version the client saw (the tab); any change to the meeting makes it stale. */
    version: versionSchema.optional(),
    /**
     * Or the chair version (AgendaView.chairVersion: handovers recorded + 1), which only another handover
     * makes stale: the handover card posted when the meeting opens stays usable all meeting.
     */
    chairVersion: versionSchema.optional(),
    personId: idSchema,
    fromItemNumber: z.number().int().min(1).max(999),
    toItemNumber: z.number().int().min(1).max(999).nullish(),
  })
  .refine((h) => h.version !== undefined || h.chairVersion !== undefined, { message: 'version or chairVersion is required', path: ['version'] })
  .refine((h) => h.toItemNumber === null || h.toItemNumber === undefined || h.toItemNumber >= h.fromItemNumber, {
    message: 'toItemNumber comes before fromItemNumber',
    path: ['toItemNumber'],
  });

export type AddItemInput = z.input<typeof addItemInput>;
export type UpdateItemInput = z.infer<typeof updateItemInput>;
export type HandoverInput = z.infer<typeof handoverInput>;

export interface AgendaView {
  meeting: Meeting;
  items: AgendaItem[];
  handovers: ChairHandover[];
  /** The item the meeting is at, and who chairs it. */
  currentItemNumber: number;
  /** What a handover must send as `version`: handovers recorded + 1. */
  chairVersion: number;
  currentChairPersonId: string | null;
  quorum: QuorumCount;
}

/** Closing standard items (as buildStandardAgenda places them): content added later goes before the first of these. */
const CLOSING_KEYS = new Set(['reports', 'other_questions', 'upcoming', 'evaluation', 'close']);

export function defaultInsertPosition(items: readonly AgendaItem[]): number {
  const sorted = items.slice().sort((a, b) => a.number - b.number);
  const closing = sorted.find((i) => i.standardKey && CLOSING_KEYS.has(i.standardKey));
  return closing ? closing.number : sorted.length + 1;
}

export class AgendaService {
  constructor(private readonly deps: ServiceDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  async view(ctx: RequestContext, meetingId: string): Promise<AgendaView> {
    const repos = this.deps.store.read;
    const scene = await loadScene(repos, meetingId);
    authorize(ctx.actor, 'meeting.read', await policyOn(repos, ctx.actor, scene));
    const n = currentItemNumber(scene.items);
    const item = scene.items.find((i) => i.number === n) ?? null;
    const { quorum } = await servingAt(repos, scene.meeting, item);
    return { ...scene, currentItemNumber: n, currentChairPersonId: currentChairFor(scene.meeting, scene.handovers, n), chairVersion: chairVersionOf(scene), quorum };
  }

  async addItem(ctx: EffectContext, meetingId: string, raw: AddItemInput): Promise<AgendaItem> {
    const input = addItemInput.parse(raw);
    const item = await this.deps.store.transaction(async (tx) => {
      const scene = await loadScene(tx, meetingId);
      authorize(ctx.actor, 'agenda.edit', await policyOn(tx, ctx.actor, scene));
      const position = Math.min(input.position ?? defaultInsertPosition(scene.items), scene.items.length + 1);
      const created = await once(tx, ctx.idempotencyKey, (id) => tx.agendaItems.require(id), async () => {
        // Make room first: renumbering keeps numbers unique and 1-based.
        await renumber(tx, scene.items, (list) => list.map((i) => (i.number >= position ? { ...i, number: i.number + 1 } : i)));
        return tx.agendaItems.insert(agendaItemFromTemplate(this.deps.ids.next(), meetingId, position, input));
      });
      await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'agenda.item_add', entity: 'agenda_item', entityId: created.value.id, details: { meetingId, number: position }, correlationId: ctx.correlationId });
      return created.value;
    });
    await this.publish('agenda.changed', meetingId, { itemId: item.id });
    return item;
  }

  async updateItem(ctx: RequestContext, meetingId: string, itemId: string, input: UpdateItemInput): Promise<AgendaItem> {
    const saved = await this.deps.store.transaction(async (tx) => {
      const scene = await loadScene(tx, meetingId);
      const item = requireItem(scene, itemId);
      authorize(ctx.actor, 'agenda.edit', await policyOn(tx, ctx.actor, scene, item.number));
      const next: AgendaItem = { ...item, version: input.version };
      if (input.title !== undefined) next.title = input.title;
      if (input.kind !== undefined) next.kind = input.kind;
      if (input.presenters !== undefined) next.presenters = input.presenters.map((p) => ({ personId: p.personId ?? null, name: p.name }));
      if (input.attachments !== undefined) next.attachments = input.attachments;
      if (input.plannedMinutes !== undefined) next.plannedMinutes = input.plannedMinutes;
      const out = await tx.agendaItems.update(next);
      await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'agenda.item_update', entity: 'agenda_item', entityId: itemId, details: { fields: Object.keys(input).filter((k) => k !== 'version') }, correlationId: ctx.correlationId });
      return out;
    });
    await this.publish('agenda.changed', meetingId, { itemId });
    return saved;
  }

  async setNotes(ctx: RequestContext, meetingId: string, itemId: string, input: { version: number; notes: string }): Promise<AgendaItem> {
    const saved = await this.deps.store.transaction(async (tx) => {
      const scene = await loadScene(tx, meetingId);
      const item = requireItem(scene, itemId);
      authorize(ctx.actor, 'notes.edit', await policyOn(tx, ctx.actor, scene, item.number));
      const out = await tx.agendaItems.update({ ...item, notes: input.notes, version: input.version });
      await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'agenda.notes', entity: 'agenda_item', entityId: itemId, details: { length: input.notes.length }, correlationId: ctx.correlationId });
      return out;
    });
    await this.publish('agenda.notes', meetingId, { itemId, version: saved.version });
    return saved;
  }

  /** Moves an item to a new position; the others close up and every number stays 1..n. */
  async moveItem(ctx: RequestContext, meetingId: string, itemId: string, input: { version: number; toNumber: number }): Promise<AgendaItem[]> {
    const items = await this.deps.store.transaction(async (tx) => {
      const scene = await loadScene(tx, meetingId);
      const item = requireItem(scene, itemId);
      authorize(ctx.actor, 'agenda.edit', await policyOn(tx, ctx.actor, scene, item.number));
      if (item.version !== input.version) throw new RadslagError('CONFLICT_STALE', {}, item);
      const to = Math.min(input.toNumber, scene.items.length);
      const order = scene.items.filter((i) => i.id !== itemId);
      order.splice(to - 1, 0, item);
      const out = await renumber(tx, scene.items, () => order.map((i, idx) => ({ ...i, number: idx + 1 })));
      await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'agenda.item_move', entity: 'agenda_item', entityId: itemId, details: { from: item.number, to }, correlationId: ctx.correlationId });
      return out;
    });
    await this.publish('agenda.changed', meetingId, { itemId });
    return items;
  }

  async removeItem(ctx: RequestContext, meetingId: string, itemId: string, input: { version: number }): Promise<AgendaItem[]> {
    const items = await this.deps.store.transaction(async (tx) => {
      const scene = await loadScene(tx, meetingId);
      const item = requireItem(scene, itemId);
      authorize(ctx.actor, 'agenda.edit', await policyOn(tx, ctx.actor, scene, item.number));
      if (item.version !== input.version) throw new RadslagError('CONFLICT_STALE', {}, item);
      if ((await tx.decisions.findBy({ itemId })).length > 0 || item.status !== 'pending')
        throw stateError('ärendet har redan behandlats eller har beslut', 'the item has been dealt with or has decisions');
      await tx.agendaItems.delete(itemId);
      const rest = scene.items.filter((i) => i.id !== itemId);
      const out = await renumber(tx, rest, (list) => list.map((i, idx) => ({ ...i, number: idx + 1 })));
      await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'agenda.item_remove', entity: 'agenda_item', entityId: itemId, details: { title: item.title, number: item.number }, correlationId: ctx.correlationId });
      return out;
    });
    await this.publish('agenda.changed', meetingId, { itemId });
    return items;
  }

  /**
   * The chair starts an item: it becomes active (an item still active is finished), the meeting is
   * opened on the first start.
   */
  async startItem(ctx: EffectContext, meetingId: string, itemId: string, input: { version: number }): Promise<{ item: AgendaItem; meeting: Meeting; finished: AgendaItem | null; replayed: boolean }> {
    const result = await this.deps.store.transaction(async (tx) => {
      const scene = await loadScene(tx, meetingId);
      const item = requireItem(scene, itemId);
      authorize(ctx.actor, 'agenda.run', await policyOn(tx, ctx.actor, scene, item.number));
      let finished: AgendaItem | null = null;
      let meeting = scene.meeting;
      const done = await once(tx, ctx.idempotencyKey, (id) => tx.agendaItems.require(id), async () => {
        if (item.version !== input.version) throw new RadslagError('CONFLICT_STALE', {}, item);
        if (item.status === 'active') return item;
        const now = this.now();
        for (const other of scene.items.filter((i) => i.status === 'active' && i.id !== itemId)) {
          finished = await tx.agendaItems.update({ ...other, status: await statusOnFinish(tx, other), endedAt: now });
        }
        if (!meeting.startedAt || meeting.endedAt) {
          meeting = await tx.meetings.update({ ...meeting, startedAt: meeting.startedAt ?? now, endedAt: null });
        }
        return tx.agendaItems.update({ ...item, status: 'active', startedAt: item.startedAt ?? now, endedAt: null });
      });
      if (!done.replayed)
        await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'agenda.item_start', entity: 'agenda_item', entityId: itemId, details: { meetingId, number: item.number }, correlationId: ctx.correlationId });
      return { item: done.value, meeting: done.replayed ? await tx.meetings.require(meetingId) : meeting, finished, replayed: done.replayed };
    });
    await this.publish('agenda.item_started', meetingId, { itemId, version: result.item.version });
    return result;
  }

  /**
   * Finishes the item (postponed when it has a postponing decision). After the last item the meeting is
   * closed: endedAt set and status 'held'.
   */
  async finishItem(ctx: EffectContext, meetingId: string, itemId: string, input: { version: number }): Promise<{ item: AgendaItem; meeting: Meeting; next: AgendaItem | null; replayed: boolean }> {
    const result = await this.deps.store.transaction(async (tx) => {
      const scene = await loadScene(tx, meetingId);
      const item = requireItem(scene, itemId);
      authorize(ctx.actor, 'agenda.run', await policyOn(tx, ctx.actor, scene, item.number));
      let meeting = scene.meeting;
      const done = await once(tx, ctx.idempotencyKey, (id) => tx.agendaItems.require(id), async () => {
        if (item.version !== input.version) throw new RadslagError('CONFLICT_STALE', {}, item);
        if (item.status === 'done' || item.status === 'postponed') return item;
        const now = this.now();
        const saved = await tx.agendaItems.update({ ...item, status: await statusOnFinish(tx, item), startedAt: item.startedAt ?? now, endedAt: now });
        const remaining = scene.items.filter((i) => i.id !== itemId && (i.status === 'pending' || i.status === 'active'));
        const isLast = remaining.length === 0 || item.standardKey === 'close';
        if (isLast) meeting = await tx.meetings.update({ ...meeting, startedAt: meeting.startedAt ?? item.startedAt ?? now, endedAt: now, status: 'held' });
        return saved;
      });
      if (!done.replayed)
        await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'agenda.item_finish', entity: 'agenda_item', entityId: itemId, details: { meetingId, number: item.number, status: done.value.status }, correlationId: ctx.correlationId });
      const fresh = await tx.agendaItems.findBy({ meetingId }, 'number');
      const next = fresh.find((i) => i.number > item.number && i.status === 'pending') ?? null;
      return { item: done.value, meeting: done.replayed ? await tx.meetings.require(meetingId) : meeting, next, replayed: done.replayed };
    });
    await this.publish('agenda.item_finished', meetingId, { itemId, version: result.item.version });
    // The meeting closed with its last item: the same event as a meeting end from Teams (minutes draft etc.).
    if (!result.replayed && result.meeting.endedAt && result.meeting.status === 'held')
      await this.deps.events.publish({ type: 'meeting.updated', meetingId, data: { version: result.meeting.version, endedAt: result.meeting.endedAt } });
    return result;
  }

  /**
   * Go back. On an item not yet finished (active or pending): the previous item becomes active again and
   * this one pending. On a finished item: that item becomes active again. Any other active item returns to
   * pending, and a closed meeting is open again.
   */
  async backItem(ctx: EffectContext, meetingId: string, itemId: string, input: { version: number }): Promise<{ item: AgendaItem; replayed: boolean }> {
    const result = await this.deps.store.transaction(async (tx) => {
      const scene = await loadScene(tx, meetingId);
      const pressed = requireItem(scene, itemId);
      authorize(ctx.actor, 'agenda.run', await policyOn(tx, ctx.actor, scene, pressed.number));
      const done = await once(tx, ctx.idempotencyKey, (id) => tx.agendaItems.require(id), async () => {
        if (pressed.version !== input.version) throw new RadslagError('CONFLICT_STALE', {}, pressed);
        const finished = pressed.status === 'done' || pressed.status === 'postponed';
        const target = finished ? pressed : scene.items.filter((i) => i.number < pressed.number).sort((a, b) => b.number - a.number)[0];
        if (!target) throw stateError('det finns ingen tidigare punkt', 'there is no earlier item');
        for (const other of scene.items.filter((i) => i.status === 'active' && i.id !== target.id))
          await tx.agendaItems.update({ ...other, status: 'pending', endedAt: null });
        if (scene.meeting.endedAt) await tx.meetings.update({ ...scene.meeting, endedAt: null, status: scene.meeting.status === 'held' ? 'planned' : scene.meeting.status });
        const fresh = await tx.agendaItems.require(target.id);
        return tx.agendaItems.update({ ...fresh, status: 'active', endedAt: null, startedAt: fresh.startedAt ?? this.now() });
      });
      if (!done.replayed)
        await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'agenda.item_back', entity: 'agenda_item', entityId: done.value.id, details: { meetingId, from: pressed.number, to: done.value.number }, correlationId: ctx.correlationId });
      return { item: done.value, replayed: done.replayed };
    });
    await this.publish('agenda.changed', meetingId, { itemId: result.item.id });
    return result;
  }

  /** "Siw Lunander tog över som mötesordförande" from an item, to the end or to a given item. */
  async handOver(ctx: EffectContext, meetingId: string, input: HandoverInput): Promise<{ handover: ChairHandover; meeting: Meeting; replayed: boolean }> {
    const result = await this.deps.store.transaction(async (tx) => {
      const scene = await loadScene(tx, meetingId);
      authorize(ctx.actor, 'chair.handover', await policyOn(tx, ctx.actor, scene));
      const done = await once(tx, ctx.idempotencyKey, (id) => tx.chairHandovers.require(id), async () => {
        if (input.chairVersion !== undefined && chairVersionOf(scene) !== input.chairVersion)
          throw new RadslagError('CONFLICT_STALE', {}, { chairVersion: chairVersionOf(scene), handovers: scene.handovers });
        if (input.version !== undefined && scene.meeting.version !== input.version) throw new RadslagError('CONFLICT_STALE', {}, scene.meeting);
        const max = Math.max(1, scene.items.length);
        if (input.fromItemNumber > max) throw new RadslagError('VALIDATION_FAILED', { detail: `fromItemNumber > ${max}` });
        await tx.people.require(input.personId);
        if (!(await takesPart(tx, scene.meeting, input.personId)))
          throw stateError('personen är inte med i mötet', 'the person does not take part in the meeting');
        const handover = await tx.chairHandovers.insert({
          id: this.deps.ids.next(),
          meetingId,
          personId: input.personId,
          fromItemNumber: input.fromItemNumber,
          toItemNumber: input.toItemNumber ?? null,
          at: this.now(),
          recordedBy: ctx.actor.personId ?? 'system',
        });
        // Bump the meeting's version: a tab that showed the old chair is now stale.
        await tx.meetings.update(scene.meeting);
        return handover;
      });
      if (!done.replayed)
        await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'chair.handover', entity: 'meeting', entityId: meetingId, details: { personId: input.personId, from: input.fromItemNumber, to: input.toItemNumber ?? null }, correlationId: ctx.correlationId });
      return { handover: done.value, meeting: await tx.meetings.require(meetingId), replayed: done.replayed };
    });
    await this.publish('chair.handover', meetingId, { handoverId: result.handover.id });
    return result;
  }

  /**
   * Carries onto this meeting's agenda what the previous meeting of the same (host) body left open:
   * postponed items (as items of their own, linked by carriedFromItemId) and open follow-up tasks (one
   * "Uppdrag från föregående möte" item listing them; each task records where it was carried).
   * Running it again carries nothing twice.
   */
  async carryOver(ctx: RequestContext, meetingId: string): Promise<{ items: AgendaItem[]; carriedItems: number; carriedTasks: number; fromMeetingId: string | null }> {
    const result = await this.deps.store.transaction(async (tx) => {
      const scene = await loadScene(tx, meetingId);
      authorize(ctx.actor, 'agenda.edit', await policyOn(tx, ctx.actor, scene));
      const prev = await previousMeeting(tx, scene.meeting);
      if (!prev) return { items: scene.items, carriedItems: 0, carriedTasks: 0, fromMeetingId: null };
      const prevItems = await tx.agendaItems.findBy({ meetingId: prev.id }, 'number');
      const prevDecisions = await tx.decisions.findBy({ meetingId: prev.id });
      const already = new Set(scene.items.map((i) => i.carriedFromItemId).filter(Boolean));
      const postponed = prevItems.filter(
        (i) => !already.has(i.id) && (i.status === 'postponed' || prevDecisions.some((d) => d.itemId === i.id && d.postponed)),
      );
      const tasks = (await openTasksOf(tx, prev.id)).filter((t) => t.carriedToMeetingId !== meetingId);
      let items = scene.items;
      let position = defaultInsertPosition(items);
      const insert = async (fields: Pick<AgendaItem, 'title' | 'kind' | 'presenters' | 'attachments' | 'notes' | 'carriedFromItemId' | 'plannedMinutes'>) => {
        items = await renumber(tx, items, (list) => list.map((i) => (i.number >= position ? { ...i, number: i.number + 1 } : i)));
        const created = await tx.agendaItems.insert({ id: this.deps.ids.next(), meetingId, number: position, standardKey: null, status: 'pending', startedAt: null, endedAt: null, version: 1, ...fields });
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
      return { items, carriedItems: postponed.length, carriedTasks: tasks.length, fromMeetingId: prev.id };
    });
    if (result.carriedItems + result.carriedTasks > 0) await this.publish('agenda.changed', meetingId, {});
    return result;
  }

  private async publish(type: string, meetingId: string, data: Record<string, unknown>): Promise<void> {
    await this.deps.events.publish({ type, meetingId, data });
  }
}

/** The version a handover form carries: one more than the handovers recorded (1 before any). */
export function chairVersionOf(scene: Pick<MeetingScene, 'handovers'>): number {
  return scene.handovers.length + 1;
}

/** An item with a postponing decision ends as 'postponed' (carried to the next meeting), else 'done'. */
async function statusOnFinish(tx: Repositories, item: AgendaItem): Promise<AgendaItem['status']> {
  const decisions = await tx.decisions.findBy({ itemId: item.id });
  return decisions.some((d) => d.postponed) ? 'postponed' : 'done';
}

/**
 * Applies new numbers. The numbers are not unique in the table, but writing them in one pass per item keeps
 * versions honest: only items whose number changed are written.
 */
async function renumber(tx: Repositories, items: readonly AgendaItem[], apply: (list: AgendaItem[]) => AgendaItem[]): Promise<AgendaItem[]> {
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
