import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { DomainEvent, EventBus } from '../../shared/ports/events';
import type { Logger } from '../logger';
import { guardPool } from './connection-errors';

const CHANNEL = 'radslag_events';

export class InProcessEventBus implements EventBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  async publish(event: DomainEvent): Promise<void> {
    this.emitter.emit('event', event);
  }
  async publishAll(events: readonly DomainEvent[]): Promise<void> {
    for (const e of events) this.emitter.emit('event', e);
  }
  subscribe(handler: (event: DomainEvent) => void): () => void {
    this.emitter.on('event', handler);
    return () => this.emitter.off('event', handler);
  }
  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/**
 * PostgreSQL LISTEN/NOTIFY: every replica listens on one channel; a publish on any replica reaches all,
 * including itself (so local delivery takes the same path as remote and cannot diverge).
 */
export class PostgresEventBus implements EventBus {
  private readonly local = new InProcessEventBus();
  private client: pg.Client | null = null;
  private closed = false;

  private constructor(
    private readonly url: string,
    private readonly logger: Logger,
    private readonly pool: pg.Pool,
  ) {}

  static async create(url: string, logger: Logger): Promise<PostgresEventBus> {
    const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 10_000, statement_timeout: 10_000 });
    // A connection cut by the server must not become an uncaught exception (see database.ts).
    guardPool(pool, (err) => logger.warn({ err: err.message }, 'event bus: connection lost'));
    const bus = new PostgresEventBus(url, logger, pool);
    await bus.connect();
    return bus;
  }

  private async connect(): Promise<void> {
    // A connect that hangs must not stall start-up or reconnects (the outbound timeout rule).
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 10_000 });
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        void this.local.publish(JSON.parse(msg.payload) as DomainEvent);
      } catch (e) {
        this.logger.warn({ err: (e as Error).message }, 'event bus: unreadable notification ignored');
      }
    });
    // The dedicated LISTEN client belongs to no pool: it needs its own 'error' listener for its whole life, or
    // a terminated connection is an uncaught exception. 'end' covers a close without error.
    const lost = (err?: Error) => {
      if (this.client !== client) return;
      this.client = null;
      this.logger.warn({ err: err?.message ?? 'connection ended' }, 'event bus: listener connection lost, reconnecting');
      void client.end().catch(() => undefined);
      this.reconnect(0);
    };
    client.on('error', (err) => lost(err));
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (e) {
      void client.end().catch(() => undefined);
      throw e;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
  }

  /** Tries again until the database answers (0.5 s, 1 s, 2 s, then every 5 s): a stopped database is no reason to give up. */
  private reconnect(attempt: number): void {
    if (this.closed) return;
    const delay = Math.min(500 * 2 ** attempt, 5_000);
    setTimeout(() => {
      if (this.closed || this.client) return;
      this.connect().then(
        () => this.logger.info({ attempts: attempt + 1 }, 'event bus: listening again'),
        (e: unknown) => {
          this.logger.warn({ err: (e as Error).message, attempt: attempt + 1 }, 'event bus: reconnect failed, trying again');
          this.reconnect(attempt + 1);
        },
      );
    }, delay).unref();
  }

  async publish(event: DomainEvent): Promise<void> {
    // NOTIFY payloads are limited to 8000 bytes; events carry ids only, so this is a programming error.
    const payload = JSON.stringify(event);
    if (payload.length > 7900) throw new Error(`event too large for NOTIFY: ${event.type}`);
    await this.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
  }

  /**
   * One statement for all of a commit's events (one round trip, not one per event). PostgreSQL delivers
   * identical payloads sent in one transaction once; the live views only refetch on them, so that is fine.
   */
  async publishAll(events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 1) return this.publish(events[0]!);
    const payloads = events.map((e) => JSON.stringify(e));
    const tooLarge = payloads.filter((p) => p.length > 7900);
    const fitting = payloads.filter((p) => p.length <= 7900);
    if (fitting.length) await this.pool.query('SELECT pg_notify($1, p) FROM unnest($2::text[]) WITH ORDINALITY AS t(p, n) ORDER BY n', [CHANNEL, fitting]);
    if (tooLarge.length) throw new Error(`event too large for NOTIFY: ${tooLarge.map((p) => (JSON.parse(p) as DomainEvent).type).join(', ')}`);
  }

  subscribe(handler: (event: DomainEvent) => void): () => void {
    return this.local.subscribe(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
    await this.local.close();
  }
}
