/**
 * The jobs whose work is a use case: each runs it through the runner as the system, under the job's
 * correlation id (and, for the meeting-end draft, under its once-per-meeting idempotency key).
 */
import { isRadslagError } from '../../shared/errors/catalog';
import { callInStepTimedOut } from '../../shared/services/call-in-service';
import { remindJusterare } from '../../shared/services/justering-service';
import { sendMeetingChangeNotices } from '../../shared/services/kallelse-service';
import { draftMinutesAtMeetingEnd, meetingEndDraftKey } from '../../shared/services/minutes-service';
import { purgeFinishedJobs } from '../../shared/services/job-retention';
import type { Logger } from '../logger';
import type { UseCaseRunner } from '../usecase/run-use-case';
import type { JobHandlerTable, JobRunContext } from './job-handlers';

export interface UseCaseJobOptions {
  /** Finished jobs older than this are deleted (RADSLAG_JOB_RETENTION_DAYS). */
  jobRetentionDays: number;
}

/**
 * A job whose meeting was justerad after it was queued (a call-in timeout, a carry-over, a change notice)
 * meets the database's lock (migration 0920, LOCKED_FINAL). Retrying cannot help and the work no longer
 * applies: the job ends as done with `{ skipped: 'LOCKED_FINAL' }` and one log line, instead of failing
 * and retrying until it is dead.
 */
async function unlessLocked(run: JobRunContext, work: () => Promise<unknown>): Promise<unknown> {
  try {
    return await work();
  } catch (e) {
    if (!isRadslagError(e) || e.code !== 'LOCKED_FINAL') throw e;
    (run.logger as Logger).info({ jobId: run.job.id, jobKind: run.job.kind }, 'job skipped: the meeting’s minutes are justerade and locked');
    return { skipped: 'LOCKED_FINAL' };
  }
}

export function createUseCaseJobHandlers(
  runner: UseCaseRunner,
  opts: UseCaseJobOptions,
): Pick<JobHandlerTable, 'callin.timeout' | 'justering.reminder' | 'minutes.meeting_end' | 'meeting.change_notices' | 'jobs.purge'> {
  const system = (jobId: string) => runner.system(`job:${jobId}`);
  return {
    'callin.timeout': (payload, run) => unlessLocked(run, () => runner.run(system(run.job.id), callInStepTimedOut, payload)),
    'justering.reminder': (payload, run) => unlessLocked(run, () => runner.run(system(run.job.id), remindJusterare, payload)),
    'minutes.meeting_end': (payload, run) => unlessLocked(run, () => runner.run({ ...system(run.job.id), idempotencyKey: meetingEndDraftKey(payload.meetingId) }, draftMinutesAtMeetingEnd, payload)),
    'meeting.change_notices': (payload, run) => unlessLocked(run, () => runner.run(system(run.job.id), sendMeetingChangeNotices, payload)),
    'jobs.purge': (payload, run) => runner.run(system(run.job.id), purgeFinishedJobs, { ...payload, retentionDays: opts.jobRetentionDays }),
  };
}
