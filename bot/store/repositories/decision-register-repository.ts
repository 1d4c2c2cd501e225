import type { Kysely } from 'kysely';
import type { DecisionRegisterEntry, DecisionRegisterRepository } from '../../../shared/ports/store';
import type { DB } from '../schema';
import type { Executor } from './entity-repository';

/** The decision register of a body in one indexed query (meeting_bodies → decisions → items), not one per meeting. */
export class SqlDecisionRegisterRepository implements DecisionRegisterRepository {
  constructor(
    private readonly db: Executor,
    private readonly tenantId: string,
  ) {}

  async confirmedForBody(bodyId: string, q: string, limit: number): Promise<DecisionRegisterEntry[]> {
    let query = (this.db as Kysely<DB>)
      .selectFrom('decisions as d')
      .innerJoin('meeting_bodies as mb', 'mb.meeting_id', 'd.meeting_id')
      .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
      .innerJoin('agenda_items as i', 'i.id', 'd.item_id')
      .select(['d.id', 'd.meeting_id', 'd.item_id', 'd.text', 'd.status', 'd.confirmed_at', 'm.starts_at', 'm.title as meeting_title', 'i.number', 'i.title as item_title'])
      .where('d.tenant_id', '=', this.tenantId)
      .where('mb.body_id', '=', bodyId)
      .where('d.status', '=', 'confirmed');
    const needle = q.trim();
    if (needle) {
      // The search text is data, not a pattern: escape LIKE's wildcards.
      const like = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb.or([eb('d.text', 'ilike', like), eb('i.title', 'ilike', like)]));
    }
    const rows = await query.orderBy('m.starts_at', 'desc').orderBy('i.number').limit(limit).execute();
    const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
    return rows.map((r) => ({
      id: r.id,
      meetingId: r.meeting_id,
      itemId: r.item_id,
      text: r.text,
      status: r.status,
      confirmedAt: iso(r.confirmed_at),
      meetingStartsAt: iso(r.starts_at)!,
      meetingTitle: r.meeting_title,
      itemNumber: r.number,
      itemTitle: r.item_title,
    }));
  }
}
