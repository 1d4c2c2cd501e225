/**
 * Follow-up tasks (uppdrag): created by the chair or the secretary during the meeting, with an owner from
 * the roster or a name as written, and an optional date. Open tasks are carried to the next meeting by
 * carryOverAgenda.
 */
import { z } from 'zod';
import { TASK_STATUSES, type FollowUpTask } from '../domain';
import { calendarDateSchema, idSchema, optionalTextLine, textLine, versionSchema } from '../contracts/common';
import { authorize } from './access';
import { readOnly, type UseCaseContext } from '../usecase/context';
import { loadScene, policyOn, requireItem } from './agenda-access';

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

export const listTasks = readOnly(async (ctx, { meetingId }: { meetingId: string }): Promise<FollowUpTask[]> => {
  const scene = await loadScene(ctx.tx, meetingId);
  authorize(ctx.actor, 'meeting.read', await policyOn(ctx.tx, ctx.actor, scene));
  return ctx.tx.tasks.findBy({ meetingId });
});

export async function createTask(ctx: UseCaseContext, { meetingId, ...raw }: { meetingId: string } & z.input<typeof createTaskInput>): Promise<{ task: FollowUpTask }> {
  const input = createTaskInput.parse(raw);
  const { tx } = ctx;
  const scene = await loadScene(tx, meetingId);
  const item = input.itemId ? requireItem(scene, input.itemId) : null;
  authorize(ctx.actor, 'task.manage', await policyOn(tx, ctx.actor, scene, item?.number));
  // The owner's name is kept as written in the minutes even if the roster changes later.
  const owner = input.ownerPersonId ? await tx.people.require(input.ownerPersonId) : null;
  const task = await tx.tasks.insert({
    id: ctx.ids.next(),
    tenantId: ctx.tenantId,
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
  ctx.events.push({ type: 'task.created', meetingId, data: { taskId: task.id } });
  return { task };
}

export async function updateTask(ctx: UseCaseContext, { taskId, ...raw }: { taskId: string } & z.input<typeof updateTaskInput>): Promise<FollowUpTask> {
  const input = updateTaskInput.parse(raw);
  const { tx } = ctx;
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
  const saved = await tx.tasks.update(next);
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'task.update', entity: 'task', entityId: taskId, details: { fields: Object.keys(input).filter((k) => k !== 'version') }, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'task.updated', meetingId: saved.meetingId, data: { taskId } });
  return saved;
}
