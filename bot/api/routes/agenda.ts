/** The agenda over HTTP for the tab: the same services and the same policy as the card actions. */
import { z } from 'zod';
import { idSchema } from '../../../shared/contracts/common';
import { backItem, finishItem, handOverChair, startItem } from '../../../shared/services/agenda-run';
import { addAgendaItem, addItemInput, carryOverAgenda, handoverInput, itemVersionInput, moveAgendaItem, moveItemInput, notesInput, removeAgendaItem, setItemNotes, updateAgendaItem, updateItemInput, viewAgenda } from '../../../shared/services/agenda-service';
import { createTask, createTaskInput, listTasks, updateTask, updateTaskInput } from '../../../shared/services/task-service';
import { evaluationInput, evaluationSummary, submitEvaluation } from '../../../shared/services/evaluation-service';
import { listRecusals, recordRecusal, recusalInput } from '../../../shared/services/decision-service';
import type { ApiRouter } from '../api-router';
import { runForRequest } from '../request-context';
import type { ApiDeps } from './services';

const meetingParams = z.object({ meetingId: idSchema });
const itemParams = z.object({ meetingId: idSchema, itemId: idSchema });
const taskParams = z.object({ taskId: idSchema });
const versionQuery = z.object({ version: z.coerce.number().int().min(1) });

export function registerAgendaRoutes(api: ApiRouter, d: ApiDeps): void {
  const run = runForRequest(d.runner);
  const tag = 'agenda';
  api.add({ method: 'get', path: '/meetings/:meetingId/agenda', tag, summary: 'The agenda with handovers, the current item and chair, and quorum', params: meetingParams, handler: async ({ req, params }) => run(req, viewAgenda, params) });
  api.add({ method: 'post', path: '/meetings/:meetingId/agenda/items', tag, summary: 'Add an item (default: before the closing standard items); later items are renumbered', params: meetingParams, body: addItemInput, status: 201, handler: async ({ req, params, body }) => run(req, addAgendaItem, { ...params, ...body }) });
  api.add({ method: 'patch', path: '/meetings/:meetingId/agenda/items/:itemId', tag, summary: 'Title, kind, presenters, attachments, planned time (optimistic)', params: itemParams, body: updateItemInput, handler: async ({ req, params, body }) => run(req, updateAgendaItem, { ...params, ...body }) });
  api.add({ method: 'delete', path: '/meetings/:meetingId/agenda/items/:itemId', tag, summary: 'Remove an item not yet dealt with; the rest are renumbered', params: itemParams, query: versionQuery, handler: async ({ req, params, query }) => ({ items: await run(req, removeAgendaItem, { ...params, ...query }) }) });
  api.add({ method: 'post', path: '/meetings/:meetingId/agenda/items/:itemId/move', tag, summary: 'Move an item to a position; every number stays 1..n', params: itemParams, body: moveItemInput, handler: async ({ req, params, body }) => ({ items: await run(req, moveAgendaItem, { ...params, ...body }) }) });
  api.add({ method: 'put', path: '/meetings/:meetingId/agenda/items/:itemId/notes', tag, summary: 'The secretary’s notes for an item (optimistic)', params: itemParams, body: notesInput, handler: async ({ req, params, body }) => run(req, setItemNotes, { ...params, ...body }) });
  api.add({ method: 'post', path: '/meetings/:meetingId/agenda/items/:itemId/start', tag, summary: 'The chair starts the item (the meeting opens on the first start)', params: itemParams, body: itemVersionInput, handler: async ({ req, params, body }) => run(req, startItem, { ...params, ...body, announceInChat: true }) });
  api.add({ method: 'post', path: '/meetings/:meetingId/agenda/items/:itemId/finish', tag, summary: 'Finish the item (postponed when its decision postpones; the last item closes the meeting)', params: itemParams, body: itemVersionInput, handler: async ({ req, params, body }) => run(req, finishItem, { ...params, ...body }) });
  api.add({ method: 'post', path: '/meetings/:meetingId/agenda/items/:itemId/back', tag, summary: 'Go back to the previous item (or reopen a finished one)', params: itemParams, body: itemVersionInput, handler: async ({ req, params, body }) => run(req, backItem, { ...params, ...body }) });
  api.add({ method: 'post', path: '/meetings/:meetingId/agenda/carry-over', tag, summary: 'Carry postponed items and open tasks of the previous meeting of the same body onto this agenda', params: meetingParams, handler: async ({ req, params }) => run(req, carryOverAgenda, params) });
  api.add({ method: 'post', path: '/meetings/:meetingId/chair-handovers', tag, summary: 'Hand the chair to someone from an item (to the end or to an item)', params: meetingParams, body: handoverInput, status: 201, handler: async ({ req, params, body }) => run(req, handOverChair, { ...params, ...body }) });
  api.add({ method: 'get', path: '/meetings/:meetingId/tasks', tag, summary: 'Follow-up tasks (uppdrag) of the meeting', params: meetingParams, handler: async ({ req, params }) => ({ tasks: await run(req, listTasks, params) }) });
  api.add({ method: 'post', path: '/meetings/:meetingId/tasks', tag, summary: 'Add a follow-up task with owner and optional date', params: meetingParams, body: createTaskInput, status: 201, handler: async ({ req, params, body }) => (await run(req, createTask, { ...params, ...body })).task });
  api.add({ method: 'patch', path: '/tasks/:taskId', tag, summary: 'Change a task: text, owner, date, status (optimistic)', params: taskParams, body: updateTaskInput, handler: async ({ req, params, body }) => run(req, updateTask, { ...params, ...body }) });
  api.add({ method: 'post', path: '/meetings/:meetingId/recusals', tag, summary: 'Record jäv: a person takes no part in an item', params: meetingParams, body: recusalInput, status: 201, handler: async ({ req, params, body }) => (await run(req, recordRecusal, { ...params, ...body })).recusal });
  api.add({ method: 'get', path: '/meetings/:meetingId/recusals', tag, summary: 'Jäv recorded in the meeting', params: meetingParams, handler: async ({ req, params }) => ({ recusals: await run(req, listRecusals, params) }) });
  api.add({ method: 'post', path: '/meetings/:meetingId/evaluations', tag, summary: 'Driv och hinder: what worked, what hindered, optional 1–5 (replaces the caller’s earlier answer)', params: meetingParams, body: evaluationInput, status: 201, handler: async ({ req, params, body }) => (await run(req, submitEvaluation, { ...params, ...body })).entry });
  api.add({ method: 'get', path: '/meetings/:meetingId/evaluations/summary', tag, summary: 'The evaluation summary as the minutes print it', params: meetingParams, handler: async ({ req, params }) => run(req, evaluationSummary, params) });
}
