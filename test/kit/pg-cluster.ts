/**
 * A private PostgreSQL cluster for fault tests that stop and start the database (issue 15). The shared test
 * server at 127.0.0.1:5432 is used by other suites at the same time and must never be stopped; this one lives
 * in a temp directory on a free loopback port with trust authentication, and is thrown away afterwards.
 *
 * Uses Debian's server binaries (RADSLAG_PG_BIN overrides the directory). PostgreSQL refuses to run as root:
 * as root, every command runs as the `postgres` user in a directory that user owns.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './ports';

export const PG_BIN = process.env.RADSLAG_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PrivateCluster {
  port: number;
  /** URL of a database created for the test. */
  url: string;
  /** Stops the server at once (no checkpoint, connections cut): `pg_ctl stop -m immediate`. */
  stopImmediate(): Promise<void>;
  /** Starts it again on the same port and waits until it accepts connections. */
  start(): Promise<void>;
  /** Terminates every backend connected to the test database except the caller's; returns how many. */
  terminateConnections(): Promise<number>;
  /** Runs one query on the test database with a fresh connection. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>;
  destroy(): Promise<void>;
}

function userId(name: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', name]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', name]).toString().trim());
  return { uid, gid };
}

export async function startPrivateCluster(dbName = 'radslag'): Promise<PrivateCluster> {
  const initdb = join(PG_BIN, 'initdb');
  const pgCtl = join(PG_BIN, 'pg_ctl');
  if (!existsSync(initdb) || !existsSync(pgCtl)) {
    throw new Error(`PostgreSQL server binaries not found in ${PG_BIN} (initdb, pg_ctl): install postgresql-15 or set RADSLAG_PG_BIN to their directory`);
  }
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'radslag-pgfault-'));
  if (asRoot) {
    const { uid, gid } = userId('postgres');
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  // Asynchronous: the test's writers and readiness probes keep running while the server stops and starts.
  const run = async (bin: string, args: string[]): Promise<void> => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
    await promisify(execFile)(cmd, argv as string[], { timeout: 60_000 });
  };
  const port = await freePort();
  await run(initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  // fsync off: the test is about connections, not about the machine losing power.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const start = () => run(pgCtl, ['-D', data, '-l', log, '-o', options, '-w', '-t', '30', 'start']);
  await start();
  const base = `postgres://postgres@127.0.0.1:${port}`;
  const admin = async <T>(db: string, fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: `${base}/${db}`, connectionTimeoutMillis: 5000 });
    c.on('error', () => undefined);
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end().catch(() => undefined);
    }
  };
  await admin('postgres', (c) => c.query(`CREATE DATABASE ${dbName}`));
  let stopped = false;
  return {
    port,
    url: `${base}/${dbName}`,
    async stopImmediate() {
      await run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      stopped = true;
    },
    async start() {
      await start();
      stopped = false;
    },
    terminateConnections: () =>
      admin('postgres', async (c) => {
        const r = await c.query<{ n: number }>('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [dbName]);
        return r.rows[0]?.n ?? 0;
      }),
    query: (text, values) => admin(dbName, async (c) => (await c.query(text, values)).rows),
    async destroy() {
      if (!stopped) await run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
