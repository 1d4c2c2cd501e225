/**
 * One attendance row per person in a meeting, guaranteed by the store itself (not only by the services): a
 * single-body meeting refuses a second row for a person whatever its body (none, the meeting's body, another
 * body), inserted or moved there by UPDATE; a joint meeting takes one row per body and refuses a second row for
 * the same body. Raw SQL, so no write path of the application can get round it.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../kit/test-store';

describe.each(['pglite', 'postgres'] as const)('attendance: one row per person per meeting in the store (%s)', (kind) => {
  let db: Kysely<any>;
  let cleanup: () => Promise<void>;
  let n = 0;
  const DUP = /attendance_one_row_per_seat/;
  const row = (meeting: string, person: string, body: string | null) =>
    sql`INSERT INTO attendance (id, tenant_id, meeting_id, person_id, body_id, state, source) VALUES (${`a${(n += 1)}`}, 't', ${meeting}, ${person}, ${body}, 'present', 'secretary')`.execute(db);

  beforeAll(async () => {
    ({ database: { db }, cleanup } = (await openTestDatabase(kind, 'radslag-one-row-')) as any);
    for (const b of ['B1', 'B2']) await sql`INSERT INTO bodies (id, tenant_id, name, kind) VALUES (${b}, 't', ${b}, 'råd')`.execute(db);
    for (const p of ['P1', 'P2', 'P3']) await sql`INSERT INTO people (id, tenant_id, name) VALUES (${p}, 't', ${p})`.execute(db);
    const meeting = (id: string, bodies: string[]) =>
      sql`INSERT INTO meetings (id, tenant_id, body_ids, host_body_id, document_kind, starts_at, ends_at, mode) VALUES (${id}, 't', ${JSON.stringify(bodies)}::jsonb, ${bodies[0]}, 'protokoll', now(), now(), 'digital')`.execute(db);
    await meeting('SINGLE', ['B1']);
    await meeting('JOINT', ['B1', 'B2']);
  }, 60_000);
  afterAll(async () => {
    await cleanup?.();
  });

  it('a single-body meeting refuses a second row for the person, under any body or none', async () => {
    await row('SINGLE', 'P1', null);
    await expect(row('SINGLE', 'P1', 'B1')).rejects.toThrow(DUP);
    await expect(row('SINGLE', 'P1', null)).rejects.toThrow(DUP);
    await row('SINGLE', 'P2', 'B1');
    await expect(row('SINGLE', 'P2', null)).rejects.toThrow(DUP);
    await expect(row('SINGLE', 'P2', 'B2')).rejects.toThrow(DUP);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM attendance WHERE meeting_id = 'SINGLE'`.execute(db);
    expect(rows[0]!.n).toBe(2);
  });

  it('an UPDATE cannot move a row onto a person who already has one', async () => {
    await row('SINGLE', 'P3', 'B1');
    await expect(sql`UPDATE attendance SET person_id = 'P1' WHERE meeting_id = 'SINGLE' AND person_id = 'P3'`.execute(db)).rejects.toThrow(DUP);
    // Changing the row's own body is no second row.
    await sql`UPDATE attendance SET body_id = NULL WHERE meeting_id = 'SINGLE' AND person_id = 'P3'`.execute(db);
  });

  it('a joint meeting takes one row per body, and one only', async () => {
    await row('JOINT', 'P1', 'B1');
    await row('JOINT', 'P1', 'B2');
    await expect(row('JOINT', 'P1', 'B1')).rejects.toThrow(DUP);
    await row('JOINT', 'P2', null);
    await expect(row('JOINT', 'P2', null)).rejects.toThrow(DUP);
  });

  it('a bulk insert of many rows takes no lock per row (the bench seeds 200 000 in one statement)', async () => {
    await sql`INSERT INTO meetings (id, tenant_id, body_ids, host_body_id, document_kind, starts_at, ends_at, mode) SELECT 'BULK' || g, 't', '["B1"]'::jsonb, 'B1', 'protokoll', now(), now(), 'digital' FROM generate_series(1, 400) g`.execute(db);
    await sql`INSERT INTO attendance (id, tenant_id, meeting_id, person_id, body_id, state, source) SELECT 'bulk' || g || p, 't', 'BULK' || g, p, 'B1', 'present', 'secretary' FROM generate_series(1, 400) g, unnest(ARRAY['P1', 'P2', 'P3']) p`.execute(db);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM attendance WHERE meeting_id LIKE 'BULK%'`.execute(db);
    expect(rows[0]!.n).toBe(1200);
  });

  it('refuses with the unique-violation code, as the dropped constraint did', async () => {
    const err = await row('SINGLE', 'P1', 'B1').catch((e: unknown) => e as { code?: string; cause?: { code?: string } });
    expect((err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code).toBe('23505');
  });
});

/**
 * A store that already holds two rows for one person in a single-body meeting (possible between per-body rows
 * and the seat key) still migrates: the newest row keeps the seat, the older one is moved aside, nothing is lost,
 * and from then on a second row is refused.
 */
describe('the seat-key migration on a store that already has a second row (pglite)', () => {
  it('migrates, keeps both rows, and refuses a third', async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const { listMigrations } = await import('../../../bot/store/migrate');
    const pg = new PGlite();
    try {
      const all = listMigrations();
      for (const m of all.filter((x) => x.name < '1010')) await pg.exec(m.sql);
      await pg.exec(`
        INSERT INTO bodies (id, tenant_id, name, kind) VALUES ('B1', 't', 'B1', 'råd');
        INSERT INTO people (id, tenant_id, name) VALUES ('P1', 't', 'P1');
        INSERT INTO meetings (id, tenant_id, body_ids, host_body_id, document_kind, starts_at, ends_at, mode) VALUES ('M', 't', '["B1"]', 'B1', 'protokoll', now(), now(), 'digital');
        INSERT INTO attendance (id, tenant_id, meeting_id, person_id, body_id, state, source, updated_at) VALUES ('old', 't', 'M', 'P1', NULL, 'förhinder', 'chat', '2026-01-01T10:00:00Z');
        INSERT INTO attendance (id, tenant_id, meeting_id, person_id, body_id, state, source, updated_at) VALUES ('new', 't', 'M', 'P1', 'B1', 'present', 'teams_event', '2026-01-01T11:00:00Z');`);
      for (const m of all.filter((x) => x.name >= '1010')) await pg.exec(m.sql);
      const { rows } = await pg.query<{ id: string; seat_key: string; state: string }>(`SELECT id, seat_key, state FROM attendance ORDER BY id`);
      expect(rows).toEqual([
        { id: 'new', seat_key: '', state: 'present' },
        { id: 'old', seat_key: 'moved:old', state: 'förhinder' },
      ]);
      // The moved row can still be corrected; a third row is refused.
      await pg.exec(`UPDATE attendance SET state = 'absent' WHERE id = 'old'`);
      await expect(pg.exec(`INSERT INTO attendance (id, tenant_id, meeting_id, person_id, body_id, state, source) VALUES ('third', 't', 'M', 'P1', NULL, 'present', 'chat')`)).rejects.toThrow(/attendance_one_row_per_seat/);
    } finally {
      await pg.close();
    }
  }, 60_000);
});
