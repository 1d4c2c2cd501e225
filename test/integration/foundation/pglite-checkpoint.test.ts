import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../bot/store/database';
import { createStore } from '../../../bot/store/store';

/**
 * PGlite has no checkpointer process: without the store's own periodic CHECKPOINT the WAL since the start
 * would all be replayed after a crash. The interval is shortened here; production uses 5 minutes.
 */
let dir: string;
let database: Database;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'radslag-checkpoint-'));
  database = await openDatabase({ databaseUrl: null, dataDir: dir, checkpointEveryMs: 200 });
});
afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

const checkpointLsn = async () => (await sql<{ lsn: string }>`select checkpoint_lsn::text as lsn from pg_control_checkpoint()`.execute(database.db)).rows[0]!.lsn;
const lsnValue = (lsn: string) => {
  const [hi, lo] = lsn.split('/');
  return BigInt(`0x${hi}`) * 2n ** 32n + BigInt(`0x${lo}`);
};

it('checkpoints by itself while the server runs, and the cached reads stay answered', async () => {
  const store = createStore(database.db, database.kind, '44444444-4444-4444-4444-444444444444');
  const before = await checkpointLsn();
  for (let i = 0; i < 20; i++) await store.read.audit.record({ actorPersonId: null, action: 'test.write', entity: 'checkpoint', entityId: String(i), details: {}, correlationId: null });
  const written = (await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(database.db)).rows[0]!.lsn;
  await expect.poll(async () => lsnValue(await checkpointLsn()) >= lsnValue(written), { timeout: 5000, interval: 100 }).toBe(true);
  expect(lsnValue(await checkpointLsn())).toBeGreaterThan(lsnValue(before));
  const listed = await store.read.audit.list({ entity: 'checkpoint' });
  expect(listed).toHaveLength(20);
});
