import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface MigrationResult {
  applied: string[];
  total: number;
}

export function listMigrations(dir = MIGRATIONS_DIR): { name: string; sql: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') }));
}

/**
 * Applies every migration not yet applied, each in its own transaction. On PostgreSQL an advisory lock keeps
 * replicas that start together from applying the same migration twice.
 */
export async function migrate(db: Kysely<DB>, opts: { postgres: boolean }): Promise<MigrationResult> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  const migrations = listMigrations();
  const applied: string[] = [];
  for (const m of migrations) {
    await db.transaction().execute(async (tx) => {
      if (opts.postgres) await sql`SELECT pg_advisory_xact_lock(7262461)`.execute(tx);
      const done = await tx.selectFrom('schema_migrations').select('name').where('name', '=', m.name).executeTakeFirst();
      if (done) return;
      await sql.raw(m.sql).execute(tx);
      await tx.insertInto('schema_migrations').values({ name: m.name }).execute();
      applied.push(m.name);
    });
  }
  return { applied, total: migrations.length };
}
