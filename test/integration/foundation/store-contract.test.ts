import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../bot/store/database';
import { createStore } from '../../../bot/store/store';
import { JobRunner } from '../../../bot/jobs/job-runner';
import { createLogger } from '../../../bot/logger';
import type { Body, Meeting, Person } from '../../../shared/domain';
import type { Store } from '../../../shared/ports/store';
import { RadslagError } from '../../../shared/errors/catalog';
import { openTestDatabase } from '../../kit/test-store';

const TENANT = '11111111-1111-1111-1111-111111111111';
let counter = 0;
const id = (p: string) => `${p}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

function body(name: string): Body {
  return { id: id('b'), tenantId: TENANT, name, kind: 'råd', shortName: null, defaultDocumentKind: 'protokoll', teamsTeamId: null, teamsChannelId: null, absenceContact: null, version: 1 };
}
function person(name: string, email: string | null = null): Person {
  return { id: id('p'), tenantId: TENANT, name, email, aadObjectId: null, userPrincipalName: null, title: null, organisationId: null, isAdmin: false, locale: null, version: 1 };
}
function meeting(bodyIds: string[], startsAt: string): Meeting {
  return {
    id: id('m'),
    tenantId: TENANT,
    bodyIds,
    title: null,
    documentKind: 'protokoll',
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + 3 * 3600_000).toISOString(),
    timeZone: 'Europe/Stockholm',
    place: 'Lokal Eken, Eklundavägen 1',
    mode: 'hybrid',
    status: 'planned',
    startedAt: null,
    endedAt: null,
    movedFromStartsAt: null,
    teams: null,
    chairPersonId: null,
    secretaryPersonIds: [],
    justerarePersonIds: [],
    version: 1,
  };
}

/** The same cases against embedded PGlite and PostgreSQL: one SQL dialect, one behaviour. */
describe.each(['pglite', 'postgres'] as const)('store contract on %s', (kind) => {
  let database: Database;
  let store: Store;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ database, cleanup } = await openTestDatabase(kind, 'radslag-contract-'));
    store = createStore(database.db, database.kind, TENANT);
  });
  afterAll(async () => cleanup?.());

  it('reports its kind and applied every migration', () => {
    expect(database.kind).toBe(kind);
    expect(database.migration.total).toBeGreaterThan(0);
  });

  it('round-trips an entity with Swedish text and JSON columns', async () => {
    const b = await store.read.bodies.insert(body('Specifika samverkansrådet för social välfärd samt vård och omsorg'));
    const m = await store.read.meetings.insert({ ...meeting([b.id], '2024-09-20T07:00:00.000Z'), teams: { joinUrl: 'https://teams.microsoft.com/l/meetup-join/x', meetingId: id('teams') } });
    const got = await store.read.meetings.require(m.id);
    expect(got.bodyIds).toEqual([b.id]);
    expect(got.startsAt).toBe('2024-09-20T07:00:00.000Z');
    expect(got.teams?.joinUrl).toBe('https://teams.microsoft.com/l/meetup-join/x');
    expect(got.place).toBe('Lokal Eken, Eklundavägen 1');
    expect(got.version).toBe(1);
    expect((await store.read.bodies.require(b.id)).name).toBe('Specifika samverkansrådet för social välfärd samt vård och omsorg');
  });

  it('keeps calendar dates as dates (no time-zone shift)', async () => {
    const b = await store.read.bodies.insert(body(`Chefsgrupp ${id('x')}`));
    const m = await store.read.meetings.insert(meeting([b.id], '2022-06-03T11:00:00.000Z'));
    await store.read.upcomingDates.insert({ id: id('u'), meetingId: m.id, date: '2022-12-09', note: 'fysiskt', position: 1 });
    const [d] = await store.read.upcomingDates.findBy({ meetingId: m.id });
    expect(d?.date).toBe('2022-12-09');
  });

  it('refuses a stale concurrent update with CONFLICT_STALE and the fresh entity', async () => {
    const p = await store.read.people.insert(person('Siw Lunander', `siw.${id('e')}@hallsberg.se`));
    const first = await store.read.people.update({ ...p, title: 'ordförande' });
    expect(first.version).toBe(2);
    // A second writer still holding version 1 must not overwrite the first writer's change.
    const stale = store.read.people.update({ ...p, title: 'ledamot' });
    await expect(stale).rejects.toBeInstanceOf(RadslagError);
    await expect(store.read.people.update({ ...p, title: 'ledamot' })).rejects.toMatchObject({ code: 'CONFLICT_STALE', data: { title: 'ordförande', version: 2 } });
    expect((await store.read.people.require(p.id)).title).toBe('ordförande');
  });

  it('lets exactly one of two simultaneous writers of the same version win', async () => {
    const p = await store.read.people.insert(person('Jari Mehtäläinen'));
    const results = await Promise.allSettled([
      store.transaction((tx) => tx.people.update({ ...p, title: 'A' })),
      store.transaction((tx) => tx.people.update({ ...p, title: 'B' })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'CONFLICT_STALE' });
  });

  it('rolls back everything in a failed transaction', async () => {
    const name = `Rollback ${id('r')}`;
    await expect(
      store.transaction(async (tx) => {
        await tx.bodies.insert(body(name));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await store.read.bodies.findBy({ name })).length).toBe(0);
  });

  it('refuses duplicates on unique keys with DUPLICATE', async () => {
    const email = `dup.${id('d')}@kumla.se`;
    await store.read.people.insert(person('Gabriella Mueller Prabin', email));
    await expect(store.read.people.insert(person('Gabriella M. Prabin', email.toUpperCase()))).rejects.toMatchObject({ code: 'DUPLICATE' });
  });

  it('finds meetings of any body of a joint meeting, and by Teams meeting id', async () => {
    const a = await store.read.bodies.insert(body(`Råd A ${id('a')}`));
    const b = await store.read.bodies.insert(body(`Råd B ${id('b')}`));
    const joint = await store.read.meetings.insert({ ...meeting([a.id, b.id], '2025-03-21T08:00:00.000Z'), teams: { meetingId: `MCM-${id('t')}` } });
    await store.read.meetings.insert(meeting([a.id], '2025-05-16T08:00:00.000Z'));
    expect((await store.read.meetings.listForBodies([b.id])).map((m) => m.id)).toEqual([joint.id]);
    expect((await store.read.meetings.listForBodies([a.id])).length).toBe(2);
    expect((await store.read.meetings.listForBodies([a.id], { from: '2025-04-01T00:00:00Z' })).length).toBe(1);
    expect((await store.read.meetings.findByTeamsMeetingId(joint.teams!.meetingId!))?.id).toBe(joint.id);
  });

  it('claims an idempotency key once; a rolled-back claim can be claimed again', async () => {
    const key = `activity:${id('k')}`;
    await expect(
      store.transaction(async (tx) => {
        expect(await tx.idempotency.claim(key)).toBeNull();
        throw new Error('effect failed');
      }),
    ).rejects.toThrow();
    const first = await store.transaction(async (tx) => {
      const c = await tx.idempotency.claim(key);
      await tx.idempotency.saveResult(key, { reply: 'ok' });
      return c;
    });
    expect(first).toBeNull();
    const second = await store.transaction((tx) => tx.idempotency.claim(key));
    expect(second).toEqual({ result: { reply: 'ok' } });
  });

  it('enqueues jobs idempotently by dedupe key', async () => {
    const key = `publish:${id('j')}`;
    const a = await store.read.jobs.enqueue({ kind: 'test.noop', payload: { n: 1 }, dedupeKey: key });
    const b = await store.read.jobs.enqueue({ kind: 'test.noop', payload: { n: 2 }, dedupeKey: key });
    expect(b.id).toBe(a.id);
    expect(b.payload).toEqual({ n: 1 });
  });

  it('runs each job exactly once with two competing runners, retries failures with backoff', async () => {
    const kind = `test.count.${id('k')}`;
    const runs = new Map<string, number>();
    const failOnce = new Set<string>();
    const handler = async (job: { id: string; payload: Record<string, unknown> }) => {
      runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
      if (job.payload.failFirst && !failOnce.has(job.id)) {
        failOnce.add(job.id);
        throw new Error('transient');
      }
      return { ok: true };
    };
    const jobs = await Promise.all(Array.from({ length: 20 }, (_, i) => store.read.jobs.enqueue({ kind, payload: { i, failFirst: i === 0 } })));
    const logger = createLogger('silent');
    let now = Date.now();
    const clock = () => new Date(now);
    const r1 = new JobRunner({ db: database.db, logger, handlers: { [kind]: handler }, now: clock, workerId: 'r1', batchSize: 5 });
    const r2 = new JobRunner({ db: database.db, logger, handlers: { [kind]: handler }, now: clock, workerId: 'r2', batchSize: 5 });
    for (let i = 0; i < 6; i++) await Promise.all([r1.runDue(), r2.runDue()]);
    const retried = await store.read.jobs.get(jobs[0]!.id);
    expect(retried?.state).toBe('failed');
    expect(retried?.lastError).toBe('transient');
    now += 60_000;
    await Promise.all([r1.runDue(), r2.runDue()]);
    for (const j of jobs) expect((await store.read.jobs.get(j.id))?.state).toBe('done');
    expect(runs.get(jobs[0]!.id)).toBe(2);
    expect([...runs.entries()].filter(([k]) => k !== jobs[0]!.id).every(([, n]) => n === 1)).toBe(true);
  });

  it('takes over a job whose runner died after its lease expired', async () => {
    const kind = `test.lease.${id('k')}`;
    const job = await store.read.jobs.enqueue({ kind, payload: {} });
    let now = Date.now();
    const logger = createLogger('silent');
    const dying = new JobRunner({ db: database.db, logger, handlers: { [kind]: () => new Promise(() => undefined) }, now: () => new Date(now), workerId: 'dying', leaseMs: 1000 });
    void dying.runDue();
    await new Promise((r) => setTimeout(r, 300));
    expect((await store.read.jobs.get(job.id))?.state).toBe('running');
    now += 5000;
    const rescuer = new JobRunner({ db: database.db, logger, handlers: { [kind]: async () => 'rescued' }, now: () => new Date(now), workerId: 'rescuer' });
    expect(await rescuer.runDue()).toBe(1);
    const done = await store.read.jobs.get(job.id);
    expect(done?.state).toBe('done');
    expect(done?.result).toBe('rescued');
  });

  it('records and lists the audit log', async () => {
    const entityId = id('aud');
    await store.read.audit.record({ actorPersonId: 'p-1', action: 'decision.reopen', entity: 'decision', entityId, details: { why: 'stavfel' }, correlationId: 'c-1' });
    const [entry] = await store.read.audit.list({ entity: 'decision', entityId });
    expect(entry).toMatchObject({ actorPersonId: 'p-1', action: 'decision.reopen', details: { why: 'stavfel' }, correlationId: 'c-1' });
  });

  it('isolates tenants: another tenant sees nothing', async () => {
    const b = await store.read.bodies.insert(body(`Hemligt råd ${id('t')}`));
    const other = createStore(database.db, database.kind, '22222222-2222-2222-2222-222222222222');
    expect(await other.read.bodies.get(b.id)).toBeNull();
    await expect(other.read.bodies.update({ ...b, name: 'kapat' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await store.read.bodies.require(b.id)).name).toBe(b.name);
  });
});
