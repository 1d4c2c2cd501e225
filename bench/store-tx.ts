/**
 * Store transactions per second: the write a förhinder makes, through the repositories (claim an
 * idempotency key, read the person's attendance row, write it with the optimistic version check, audit,
 * save the key's result), on PGlite and PostgreSQL. Fixed duration, `workers` concurrent writers, each on
 * its own person so conflicts do not count against the store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Attendance } from '../shared/domain';
import type { Store } from '../shared/ports/store';
import { openDatabase, type Database } from '../bot/store/database';
import { createStore } from '../bot/store/store';

const TENANT = 'bench-tenant';

export interface OpenedStore {
  database: Database;
  store: Store;
  close(): Promise<void>;
}

export async function openBenchStore(target: { databaseUrl?: string }): Promise<OpenedStore> {
  const dataDir = target.databaseUrl ? '' : mkdtempSync(join(tmpdir(), 'radslag-bench-store-'));
  const database = await openDatabase({ databaseUrl: target.databaseUrl ?? null, dataDir });
  const store = createStore(database.db, database.kind, TENANT);
  return {
    database,
    store,
    async close() {
      await database.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One body, one meeting and `people` persons with attendance rows; returns their ids. */
export async function seedForTx(store: Store, people: number): Promise<{ meetingId: string; personIds: string[] }> {
  const bodyId = randomUUID();
  const meetingId = randomUUID();
  const personIds = Array.from({ length: people }, () => randomUUID());
  await store.transaction(async (tx) => {
    await tx.bodies.insert({ id: bodyId, tenantId: TENANT, name: `Bench-råd ${bodyId}`, kind: 'råd', defaultDocumentKind: 'protokoll', version: 1 });
    await tx.meetings.insert({
      id: meetingId,
      tenantId: TENANT,
      bodyIds: [bodyId],
      documentKind: 'protokoll',
      startsAt: '2030-03-21T08:00:00.000Z',
      endsAt: '2030-03-21T11:00:00.000Z',
      timeZone: 'Europe/Stockholm',
      mode: 'hybrid',
      status: 'planned',
      secretaryPersonIds: [],
      justerarePersonIds: [],
      version: 1,
    });
    for (const [i, id] of personIds.entries()) {
      await tx.people.insert({ id, tenantId: TENANT, name: `Bench Person ${i}`, isAdmin: false, version: 1 });
      await tx.attendance.insert({
        id: randomUUID(),
        tenantId: TENANT,
        meetingId,
        personId: id,
        bodyId,
        state: 'expected',
        source: 'secretary',
        partOfMeeting: false,
        updatedAt: new Date().toISOString(),
        version: 1,
      });
    }
  });
  return { meetingId, personIds };
}

/** The representative small write transaction. */
export async function absenceWrite(store: Store, meetingId: string, personId: string, key: string): Promise<void> {
  await store.transaction(async (tx) => {
    if (await tx.idempotency.claim(key)) return;
    const [row] = await tx.attendance.findBy({ meetingId, personId });
    if (!row) throw new Error('bench seed missing');
    const next: Attendance = { ...row, state: row.state === 'förhinder' ? 'expected' : 'förhinder', source: 'chat', note: 'sjuk', updatedAt: new Date().toISOString() };
    const saved = await tx.attendance.update(next);
    await tx.audit.record({ actorPersonId: personId, action: 'attendance.absence', entity: 'attendance', entityId: saved.id, details: { state: saved.state }, correlationId: key });
    await tx.idempotency.saveResult(key, { attendanceId: saved.id, version: saved.version });
  });
}

export async function storeTxPerSecond(store: Store, seed: { meetingId: string; personIds: string[] }, workers: number, durationMs: number): Promise<{ tps: number; errors: number; firstError: string | null }> {
  let done = 0;
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  const until = started + durationMs;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      const personId = seed.personIds[w % seed.personIds.length] as string;
      while (performance.now() < until) {
        try {
          await absenceWrite(store, seed.meetingId, personId, `bench:${randomUUID()}`);
          done++;
        } catch (e) {
          errors++;
          firstError ??= (e as Error).message;
        }
      }
    }),
  );
  return { tps: (done / (performance.now() - started)) * 1000, errors, firstError };
}
