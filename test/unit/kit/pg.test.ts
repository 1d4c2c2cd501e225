import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, pgAvailable, pgRequired, type TestDatabase } from '../../kit/pg';
import { freePort } from '../../kit/ports';

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

const available = await pgAvailable();

describe('test PostgreSQL databases', () => {
  const created: TestDatabase[] = [];
  afterEach(async () => {
    await Promise.all(created.splice(0).map((d) => d.drop()));
  });

  // In CI or with RADSLAG_REQUIRE_PG=1 this runs even when PostgreSQL is down, and then fails.
  it.runIf(available || pgRequired())('creates isolated, uniquely named databases and drops them', async () => {
    const a = await createTestDatabase();
    const b = await createTestDatabase();
    created.push(a, b);
    expect(a.name).toMatch(/^radslag_t_[0-9a-f]{12}$/);
    expect(a.name).not.toBe(b.name);
    await query(a.url, 'create table t (x int); insert into t values (1)');
    expect(await query(a.url, 'select x from t')).toEqual([{ x: 1 }]);
    await expect(query(b.url, 'select x from t')).rejects.toThrow(/does not exist/);
    await a.drop();
    await expect(query(a.url, 'select 1')).rejects.toThrow(/does not exist/);
  });

  it('throws (never skips) when PostgreSQL is unreachable', async () => {
    const saved = process.env.RADSLAG_TEST_PG_URL;
    process.env.RADSLAG_TEST_PG_URL = `postgres://postgres@127.0.0.1:${await freePort()}/test`;
    try {
      expect(await pgAvailable()).toBe(false);
      await expect(createTestDatabase()).rejects.toThrow(/PostgreSQL for tests is unreachable at postgres:\/\/postgres@127\.0\.0\.1:\d+\/test/);
    } finally {
      if (saved === undefined) delete process.env.RADSLAG_TEST_PG_URL;
      else process.env.RADSLAG_TEST_PG_URL = saved;
    }
  });
});
