import { z } from 'zod';
import { idSchema, instantSchema } from '../../../shared/contracts/common';
import { createMeetingInput, createMeetingSeriesInput, updateMeetingInput } from '../../../shared/contracts/meeting';
import type { ApiRouter } from '../api-router';
import { createMeeting, getMeeting, listMeetings, updateMeeting } from '../../../shared/services/meeting-service';
import { bodyUpcomingDates, createMeetingSeries } from '../../../shared/services/planning-service';
import { meetingPanelView } from '../../../shared/services/meeting-view-service';
import { meetingMemberships } from '../../../shared/services/meeting-roster';
import { runForRequest } from '../request-context';
import type { ApiDeps } from './services';

const meetingParams = z.object({ meetingId: idSchema });
const bodyParams = z.object({ bodyId: idSchema });
const listQuery = z.object({ bodyId: idSchema.optional(), from: instantSchema.optional(), to: instantSchema.optional() });

export function registerMeetingRoutes(api: ApiRouter, d: ApiDeps): void {
  const run = runForRequest(d.runner);
  api.add({ method: 'get', path: '/meetings', tag: 'meetings', summary: 'Meetings of the caller’s bodies', query: listQuery, handler: async ({ req, query }) => ({ meetings: await run(req, listMeetings, query) }) });
  api.add({ method: 'post', path: '/meetings', tag: 'meetings', summary: 'Plan a meeting (one body, or several for a gemensamt möte) with the standard agenda', body: createMeetingInput, status: 201, handler: async ({ req, body }) => run(req, createMeeting, body) });
  api.add({ method: 'post', path: '/meetings/series', tag: 'meetings', summary: 'Plan a series: one meeting per date (from "Kommande möten"), all or none', body: createMeetingSeriesInput, status: 201, handler: async ({ req, body }) => run(req, createMeetingSeries, body) });
  api.add({ method: 'get', path: '/bodies/:bodyId/upcoming-dates', tag: 'meetings', summary: 'The dates under "Kommande möten" in the body’s minutes from today on, and whether each is planned', params: bodyParams, handler: async ({ req, params }) => ({ dates: await run(req, bodyUpcomingDates, params) }) });
  api.add({ method: 'get', path: '/meetings/:meetingId', tag: 'meetings', summary: 'A meeting with its agenda', params: meetingParams, handler: async ({ req, params }) => run(req, getMeeting, params) });
  api.add({
    method: 'get',
    path: '/meetings/:meetingId/views/panel',
    tag: 'meetings',
    summary: 'What a meeting surface shows first, in one answer: agenda view, caller, decisions with votes, tasks, attendance, call-ins, rosters and the people they name',
    params: meetingParams,
    handler: async ({ req, params }) => run(req, meetingPanelView, { ...params, identity: { email: req.identity!.email, name: req.identity!.name, method: req.identity!.method } }),
  });
  api.add({ method: 'get', path: '/meetings/:meetingId/memberships', tag: 'meetings', summary: 'The seats of every body of the meeting (a joint meeting: each council’s roster), for whoever may read the meeting', params: meetingParams, handler: async ({ req, params }) => ({ memberships: await run(req, meetingMemberships, params) }) });
  api.add({ method: 'patch', path: '/meetings/:meetingId', tag: 'meetings', summary: 'Move, cancel or edit a meeting (optimistic)', params: meetingParams, body: updateMeetingInput, handler: async ({ req, params, body }) => run(req, updateMeeting, { ...params, ...body }) });
}
