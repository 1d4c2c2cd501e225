import type { Clock, IdGenerator, Store } from '../shared/ports/store';
import { loadDemoRegion, type DemoLoadResult } from './demo/load-demo-region';
import type { Logger } from './logger';

/** What seeding the store needs: it writes rows directly (no actor, no events), before anyone can call. */
type SeedDeps = { store: Store; ids: IdGenerator; clock: Clock };

export const LOCAL_ADMIN_EMAIL = 'admin@radslag.local';

/**
 * Local mode only: an empty store gets a local administrator so the API can be used at once with
 * `X-Radslag-Dev-User: admin@radslag.local`, and (when asked, as `npm start` does) the demo region.
 */
export async function bootstrapLocalMode(
  deps: SeedDeps,
  logger: Logger,
  opts: { demo?: boolean; mode?: 'local' | 'production'; localStore?: boolean } = {},
): Promise<{ demo: DemoLoadResult | null }> {
  const mode = opts.mode ?? 'local';
  // Belt and braces: the caller only calls this in local mode, and nothing here runs in production.
  if (mode !== 'local') return { demo: null };
  // Local mode asked for by name on a store that may hold a real tenant's data (a PostgreSQL elsewhere, or the
  // tenant of MicrosoftAppTenantId): no made-up administrator, no demo people in it.
  if (opts.localStore === false) {
    logger.warn('local mode on a store that is not local: the local administrator and the demo region are not written');
    return { demo: null };
  }
  await ensureLocalAdmin(deps, logger);
  return { demo: opts.demo ? await loadDemoRegion(deps, { mode, logger }) : null };
}

async function ensureLocalAdmin(deps: SeedDeps, logger: Logger): Promise<void> {
  const existing = await deps.store.read.people.findByEmail(LOCAL_ADMIN_EMAIL);
  if (existing) return;
  await deps.store.transaction(async (tx) => {
    await tx.people.insert({
      id: deps.ids.next(),
      tenantId: deps.store.tenantId,
      name: 'Lokal administratör',
      email: LOCAL_ADMIN_EMAIL,
      aadObjectId: null,
      userPrincipalName: null,
      title: null,
      organisationId: null,
      isAdmin: true,
      locale: 'sv',
      version: 1,
    });
    await tx.audit.record({ actorPersonId: null, actorLabel: 'system', action: 'bootstrap.local_admin', entity: 'person', correlationId: 'bootstrap' });
  });
  logger.info({ email: LOCAL_ADMIN_EMAIL }, 'local mode: created the local administrator');
}
