import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../../bot/jobs/job-runner';
import { createLogger } from '../../../bot/logger';
import type { Database } from '../../../bot/store/database';
import { createStore } from '../../../bot/store/store';
import { pgAvailable, pgRequired } from '../../kit/pg';
import { openTestDatabase } from '../../kit/test-store';

const TENANT = '44444444-4444-4444-4444-444444444444';
const logger = createLogger('silent');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Issue 15 finding 6: after a crash, members got their förhinder confirmation twice. A `teams.send` job that
 * had been sent stayed `running` because its finish waited in a batch behind another finish; the process died
 * in that time, and when the lease ran out the restarted process claimed the job and sent it again.
 *
 * Here the other finish is held up (on PGlite the one connection is busy; on PostgreSQL the other job's row
 * is locked), the message is sent, and then — the first process as good as dead — a second runner whose
 * clock is past the lease claims what is due. The message must have been recorded as sent by then.
 */
describe.each(['pglite', 'postgres'] as const)('a sent message is recorded before anything can send it again (%s)', (kind) => {
  let database: Database | null = null;
  let cleanup: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    if (kind === 'postgres' && !(await pgAvailable()) && !pgRequired()) return;
    ({ database, cleanup } = await openTestDatabase(kind, 'radslag-sendonce-'));
  });
  afterAll(async () => cleanup?.());

  it('a crash after the send while another job’s finish is held up: after restart and lease expiry the message is sent once', async (ctx) => {
    if (!database) return ctx.skip();
    const db = database.db;
    const store = createStore(db, database.kind, TENANT, () => null);
    const other = `test.other.${Date.now().toString(36)}`;
    const [slow, send] = await store.transaction(async (tx) => [
      await tx.jobs.enqueue({ kind: other, payload: {} }),
      await tx.jobs.enqueue({ kind: 'teams.send', payload: { to: { personId: 'p1' }, message: { kind: 'text', text: 'Ditt förhinder är registrerat.' } } }),
    ]);

    const sent: string[] = [];
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    let holding!: Promise<void>;
    const handlers = {
      // Finishes first; its finish is then held up: the one PGlite connection busy, or its row locked.
      [other]: async () => {
        let held!: () => void;
        const isHeld = new Promise<void>((r) => (held = r));
        holding = db.transaction().execute(async (tx) => {
          await sql`select id from jobs where id = ${slow.id} for update`.execute(tx);
          held();
          await gate;
        });
        await isHeld;
        return 'ok';
      },
      'teams.send': async (job: { id: string }) => {
        await sleep(30);
        sent.push(job.id);
        return { activityId: `a-${sent.length}` };
      },
    };
    const dying = new JobRunner({ db, logger, handlers, workerId: 'dies-after-send', leaseMs: 60_000, pollMs: 600_000 });
    const firstRun = dying.runDue();
    await expect.poll(() => sent.length, { timeout: 5000 }).toBe(1);
    await sleep(50);
    // The first process is dead from here on: only a restarted one, 61 s later, claims what is due.
    const restarted = new JobRunner({ db, logger, handlers, workerId: 'after-restart', leaseMs: 60_000, pollMs: 600_000, now: () => new Date(Date.now() + 61_000) });
    const secondRun = restarted.runDue();
    await sleep(50);
    open();
    await holding;
    await secondRun;
    await firstRun;
    expect(sent, 'the confirmation went out once').toEqual([send.id]);
    const row = await store.read.jobs.get(send.id);
    expect(row?.state).toBe('done');
    expect(row?.attempts).toBe(1);
  });
});
