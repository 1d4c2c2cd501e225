import { z } from 'zod';
import type { JobState } from '../../../shared/ports/store';
import { authorize } from '../../../shared/services/access';
import type { ApiRouter } from '../api-router';
import { requestContext } from '../request-context';
import type { ApiServices } from './services';

const JOB_STATES = ['queued', 'running', 'done', 'failed', 'dead', 'cancelled'] as const;
const listQuery = z.object({ kind: z.string().max(100).optional(), state: z.enum(JOB_STATES).optional(), limit: z.coerce.number().int().min(1).max(500).optional() });

/** The durable jobs' visible state (administrators); per-meeting outboxes are shown to secretaries elsewhere. */
export function registerJobRoutes(api: ApiRouter, s: ApiServices): void {
  api.add({
    method: 'get',
    path: '/jobs',
    tag: 'jobs',
    summary: 'Durable jobs and their state (administrators)',
    query: listQuery,
    handler: async ({ req, query }) => {
      const ctx = requestContext(req);
      authorize(ctx.actor, 'audit.read', { roles: [] });
      const jobs = await s.jobs.list({ kind: query.kind, state: query.state as JobState | undefined, limit: query.limit });
      // Payloads can hold personal data; the list shows what and how it went, not the content.
      return { jobs: jobs.map(({ payload: _payload, ...rest }) => rest) };
    },
  });
}
