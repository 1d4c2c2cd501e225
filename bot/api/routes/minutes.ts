import type { MinutesState } from '../../../shared/contracts/minutes-views';
import type { Request } from 'express';
import { z } from 'zod';
import { calendarDateSchema, idSchema } from '../../../shared/contracts/common';
import { openMinutesCorrection, recordExternalJustering, requestMinutesChange, sendForJustering, signMinutes, verifyMinutesVersion, writeMinutesCorrection } from '../../../shared/services/justering-service';
import { addUpcomingDate, latestToPublish, minutesOverview, minutesVersion, regenerateMinutes } from '../../../shared/services/minutes-service';
import type { GraphPublicationKind } from '../../../shared/domain/minutes-records';
import { renderMinutesDocx } from '../../minutes/render-docx';
import type { ApiRouter } from '../api-router';
import { runForRequest } from '../request-context';
import { registerArchiveRoutes } from './archive';
import type { ApiDeps } from './services';

const meetingParams = z.object({ meetingId: idSchema });
const versionParams = z.object({ meetingId: idSchema, number: z.coerce.number().int().min(1).max(100_000) });
const sendBody = z.object({ version: z.number().int().min(1).optional() }).strict().optional();
/** Publishing a draft (not justerad) needs the secretary's explicit yes; justerade minutes need nothing. */
const publishBody = z.object({ confirmDraft: z.boolean().optional() }).strict().optional();
const changeBody = z.object({ comment: z.string().trim().min(1).max(4000) }).strict();
const externalBody = z
  .object({
    personId: idSchema,
    date: calendarDateSchema,
    method: z.enum(['email', 'paper']),
    note: z.string().max(500).nullish(),
  })
  .strict();
const upcomingBody = z.object({ date: calendarDateSchema, note: z.string().trim().max(300).nullish() }).strict();
const correctionBody = z.object({ reason: z.string().trim().min(1).max(2000) }).strict();

/** The SSO token the request came with (production), for acting on Graph on the user's behalf. */
function userToken(req: Request): string | null {
  return (req as Request & { userToken?: string }).userToken ?? null;
}

function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function registerMinutesRoutes(api: ApiRouter, d: ApiDeps): void {
  const tag = 'minutes';
  registerArchiveRoutes(api, d);
  const run = runForRequest(d.runner);
  const { requestPublication, publicationOutbox, outboxIfPublisher } = d.publications;
  /** Asks for a Graph publication acting for the caller; a request that cannot act is kept as skipped, and said so in the log. */
  const publish = async (req: Request, meetingId: string, kind: GraphPublicationKind, versionNumber?: number, confirmDraft?: boolean) => {
    const { entry, created } = await run(req, requestPublication, { meetingId, kind, ...(versionNumber ? { versionNumber } : {}), ...(confirmDraft ? { confirmDraft } : {}), assertion: userToken(req) });
    if (entry.state === 'skipped' && created) req.log.warn({ meetingId, kind, publication: entry.id, reason: entry.steps.skippedReason }, 'graph: nothing sent to Teams');
    return entry;
  };
  api.add({
    method: 'get',
    path: '/meetings/:meetingId/minutes',
    tag,
    summary: 'Minutes of a meeting: versions, lock, justering state, outbox (secretary), and a live preview for the secretary',
    params: meetingParams,
    handler: async ({ req, params }) => {
      const overview = await run(req, minutesOverview, params);
      // The outbox is the secretary's; others get the minutes without it.
      const outbox = await run(req, outboxIfPublisher, params);
      return {
        ...overview,
        outbox: outbox?.entries.map((e) => ({ id: e.id, kind: e.kind, version: e.version, state: e.state, lastError: e.lastError, updatedAt: e.doneAt ?? e.requestedAt })),
        published: outbox ? outbox.entries.some((e) => e.kind === 'minutes.post' && e.state === 'done') : undefined,
      } satisfies MinutesState;
    },
  });
  api.add({ method: 'post', path: '/meetings/:meetingId/minutes/versions', tag, summary: 'Regenerate the draft from the meeting data (a new stored version)', params: meetingParams, status: 201, handler: async ({ req, params }) => run(req, regenerateMinutes, params) });
  api.add({ method: 'post', path: '/meetings/:meetingId/minutes', tag, summary: 'Same as POST …/minutes/versions (the tab’s “regenerate”)', params: meetingParams, status: 201, handler: async ({ req, params }) => run(req, regenerateMinutes, params) });
  api.add({
    method: 'post',
    path: '/meetings/:meetingId/minutes/publish',
    tag,
    summary: 'Publish the latest version (the tab’s “publish”): channel post with the .docx; a draft not yet justerad only with { confirmDraft: true }',
    params: meetingParams,
    body: publishBody,
    status: 202,
    handler: async ({ req, params, body }) => {
      const latest = await run(req, latestToPublish, params);
      return publish(req, params.meetingId, 'minutes.post', latest.number, body?.confirmDraft);
    },
  });
  api.add({
    method: 'get',
    path: '/meetings/:meetingId/minutes/versions/:number',
    tag,
    summary: 'One version with its model, HTML and text',
    params: versionParams,
    handler: async ({ req, params }) => {
      const v = await run(req, minutesVersion, params);
      return { number: v.number, status: v.status, contentHash: v.contentHash, createdAt: v.createdAt, reason: v.reason, lockedAt: v.lockedAt, justeringSentAt: v.justeringSentAt, justeringDeadline: v.justeringDeadline, html: v.html, text: v.text, model: v.model };
    },
  });
  api.add({
    method: 'get',
    path: '/meetings/:meetingId/minutes/versions/:number/docx',
    tag,
    summary: 'The version as a Word document (.docx)',
    params: versionParams,
    handler: async ({ req, res, params }) => {
      const v = await run(req, minutesVersion, params);
      const docx = await renderMinutesDocx(v.model);
      const name = `${v.model.header.documentKindLabel} ${v.model.header.date} version ${v.number}.docx`;
      res.status(200);
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      res.setHeader('Content-Disposition', contentDisposition(name));
      res.setHeader('X-Content-Hash', v.contentHash);
      res.end(docx);
      return undefined;
    },
  });
  api.add({ method: 'get', path: '/meetings/:meetingId/minutes/versions/:number/verify', tag, summary: 'Recompute the content hash of a version and compare', params: versionParams, handler: async ({ req, params }) => run(req, verifyMinutesVersion, params) });

  api.add({ method: 'post', path: '/meetings/:meetingId/minutes/justering', tag, summary: 'Send the latest (or given) draft to the justerare (1:1 cards, 14-day deadline, reminders)', params: meetingParams, body: sendBody, handler: async ({ req, params, body }) => run(req, sendForJustering, { ...params, ...(body ?? {}) }) });
  api.add({ method: 'post', path: '/meetings/:meetingId/minutes/versions/:number/justering/sign', tag, summary: 'Justera: the caller (an appointed justerare) signs the version', params: versionParams, handler: async ({ req, params }) => run(req, signMinutes, params) });
  api.add({ method: 'post', path: '/meetings/:meetingId/minutes/versions/:number/justering/change-request', tag, summary: 'Begär ändring: a comment to the secretary', params: versionParams, body: changeBody, status: 201, handler: async ({ req, params, body }) => run(req, requestMinutesChange, { ...params, comment: body.comment }) });
  api.add({ method: 'post', path: '/meetings/:meetingId/minutes/versions/:number/justering/external', tag, summary: 'Record a justering done outside Teams ("Justerat den 2024-10-01 via e-post")', params: versionParams, body: externalBody, handler: async ({ req, params, body }) => run(req, recordExternalJustering, { ...params, ...body }) });
  api.add({ method: 'post', path: '/meetings/:meetingId/minutes/correction', tag, summary: 'Open a rättelse of the final minutes (unlocks for the secretary)', params: meetingParams, body: correctionBody, handler: async ({ req, params, body }) => run(req, openMinutesCorrection, { ...params, reason: body.reason }) });
  api.add({ method: 'post', path: '/meetings/:meetingId/minutes/correction/version', tag, summary: 'Write the rättelse version (keeps the original) and lock again', params: meetingParams, status: 201, handler: async ({ req, params }) => run(req, writeMinutesCorrection, params) });

  api.add({ method: 'post', path: '/meetings/:meetingId/minutes/versions/:number/publish', tag, summary: 'Post the version to the body’s channel with the .docx (Graph, acting for the caller); a draft only with { confirmDraft: true }', params: versionParams, body: publishBody, status: 202, handler: async ({ req, params, body }) => publish(req, params.meetingId, 'minutes.post', params.number, body?.confirmDraft) });
  api.add({ method: 'post', path: '/meetings/:meetingId/teams-meeting', tag, summary: 'Create the Teams meeting with a calendar invitation (Graph, acting for the caller)', params: meetingParams, status: 202, handler: async ({ req, params }) => publish(req, params.meetingId, 'meeting.create') });
  api.add({ method: 'post', path: '/meetings/:meetingId/attendance/report-import', tag, summary: 'Import the Teams attendance report and merge it with join/leave events', params: meetingParams, status: 202, handler: async ({ req, params }) => publish(req, params.meetingId, 'attendance.import') });
  api.add({
    method: 'post',
    path: '/meetings/:meetingId/upcoming-dates',
    tag,
    summary: 'The secretary adds an upcoming meeting date for the minutes ("21 april em")',
    params: meetingParams,
    body: upcomingBody,
    status: 201,
    handler: async ({ req, params, body }) => run(req, addUpcomingDate, { ...params, ...body }),
  });
  api.add({ method: 'get', path: '/meetings/:meetingId/outbox', tag, summary: 'The meeting’s Graph publications and their job state', params: meetingParams, handler: async ({ req, params }) => run(req, publicationOutbox, params) });
}
