import { sql, type Kysely } from 'kysely';

/** Tables whose change is not an effect of a user action on data (bookkeeping, logs, tickets). */
const BOOKKEEPING = new Set(['audit_log', 'stream_tickets', 'schema_migrations', 'graph_token_cache']);

/**
 * A fingerprint of every data table (row count + md5 of all rows as text): equal before and after a batch
 * of requests means the batch changed nothing, whatever routes exist by then.
 */
export async function dbDigest(db: Kysely<any>, extraExcluded: readonly string[] = []): Promise<Record<string, string>> {
  const { rows: tables } = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  const out: Record<string, string> = {};
  for (const { table_name: t } of tables) {
    if (BOOKKEEPING.has(t) || extraExcluded.includes(t)) continue;
    const { rows } = await sql<{ n: number; h: string | null }>`SELECT count(*)::int AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS h FROM ${sql.table(t)} x`.execute(db);
    out[t] = `${rows[0]!.n}:${rows[0]!.h ?? ''}`;
  }
  return out;
}

/** Which tables differ between two digests. */
export function changedTables(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort();
}
