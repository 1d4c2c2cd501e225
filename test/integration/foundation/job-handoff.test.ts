import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../bot/store/database';
import { createStore } from '../../../bot/store/store';
import { JobRunner } from '../../../bot/jobs/job-runner';
import type { JobHandoff } from '../../../bot/jobs/job-handoff';
import { createLogger } from '../../../bot/logger';
import type { Job } from '../../../shared/ports/store';
import { openTestDatabase } from '../../kit/test-store';

const TENANT = '33333333-3333-3333-3333-333333333333';
let counter = 0;
const kindOf = (p: string) => `test.handoff.${p}.${Date.now().toString(36)}${(counter++).toString(36)}`;
const logger = createLogger('silent');

/** A job enqueued in a transaction, due now, is claimed in its INSERT and run after the commit (job-handoff.ts). */
describe.each(['pglite', 'postgres'] as const)('job hand-off on %s', (kind) => {
  let database: Database;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ database, cleanup } = await openTestDatabase(kind, 'radslag-handoff-'));
  });
  afterAll(async () => cleanup?.());

  /** A hand-off that records what it is given and runs nothing: a process that dies right after its commit. */
  function recordingHandoff(jobKind: string, now: () => Date, leaseMs = 1000): JobHandoff & { adopted: Job[] } {
    const adopted: Job[] = [];
    return { adopted, claimAtEnqueue: () => ({ workerId: 'dies-after-commit', kinds: new Set([jobKind]), now, leaseMs }), adopt: (jobs) => adopted.push(...jobs) };
  }

  it('runs a due job right after its commit, with no claim of its own, and finishes it once', async () => {
    const jobKind = kindOf('run');
    const ran: string[] = [];
    const runner = new JobRunner({ db: database.db, logger, handlers: { [jobKind]: async (job) => ran.push(job.id) }, pollMs: 60_000 });
    runner.start();
    try {
      const store = createStore(database.db, database.kind, TENANT, () => runner.handoff);
      const job = await store.transaction((tx) => tx.jobs.enqueue({ kind: jobKind, payload: { n: 1 } }));
      expect(job.state).toBe('running');
      expect(job.attempts).toBe(1);
      await expect.poll(async () => (await store.read.jobs.get(job.id))?.state, { timeout: 5000 }).toBe('done');
      expect(ran).toEqual([job.id]);
      // Nothing is left for a claim to find: the next claim runs nothing.
      expect(await runner.runDue()).toBe(0);
      expect(ran).toEqual([job.id]);
    } finally {
      await runner.stop();
    }
  });

  it('leaves a job due later, or of a kind this process does not run, for the runner to claim', async () => {
    const jobKind = kindOf('later');
    const handoff = recordingHandoff(jobKind, () => new Date());
    const store = createStore(database.db, database.kind, TENANT, () => handoff);
    const [later, other] = await store.transaction(async (tx) => [
      await tx.jobs.enqueue({ kind: jobKind, payload: {}, runAt: new Date(Date.now() + 60_000).toISOString() }),
      await tx.jobs.enqueue({ kind: kindOf('other'), payload: {} }),
    ]);
    expect(later.state).toBe('queued');
    expect(other.state).toBe('queued');
    expect(handoff.adopted).toEqual([]);
  });

  it('hands over nothing when the transaction rolls back, and the job is gone with it', async () => {
    const jobKind = kindOf('rollback');
    const handoff = recordingHandoff(jobKind, () => new Date());
    const store = createStore(database.db, database.kind, TENANT, () => handoff);
    let id = '';
    await expect(
      store.transaction(async (tx) => {
        id = (await tx.jobs.enqueue({ kind: jobKind, payload: {} })).id;
        throw new Error('effect failed');
      }),
    ).rejects.toThrow('effect failed');
    expect(handoff.adopted).toEqual([]);
    expect(await store.read.jobs.get(id)).toBeNull();
  });

  it('a job claimed at enqueue by a process that died is taken over once its lease runs out, and runs once', async () => {
    const jobKind = kindOf('crash');
    let now = Date.now();
    const handoff = recordingHandoff(jobKind, () => new Date(now), 1000);
    const store = createStore(database.db, database.kind, TENANT, () => handoff);
    const job = await store.transaction((tx) => tx.jobs.enqueue({ kind: jobKind, payload: {}, runAt: new Date(now).toISOString() }));
    expect(handoff.adopted.map((j) => j.id)).toEqual([job.id]);
    const runs: string[] = [];
    const rescuer = new JobRunner({ db: database.db, logger, handlers: { [jobKind]: async (j) => runs.push(j.id) }, now: () => new Date(now), workerId: 'rescuer' });
    // Within the lease the job is the dead process's: nobody else may run it.
    expect(await rescuer.runDue()).toBe(0);
    now += 5000;
    expect(await rescuer.runDue()).toBe(1);
    expect(await rescuer.runDue()).toBe(0);
    expect(runs).toEqual([job.id]);
    const done = await store.read.jobs.get(job.id);
    expect(done).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('a sole runner (PGlite: one process per data directory) queues at start what a dead process left running, and runs it once at once', async () => {
    const jobKind = kindOf('orphan');
    const handoff = recordingHandoff(jobKind, () => new Date(), 60_000);
    const store = createStore(database.db, database.kind, TENANT, () => handoff);
    const job = await store.transaction((tx) => tx.jobs.enqueue({ kind: jobKind, payload: {} }));
    expect(job).toMatchObject({ state: 'running', attempts: 1 });
    const runs: string[] = [];
    const restarted = new JobRunner({ db: database.db, logger, handlers: { [jobKind]: async (j) => runs.push(j.id) }, workerId: 'restarted', soleRunner: true, pollMs: 60_000 });
    restarted.start();
    try {
      // Well within the dead process's 60 s lease.
      await expect.poll(() => runs, { timeout: 5000 }).toEqual([job.id]);
      await expect.poll(async () => (await store.read.jobs.get(job.id))?.state, { timeout: 5000 }).toBe('done');
      expect(await store.read.jobs.get(job.id)).toMatchObject({ attempts: 1 });
      expect(runs).toEqual([job.id]);
    } finally {
      await restarted.stop();
    }
  });

  it('a second enqueue with the same dedupe key is not handed over again', async () => {
    const jobKind = kindOf('dedupe');
    const handoff = recordingHandoff(jobKind, () => new Date());
    const store = createStore(database.db, database.kind, TENANT, () => handoff);
    const first = await store.transaction((tx) => tx.jobs.enqueue({ kind: jobKind, payload: {}, dedupeKey: `k-${jobKind}` }));
    const second = await store.transaction((tx) => tx.jobs.enqueue({ kind: jobKind, payload: {}, dedupeKey: `k-${jobKind}` }));
    expect(second.id).toBe(first.id);
    expect(handoff.adopted.map((j) => j.id)).toEqual([first.id]);
  });

  it('a runner stopped while the enqueuing transaction ran does not run its jobs: they go back to the queue, and run once later', async () => {
    const jobKind = kindOf('stopped');
    const ran: string[] = [];
    const runner = new JobRunner({ db: database.db, logger, handlers: { [jobKind]: async (j) => ran.push(j.id) }, pollMs: 60_000 });
    runner.start();
    const store = createStore(database.db, database.kind, TENANT, () => runner.handoff);
    const job = await store.transaction(async (tx) => {
      const j = await tx.jobs.enqueue({ kind: jobKind, payload: {} });
      await runner.stop(); // a shutdown while this transaction is still open
      return j;
    });
    expect(job.state).toBe('running');
    await expect.poll(async () => (await store.read.jobs.get(job.id))?.state, { timeout: 5000 }).toBe('queued');
    expect(ran).toEqual([]);
    const next = new JobRunner({ db: database.db, logger, handlers: { [jobKind]: async (j) => ran.push(j.id) } });
    expect(await next.runDue()).toBe(1);
    expect(ran).toEqual([job.id]);
    expect(await store.read.jobs.get(job.id)).toMatchObject({ state: 'done', attempts: 1 });
  });

  it('claims at most ten jobs in one transaction; the rest wait for the runner', async () => {
    const jobKind = kindOf('many');
    const handoff = recordingHandoff(jobKind, () => new Date(Date.now() + 1000));
    const store = createStore(database.db, database.kind, TENANT, () => handoff);
    const jobs = await store.transaction(async (tx) => {
      const out: Job[] = [];
      for (let i = 0; i < 15; i++) out.push(await tx.jobs.enqueue({ kind: jobKind, payload: { i } }));
      return out;
    });
    expect(handoff.adopted).toHaveLength(10);
    expect(jobs.filter((j) => j.state === 'queued')).toHaveLength(5);
  });

  it('finishes a batch whose results JSON or PostgreSQL text could not hold, and runs no job twice', async () => {
    const jobKind = kindOf('poison');
    const runs = new Map<string, number>();
    const results: Record<string, unknown> = {};
    const runner = new JobRunner({
      db: database.db,
      logger,
      handlers: {
        [jobKind]: async (j) => {
          runs.set(j.id, (runs.get(j.id) ?? 0) + 1);
          const n = (j.payload as { n: number }).n;
          if (n === 0) return { text: `nul\u0000here` };
          if (n === 1) return { big: BigInt(1) };
          if (n === 2) throw new Error(`bad\u0000error`);
          return results;
        },
      },
    });
    const store = createStore(database.db, database.kind, TENANT);
    const jobs = [];
    for (let n = 0; n < 5; n++) jobs.push(await store.read.jobs.enqueue({ kind: jobKind, payload: { n }, runAt: new Date(Date.now() - 1000).toISOString() }));
    expect(await runner.runDue()).toBe(5);
    const stored = await Promise.all(jobs.map((j) => store.read.jobs.get(j.id)));
    expect(stored.map((j) => j?.state)).toEqual(['done', 'done', 'failed', 'done', 'done']);
    expect(stored[0]?.result).toEqual({ text: 'nulhere' });
    expect(stored[1]?.result).toMatchObject({ unstorableResult: expect.any(String) });
    expect(stored[2]?.lastError).toBe('baderror');
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
  });
});

