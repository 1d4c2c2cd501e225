import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DEFAULT_TEST_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  /** Connection URL of the fresh, uniquely named database. */
  url: string;
  name: string;
  /** Drops the database (terminating leftover connections). Safe to call twice. */
  drop(): Promise<void>;
}

/** The server every test database is created on. */
export function testPgUrl(): string {
  return process.env.RADSLAG_TEST_PG_URL ?? DEFAULT_TEST_PG_URL;
}

/** True when PostgreSQL tests must run (CI, or RADSLAG_REQUIRE_PG=1): never skip them then. */
export function pgRequired(): boolean {
  return Boolean(process.env.CI) || process.env.RADSLAG_REQUIRE_PG === '1';
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  // Without a listener, a server-side disconnect would crash the test process.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Connects to the admin URL; when its database does not exist, to `postgres` on the same server. */
async function connectAdmin(): Promise<pg.Client> {
  const url = testPgUrl();
  try {
    return await connect(url);
  } catch (err) {
    if ((err as { code?: string }).code !== '3D000') throw err;
    const fallback = new URL(url);
    fallback.pathname = '/postgres';
    return connect(fallback.toString());
  }
}

/** Whether the test PostgreSQL server answers. */
export async function pgAvailable(): Promise<boolean> {
  try {
    const client = await connectAdmin();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates `radslag_t_<random>` on the test server so concurrent runs never share state. Throws when
 * PostgreSQL is unreachable, with a message naming the URL; a suite that may skip outside CI checks
 * `pgAvailable() || pgRequired()` first, so in CI (or with RADSLAG_REQUIRE_PG=1) it always fails loudly.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  let admin: pg.Client;
  try {
    admin = await connectAdmin();
  } catch (err) {
    const why = pgRequired() ? ' (required here: CI or RADSLAG_REQUIRE_PG=1)' : '';
    throw new Error(`PostgreSQL for tests is unreachable at ${redact(testPgUrl())}${why}: ${(err as Error).message}`);
  }
  const name = `radslag_t_${randomBytes(6).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(testPgUrl());
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      const client = await connectAdmin();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid url>';
  }
}
