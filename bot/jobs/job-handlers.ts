/**
 * One handler per job kind of shared/usecase/job-kinds.ts. The table's type names every kind, so a kind
 * without a handler is a compile error; each handler gets its payload parsed by the kind's schema (a payload
 * that does not parse is a permanent failure, never retried).
 */
import type { Job } from '../../shared/ports/store';
import { JOB_KINDS, type JobKind, type JobPayload } from '../../shared/usecase/job-kinds';
import type { Logger } from '../logger';
import { PermanentJobError, type JobHandler } from './job-runner';

export interface JobRunContext {
  job: Job;
  logger: Logger;
  signal: AbortSignal;
}

export type TypedJobHandler<K extends JobKind> = (payload: JobPayload<K>, run: JobRunContext) => Promise<unknown>;

export type JobHandlerTable = { [K in JobKind]: TypedJobHandler<K> };

/** The table as the job runner takes it: kind → handler of the raw row. */
export function jobRunnerHandlers(table: JobHandlerTable): Record<string, JobHandler> {
  const out: Record<string, JobHandler> = {};
  for (const kind of Object.keys(JOB_KINDS) as JobKind[]) out[kind] = parsingHandler(kind, table[kind]);
  return out;
}

function parsingHandler<K extends JobKind>(kind: K, handler: TypedJobHandler<K>): JobHandler {
  const schema = JOB_KINDS[kind];
  return async (job, ctx) => {
    const parsed = schema.safeParse(job.payload);
    if (!parsed.success) throw new PermanentJobError(`${kind}: payload does not match its schema (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ').slice(0, 300)})`);
    return handler(parsed.data as JobPayload<K>, { job, logger: ctx.logger, signal: ctx.signal });
  };
}
