import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql, PostgresDialect } from 'kysely';
import pg from 'pg';
import { guardPool } from './connection-errors';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';
import { migrate, type MigrationResult } from './migrate';
import { PGliteDialect } from './pglite-dialect';
import { nameParameterisedStatements } from './pg-named-statements';
import type { DB } from './schema';
import { ALL_ON, type LayersOff } from '../perf-layers';
import { PGliteReadCache } from './pglite-read-cache';

export type StoreKind = 'pglite' | 'postgres';

export interface Database {
  kind: StoreKind;
  db: Kysely<DB>;
  migration: MigrationResult;
  /** For LISTEN/NOTIFY (PostgreSQL only). */
  postgresUrl: string | null;
  close(): Promise<void>;
}

const DATE_OID = 1082;
const INT8_OID = 20;

/** Dates stay calendar strings (YYYY-MM-DD): converting them to Date would shift them across time zones. */
const pgTypes = {
  getTypeParser(oid: number, format?: any) {
    if (oid === DATE_OID) return (v: string) => v;
    return pg.types.getTypeParser(oid, format);
  },
};

export interface OpenOptions {
  databaseUrl: string | null;
  dataDir: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /** Told when a pooled connection dies (PostgreSQL restart, failover, terminated); the pool replaces it. */
  onConnectionError?: (err: Error) => void;
  /** Told when PGlite's periodic CHECKPOINT fails (nothing is lost; the next one tries again). */
  onCheckpointError?: (err: Error) => void;
  /** PGlite only: how often to CHECKPOINT (default 5 minutes; tests shorten it). */
  checkpointEveryMs?: number;
  /** The bench only: custom performance layers turned off to measure their gain (bot/perf-layers.ts). */
  layersOff?: LayersOff;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      types: pgTypes,
      connectionTimeoutMillis: 10_000,
      statement_timeout: 30_000,
    });
    // A connection cut by the server (restart, failover, pg_terminate_backend) makes the pool or the client
    // emit 'error'; without a listener Node treats that as an uncaught exception and the whole process dies.
    // The pool drops the client and the next query gets a fresh connection (clients cut while checked out
    // too: test/integration/reliability/postgres-faults).
    guardPool(pool, (err) => opts.onConnectionError?.(err));
    if (!(opts.layersOff ?? ALL_ON).has('pg-named')) nameParameterisedStatements(pool);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    try {
      const migration = await migrate(db, { postgres: true });
      return { kind: 'postgres', db, migration, postgresUrl: opts.databaseUrl, close: () => db.destroy() };
    } catch (e) {
      await db.destroy();
      throw e;
    }
  }

  const lock: DataDirLock = acquireDataDirLock(opts.dataDir);
  let pglite: PGlite | undefined;
  try {
    // The lock file lives beside the database files: PGlite refuses to initialise a non-empty directory.
    pglite = await PGlite.create(join(opts.dataDir, 'pgdata'), {
      parsers: { [DATE_OID]: (v: string) => v, [INT8_OID]: (v: string) => v },
    });
    // PGlite reads no postgresql.conf, so this is set on its one session. Zero-filling each new 1 MB WAL
    // segment only pre-allocates disk space (WAL records carry their own checks): under a burst of writes it
    // was a measurable share of the server's CPU (bench). Durability of commits is unchanged.
    await pglite.exec('SET wal_init_zero = off');
    const off = opts.layersOff ?? ALL_ON;
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite, off.has('pglite-cache') ? null : new PGliteReadCache(), { prepared: !off.has('pglite-prepared') }) });
    const migration = await migrate(db, { postgres: false });
    const instance = pglite;
    const checkpoints = scheduleCheckpoints(db, opts.checkpointEveryMs ?? CHECKPOINT_EVERY_MS, opts.onCheckpointError);
    return {
      kind: 'pglite',
      db,
      migration,
      postgresUrl: null,
      async close() {
        clearInterval(checkpoints);
        await db.destroy();
        await instance.close();
        lock.release();
      },
    };
  } catch (e) {
    await pglite?.close().catch(() => undefined);
    lock.release();
    throw e;
  }
}

/**
 * PGlite runs Postgres as one single-user backend: no checkpointer process, so nothing checkpoints while it
 * runs. Every committed write then stays in the WAL until a clean close, and a start after a crash replays
 * all of it (measured: 20 000 transactions added ~200 ms to the start; a server up for months would take
 * minutes), and WAL segments are never recycled. A CHECKPOINT every few minutes bounds both. It goes through
 * the same one connection as everything else, so it waits for a running transaction and delays the next.
 */
const CHECKPOINT_EVERY_MS = 5 * 60_000;
function scheduleCheckpoints(db: Kysely<DB>, everyMs: number, onError?: (err: Error) => void): NodeJS.Timeout {
  const t = setInterval(() => {
    sql`CHECKPOINT`.execute(db).catch((e: unknown) => onError?.(e as Error));
  }, everyMs);
  t.unref();
  return t;
}

export { type DataDirLock };
