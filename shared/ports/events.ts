/**
 * Live updates to open tabs go through one bus: in-process on PGlite, LISTEN/NOTIFY on PostgreSQL, so a
 * change made on one replica reaches tabs connected to another.
 */
export interface DomainEvent {
  /** e.g. 'meeting.updated', 'decision.confirmed', 'attendance.changed' */
  type: string;
  meetingId?: string;
  bodyId?: string;
  /** Small: ids and versions only; clients refetch what they show. */
  data?: Record<string, unknown>;
}

export interface EventBus {
  publish(event: DomainEvent): Promise<void>;
  /** The events of one commit, in order, in one go (PostgreSQL: one NOTIFY statement, one round trip). */
  publishAll(events: readonly DomainEvent[]): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(handler: (event: DomainEvent) => void): () => void;
  close(): Promise<void>;
}
