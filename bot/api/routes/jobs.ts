import { z } from 'zod';
import type { JobState } from '../../../shared/ports/store';
import { listJobs } from '../../../shared/services/job-overview';
import type { ApiRouter } from '../api-router';
import { runForRequest } from '../request-context';
import type { ApiDeps } from './services';

const JOB_STATES = ['queued', 'running', 'done', 'failed', 'dead', 'cancelled'] as const;
const listQuery = z.object({ kind: z.string().max(100).optional(), state: z.enum(JOB_STATES).optional(), limit: z.coerce.number().int().min(1).max(500).optional() });

/** The durable jobs' visible state (administrators); per-meeting outboxes are shown to secretaries elsewhere. */
export function registerJobRoutes(api: ApiRouter, d: ApiDeps): void {
  const run = runForRequest(d.runner);
  api.add({
    method: 'get',
    path: '/jobs',
    tag: 'jobs',
    summary: 'Durable jobs and their state (administrators)',
    query: listQuery,
    handler: async ({ req, query }) => ({ jobs: await run(req, listJobs, { kind: query.kind, state: query.state as JobState | undefined, limit: query.limit }) }),
  });
}
