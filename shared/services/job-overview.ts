import type { Job, JobState } from '../ports/store';
import { readOnly } from '../usecase/context';
import { authorize } from './access';

/** The durable jobs' visible state (administrators): what and how it went, not the payloads (they can hold personal data). */
export const listJobs = readOnly(async (ctx, filter: { kind?: string | undefined; state?: JobState | undefined; limit?: number | undefined }): Promise<Omit<Job, 'payload'>[]> => {
  authorize(ctx.actor, 'audit.read', { roles: [] });
  const jobs = await ctx.tx.jobs.list(filter);
  return jobs.map(({ payload: _payload, ...rest }) => rest);
});
