import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../bot/logger';
import { openDatabase, type Database } from '../../../bot/store/database';
import { InProcessEventBus, PostgresEventBus } from '../../../bot/store/event-bus';
import type { DomainEvent } from '../../../shared/ports/events';
import { createTestDatabase, type TestDatabase } from '../../kit/pg';

const waitFor = async (check: () => boolean, ms = 3000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting for events');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('event bus', () => {
  it('delivers in-process and stops after unsubscribe', async () => {
    const bus = new InProcessEventBus();
    const seen: DomainEvent[] = [];
    const off = bus.subscribe((e) => seen.push(e));
    await bus.publish({ type: 'decision.confirmed', meetingId: 'm1' });
    off();
    await bus.publish({ type: 'decision.confirmed', meetingId: 'm2' });
    expect(seen.map((e) => e.meetingId)).toEqual(['m1']);
  });

  describe('on PostgreSQL (LISTEN/NOTIFY) across replicas', () => {
    let pg: TestDatabase;
    let database: Database;
    let a: PostgresEventBus;
    let b: PostgresEventBus;
    beforeAll(async () => {
      pg = await createTestDatabase();
      database = await openDatabase({ databaseUrl: pg.url, dataDir: '' });
      const logger = createLogger('silent');
      a = await PostgresEventBus.create(pg.url, logger);
      b = await PostgresEventBus.create(pg.url, logger);
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await database?.close();
      await pg?.drop();
    });

    it('delivers an event published on one replica to subscribers on both, within a second', async () => {
      const onA: DomainEvent[] = [];
      const onB: DomainEvent[] = [];
      a.subscribe((e) => onA.push(e));
      b.subscribe((e) => onB.push(e));
      const started = Date.now();
      await a.publish({ type: 'attendance.changed', meetingId: 'm-42', data: { personId: 'p-1', version: 3 } });
      await waitFor(() => onA.length === 1 && onB.length === 1);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(onB[0]).toEqual({ type: 'attendance.changed', meetingId: 'm-42', data: { personId: 'p-1', version: 3 } });
    });

    it('delivers a commit’s events, sent in one statement, in order to the other replica', async () => {
      const onB: DomainEvent[] = [];
      const off = b.subscribe((e) => onB.push(e));
      const events: DomainEvent[] = [1, 2, 3].map((n) => ({ type: 'callin.changed', meetingId: 'm-7', data: { n } }));
      await a.publishAll(events);
      await waitFor(() => onB.length === 3);
      expect(onB).toEqual(events);
      off();
    });

    it('refuses an event too large for NOTIFY instead of truncating it', async () => {
      await expect(a.publish({ type: 'x', data: { blob: 'x'.repeat(9000) } })).rejects.toThrow(/too large/);
    });
  });
});
