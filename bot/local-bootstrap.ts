import type { ServiceDeps } from '../shared/services/context';
import type { Logger } from './logger';

export const LOCAL_ADMIN_EMAIL = 'admin@radslag.local';

/**
 * Local mode only: an empty store gets a local administrator so the API can be used at once with
 * `X-Radslag-Dev-User: admin@radslag.local`. The demo region (council setup) builds on this.
 */
export async function bootstrapLocalMode(deps: ServiceDeps, logger: Logger): Promise<void> {
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
