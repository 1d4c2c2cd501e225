/**
 * Issue 15 §4c: finished jobs are purged after the retention period (RADSLAG_JOB_RETENTION_DAYS). The daily
 * 'jobs.purge' job deletes done, dead and cancelled jobs that finished before the cut-off, never a job that
 * is queued, running or waiting for a retry, and queues the next day's run; a purged dedupe key does not
 * make a meeting's change notices go out twice.
 */
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../../../bot/config';
import { scheduleJobPurge } from '../../../shared/services/job-retention';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { planMeeting, seedCouncil, type Council } from '../agenda/fixture';

const base = new Date('2025-06-10T09:00:00.000Z');
let now = base;
const clock = { now: () => new Date(now) };
let t: TestApp;
let council: Council;

const daysAgo = (d: number, from = base) => new Date(from.getTime() - d * 24 * 3600_000).toISOString();

async function insertJob(state: string, finishedDaysAgo: number | null, kind = 'test.archived'): Promise<string> {
  const id = randomUUID();
  const at = daysAgo(finishedDaysAgo ?? 1);
  await sql`INSERT INTO jobs (id, tenant_id, kind, payload, state, run_at, created_at, updated_at, finished_at)
    VALUES (${id}, ${t.app.store.tenantId}, ${kind}, ${JSON.stringify({ text: 'Jag är sjuk.' })}::jsonb, ${state}, ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz, ${finishedDaysAgo === null ? null : at}::timestamptz)`.execute(t.app.database.db);
  return id;
}

beforeAll(async () => {
  t = await startTestApp({ clock, runJobs: false, env: { RADSLAG_JOB_RETENTION_DAYS: '20' } });
  council = await seedCouncil(t);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('finished jobs are purged after the retention period', () => {
  it('the retention is configured by RADSLAG_JOB_RETENTION_DAYS (default 30) and validated', () => {
    expect(loadConfig({}).jobRetentionDays).toBe(30);
    expect(loadConfig({ RADSLAG_JOB_RETENTION_DAYS: '7' }).jobRetentionDays).toBe(7);
    for (const bad of ['0', '-1', 'tio', '1.5']) expect(() => loadConfig({ RADSLAG_JOB_RETENTION_DAYS: bad })).toThrow(ConfigError);
  });

  it('at 02.00 UTC deletes done, dead and cancelled jobs older than the period; keeps recent, queued, running and retrying ones; queues the next night’s run', async () => {
    const old = { done: await insertJob('done', 40), dead: await insertJob('dead', 25), cancelled: await insertJob('cancelled', 21) };
    const kept = {
      recentDone: await insertJob('done', 10),
      queued: await insertJob('queued', null),
      failedRetrying: await insertJob('failed', null),
      running: await insertJob('running', null),
    };
    await t.app.runner.run(t.app.runner.system('test'), scheduleJobPurge, {});
    // Scheduling again the same day (a second replica starting) adds nothing.
    await t.app.runner.run(t.app.runner.system('test'), scheduleJobPurge, {});
    const [scheduled] = await t.app.store.read.jobs.list({ kind: 'jobs.purge' });
    expect(scheduled).toMatchObject({ state: 'queued', runAt: '2025-06-11T02:00:00.000Z', dedupeKey: 'jobs.purge:2025-06-11' });

    now = new Date('2025-06-11T02:00:00.000Z');
    await t.app.jobs.runDue();
    for (const id of Object.values(old)) expect(await t.app.store.read.jobs.get(id), id).toBeNull();
    for (const id of Object.values(kept)) expect(await t.app.store.read.jobs.get(id), id).not.toBeNull();
    const purges = await t.app.store.read.jobs.list({ kind: 'jobs.purge' });
    const ran = purges.find((j) => j.state === 'done')!;
    expect(ran.result).toMatchObject({ purged: 3, finishedBefore: daysAgo(20, now), next: '2025-06-12' });
    const next = purges.find((j) => j.state === 'queued')!;
    expect(next).toMatchObject({ runAt: '2025-06-12T02:00:00.000Z', dedupeKey: 'jobs.purge:2025-06-12' });
  });

  it('a meeting saved again after its change-notice job was purged tells nobody twice', async () => {
    const meeting = await planMeeting(t, council, '2025-07-01T08:00:00.000Z');
    const as = council.people.secretary.email;
    const read = async () => (await (await t.api(`/api/v1/meetings/${meeting.meetingId}`, { as })).json()).meeting;
    const cancel = await t.api(`/api/v1/meetings/${meeting.meetingId}`, { method: 'PATCH', as, json: { version: (await read()).version, status: 'cancelled' } });
    expect(cancel.status).toBe(200);
    const notices = () => t.app.store.read.jobs.list({ kind: 'meeting.change_notices' });
    expect(await notices()).toHaveLength(1);
    // The notice was told long ago and its job purged.
    await sql`UPDATE jobs SET state = 'done', finished_at = ${daysAgo(45)}::timestamptz WHERE kind = 'meeting.change_notices'`.execute(t.app.database.db);
    await sql`UPDATE jobs SET run_at = ${now.toISOString()}::timestamptz WHERE kind = 'jobs.purge' AND state = 'queued'`.execute(t.app.database.db);
    await t.app.jobs.runDue();
    expect(await notices()).toHaveLength(0);
    const edit = await t.api(`/api/v1/meetings/${meeting.meetingId}`, { method: 'PATCH', as, json: { version: (await read()).version, title: 'Inställt: budgetmöte' } });
    expect(edit.status).toBe(200);
    expect(await notices()).toHaveLength(0);
  });
});
