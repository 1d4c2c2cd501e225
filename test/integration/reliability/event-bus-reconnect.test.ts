import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../bot/logger';
import { PostgresEventBus } from '../../../bot/store/event-bus';
import type { DomainEvent } from '../../../shared/ports/events';
import { createTestDatabase, pgAvailable, pgRequired, type TestDatabase } from '../../kit/pg';
import { startTcpProxy, type TcpProxy } from '../../kit/tcp-proxy';

const logger = createLogger('silent');

/**
 * Issue 15 finding 2: the LISTEN client of the PostgreSQL event bus is no pool's client. When its connection
 * was lost it tried to reconnect once, a second later; with the database still away that failed and the
 * replica never heard another replica's live update again. It must keep trying until the database is back.
 */
describe('PostgreSQL event bus: the LISTEN connection comes back after the database was away', () => {
  let db: TestDatabase | null = null;
  let proxy: TcpProxy;
  let listener: PostgresEventBus | null = null;
  let publisher: PostgresEventBus | null = null;

  beforeAll(async () => {
    if (!(await pgAvailable()) && !pgRequired()) return;
    db = await createTestDatabase();
    const u = new URL(db.url);
    proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port || 5432) });
    listener = await PostgresEventBus.create(proxy.via(db.url), logger);
    publisher = await PostgresEventBus.create(db.url, logger);
  });
  afterAll(async () => {
    await listener?.close();
    await publisher?.close();
    await proxy?.close();
    await db?.drop();
  });

  it('database unreachable for 3 s: no crash, and events reach the replica again afterwards', async (ctx) => {
    if (!db) return ctx.skip();
    const heard: DomainEvent[] = [];
    listener!.subscribe((e) => heard.push(e));
    await publisher!.publish({ type: 'meeting.updated', meetingId: 'before' });
    await expect.poll(() => heard.map((e) => e.meetingId), { timeout: 3000 }).toEqual(['before']);

    proxy.cut();
    await new Promise((r) => setTimeout(r, 3000));
    proxy.restore();
    // Published until one arrives: the replica listens again (reconnect attempts at most 5 s apart).
    const until = Date.now() + 12_000;
    let n = 0;
    while (!heard.some((e) => e.meetingId?.startsWith('after')) && Date.now() < until) {
      await publisher!.publish({ type: 'meeting.updated', meetingId: `after-${(n += 1)}` });
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(heard.some((e) => e.meetingId?.startsWith('after')), 'an event published after the database came back is heard').toBe(true);
  }, 30_000);
});
