import { sql, type Kysely, type Transaction } from 'kysely';
import { RadslagError } from '../../../shared/errors/catalog';
import type { EntityRepository } from '../../../shared/ports/store';
import type { DB } from '../schema';

export type Executor = Kysely<DB> | Transaction<DB>;

/** How one domain entity maps to one table: property names to columns, and which need conversion. */
export interface TableSpec<T> {
  table: keyof DB & string;
  /** Name used in NOT_FOUND messages ("Mötet"/"The meeting"). */
  entityLabel: string;
  /** Domain property → column, for every persisted property except tenantId (always tenant_id). */
  columns: Record<string, string>;
  /** Properties stored as jsonb. */
  json?: readonly string[];
  /** Properties stored as timestamptz (domain: ISO string). */
  instants?: readonly string[];
  /** Whether the table has tenant_id (child tables reached through a tenant-scoped parent may not). */
  tenantScoped: boolean;
  versioned: boolean;
  defaults?: Partial<T>;
  /** Columns derived from the entity for indexing (e.g. a meeting's host body). */
  derived?: (entity: T) => Record<string, unknown>;
}

const toIso = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

export function rowToEntity<T>(spec: TableSpec<T>, row: Record<string, unknown>, tenantId: string): T {
  const out: Record<string, unknown> = { ...(spec.defaults ?? {}) };
  if (spec.tenantScoped) out.tenantId = tenantId;
  for (const [prop, col] of Object.entries(spec.columns)) {
    let v = row[col];
    if (spec.instants?.includes(prop)) v = toIso(v);
    if (v === undefined) v = null;
    out[prop] = v;
  }
  return out as T;
}

export function entityToRow<T>(spec: TableSpec<T>, entity: T, tenantId: string): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  if (spec.tenantScoped) row.tenant_id = tenantId;
  const e = entity as Record<string, unknown>;
  for (const [prop, col] of Object.entries(spec.columns)) {
    if (prop === 'version') continue;
    let v = e[prop];
    if (v === undefined) v = spec.defaults && prop in spec.defaults ? (spec.defaults as any)[prop] : null;
    if (spec.json?.includes(prop)) v = v === null ? null : JSON.stringify(v);
    row[col] = v;
  }
  if (spec.derived) Object.assign(row, spec.derived(entity));
  return row;
}

export class TableRepository<T extends { id: string }> implements EntityRepository<T> {
  constructor(
    protected readonly db: Executor,
    protected readonly tenantId: string,
    protected readonly spec: TableSpec<T>,
  ) {}

  protected base() {
    let q = (this.db as Kysely<any>).selectFrom(this.spec.table).selectAll();
    if (this.spec.tenantScoped) q = q.where('tenant_id', '=', this.tenantId);
    return q;
  }

  protected map(row: Record<string, unknown>): T {
    return rowToEntity(this.spec, row, this.tenantId);
  }

  async get(id: string): Promise<T | null> {
    const row = await this.base().where('id', '=', id).executeTakeFirst();
    return row ? this.map(row) : null;
  }

  async require(id: string): Promise<T> {
    const found = await this.get(id);
    if (!found) throw new RadslagError('NOT_FOUND', { entity: this.spec.entityLabel });
    return found;
  }

  async findBy(where: Partial<Record<string, string | number | boolean | null>>, order?: string): Promise<T[]> {
    let q = this.base();
    for (const [prop, value] of Object.entries(where)) {
      const col = this.spec.columns[prop];
      if (!col) throw new Error(`Unknown property ${prop} for ${this.spec.table}`);
      q = value === null ? q.where(col, 'is', null) : q.where(col, '=', value as any);
    }
    if (order) {
      const col = this.spec.columns[order];
      if (!col) throw new Error(`Unknown order property ${order} for ${this.spec.table}`);
      q = q.orderBy(col);
    }
    q = q.orderBy('id');
    const rows = await q.execute();
    return rows.map((r: Record<string, unknown>) => this.map(r));
  }

  async findIn(prop: string, values: readonly (string | number)[], order?: string): Promise<T[]> {
    if (values.length === 0) return [];
    const col = this.spec.columns[prop];
    if (!col) throw new Error(`Unknown property ${prop} for ${this.spec.table}`);
    let q = this.base().where(col, 'in', [...new Set(values)] as any);
    if (order) {
      const orderCol = this.spec.columns[order];
      if (!orderCol) throw new Error(`Unknown order property ${order} for ${this.spec.table}`);
      q = q.orderBy(orderCol);
    }
    const rows = await q.orderBy('id').execute();
    return rows.map((r: Record<string, unknown>) => this.map(r));
  }

  async insert(entity: T): Promise<T> {
    const row = entityToRow(this.spec, entity, this.tenantId);
    if (this.spec.versioned) row.version = 1;
    try {
      const inserted = await (this.db as Kysely<any>).insertInto(this.spec.table).values(row).returningAll().executeTakeFirstOrThrow();
      return this.map(inserted);
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new RadslagError('DUPLICATE', { entity: this.spec.entityLabel });
      lockedMinutes(e);
      throw e;
    }
  }

  async insertMany(entities: readonly T[]): Promise<T[]> {
    if (entities.length === 0) return [];
    const rows = entities.map((e) => {
      const row = entityToRow(this.spec, e, this.tenantId);
      if (this.spec.versioned) row.version = 1;
      return row;
    });
    try {
      const inserted = await (this.db as Kysely<any>).insertInto(this.spec.table).values(rows).returningAll().execute();
      // RETURNING does not promise the VALUES order: give them back in the caller's.
      const byId = new Map(inserted.map((r: Record<string, unknown>) => [String(r.id), this.map(r)]));
      return entities.map((e) => byId.get(e.id)!);
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new RadslagError('DUPLICATE', { entity: this.spec.entityLabel });
      lockedMinutes(e);
      throw e;
    }
  }

  async update(entity: T): Promise<T> {
    const row = entityToRow(this.spec, entity, this.tenantId);
    delete row.tenant_id;
    let q = (this.db as Kysely<any>).updateTable(this.spec.table).where('id', '=', entity.id);
    if (this.spec.tenantScoped) q = q.where('tenant_id', '=', this.tenantId);
    if (this.spec.versioned) {
      const expected = (entity as { version?: number }).version;
      q = q.where('version', '=', expected ?? -1);
      row.version = sql`version + 1`;
      // Every versioned table has updated_at (see migrations).
      row.updated_at = sql`now()`;
    }
    let updated: Record<string, unknown> | undefined;
    try {
      updated = await q.set(row).returningAll().executeTakeFirst();
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new RadslagError('DUPLICATE', { entity: this.spec.entityLabel });
      lockedMinutes(e);
      throw e;
    }
    if (!updated) {
      const fresh = await this.get(entity.id);
      if (!fresh) throw new RadslagError('NOT_FOUND', { entity: this.spec.entityLabel });
      throw new RadslagError('CONFLICT_STALE', {}, fresh);
    }
    return this.map(updated);
  }

  async delete(id: string): Promise<void> {
    let q = (this.db as Kysely<any>).deleteFrom(this.spec.table).where('id', '=', id);
    if (this.spec.tenantScoped) q = q.where('tenant_id', '=', this.tenantId);
    try {
      await q.execute();
    } catch (e) {
      lockedMinutes(e);
      throw e;
    }
  }
}

/** The database refuses changes to a meeting whose minutes are justerade (migrations/0400_minutes.sql). */
function lockedMinutes(e: unknown): void {
  if ((e as { code?: string }).code === 'RSLCK') throw new RadslagError('LOCKED_FINAL');
}
