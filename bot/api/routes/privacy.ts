import { z } from 'zod';
import { erasePersonalData, exportPersonalData, listAuditLog } from '../../../shared/services/privacy-service';
import { idSchema } from '../../../shared/contracts/common';
import type { ApiRouter } from '../api-router';
import { callerOf, runForRequest } from '../request-context';
import type { ApiDeps } from './services';

const personParams = z.object({ personId: idSchema });
const eraseBody = z.object({
  /** A guard against a slip of the mouse: the caller must say it means it. */
  confirm: z.literal(true),
});
const auditQuery = z.object({
  entity: z.string().max(100).optional(),
  entityId: z.string().max(200).optional(),
  actorPersonId: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

/** A person's data as JSON, erasure where no legal record requires keeping it, and the audit log. */
export function registerPrivacyRoutes(api: ApiRouter, d: ApiDeps): void {
  const run = runForRequest(d.runner);
  api.add({
    method: 'get',
    path: '/me/export',
    tag: 'privacy',
    summary: 'Everything Rådslag holds about the caller, as JSON (GDPR art. 15)',
    handler: async ({ req, res }) => {
      const { actor } = callerOf(req);
      if (!actor.personId) return { exportedAt: new Date().toISOString(), person: null, note: 'Du finns inte i något register hos Rådslag. / You are not on any roster in Rådslag.' };
      res.setHeader('Content-Disposition', 'attachment; filename="radslag-export.json"');
      return run(req, exportPersonalData, { personId: actor.personId });
    },
  });
  api.add({
    method: 'get',
    path: '/people/:personId/export',
    tag: 'privacy',
    summary: 'A person’s data as JSON (the person themselves or an administrator)',
    params: personParams,
    handler: async ({ req, res, params }) => {
      res.setHeader('Content-Disposition', 'attachment; filename="radslag-export.json"');
      return run(req, exportPersonalData, params);
    },
  });
  api.add({
    method: 'post',
    path: '/people/:personId/erase',
    tag: 'privacy',
    summary: 'Erase a person’s data where no legal record requires keeping it (administrator); answers what was erased and kept',
    params: personParams,
    body: eraseBody,
    handler: async ({ req, params }) => run(req, erasePersonalData, params),
  });
  api.add({
    method: 'get',
    path: '/audit',
    tag: 'privacy',
    summary: 'The audit log, newest first: who did what and when (administrator)',
    query: auditQuery,
    handler: async ({ req, query }) => ({ entries: await run(req, listAuditLog, query) }),
  });
}
