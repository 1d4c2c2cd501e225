import type { Kysely } from 'kysely';
import type { StreamTicket, StreamTicketRepository } from '../../../shared/ports/store';
import type { DB } from '../schema';
import type { Executor } from './entity-repository';

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

/** Stream tickets: stored hashed; consumed by one conditional UPDATE so a ticket works exactly once. */
export class SqlStreamTicketRepository implements StreamTicketRepository {
  constructor(
    private readonly db: Executor,
    private readonly tenantId: string,
  ) {}

  async create(t: Omit<StreamTicket, 'usedAt'>): Promise<void> {
    await (this.db as Kysely<DB>)
      .insertInto('stream_tickets')
      .values({
        tenant_id: this.tenantId,
        ticket_hash: t.ticketHash,
        meeting_id: t.meetingId,
        person_id: t.personId,
        identity: JSON.stringify(t.identity),
        expires_at: t.expiresAt,
        used_at: null,
      })
      .execute();
  }

  async consume(ticketHash: string, now: Date): Promise<StreamTicket | null> {
    const row = await (this.db as Kysely<DB>)
      .updateTable('stream_tickets')
      .set({ used_at: now })
      .where('tenant_id', '=', this.tenantId)
      .where('ticket_hash', '=', ticketHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returningAll()
      .executeTakeFirst();
    if (!row) return null;
    const identity = typeof row.identity === 'string' ? JSON.parse(row.identity) : row.identity;
    return {
      ticketHash: row.ticket_hash,
      meetingId: row.meeting_id,
      personId: row.person_id,
      identity,
      expiresAt: iso(row.expires_at)!,
      usedAt: iso(row.used_at),
    };
  }

  async purgeExpired(before: Date): Promise<number> {
    const r = await (this.db as Kysely<DB>)
      .deleteFrom('stream_tickets')
      .where('tenant_id', '=', this.tenantId)
      .where('expires_at', '<', before)
      .executeTakeFirst();
    return Number(r.numDeletedRows ?? 0);
  }
}
