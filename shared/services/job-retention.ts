/**
 * Finished jobs are purged after a retention period: a job's payload can hold a message to a
 * person, a förhinder text quoted to the secretary, a card with names. Done, dead and cancelled jobs whose
 * finish is older than RADSLAG_JOB_RETENTION_DAYS (default 30) are deleted by a daily typed job
 * ('jobs.purge'), which queues the next day's run itself; a dedupe key per day keeps one run a day however
 * many replicas start. A job waiting for a retry ('failed') or still queued is never purged.
 *
 * A dedupe key protects against a second enqueue only while its job row exists, so work that must happen
 * once for good records that in its own row (kallelse_sent_at, minutes versions), and meeting change notices
 * are queued only by the update that makes the change (meeting-service.updateMeeting).
 */
import type { UseCaseContext } from '../usecase/context';

export const DEFAULT_JOB_RETENTION_DAYS = 30;
const DAY_MS = 24 * 3600_000;
/** The purge runs at 02.00 UTC, outside office hours in Sweden. */
const PURGE_HOUR_UTC = 2;

/** The first purge slot (02.00 UTC) after `now`. */
export function nextPurgeSlot(now: Date): Date {
  const slot = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), PURGE_HOUR_UTC));
  return slot.getTime() > now.getTime() ? slot : new Date(slot.getTime() + DAY_MS);
}

/**
 * Queues the purge at the next slot unless it is queued already (the key names the slot's day, so replicas
 * starting the same night queue one). Called at start and by every run for the next one.
 */
export async function scheduleJobPurge(ctx: UseCaseContext, _input: Record<string, never> = {}): Promise<{ day: string; runAt: string }> {
  const slot = nextPurgeSlot(ctx.clock.now());
  const day = slot.toISOString().slice(0, 10);
  await ctx.enqueue('jobs.purge', { day }, { runAt: slot.toISOString(), dedupeKey: `jobs.purge:${day}` });
  return { day, runAt: slot.toISOString() };
}

export async function purgeFinishedJobs(ctx: UseCaseContext, { retentionDays }: { day?: string | undefined; retentionDays: number }): Promise<{ purged: number; finishedBefore: string; next: string }> {
  const now = ctx.clock.now();
  const before = new Date(now.getTime() - Math.max(0, retentionDays) * DAY_MS);
  const purged = await ctx.tx.jobs.purgeFinished(before);
  if (purged > 0) await ctx.tx.audit.record({ actorPersonId: null, actorLabel: 'rådslag', action: 'jobs.purge', entity: 'jobs', entityId: null, details: { purged, finishedBefore: before.toISOString(), retentionDays }, correlationId: ctx.correlationId });
  const { day: next } = await scheduleJobPurge(ctx);
  return { purged, finishedBefore: before.toISOString(), next };
}
