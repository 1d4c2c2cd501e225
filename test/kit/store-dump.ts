import { sql, type Kysely } from 'kysely';

/**
 * Every table of the store, every row, ordered by primary key, as plain JSON — for "nothing changed" checks
 * (a redelivered activity must leave the store equal). Only columns that legitimately differ between two
 * equal states are left out: none today except `schema_migrations.applied_at`-style bookkeeping, listed in
 * EXCLUDED. Rows are compared whole, timestamps included (an update that changes nothing else still bumps
 * updated_at and version, and must show up).
 */
const EXCLUDED: Record<string, string[]> = {
  schema_migrations: ['applied_at'],
};

export async function dumpStore(db: Kysely<any>): Promise<Record<string, unknown[]>> {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  const out: Record<string, unknown[]> = {};
  for (const { table_name: table } of tables.rows) {
    const pk = await sql<{ column_name: string }>`
      SELECT a.attname AS column_name FROM pg_index i
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
      WHERE i.indrelid = ${table}::regclass AND i.indisprimary ORDER BY a.attnum`.execute(db);
    const order = pk.rows.length > 0 ? pk.rows.map((r) => sql.ref(r.column_name)) : [sql`1`];
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} ORDER BY ${sql.join(order)}`.execute(db);
    const drop = EXCLUDED[table] ?? [];
    out[table] = rows.rows.map((r) => {
      const copy: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r)) if (!drop.includes(k)) copy[k] = v instanceof Date ? v.toISOString() : v;
      return copy;
    });
  }
  return out;
}
