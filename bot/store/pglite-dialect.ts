import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { PGliteReadCache } from './pglite-read-cache';
import { PGlitePreparedStatements } from './pglite-prepared';

/**
 * Kysely dialect for embedded PGlite. PGlite is one connection, so the driver hands it out to one user at a
 * time: a transaction holds it from BEGIN to COMMIT and other queries wait, as they would for a pool of one.
 */
export class PGliteDialect implements Dialect {
  /** The read cache and prepared statements are on unless turned off (a test or the bench comparing with and without). */
  constructor(
    private readonly pglite: PGlite,
    private readonly cache: PGliteReadCache | null = new PGliteReadCache(),
    private readonly opts: { prepared: boolean } = { prepared: true },
  ) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite, this.cache, this.opts.prepared);
  }
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PGliteDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  private readonly connection: PGliteConnection;

  constructor(pglite: PGlite, cache: PGliteReadCache | null, prepared: boolean) {
    this.connection = new PGliteConnection(pglite, cache, prepared);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const previous = this.queue;
    this.queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.connection.release = release;
    return this.connection;
  }

  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const iso = settings.isolationLevel ? ` ISOLATION LEVEL ${settings.isolationLevel.toUpperCase()}` : '';
    await conn.executeQuery(CompiledQuery.raw(`BEGIN${iso}`));
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('COMMIT'));
  }

  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }

  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    (conn as PGliteConnection).release?.();
  }

  async destroy(): Promise<void> {}
}

class PGliteConnection implements DatabaseConnection {
  release: (() => void) | undefined;
  private readonly prepared: PGlitePreparedStatements | null;
  constructor(
    private readonly pglite: PGlite,
    private readonly cache: PGliteReadCache | null,
    prepared: boolean,
  ) {
    this.prepared = prepared ? new PGlitePreparedStatements(pglite) : null;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const cache = this.cache;
    if (!cache) return this.run<R>(compiled);
    const hit = cache.lookup(compiled.sql, compiled.parameters);
    if (hit) return { rows: hit.rows as R[] };
    let result: QueryResult<R>;
    try {
      result = await this.run<R>(compiled);
    } catch (e) {
      cache.failed(compiled.sql);
      throw e;
    }
    cache.after(compiled.sql, compiled.parameters, result.rows as unknown[]);
    return result;
  }

  private async run<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (compiled.parameters.length === 0) {
      // Without parameters use the simple protocol, which (like pg's) accepts several statements: migrations.
      await this.prepared?.beforeSimpleQuery(compiled.sql);
      const result = (await this.pglite.exec(compiled.sql)).at(-1) ?? { rows: [], affectedRows: 0 };
      return { rows: result.rows as R[], ...(result.affectedRows !== undefined ? { numAffectedRows: BigInt(result.affectedRows) } : {}) };
    }
    if (!this.prepared) {
      const plain = await this.pglite.query<R>(compiled.sql, compiled.parameters as unknown[]);
      return { rows: plain.rows, numAffectedRows: BigInt(plain.affectedRows ?? 0) };
    }
    const result = await this.prepared.execute(compiled.sql, compiled.parameters);
    return { rows: result.rows as R[], numAffectedRows: BigInt(result.affectedRows) };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite driver does not stream');
  }
}
