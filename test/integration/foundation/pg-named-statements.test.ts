import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { nameParameterisedStatements } from '../../../bot/store/pg-named-statements';
import { createTestDatabase, type TestDatabase } from '../../kit/pg';

/**
 * PostgreSQL: parameterised statements go out as named prepared statements (bot/store/pg-named-statements.ts).
 * One connection in the pool, so every query here meets the statements the earlier ones prepared.
 */
let database: TestDatabase;
let pool: pg.Pool;
let other: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 1 });
  nameParameterisedStatements(pool);
  other = new pg.Client({ connectionString: database.url });
  await other.connect();
  await other.query('CREATE TABLE t (id int PRIMARY KEY, name text)');
  await other.query("INSERT INTO t VALUES (1, 'Anna'), (2, 'Bertil')");
});
afterAll(async () => {
  await other?.end();
  await pool?.end();
  await database?.drop();
});

/** As Kysely's driver queries: a checked-out client, promise style. */
async function q(text: string, values?: unknown[]): Promise<pg.QueryResult> {
  const client = await pool.connect();
  try {
    return await client.query(text, values);
  } finally {
    client.release();
  }
}

const prepared = async (): Promise<string[]> => (await q("SELECT name FROM pg_prepared_statements WHERE name LIKE 'radslag_%' ORDER BY name")).rows.map((r: { name: string }) => r.name);

it('prepares a parameterised statement once per connection and reuses it', async () => {
  const a = await q('SELECT * FROM t WHERE id = $1', [1]);
  const b = await q('SELECT * FROM t WHERE id = $1', [2]);
  expect(a.rows).toEqual([{ id: 1, name: 'Anna' }]);
  expect(b.rows).toEqual([{ id: 2, name: 'Bertil' }]);
  const names = await prepared();
  expect(names).toHaveLength(1);
  // A statement without parameters (like the listing above) is not prepared.
  expect(names[0]).toMatch(/^radslag_0_[0-9a-f]{24}$/);
});

it('after a schema change by another connection, the stale statement fails once and is prepared anew', async () => {
  await q('SELECT * FROM t WHERE id = $1', [1]);
  await other.query('ALTER TABLE t ADD COLUMN title text');
  await expect(q('SELECT * FROM t WHERE id = $1', [1])).rejects.toMatchObject({ code: '0A000' });
  const again = await q('SELECT * FROM t WHERE id = $1', [1]);
  expect(again.rows).toEqual([{ id: 1, name: 'Anna', title: null }]);
  expect((await prepared()).some((n) => n.startsWith('radslag_1_'))).toBe(true);
});

it('writes, errors and transactions behave as unnamed statements do', async () => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const inserted = await client.query('INSERT INTO t (id, name) VALUES ($1, $2) RETURNING name', [3, 'Cecilia']);
    expect(inserted.rowCount).toBe(1);
    await expect(client.query('INSERT INTO t (id, name) VALUES ($1, $2)', [3, 'Cecilia'])).rejects.toMatchObject({ code: '23505' });
    await client.query('ROLLBACK');
  } finally {
    client.release();
  }
  expect((await q('SELECT count(*)::int AS n FROM t WHERE id = $1', [3])).rows).toEqual([{ n: 0 }]);
});

it('a connection that lost its statements (DEALLOCATE, a pooler) fails once and prepares them anew', async () => {
  const client = await pool.connect();
  try {
    await client.query('SELECT * FROM t WHERE id = $1', [1]);
    await client.query('DEALLOCATE ALL');
    await expect(client.query('SELECT * FROM t WHERE id = $1', [1])).rejects.toMatchObject({ code: '26000' });
    expect((await client.query('SELECT name FROM t WHERE id = $1', [2])).rows).toEqual([{ name: 'Bertil' }]);
    expect((await client.query('SELECT * FROM t WHERE id = $1', [1])).rows[0]).toMatchObject({ id: 1, name: 'Anna' });
  } finally {
    client.release();
  }
});

it('sends a statement with many parameters unnamed (a new shape for every size)', async () => {
  const ids = Array.from({ length: 30 }, (_, i) => i + 100);
  const before = (await prepared()).length;
  const r = await q(`SELECT count(*)::int AS n FROM t WHERE id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')})`, ids);
  expect(r.rows).toEqual([{ n: 0 }]);
  expect((await prepared()).length).toBe(before);
});
