import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema';
import type { TokenCrypto } from './token-crypto';

/**
 * msal-node's token cache for one acting person, kept in the store (graph_token_cache), encrypted. msal
 * reads it before and writes it after each token call, so a job retried after a restart finds the Graph
 * token it got before (by the hash of the same assertion) and acts without a new sign-in.
 */
export class StoreTokenCachePlugin implements ICachePlugin {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly tenantId: string,
    private readonly cacheKey: string,
    private readonly crypto: TokenCrypto,
  ) {}

  /**
   * msal-node consults the plugin around cache writes, but its on-behalf-of lookup reads only the
   * in-memory cache: a fresh client (after a restart) is therefore loaded explicitly before the call.
   */
  async load(cache: { deserialize(json: string): void }): Promise<void> {
    const plain = await this.read();
    if (plain) cache.deserialize(plain);
  }

  private async read(): Promise<string | null> {
    const row = await this.db.selectFrom('graph_token_cache').select('ciphertext').where('tenant_id', '=', this.tenantId).where('cache_key', '=', this.cacheKey).executeTakeFirst();
    return row ? this.crypto.decrypt(row.ciphertext, this.cacheKey) : null;
  }

  async beforeCacheAccess(ctx: TokenCacheContext): Promise<void> {
    await this.load(ctx.tokenCache);
  }

  async afterCacheAccess(ctx: TokenCacheContext): Promise<void> {
    if (!ctx.cacheHasChanged) return;
    const ciphertext = this.crypto.encrypt(ctx.tokenCache.serialize(), this.cacheKey);
    await this.db
      .insertInto('graph_token_cache')
      .values({ tenant_id: this.tenantId, cache_key: this.cacheKey, ciphertext })
      .onConflict((oc) => oc.columns(['tenant_id', 'cache_key']).doUpdateSet({ ciphertext, updated_at: sql`now()` }))
      .execute();
  }
}
