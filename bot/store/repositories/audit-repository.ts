import type { Kysely } from 'kysely';
import type { AuditEntry, AuditRecord, AuditRepository } from '../../../shared/ports/store';
import type { DB } from '../schema';
import type { Executor } from './entity-repository';

export class SqlAuditRepository implements AuditRepository {
  constructor(
    private readonly db: Executor,
    private readonly tenantId: string,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await (this.db as Kysely<DB>)
      .insertInto('audit_log')
      .values({
        tenant_id: this.tenantId,
        actor_person_id: entry.actorPersonId,
        actor_label: entry.actorLabel ?? null,
        action: entry.action,
        entity: entry.entity,
        entity_id: entry.entityId ?? null,
        details: JSON.stringify(entry.details ?? {}),
        correlation_id: entry.correlationId ?? null,
      })
      .execute();
  }

  async list(filter: { entity?: string; entityId?: string; actorPersonId?: string; limit?: number }): Promise<AuditRecord[]> {
    let q = (this.db as Kysely<DB>).selectFrom('audit_log').selectAll().where('tenant_id', '=', this.tenantId);
    if (filter.entity) q = q.where('entity', '=', filter.entity);
    if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
    if (filter.actorPersonId) q = q.where('actor_person_id', '=', filter.actorPersonId);
    const rows = await q.orderBy('id', 'desc').limit(filter.limit ?? 500).execute();
    return rows.map((r) => ({
      id: String(r.id),
      at: new Date(r.at).toISOString(),
      actorPersonId: r.actor_person_id,
      actorLabel: r.actor_label,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      details: r.details as Record<string, unknown>,
      correlationId: r.correlation_id,
    }));
  }
}
