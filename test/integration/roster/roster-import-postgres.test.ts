import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { createTestDatabase, type TestDatabase } from '../../kit/pg';
import type { Repositories, Store } from '../../../shared/ports/store';
import { UseCaseRunner } from '../../../bot/usecase/run-use-case';
import { applyRosterImport } from '../../../shared/services/roster-import-service';
import { ADMIN, apply, countPeople, createBody, preview, readSeed, rosterOf } from './roster-kit';

/** The same import on PostgreSQL (same SQL as PGlite): the joint protocol, re-import, and all-or-nothing apply. */
describe('roster import on PostgreSQL', () => {
  let db: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp({ env: { DATABASE_URL: db.url } });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('imports the joint protocol into two bodies, then re-imports it without duplicates', async () => {
    expect(t.app.store.kind).toBe('postgres');
    const a = await createBody(t, 'Specifika samverkansrådet för social välfärd samt vård och omsorg');
    const b = await createBody(t, 'Specifika samverkansrådet för folkhälsa');
    const text = readSeed('specifika-samverkansraden-2024-09-20');
    const imp = await preview(t, a, { text, bodyIds: [a, b], createMeeting: { date: '2024-09-20' }, unmarked: 'present' });
    const applied = await apply(t, a, imp.id);
    expect(applied.result.counts).toMatchObject({ peopleCreated: 47, membershipsAdded: 56, attendanceRecorded: 47 });
    const seats = [...(await rosterOf(t, a)), ...(await rosterOf(t, b))];
    expect(seats).toHaveLength(56);
    expect(seats.filter((s) => s.name === 'Siw Lunader')).toHaveLength(2);
    const people = await countPeople(t);
    const again = await preview(t, a, { text, bodyIds: [a, b] });
    expect(again.plan.isEmpty).toBe(true);
    await apply(t, a, again.id);
    expect(await countPeople(t)).toBe(people);
  });

  it('rolls back everything when apply fails half-way', async () => {
    const a = await createBody(t, 'Rådet för avbrott');
    const imp = await preview(t, a, { text: 'Alva Avbrott, Kumla kommun\nBo Avbrott, Nora kommun\nCilla Avbrott, Laxå kommun' });
    const before = await countPeople(t);
    const real = t.app.store;
    let n = 0;
    const failing: Store = {
      ...real,
      transaction: (fn) =>
        real.transaction((tx) => {
          const memberships = Object.create(tx.memberships) as Repositories['memberships'];
          memberships.insert = async (m) => {
            if (++n === 2) throw new Error('connection lost (injected)');
            return tx.memberships.insert(m);
          };
          return fn({ ...tx, memberships });
        }),
    };
    const admin = (await real.read.people.findByEmail(ADMIN))!;
    const runner = new UseCaseRunner({ ...t.app.runnerDeps, store: failing });
    await expect(runner.run({ actor: { personId: admin.id, tenantId: real.tenantId, isAdmin: true }, correlationId: 'pg', locale: 'sv' }, applyRosterImport, { bodyId: a, importId: imp.id })).rejects.toThrow('connection lost');
    expect(await countPeople(t)).toBe(before);
    expect(await rosterOf(t, a)).toEqual([]);
    expect((await apply(t, a, imp.id)).result.counts.peopleCreated).toBe(3);
  });
});
