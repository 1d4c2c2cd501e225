import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * On PostgreSQL, every parameterised statement goes out as a named prepared statement: `pg` then parses it
 * once per connection and afterwards only binds and executes it, so the database does not parse and plan the
 * same text again for every request (the database shares the machine's cores with the server).
 *
 * A prepared statement can outlive its schema: after a migration on another replica, a `select *` prepared
 * before it is refused with "cached plan must not change result type" (SQLSTATE 0A000). That connection then
 * names its statements anew (a new generation), so the next request prepares them again; the request that
 * met the error fails as any request does whose transaction is interrupted, and is retried by its sender.
 */
const GENERATION = Symbol('radslag statement generation');
type Client = pg.PoolClient & { [GENERATION]?: number };
type Query = (...args: unknown[]) => unknown;
const MAX_NAMED_PARAMETERS = 24;
/** Distinct statement texts prepared by this process; beyond it, new texts go out unnamed. */
const MAX_NAMES = 2_000;

export function nameParameterisedStatements(pool: pg.Pool): void {
  const names = new Map<string, string>();
  const nameOf = (text: string, generation: number): string => {
    let hash = names.get(text);
    if (!hash) {
      hash = createHash('sha1').update(text).digest('hex').slice(0, 24);
      names.set(text, hash);
    }
    return `radslag_${generation}_${hash}`;
  };
  pool.on('connect', (client: Client) => {
    const original = client.query.bind(client) as Query;
    client[GENERATION] = 0;
    const named = async (text: string, values: unknown[]): Promise<unknown> => {
      try {
        return await original({ name: nameOf(text, client[GENERATION]!), text, values });
      } catch (e) {
        const { code, message } = e as { code?: string; message?: string };
        // A plan made stale by a schema change, or a statement the connection no longer has (pg keeps its name
        // after a failed prepare; a pooler may lose it): name the statements anew on this connection.
        if ((code === '0A000' && /cached plan/.test(message ?? '')) || code === '26000') client[GENERATION]! += 1;
        throw e;
      }
    };
    // Statements with many parameters (multi-row inserts, long IN lists) come in a new shape for every size:
    // prepared, each shape would keep a plan on every connection for its life. They go out unnamed.
    client.query = ((text: unknown, values?: unknown, ...rest: unknown[]) =>
      typeof text === 'string' && Array.isArray(values) && values.length > 0 && values.length <= MAX_NAMED_PARAMETERS && rest.length === 0 && (names.size < MAX_NAMES || names.has(text))
        ? named(text, values)
        : original(text, values, ...rest)) as typeof client.query;
  });
}
