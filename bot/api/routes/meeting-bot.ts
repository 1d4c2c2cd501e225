/**
 * The secretary's Teams-side routes under /api/v1/meetings/:meetingId/… (used by the tab):
 *   POST  …/kallelse                          send the kallelse (channel card + 1:1 RSVP cards); lists the unreachable
 *   GET   …/kallelse                          who the kallelse reached, and who not and why
 *   GET   …/call-ins                          the call-in chains and the timeout
 *   PUT   …/call-ins/timeout                  set the call-in timeout (minutes)
 *   POST  …/call-ins/:callInId/override       assign someone, or ask someone next
 *   GET   …/attendance                        attendance with intervals and derived item ranges
 *   GET   …/serving                           tjänstgöring per item: who served in which seat from item X to Y, quorum per item
 *   PUT   …/attendance/:personId              the secretary corrects one person's attendance (per body in a joint meeting)
 *   POST  …/guests/:personId/classify         classify an unknown Teams participant (keep as guest, or same as a roster person)
 *   PUT   …/teams-link                        link the Teams meeting (id from the meeting context)
 */
import { z } from 'zod';
import { idSchema, optionalTextLine } from '../../../shared/contracts/common';
import { attendanceCorrectionInput } from '../../../shared/contracts/attendance';
import { classifyMeetingGuest, correctMeetingAttendance, meetingAttendance } from '../../../shared/services/attendance-service';
import { meetingServing } from '../../../shared/services/serving-service';
import { linkTeamsMeeting } from '../../../shared/services/binding-service';
import { callInOverview, changeCallInTimeout, overrideCallInChain } from '../../../shared/services/call-in-service';
import { kallelseOverview, sendMeetingKallelse } from '../../../shared/services/kallelse-service';
import type { ApiRouter } from '../api-router';
import { runForRequest } from '../request-context';
import type { ApiDeps } from './services';

const meetingParams = z.object({ meetingId: idSchema });
const teamsId = z.string().min(1).max(500).regex(/^[A-Za-z0-9_.:=+/@;-]+$/, 'invalid Teams id');

export function registerMeetingBotRoutes(api: ApiRouter, d: ApiDeps): void {
  const run = runForRequest(d.runner);
  api.add({ method: 'post', path: '/meetings/:meetingId/kallelse', tag: 'kallelse', summary: 'Send the kallelse: channel card and 1:1 RSVP cards; lists members the bot cannot reach', params: meetingParams, handler: ({ req, params }) => run(req, sendMeetingKallelse, params) });
  api.add({ method: 'get', path: '/meetings/:meetingId/kallelse', tag: 'kallelse', summary: 'Who the kallelse reached in Teams, and who not and why (secretary)', params: meetingParams, handler: ({ req, params }) => run(req, kallelseOverview, params) });
  api.add({ method: 'get', path: '/meetings/:meetingId/call-ins', tag: 'call-ins', summary: 'Call-in chains (who was asked, in order, and what they said) and the timeout', params: meetingParams, handler: ({ req, params }) => run(req, callInOverview, params) });
  api.add({ method: 'put', path: '/meetings/:meetingId/call-ins/timeout', tag: 'call-ins', summary: 'Set how long an ersättare has to answer before the next is asked', params: meetingParams, body: z.object({ minutes: z.number().int().min(1).max(14 * 24 * 60) }), handler: ({ req, params, body }) => run(req, changeCallInTimeout, { ...params, minutes: body.minutes }) });
  api.add({
    method: 'post',
    path: '/meetings/:meetingId/call-ins/:callInId/override',
    tag: 'call-ins',
    summary: 'Override a chain: assign a person to the seat, or ask a person next',
    params: z.object({ meetingId: idSchema, callInId: idSchema }),
    body: z.object({ personId: idSchema, mode: z.enum(['assign', 'ask']) }),
    handler: ({ req, params, body }) => run(req, overrideCallInChain, { ...params, ...body }),
  });
  api.add({ method: 'get', path: '/meetings/:meetingId/serving', tag: 'attendance', summary: 'Tjänstgöring per item: who served in which seat from item X to item Y, and the quorum of each item', params: meetingParams, handler: ({ req, params }) => run(req, meetingServing, params) });
  api.add({ method: 'get', path: '/meetings/:meetingId/attendance', tag: 'attendance', summary: 'Attendance with join/leave intervals and the derived item range', params: meetingParams, handler: async ({ req, params }) => ({ attendance: await run(req, meetingAttendance, params) }) });
  api.add({
    method: 'put',
    path: '/meetings/:meetingId/attendance/:personId',
    tag: 'attendance',
    summary: 'Correct one person’s attendance (the secretary’s word stands over events)',
    params: z.object({ meetingId: idSchema, personId: idSchema }),
    body: attendanceCorrectionInput,
    handler: ({ req, params, body }) =>
      run(req, correctMeetingAttendance, {
        meetingId: params.meetingId,
        personId: params.personId,
        state: body.state,
        ...(body.itemRange !== undefined ? { itemRange: body.itemRange } : {}),
        ...(body.partOfMeeting !== undefined ? { partOfMeeting: body.partOfMeeting } : {}),
        ...(body.note !== undefined ? { note: body.note } : {}),
        ...(body.replacesPersonId !== undefined ? { replacesPersonId: body.replacesPersonId } : {}),
        ...(body.bodyId !== undefined ? { bodyId: body.bodyId } : {}),
        ...(body.version !== undefined ? { version: body.version } : {}),
      }),
  });
  api.add({
    method: 'post',
    path: '/meetings/:meetingId/guests/:personId/classify',
    tag: 'attendance',
    summary: 'Classify an unknown Teams participant: keep as a guest (with a title), or merge into a roster person',
    params: z.object({ meetingId: idSchema, personId: idSchema }),
    body: z.object({ title: optionalTextLine(200), bodyId: idSchema.nullish(), samePersonId: idSchema.nullish() }),
    handler: ({ req, params, body }) => run(req, classifyMeetingGuest, { ...params, ...body }),
  });
  api.add({
    method: 'put',
    path: '/meetings/:meetingId/teams-link',
    tag: 'meetings',
    summary: 'Link the Teams meeting (from the meeting tab context) to this meeting',
    params: meetingParams,
    body: z.object({ teamsMeetingId: teamsId, joinUrl: z.url().max(2000).nullish(), chatId: teamsId.nullish(), version: z.number().int().positive() }),
    handler: ({ req, params, body }) => run(req, linkTeamsMeeting, { ...params, ...body }),
  });
}
