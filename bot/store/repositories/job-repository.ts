import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { EnqueueJob, Job, JobRepository, JobState } from '../../../shared/ports/store';
import type { DB, JobsTable } from '../schema';
import type { Executor } from './entity-repository';
import type { EnqueueClaim } from '../../jobs/job-handoff';

export function mapJob(r: Selectable<JobsTable>): Job {
  return {
    id: r.id,
    kind: r.kind,
    payload: r.payload,
    state: r.state as JobState,
    runAt: new Date(r.run_at).toISOString(),
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    lastError: r.last_error,
    result: r.result,
    dedupeKey: r.dedupe_key,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}

const MAX_CLAIMED_PER_TRANSACTION = 10;

export class SqlJobRepository implements JobRepository {
  constructor(
    private readonly db: Executor,
    private readonly tenantId: string,
    /** In a transaction whose process runs jobs: due jobs are claimed as they are inserted (job-handoff.ts). */
    private readonly enqueueClaim?: EnqueueClaim,
  ) {}

  async enqueue(job: EnqueueJob): Promise<Job> {
    const db = this.db as Kysely<DB>;
    const runAt = job.runAt ? new Date(job.runAt) : new Date();
    const c = this.enqueueClaim?.claim;
    const now = c?.now();
    // At most as many as the runner claims at a time: the rest wait for it, so a transaction that enqueues a
    // hundred sends does not hold a hundred leases while they queue behind the per-conversation limit.
    const claim = c && now && c.kinds.has(job.kind) && runAt.getTime() <= now.getTime() && this.enqueueClaim!.claimed.length < MAX_CLAIMED_PER_TRANSACTION ? c : null;
    const inserted = await db
      .insertInto('jobs')
      .values({
        id: randomUUID(),
        tenant_id: this.tenantId,
        kind: job.kind,
        payload: JSON.stringify(job.payload),
        run_at: job.runAt ?? runAt,
        max_attempts: job.maxAttempts ?? 8,
        dedupe_key: job.dedupeKey ?? null,
        ...(claim ? { state: 'running', locked_by: claim.workerId, locked_until: new Date(now!.getTime() + claim.leaseMs), attempts: 1 } : {}),
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) {
      const mapped = mapJob(inserted);
      if (claim) this.enqueueClaim!.claimed.push(mapped);
      return mapped;
    }
    const existing = await db
      .selectFrom('jobs')
      .selectAll()
      .where('tenant_id', '=', this.tenantId)
      .where('dedupe_key', '=', job.dedupeKey ?? '')
      .executeTakeFirstOrThrow();
    return mapJob(existing);
  }

  async get(id: string): Promise<Job | null> {
    const r = await (this.db as Kysely<DB>)
      .selectFrom('jobs')
      .selectAll()
      .where('tenant_id', '=', this.tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? mapJob(r) : null;
  }

  async list(filter: { kind?: string; state?: JobState; dedupeKeyPrefix?: string; limit?: number }): Promise<Job[]> {
    let q = (this.db as Kysely<DB>).selectFrom('jobs').selectAll().where('tenant_id', '=', this.tenantId);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    if (filter.state) q = q.where('state', '=', filter.state);
    if (filter.dedupeKeyPrefix) q = q.where('dedupe_key', 'like', `${filter.dedupeKeyPrefix.replace(/[%_\\]/g, '\\$&')}%`);
    const rows = await q.orderBy('created_at').orderBy('id').limit(filter.limit ?? 500).execute();
    return rows.map(mapJob);
  }

  async cancel(id: string): Promise<void> {
    await (this.db as Kysely<DB>)
      .updateTable('jobs')
      .set({ state: 'cancelled', updated_at: new Date(), finished_at: new Date() })
      .where('tenant_id', '=', this.tenantId)
      .where('id', '=', id)
      .where('state', 'in', ['queued', 'failed'])
      .execute();
  }

  async cancelByDedupeKey(dedupeKey: string): Promise<void> {
    await (this.db as Kysely<DB>)
      .updateTable('jobs')
      .set({ state: 'cancelled', updated_at: new Date(), finished_at: new Date() })
      .where('tenant_id', '=', this.tenantId)
      .where('dedupe_key', '=', dedupeKey)
      .where('state', 'in', ['queued', 'failed'])
      .execute();
  }

  async purgeFinished(before: Date): Promise<number> {
    const r = await (this.db as Kysely<DB>)
      .deleteFrom('jobs')
      .where('tenant_id', '=', this.tenantId)
      .where('state', 'in', ['done', 'dead', 'cancelled'])
      .where('finished_at', '<', before)
      .executeTakeFirst();
    return Number(r.numDeletedRows ?? 0);
  }
}
