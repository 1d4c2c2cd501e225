/**
 * Förhinder from the tab, the same recording and call-in as a förhinder in chat:
 *   GET    /me/meetings                   "Mina möten": the caller's meetings with their own state
 *   POST   /meetings/:meetingId/absence   give förhinder (own, or the secretary's for personId)
 *   POST   /meetings/:meetingId/absence/withdraw   take it back (own, or the secretary's for personId)
 */
import { z } from 'zod';
import { idSchema } from '../../../shared/contracts/common';
import { absenceReportInput, absenceWithdrawInput } from '../../../shared/contracts/absence';
import { myMeetings, reportMeetingAbsence, withdrawMeetingAbsence } from '../../../shared/services/absence-report';
import type { ApiRouter } from '../api-router';
import { runForRequest } from '../request-context';
import type { ApiDeps } from './services';

const meetingParams = z.object({ meetingId: idSchema });

export function registerAbsenceRoutes(api: ApiRouter, d: ApiDeps): void {
  const run = runForRequest(d.runner);
  api.add({ method: 'get', path: '/me/meetings', tag: 'attendance', summary: 'The caller’s meetings with their own attendance and whether they may give förhinder', handler: async ({ req }) => ({ meetings: await run(req, myMeetings, {}) }) });
  api.add({
    method: 'post',
    path: '/meetings/:meetingId/absence',
    tag: 'attendance',
    summary: 'Give förhinder (own, or the secretary for a person): recorded as from chat, the ersättare called in',
    params: meetingParams,
    body: absenceReportInput,
    handler: ({ req, params, body }) => run(req, reportMeetingAbsence, { ...params, ...body }),
  });
  api.add({
    method: 'post',
    path: '/meetings/:meetingId/absence/withdraw',
    tag: 'attendance',
    summary: 'Take a förhinder back (own, or the secretary for a person): the call-in stops, a serving ersättare is told',
    params: meetingParams,
    body: absenceWithdrawInput,
    handler: ({ req, params, body }) => run(req, withdrawMeetingAbsence, { ...params, ...body }),
  });
}
