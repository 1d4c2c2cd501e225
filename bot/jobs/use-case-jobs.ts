/**
 * The jobs whose work is a use case: each runs it through the runner as the system, under the job's
 * correlation id (and, for the meeting-end draft, under its once-per-meeting idempotency key).
 */
import { callInStepTimedOut } from '../../shared/services/call-in-service';
import { remindJusterare } from '../../shared/services/justering-service';
import { sendMeetingChangeNotices } from '../../shared/services/kallelse-service';
import { draftMinutesAtMeetingEnd, meetingEndDraftKey } from '../../shared/services/minutes-service';
import type { UseCaseRunner } from '../usecase/run-use-case';
import type { JobHandlerTable } from './job-handlers';

export function createUseCaseJobHandlers(runner: UseCaseRunner): Pick<JobHandlerTable, 'callin.timeout' | 'justering.reminder' | 'minutes.meeting_end' | 'meeting.change_notices'> {
  const system = (jobId: string) => runner.system(`job:${jobId}`);
  return {
    'callin.timeout': (payload, { job }) => runner.run(system(job.id), callInStepTimedOut, payload),
    'justering.reminder': (payload, { job }) => runner.run(system(job.id), remindJusterare, payload),
    'minutes.meeting_end': (payload, { job }) => runner.run({ ...system(job.id), idempotencyKey: meetingEndDraftKey(payload.meetingId) }, draftMinutesAtMeetingEnd, payload),
    'meeting.change_notices': (payload, { job }) => runner.run(system(job.id), sendMeetingChangeNotices, payload),
  };
}
