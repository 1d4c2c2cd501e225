/**
 * A read cache in front of embedded PGlite. Why it is exact: PGlite is one process (the data-dir lock) with
 * one connection, and every statement passes this driver, so every write that could change a cached read is
 * seen here before the next read. A statement in PGlite's WASM Postgres costs 0.3–1.5 ms of the only CPU the
 * server has (bench); the hot paths read the same rosters, meetings and conversation references
 * over and over while writing a few rows.
 *
 * Rules, each on the side of not caching:
 * - only a plain SELECT is cached: no locking clause, no clock or volatile function, one statement;
 * - an entry is tagged with every table the SELECT names; a write to a table drops that table's entries;
 *   a DELETE, DDL, several statements or a statement this cannot read drop everything (cascades, triggers);
 * - inside a transaction, a read of a table it has written is not stored (it may see uncommitted rows), and
 *   at its COMMIT or ROLLBACK the tables it wrote are dropped again; after a failed statement nothing is
 *   answered from the cache until the transaction ends (the database answers every statement with an error);
 * - a batch of statements counts as a transaction that wrote anything, as it may have opened one;
 * - a read is keyed by its parameters only when JSON writes them exactly (strings, finite numbers, booleans);
 * - callers get copies, so a caller that changes a row cannot change the cache.
 * PostgreSQL (many replicas) is never cached: another replica's write is not seen here.
 */

export interface CachedResult {
  rows: unknown[];
  numAffectedRows?: bigint;
}

interface Entry {
  tables: string[];
  rows: unknown[];
}

const VOLATILE = /\b(current_setting|set_config|lastval|age|random_normal|now|today|tomorrow|yesterday|timeofday|current_timestamp|current_date|current_time|localtime|localtimestamp|clock_timestamp|statement_timestamp|transaction_timestamp|random|nextval|currval|setval|gen_random_uuid|txid_current|pg_[a-z_]+|uuid_generate_[a-z0-9_]+)\b/i;
const LOCKING = /\bfor\s+(update|share|no\s+key\s+update|key\s+share)\b/i;
const BEGIN = /^(begin|start\s+transaction)\b/i;
// ROLLBACK TO SAVEPOINT and COMMIT/ROLLBACK AND CHAIN leave a transaction open: they are not its end.
const END = /^(commit|end|rollback|abort)\b(?![^;]*\b(to|chain)\b)/i;
const UNSURE_TABLE = /\b(?:from|join|into|update)\s+(?:only\s+)?"?[a-z_][a-z0-9_]*"?(?:\s*[.,]|\s+(?:as\s+)?"?[a-z_][a-z0-9_]*"?\s*,)/i;
const TABLE_AFTER = /\b(?:from|join|into|update)\s+(?:only\s+)?"?([a-z_][a-z0-9_]*)"?/gi;

interface Analysis {
  id: number;
  kind: StatementKind;
  cacheable: boolean;
  tables: string[];
}

export type StatementKind = 'read' | 'begin' | 'end' | 'write' | 'neutral' | 'unknown';

export function classify(sql: string): StatementKind {
  const one = sql.trim().replace(/;$/, '');
  // Several statements: the first one's kind says nothing of the rest (`BEGIN; UPDATE ...`).
  if (isBatch(sql)) return 'unknown';
  if (BEGIN.test(one)) return 'begin';
  // The store's periodic CHECKPOINT (database.ts) changes no data.
  if (/^checkpoint$/i.test(one)) return 'neutral';
  if (END.test(one)) return 'end';
  const head = one.slice(0, 6).toLowerCase();
  if (head === 'select') return 'read';
  if (head === 'insert' || head === 'update') return 'write';
  return 'unknown';
}

function isBatch(sql: string): boolean {
  return sql.trim().replace(/;$/, '').includes(';');
}

export function tablesOf(sql: string): string[] {
  const out = new Set<string>();
  for (const m of sql.matchAll(TABLE_AFTER)) out.add(m[1]!.toLowerCase());
  return [...out];
}

export class PGliteReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byTable = new Map<string, Set<string>>();
  private inTransaction = false;
  /** A statement of the open transaction failed: PostgreSQL answers every later one with an error. */
  private aborted = false;
  private readonly writtenInTransaction = new Set<string>();
  private wroteUnknown = false;
  /** What a statement text is, worked out once per text: the same few hundred texts come again and again. */
  private readonly analysed = new Map<string, Analysis>();
  private analysedCount = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxEntries = 2_000,
    private readonly maxRowsPerEntry = 1_000,
  ) {}

  /** The cached rows for this read, copied, or undefined when it must go to the database. */
  lookup(sql: string, parameters: readonly unknown[]): CachedResult | undefined {
    if (this.aborted) return undefined;
    const a = this.analyse(sql);
    if (a.kind !== 'read' || !a.cacheable) return undefined;
    const key = keyOf(a.id, parameters);
    if (key === undefined) return undefined;
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Most recently used last, so eviction takes the oldest.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return { rows: copyRows(entry.rows) };
  }

  /** Called after the database answered a statement successfully. */
  after(sql: string, parameters: readonly unknown[], rows: unknown[]): void {
    const a = this.analyse(sql);
    const kind = a.kind;
    if (kind === 'neutral') return;
    if (kind === 'begin') {
      this.inTransaction = true;
      return;
    }
    if (kind === 'end') {
      this.endTransaction();
      return;
    }
    if (kind === 'read') {
      if (!a.cacheable || rows.length > this.maxRowsPerEntry) return;
      const tables = a.tables;
      // In a transaction that wrote one of these tables the rows may be uncommitted; any other table still
      // reads as committed, because no other connection exists to write it.
      if (this.inTransaction && (this.wroteUnknown || tables.some((t) => this.writtenInTransaction.has(t)))) return;
      const key = keyOf(a.id, parameters);
      if (key === undefined) return;
      this.store(key, tables, copyRows(rows));
      return;
    }
    this.wrote(sql, kind);
  }

  /** Called when a statement failed: what it may have written is dropped too. */
  failed(sql: string): void {
    const kind = this.analyse(sql).kind;
    if (kind === 'neutral') return;
    if (kind === 'begin' || kind === 'end') {
      // A failed COMMIT rolls back; a failed BEGIN leaves the state as it was, so forget everything to be safe.
      this.clear();
      this.inTransaction = false;
      this.aborted = false;
      this.writtenInTransaction.clear();
      this.wroteUnknown = false;
      return;
    }
    if (kind !== 'read') this.wrote(sql, kind);
    if (this.inTransaction) this.aborted = true;
  }

  private analyse(sql: string): Analysis {
    let a = this.analysed.get(sql);
    if (!a) {
      // A table this cannot name for certain (schema-qualified, or one of several in a comma join) makes a read
      // uncacheable and a write one that empties the cache.
      const unsure = UNSURE_TABLE.test(sql);
      const classified = classify(sql);
      const kind = classified === 'write' && unsure ? 'unknown' : classified;
      // The id stands for the text in cache keys: a short key hashes faster than the whole statement.
      a = { id: ++this.analysedCount, kind, cacheable: kind === 'read' && !unsure && cacheableRead(sql), tables: kind === 'read' || kind === 'write' ? tablesOf(sql) : [] };
      if (this.analysed.size >= 5_000) this.analysed.clear();
      this.analysed.set(sql, a);
    }
    return a;
  }

  clear(): void {
    this.entries.clear();
    this.byTable.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private wrote(sql: string, kind: 'write' | 'unknown'): void {
    const tables = kind === 'write' ? this.analyse(sql).tables : [];
    if (kind === 'unknown' || tables.length === 0) {
      this.clear();
      // A batch may have opened a transaction and written in it: store nothing until a transaction ends.
      if (isBatch(sql)) this.inTransaction = true;
      this.wroteUnknown = this.inTransaction;
      return;
    }
    for (const t of tables) {
      this.dropTable(t);
      if (this.inTransaction) this.writtenInTransaction.add(t);
    }
  }

  private endTransaction(): void {
    if (this.wroteUnknown) this.clear();
    for (const t of this.writtenInTransaction) this.dropTable(t);
    this.inTransaction = false;
    this.aborted = false;
    this.writtenInTransaction.clear();
    this.wroteUnknown = false;
  }

  private store(key: string, tables: string[], rows: unknown[]): void {
    if (tables.length === 0) return;
    this.remove(key);
    this.entries.set(key, { tables, rows });
    for (const t of tables) {
      let keys = this.byTable.get(t);
      if (!keys) this.byTable.set(t, (keys = new Set()));
      keys.add(key);
    }
    while (this.entries.size > this.maxEntries) this.remove(this.entries.keys().next().value!);
  }

  private dropTable(table: string): void {
    const keys = this.byTable.get(table);
    if (!keys) return;
    for (const key of [...keys]) this.remove(key);
    this.byTable.delete(table);
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const t of entry.tables) this.byTable.get(t)?.delete(key);
  }
}

function cacheableRead(sql: string): boolean {
  return !LOCKING.test(sql) && !VOLATILE.test(sql);
}

/**
 * A deep copy of result rows. Most columns are strings and numbers, which need no copy; a whole-array
 * structuredClone walked every one of them on every cache hit.
 */
function copyRows(rows: readonly unknown[]): unknown[] {
  return rows.map((row) => {
    if (row === null || typeof row !== 'object') return row;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) {
      out[k] = v === null || typeof v !== 'object' ? v : v instanceof Date ? new Date(v.getTime()) : structuredClone(v);
    }
    return out;
  });
}

function keyOf(statementId: number, parameters: readonly unknown[]): string | undefined {
  return parameters.every(exactInJson) ? `${statementId}\u0000${JSON.stringify(parameters)}` : undefined;
}

/**
 * Only values JSON writes apart from every other value: JSON writes NaN and ±Infinity as null, -0 as 0 and an
 * invalid Date as null, and cannot write a bigint. A read with any other parameter (Date, Buffer) is not cached.
 */
function exactInJson(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  return Array.isArray(v) && v.every(exactInJson);
}
