import type { Kysely } from 'kysely';
import type { IdempotencyRepository } from '../../../shared/ports/store';
import type { DB } from '../schema';
import type { Executor } from './entity-repository';

/**
 * The key is inserted in the caller's transaction: if the effect rolls back, so does the key, and a
 * redelivery does the work again; if it commits, a redelivery finds the key and gets the stored result.
 * Two concurrent deliveries serialise on the primary key: the second waits and then sees the first's row.
 */
export class SqlIdempotencyRepository implements IdempotencyRepository {
  constructor(
    private readonly db: Executor,
    private readonly tenantId: string,
  ) {}

  async claim(key: string): Promise<{ result: unknown } | null> {
    const inserted = await (this.db as Kysely<DB>)
      .insertInto('idempotency_keys')
      .values({ tenant_id: this.tenantId, key, result: null })
      .onConflict((oc) => oc.columns(['tenant_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) return null;
    const existing = await (this.db as Kysely<DB>)
      .selectFrom('idempotency_keys')
      .select('result')
      .where('tenant_id', '=', this.tenantId)
      .where('key', '=', key)
      .executeTakeFirst();
    return { result: existing?.result ?? null };
  }

  async saveResult(key: string, result: unknown): Promise<void> {
    await (this.db as Kysely<DB>)
      .updateTable('idempotency_keys')
      .set({ result: JSON.stringify(result ?? null) })
      .where('tenant_id', '=', this.tenantId)
      .where('key', '=', key)
      .execute();
  }
}
