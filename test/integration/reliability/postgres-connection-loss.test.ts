import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { createTestDatabase, pgAvailable, pgRequired, testPgUrl, type TestDatabase } from '../../kit/pg';

const ADMIN = 'admin@radslag.local';

/**
 * PostgreSQL restarts or fails over: every connection the server holds is cut. An idle pooled connection
 * that dies emits 'error' on the pool; without a listener Node treats it as an uncaught exception and the
 * whole server goes down. The server must instead stay up and answer with fresh connections.
 */
describe('PostgreSQL drops every connection (restart, failover)', () => {
  let db: TestDatabase | null = null;
  let t: TestApp | null = null;
  const uncaught: unknown[] = [];
  const onUncaught = (e: unknown) => uncaught.push(e);

  beforeAll(async () => {
    if (!(await pgAvailable()) && !pgRequired()) return;
    db = await createTestDatabase();
    t = await startTestApp({ runJobs: false, env: { DATABASE_URL: db.url } });
    process.on('uncaughtException', onUncaught);
  });
  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    await t?.close();
    await db?.drop();
  });

  it('the server survives and answers with fresh connections', async (ctx) => {
    if (!t || !db) return ctx.skip();
    // Warm the pool: several connections become idle.
    await Promise.all(Array.from({ length: 6 }, () => t!.api('/api/v1/bodies', { as: ADMIN }).then((r) => r.arrayBuffer())));
    const admin = new pg.Client({ connectionString: testPgUrl(), connectionTimeoutMillis: 5000 });
    admin.on('error', () => undefined);
    await admin.connect();
    const killed = await admin.query('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [db.name]);
    await admin.end();
    expect(killed.rows[0].n).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(uncaught).toEqual([]);
    // Requests work again (a request that raced the cut may fail once; none may crash the server).
    let ok = 0;
    for (let i = 0; i < 10 && ok < 3; i++) {
      const res = await t.api('/api/v1/bodies', { as: ADMIN });
      await res.arrayBuffer();
      if (res.status === 200) ok++;
      else await new Promise((r) => setTimeout(r, 200));
    }
    expect(ok).toBe(3);
    expect((await t.api('/readyz')).status).toBe(200);
    expect(uncaught).toEqual([]);
  });
});
