import { strToU8, zipSync } from 'fflate';
import { z } from 'zod';
import { idSchema } from '../../../shared/contracts/common';
import {
  ATTENDANCE_COLUMNS,
  DECISION_COLUMNS,
  archiveFileName,
  archiveManifest,
  attendanceRows,
  decisionRows,
  toCsv,
  type ArchivedMeeting,
} from '../../../shared/minutes/archive-export';
import { authorize, rolesOn } from '../../../shared/services/access';
import { lockOf, versionsOf } from '../../../shared/services/minutes-service';
import { renderMinutesPdf } from '../../minutes/render-pdf';
import type { ApiRouter } from '../api-router';
import { requestContext } from '../request-context';
import type { MinutesRouteServices } from './minutes';

/*
 * Archive-ready output: one version as PDF/A-2b, and a body's whole archive as a zip — every justerad
 * protokoll as PDF/A, the decision register and attendance as CSV and JSON, and arkiv.json saying what is
 * in it and which meetings were left out (not justerade). The archive is the secretary's (or an
 * administrator's): checked here on the server, whatever the tab shows.
 */

function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function registerArchiveRoutes(api: ApiRouter, s: MinutesRouteServices): void {
  api.add({
    method: 'get',
    path: '/meetings/:meetingId/minutes/versions/:number/pdf',
    tag: 'minutes',
    summary: 'The version as an archival PDF/A-2b file (fonts embedded, the same text as the HTML)',
    params: z.object({ meetingId: idSchema, number: z.coerce.number().int().min(1).max(100_000) }),
    handler: async ({ req, res, params }) => {
      const v = await s.minutes.version(requestContext(req), params.meetingId, params.number);
      const pdf = await renderMinutesPdf(v.model);
      res.status(200);
      res.setHeader('Content-Type', 'application/pdf');
      res.setHeader('Content-Disposition', contentDisposition(`${v.model.header.documentKindLabel} ${v.model.header.date} version ${v.number}.pdf`));
      res.setHeader('X-Content-Hash', v.contentHash);
      res.end(pdf);
      return undefined;
    },
  });

  api.add({
    method: 'get',
    path: '/bodies/:bodyId/archive',
    tag: 'minutes',
    summary: 'The body’s archive as a zip (secretary/administrator): every justerad protokoll as PDF/A-2b, the decision register and attendance as CSV and JSON, arkiv.json',
    params: z.object({ bodyId: idSchema }),
    handler: async ({ req, res, params }) => {
      const ctx = requestContext(req);
      const repos = s.deps.store.read;
      const body = await repos.bodies.require(params.bodyId);
      authorize(ctx.actor, 'minutes.publish', { roles: await rolesOn(repos, ctx.actor.personId, [body.id]) });
      const meetings = (await repos.meetings.listForBodies([body.id])).sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
      const archived: ArchivedMeeting[] = [];
      for (const meeting of meetings) {
        const lock = await lockOf(repos, meeting.id);
        const final = lock?.finalVersionId ? (await versionsOf(repos, meeting.id)).find((v) => v.id === lock.finalVersionId) : undefined;
        archived.push({ meeting, final: final ? { number: final.number, contentHash: final.contentHash, lockedAt: final.lockedAt, model: final.model } : null });
      }
      const files: Record<string, Uint8Array> = {};
      for (const a of archived) if (a.final) files[archiveFileName(a.final.model, a.final.number)] = await renderMinutesPdf(a.final.model);
      const decisions = decisionRows(archived);
      const attendance = attendanceRows(archived);
      files['beslutsregister.csv'] = strToU8(toCsv(decisions, DECISION_COLUMNS));
      files['beslutsregister.json'] = strToU8(JSON.stringify(decisions, null, 2));
      files['narvaro.csv'] = strToU8(toCsv(attendance, ATTENDANCE_COLUMNS));
      files['narvaro.json'] = strToU8(JSON.stringify(attendance, null, 2));
      const manifest = archiveManifest(body, archived, s.deps.clock.now().toISOString(), [...Object.keys(files), 'arkiv.json']);
      files['arkiv.json'] = strToU8(JSON.stringify(manifest, null, 2));
      // PDFs are compressed already; level 6 for the text files.
      const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { level: name.endsWith('.pdf') ? 0 : 6 }]])));
      // Who took the archive out, and what was in it, is on the audit log.
      await s.deps.store.transaction((tx) => tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'archive.export', entity: 'body', entityId: body.id, details: { meetings: manifest.included.length, leftOut: manifest.leftOut.length }, correlationId: ctx.correlationId }));
      res.status(200);
      res.setHeader('Content-Type', 'application/zip');
      res.setHeader('Content-Disposition', contentDisposition(`Arkiv ${body.name} ${s.deps.clock.now().toISOString().slice(0, 10)}.zip`));
      res.end(Buffer.from(zip));
      return undefined;
    },
  });
}
