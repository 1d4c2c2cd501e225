import type { Kysely, Selectable } from 'kysely';
import type { ConversationRef, ConversationRefRepository } from '../../../shared/ports/store';
import type { ConversationRefsTable, DB } from '../schema';
import type { Executor } from './entity-repository';

export class SqlConversationRefRepository implements ConversationRefRepository {
  constructor(
    private readonly db: Executor,
    private readonly tenantId: string,
  ) {}

  private map(r: Selectable<ConversationRefsTable>): ConversationRef {
    return {
      key: r.key,
      kind: r.kind as ConversationRef['kind'],
      personId: r.person_id,
      bodyId: r.body_id,
      meetingId: r.meeting_id,
      reference: r.reference,
    };
  }

  async upsert(ref: ConversationRef): Promise<void> {
    const values = {
      tenant_id: this.tenantId,
      key: ref.key,
      kind: ref.kind,
      person_id: ref.personId ?? null,
      body_id: ref.bodyId ?? null,
      meeting_id: ref.meetingId ?? null,
      reference: JSON.stringify(ref.reference),
    };
    await (this.db as Kysely<DB>)
      .insertInto('conversation_refs')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'key']).doUpdateSet({
          kind: values.kind,
          person_id: values.person_id,
          body_id: values.body_id,
          meeting_id: values.meeting_id,
          reference: values.reference,
          updated_at: new Date(),
        }),
      )
      .execute();
  }

  async get(key: string): Promise<ConversationRef | null> {
    const r = await (this.db as Kysely<DB>)
      .selectFrom('conversation_refs')
      .selectAll()
      .where('tenant_id', '=', this.tenantId)
      .where('key', '=', key)
      .executeTakeFirst();
    return r ? this.map(r) : null;
  }

  async findForPerson(personId: string): Promise<ConversationRef | null> {
    const r = await (this.db as Kysely<DB>)
      .selectFrom('conversation_refs')
      .selectAll()
      .where('tenant_id', '=', this.tenantId)
      .where('person_id', '=', personId)
      .where('kind', '=', 'personal')
      .orderBy('updated_at', 'desc')
      .executeTakeFirst();
    return r ? this.map(r) : null;
  }

  async findForPeople(personIds: readonly string[]): Promise<Map<string, ConversationRef>> {
    const out = new Map<string, ConversationRef>();
    if (personIds.length === 0) return out;
    const rows = await (this.db as Kysely<DB>)
      .selectFrom('conversation_refs')
      .selectAll()
      .where('tenant_id', '=', this.tenantId)
      .where('person_id', 'in', [...new Set(personIds)])
      .where('kind', '=', 'personal')
      .orderBy('updated_at', 'desc')
      .execute();
    // Newest first: the first row per person is the one findForPerson answers.
    for (const r of rows) {
      const ref = this.map(r);
      if (ref.personId && !out.has(ref.personId)) out.set(ref.personId, ref);
    }
    return out;
  }

  async findBy(filter: { kind?: ConversationRef['kind']; bodyId?: string; meetingId?: string }): Promise<ConversationRef[]> {
    let q = (this.db as Kysely<DB>).selectFrom('conversation_refs').selectAll().where('tenant_id', '=', this.tenantId);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    if (filter.bodyId) q = q.where('body_id', '=', filter.bodyId);
    if (filter.meetingId) q = q.where('meeting_id', '=', filter.meetingId);
    const rows = await q.orderBy('key').execute();
    return rows.map((r) => this.map(r));
  }
}
