import type { Kysely } from 'kysely';
import type { Meeting } from '../../../shared/domain';
import type { MeetingRepository } from '../../../shared/ports/store';
import { TableRepository } from './entity-repository';
import { meetingSpec } from './table-specs';

/** Meetings keep the meeting_bodies index rows (joint meetings) beside the row itself. */
export class SqlMeetingRepository extends TableRepository<Meeting> implements MeetingRepository {
  override async insert(entity: Meeting): Promise<Meeting> {
    const inserted = await super.insert(entity);
    await this.writeDerived(entity);
    return inserted;
  }

  /** One by one: each meeting writes its meeting_bodies rows too (the base INSERT would leave them out). */
  override async insertMany(entities: readonly Meeting[]): Promise<Meeting[]> {
    const out: Meeting[] = [];
    for (const e of entities) out.push(await this.insert(e));
    return out;
  }

  override async update(entity: Meeting): Promise<Meeting> {
    const updated = await super.update(entity);
    await this.writeDerived(entity);
    return updated;
  }

  private async writeDerived(entity: Meeting): Promise<void> {
    const db = this.db as Kysely<any>;
    await db.deleteFrom('meeting_bodies').where('meeting_id', '=', entity.id).execute();
    if (entity.bodyIds.length > 0)
      await db
        .insertInto('meeting_bodies')
        .values(entity.bodyIds.map((bodyId, position) => ({ meeting_id: entity.id, body_id: bodyId, position })))
        .execute();
  }

  async listForBodies(bodyIds: string[], range: { from?: string; to?: string } = {}): Promise<Meeting[]> {
    if (bodyIds.length === 0) return [];
    let q = this.base().where('id', 'in', (eb: any) =>
      eb.selectFrom('meeting_bodies').select('meeting_id').where('body_id', 'in', bodyIds),
    );
    if (range.from) q = q.where('starts_at', '>=', range.from);
    if (range.to) q = q.where('starts_at', '<=', range.to);
    const rows = await q.orderBy('starts_at').orderBy('id').execute();
    return rows.map((r: Record<string, unknown>) => this.map(r));
  }

  async findByTeamsMeetingId(teamsMeetingId: string): Promise<Meeting | null> {
    const row = await this.base().where('teams_meeting_id', '=', teamsMeetingId).executeTakeFirst();
    return row ? this.map(row) : null;
  }
}

export { meetingSpec };
