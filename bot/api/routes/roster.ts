import { z } from 'zod';
import { calendarDateSchema, clockTimeSchema, idSchema, timeZoneSchema } from '../../../shared/contracts/common';
import { DOCUMENT_KINDS, MEMBERSHIP_ROLES } from '../../../shared/domain';
import type { ApiRouter } from '../api-router';
import { confirmMatchSuggestion, listMatchSuggestions, rejectMatchSuggestion } from '../../../shared/services/people-match-service';
import { applyRosterImport, getRosterImport, listRosterImports, previewRosterImport } from '../../../shared/services/roster-import-service';
import { runForRequest } from '../request-context';
import type { ApiDeps } from './services';

/** Roster import (preview → apply) and the secretary's confirmation of suggested person matches. */
const bodyParams = z.object({ bodyId: idSchema });
const importParams = z.object({ bodyId: idSchema, importId: idSchema });
const suggestionParams = z.object({ suggestionId: idSchema });

export const historyMeetingInput = z.strictObject({
  date: calendarDateSchema,
  startTime: clockTimeSchema.optional(),
  endTime: clockTimeSchema.optional(),
  timeZone: timeZoneSchema.optional(),
  place: z.string().max(300).nullish(),
  title: z.string().max(300).nullish(),
  documentKind: z.enum(DOCUMENT_KINDS).optional(),
});

export const rosterImportInput = z.strictObject({
  format: z.enum(['text', 'csv']).default('text'),
  text: z.string().min(1).max(200_000),
  bodyIds: z.array(idSchema).min(1).max(5).optional(),
  asAttendanceOfMeetingId: idSchema.optional(),
  createMeeting: historyMeetingInput.optional(),
  unmarked: z.enum(['skip', 'present']).optional(),
  removeMissing: z.boolean().optional(),
  membershipChanges: z.boolean().optional(),
  mode: z.enum(['auto', 'list', 'document']).optional(),
  defaultRole: z.enum(MEMBERSHIP_ROLES).optional(),
});

export const rosterApplyInput = z.strictObject({
  decisions: z
    .array(z.strictObject({ key: z.string().min(1).max(500), choice: z.enum(['same', 'new']), personId: idSchema.optional() }))
    .max(2000)
    .optional(),
  confirmAllSuggestions: z.boolean().optional(),
  /** Answers to the plan's roleQuestions: a seat's role changes only when accepted here. */
  roleChanges: z.array(z.strictObject({ membershipId: idSchema, accept: z.boolean() })).max(2000).optional(),
  version: z.number().int().min(1).optional(),
});

export function registerRosterRoutes(api: ApiRouter, d: ApiDeps): void {
  const run = runForRequest(d.runner);
  api.add({
    method: 'post',
    path: '/bodies/:bodyId/roster-imports',
    tag: 'roster',
    summary: 'Preview a roster import (pasted list or CSV): what was understood and what would change; nothing is applied',
    params: bodyParams,
    body: rosterImportInput,
    status: 201,
    handler: async ({ req, params, body }) => run(req, previewRosterImport, { ...params, ...body }),
  });
  api.add({
    method: 'get',
    path: '/bodies/:bodyId/roster-imports',
    tag: 'roster',
    summary: 'Roster imports of a body (previews and applied ones)',
    params: bodyParams,
    handler: async ({ req, params }) => ({ imports: await run(req, listRosterImports, params) }),
  });
  api.add({
    method: 'get',
    path: '/bodies/:bodyId/roster-imports/:importId',
    tag: 'roster',
    summary: 'One roster import with its preview',
    params: importParams,
    handler: async ({ req, params }) => run(req, getRosterImport, params),
  });
  api.add({
    method: 'post',
    path: '/bodies/:bodyId/roster-imports/:importId/apply',
    tag: 'roster',
    summary: 'Apply a previewed import in one transaction, with decisions on suggested matches (same person / new person)',
    params: importParams,
    body: rosterApplyInput,
    handler: async ({ req, params, body }) => run(req, applyRosterImport, { ...params, ...body }),
  });
  api.add({
    method: 'get',
    path: '/people/match-suggestions',
    tag: 'people',
    summary: 'Suggested person matches awaiting the secretary (status open by default)',
    query: z.object({ status: z.enum(['open', 'confirmed', 'rejected', 'all']).optional(), importId: idSchema.optional() }),
    handler: async ({ req, query }) => ({ suggestions: await run(req, listMatchSuggestions, query) }),
  });
  api.add({
    method: 'post',
    path: '/people/match-suggestions/:suggestionId/confirm',
    tag: 'people',
    summary: 'Confirm a suggested match: the listed person is this existing person',
    params: suggestionParams,
    body: z.strictObject({ personId: idSchema.optional() }).default({}),
    handler: async ({ req, params, body }) => run(req, confirmMatchSuggestion, { suggestionId: params.suggestionId, personId: body?.personId }),
  });
  api.add({
    method: 'post',
    path: '/people/match-suggestions/:suggestionId/reject',
    tag: 'people',
    summary: 'Reject a suggested match: the listed person is someone else (a new person is created on apply)',
    params: suggestionParams,
    handler: async ({ req, params }) => run(req, rejectMatchSuggestion, params),
  });
}
