import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { createTestDatabase, type TestDatabase } from '../../kit/pg';

/** Issue 15 finding 9: audit_log rows could be updated and deleted. The store itself now refuses it. */
describe.each(['pglite', 'postgresql'] as const)('the audit log is append-only in the store (%s)', (store) => {
  let t: TestApp;
  let pg: TestDatabase | undefined;
  let db: Kysely<any>;
  const count = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM audit_log`.execute(db)).rows[0]!.n);

  beforeAll(async () => {
    if (store === 'postgresql') pg = await createTestDatabase();
    t = await startTestApp(pg ? { env: { DATABASE_URL: pg.url } } : {});
    db = t.app.database.db as Kysely<any>;
    const res = await t.api('/api/v1/bodies', { method: 'POST', as: 'admin@radslag.local', json: { name: 'Rådet', kind: 'råd' } });
    expect(res.status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await pg?.drop();
  });

  it('refuses UPDATE, DELETE and TRUNCATE; the rows stay as written', async () => {
    const before = (await sql`SELECT * FROM audit_log ORDER BY id`.execute(db)).rows;
    expect(before.length).toBeGreaterThan(0);
    await expect(sql`UPDATE audit_log SET action = 'nothing.happened'`.execute(db)).rejects.toThrow(/audit log is append-only \(UPDATE refused\)/);
    await expect(sql`UPDATE audit_log SET details = '{}'::jsonb`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(db)).rejects.toThrow(/audit log is append-only \(DELETE refused\)/);
    await expect(sql`TRUNCATE audit_log`.execute(db)).rejects.toThrow(/append-only \(TRUNCATE refused\)/);
    expect((await sql`SELECT * FROM audit_log ORDER BY id`.execute(db)).rows).toEqual(before);
  });

  it('still takes new rows', async () => {
    const n = await count();
    expect((await t.api('/api/v1/bodies', { method: 'POST', as: 'admin@radslag.local', json: { name: 'Chefsgruppen', kind: 'chefsgrupp' } })).status).toBe(201);
    expect(await count()).toBeGreaterThan(n);
  });

  it('erasure may pseudonymise actor_label and details inside a marked transaction, nothing else', async () => {
    const [row] = (await sql<{ id: string }>`SELECT id FROM audit_log ORDER BY id LIMIT 1`.execute(db)).rows;
    await db.transaction().execute(async (tx) => {
      await sql`SELECT set_config('radslag.audit_redaction', 'on', true)`.execute(tx);
      await sql`UPDATE audit_log SET details = '{"redacted":true}'::jsonb, actor_label = 'raderad' WHERE id = ${row!.id}`.execute(tx);
    });
    const [after] = (await sql<{ details: unknown; actor_label: string }>`SELECT details, actor_label FROM audit_log WHERE id = ${row!.id}`.execute(db)).rows;
    expect(after).toMatchObject({ details: { redacted: true }, actor_label: 'raderad' });
    await expect(
      db.transaction().execute(async (tx) => {
        await sql`SELECT set_config('radslag.audit_redaction', 'on', true)`.execute(tx);
        await sql`UPDATE audit_log SET action = 'x' WHERE id = ${row!.id}`.execute(tx);
      }),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.transaction().execute(async (tx) => {
        await sql`SELECT set_config('radslag.audit_redaction', 'on', true)`.execute(tx);
        await sql`DELETE FROM audit_log WHERE id = ${row!.id}`.execute(tx);
      }),
    ).rejects.toThrow(/append-only/);
    // The mark does not outlive its transaction.
    await expect(sql`UPDATE audit_log SET details = '{}'::jsonb WHERE id = ${row!.id}`.execute(db)).rejects.toThrow(/append-only/);
  });
});
