/**
 * Follow-up tasks (uppdrag): created by the chair or the secretary during the meeting, with an owner from
 * the roster or a name as written, and an optional date. Open tasks are carried to the next meeting by
 * AgendaService.carryOver.
 */
import { z } from 'zod';
import { TASK_STATUSES, type FollowUpTask } from '../domain';
import { calendarDateSchema, idSchema, optionalTextLine, textLine, versionSchema } from '../contracts/common';
import { authorize } from './access';
import { loadScene, once, policyOn, requireItem, type EffectContext } from './agenda-access';
import type { RequestContext, ServiceDeps } from './context';

export const createTaskInput = z.strictObject({
  itemId: idSchema.nullish(),
  text: textLine(1000),
  ownerPersonId: idSchema.nullish(),
  ownerName: optionalTextLine(200),
  dueDate: calendarDateSchema.nullish(),
});
export const updateTaskInput = z.strictObject({
  version: versionSchema,
  text: textLine(1000).optional(),
  ownerPersonId: idSchema.nullish(),
  ownerName: optionalTextLine(200),
  dueDate: calendarDateSchema.nullish(),
  status: z.enum(TASK_STATUSES).optional(),
});

export class TaskService {
  constructor(private readonly deps: ServiceDeps) {}

  async list(ctx: RequestContext, meetingId: string): Promise<FollowUpTask[]> {
    const repos = this.deps.store.read;
    const scene = await loadScene(repos, meetingId);
    authorize(ctx.actor, 'meeting.read', await policyOn(repos, ctx.actor, scene));
    return repos.tasks.findBy({ meetingId });
  }

  async create(ctx: EffectContext, meetingId: string, raw: z.input<typeof createTaskInput>): Promise<{ task: FollowUpTask; replayed: boolean }> {
    const input = createTaskInput.parse(raw);
    const result = await this.deps.store.transaction(async (tx) => {
      const scene = await loadScene(tx, meetingId);
      const item = input.itemId ? requireItem(scene, input.itemId) : null;
      authorize(ctx.actor, 'task.manage', await policyOn(tx, ctx.actor, scene, item?.number));
      const done = await once(tx, ctx.idempotencyKey, (id) => tx.tasks.require(id), async () => {
        // The owner's name is kept as written in the minutes even if the roster changes later.
        const owner = input.ownerPersonId ? await tx.people.require(input.ownerPersonId) : null;
        const task = await tx.tasks.insert({
          id: this.deps.ids.next(),
          tenantId: this.deps.store.tenantId,
          meetingId,
          itemId: item?.id ?? null,
          text: input.text,
          ownerPersonId: owner?.id ?? null,
          ownerName: input.ownerName ?? owner?.name ?? null,
          dueDate: input.dueDate ?? null,
          status: 'open',
          carriedToMeetingId: null,
          version: 1,
        });
        await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'task.create', entity: 'task', entityId: task.id, details: { meetingId, itemNumber: item?.number ?? null }, correlationId: ctx.correlationId });
        return task;
      });
      return { task: done.value, replayed: done.replayed };
    });
    await this.deps.events.publish({ type: 'task.created', meetingId, data: { taskId: result.task.id } });
    return result;
  }

  async update(ctx: RequestContext, taskId: string, raw: z.input<typeof updateTaskInput>): Promise<FollowUpTask> {
    const input = updateTaskInput.parse(raw);
    const saved = await this.deps.store.transaction(async (tx) => {
      const task = await tx.tasks.require(taskId);
      const scene = await loadScene(tx, task.meetingId);
      const item = task.itemId ? scene.items.find((i) => i.id === task.itemId) : undefined;
      authorize(ctx.actor, 'task.manage', await policyOn(tx, ctx.actor, scene, item?.number));
      const next: FollowUpTask = { ...task, version: input.version };
      if (input.text !== undefined) next.text = input.text;
      if (input.ownerPersonId !== undefined) {
        next.ownerPersonId = input.ownerPersonId;
        if (input.ownerPersonId && input.ownerName === undefined) next.ownerName = (await tx.people.require(input.ownerPersonId)).name;
      }
      if (input.ownerName !== undefined) next.ownerName = input.ownerName;
      if (input.dueDate !== undefined) next.dueDate = input.dueDate;
      if (input.status !== undefined) next.status = input.status;
      const out = await tx.tasks.update(next);
      await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'task.update', entity: 'task', entityId: taskId, details: { fields: Object.keys(input).filter((k) => k !== 'version') }, correlationId: ctx.correlationId });
      return out;
    });
    await this.deps.events.publish({ type: 'task.updated', meetingId: saved.meetingId, data: { taskId } });
    return saved;
  }
}
