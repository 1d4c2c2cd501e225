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
} from '../../../shared/minutes/archive-export';
import { bodyArchive } from '../../../shared/services/archive-service';
import { minutesVersion } from '../../../shared/services/minutes-service';
import { renderMinutesPdf } from '../../minutes/render-pdf';
import type { ApiRouter } from '../api-router';
import { runForRequest } from '../request-context';
import type { ApiDeps } from './services';

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

export function registerArchiveRoutes(api: ApiRouter, d: ApiDeps): void {
  const run = runForRequest(d.runner);
  api.add({
    method: 'get',
    path: '/meetings/:meetingId/minutes/versions/:number/pdf',
    tag: 'minutes',
    summary: 'The version as an archival PDF/A-2b file (fonts embedded, the same text as the HTML)',
    params: z.object({ meetingId: idSchema, number: z.coerce.number().int().min(1).max(100_000) }),
    handler: async ({ req, res, params }) => {
      const v = await run(req, minutesVersion, params);
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
      const { body, meetings: archived, generatedAt: now } = await run(req, bodyArchive, params);
      const files: Record<string, Uint8Array> = {};
      for (const a of archived) if (a.final) files[archiveFileName(a.final.model, a.final.number)] = await renderMinutesPdf(a.final.model);
      const decisions = decisionRows(archived);
      const attendance = attendanceRows(archived);
      files['beslutsregister.csv'] = strToU8(toCsv(decisions, DECISION_COLUMNS));
      files['beslutsregister.json'] = strToU8(JSON.stringify(decisions, null, 2));
      files['narvaro.csv'] = strToU8(toCsv(attendance, ATTENDANCE_COLUMNS));
      files['narvaro.json'] = strToU8(JSON.stringify(attendance, null, 2));
      const manifest = archiveManifest(body, archived, now, [...Object.keys(files), 'arkiv.json']);
      files['arkiv.json'] = strToU8(JSON.stringify(manifest, null, 2));
      // PDFs are compressed already; level 6 for the text files.
      const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { level: name.endsWith('.pdf') ? 0 : 6 }]])));
      res.status(200);
      res.setHeader('Content-Type', 'application/zip');
      res.setHeader('Content-Disposition', contentDisposition(`Arkiv ${body.name} ${now.slice(0, 10)}.zip`));
      res.end(Buffer.from(zip));
      return undefined;
    },
  });
}
