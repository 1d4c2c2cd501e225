/**
 * A crash between a change's commit and its follow-up loses nothing and doubles nothing. The real server
 * runs as a child process, on a PGlite data directory and on a fresh PostgreSQL database; RADSLAG_TEST_CRASH_AFTER_COMMIT=<job kind> makes it
 * SIGKILL itself right after committing a transaction that enqueued that job kind (bot/config.ts), so the
 * crash lands exactly between the change and the work that must follow it. After a restart on the same
 * data directory the follow-up is done, and done once:
 *   (a) the Teams meeting ends → the first minutes draft (one version, also when Teams redelivers the event);
 *   (b) the secretary moves the meeting → every member who got the kallelse is told once (counted in the
 *       Bot Connector stand-in).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BenchApi, seedCouncil, type SeededCouncil, type SeededPerson } from '../../../bench/seed';
import { botInstalledPersonal, deliverToBot, meetingEnd, type ActivityBase } from '../../kit/activities';
import { startBotConnector, type BotConnector, type SentActivity } from '../../kit/bot-connector';
import { createTestDatabase, pgAvailable, pgRequired, type TestDatabase } from '../../kit/pg';
import { startServerProcess, type ServerProcess } from '../../kit/server-process';

const BOT_APP_ID = '00000000-0000-4000-8000-00000000b07b';
const TENANT = '00000000-0000-4000-8000-0000000000aa';

async function waitFor<T>(what: string, fn: () => Promise<T | null | false | undefined> | T | null | false | undefined, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the connector has seen nothing new for `quietMs`. */
async function settled(connector: BotConnector, quietMs = 1500): Promise<void> {
  let last = -1;
  let since = Date.now();
  await waitFor('the connector to go quiet', () => {
    if (connector.sent.length !== last) {
      last = connector.sent.length;
      since = Date.now();
    }
    return Date.now() - since >= quietMs;
  });
}

// PGlite: the restarted process owns the data directory alone and queues the dead one's jobs again at once.
// PostgreSQL: no process owns the store, so the restarted one takes the jobs over when their lease runs out
// (5 s here through RADSLAG_JOB_LEASE_SECONDS; 60 s by default).
// In CI (RADSLAG_REQUIRE_PG) the PostgreSQL run never skips: createTestDatabase fails loudly instead.
const usePg = (await pgAvailable()) || pgRequired();
const stores = [{ store: 'PGlite' as const }, ...(usePg ? [{ store: 'PostgreSQL' as const }] : [])];

describe.each(stores)('kill -9 between a commit and its follow-up: after restart the follow-up is done exactly once ($store)', ({ store }) => {
  let dataDir: string;
  let pg: TestDatabase | null = null;
  let connector: BotConnector;
  let server: ServerProcess | null = null;
  let council: SeededCouncil;

  const start = async (crashAfterCommitOf?: string) => {
    server = await startServerProcess({
      command: ['node', '--import', 'tsx', 'bot/main.ts'],
      env: { LOG_LEVEL: 'warn', RADSLAG_API_RATE_LIMIT: 'off', MicrosoftAppId: undefined, DATABASE_URL: pg?.url, RADSLAG_JOB_LEASE_SECONDS: pg ? '5' : undefined, RADSLAG_DATA_DIR: dataDir, RADSLAG_TEST_CRASH_AFTER_COMMIT: crashAfterCommitOf },
      readyTimeoutMs: 90_000,
    });
    return server;
  };
  const api = () => new BenchApi(server!.url);
  const base = (p: SeededPerson, id: string): ActivityBase => ({ serviceUrl: connector.url, botAppId: BOT_APP_ID, tenantId: TENANT, from: { aadObjectId: p.aadObjectId, name: p.name }, id, locale: 'sv-SE' });
  const expectKilled = async (s: ServerProcess) => {
    const exit = await s.exited;
    expect(exit.signal, `the server killed itself after the commit:\n${s.output.slice(-10).join('\n')}`).toBe('SIGKILL');
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'radslag-follow-up-'));
    if (store === 'PostgreSQL') pg = await createTestDatabase();
    connector = await startBotConnector();
  });
  afterAll(async () => {
    await server?.stop(5000);
    await connector?.close();
    rmSync(dataDir, { recursive: true, force: true });
    await pg?.drop();
  });

  it('(a) the meeting ends → the minutes draft; (b) the meeting is moved → the notices', async () => {
    // (a) The process dies right after the commit that ends the meeting and enqueues its draft.
    let s = await start('minutes.meeting_end');
    council = await seedCouncil(api(), { people: 4, meetings: 2, tag: 'krasch' });
    const [ended, moved] = council.meetings as [SeededCouncil['meetings'][number], SeededCouncil['meetings'][number]];
    const endActivity = meetingEnd({ ...base(council.secretary, 'end-1'), meetingId: ended.teamsMeetingId, chatId: ended.chatId, title: 'Samverkansrådet', endTime: new Date(ended.startsAt) });
    await deliverToBot(`${s.url}/api/messages`, endActivity).catch(() => undefined);
    await expectKilled(s);

    // Restarted (the stale data-dir lock is taken over); this time it dies after moving the meeting (b).
    s = await start('meeting.change_notices');
    const minutes = async () => (await api().call<{ versions: { number: number; status: string }[] }>('GET', `/meetings/${ended.id}/minutes`, undefined, council.secretary.email)).versions;
    const drafts = await waitFor('the draft written after restart', async () => {
      const v = await minutes();
      return v.length > 0 ? v : null;
    });
    expect(drafts.map((v) => [v.number, v.status])).toEqual([[1, 'draft']]);
    // Teams redelivers the event it got no answer for: no second draft.
    expect((await deliverToBot(`${s.url}/api/messages`, endActivity)).status).toBeLessThan(300);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await minutes()).map((v) => v.number)).toEqual([1]);

    // (b) Every person has the bot in a 1:1 chat; the secretary sends the kallelse for the second meeting.
    for (const p of council.people) expect((await deliverToBot(`${s.url}/api/messages`, botInstalledPersonal(base(p, `install-${p.id}`)))).status).toBeLessThan(300);
    const kallelse = await api().call<{ sent: { personId: string }[] }>('POST', `/meetings/${moved.id}/kallelse`, undefined, council.secretary.email);
    expect(kallelse.sent.length).toBeGreaterThanOrEqual(council.people.length - 1);
    await settled(connector);
    const isMovedNotice = (a: SentActivity) => /är flyttat till/.test(a.activity.text ?? '');
    const current = await api().call<{ meeting: { version: number } }>('GET', `/meetings/${moved.id}`);
    const newStart = new Date(Date.parse(moved.startsAt) + 86_400_000);
    await api()
      .call('PATCH', `/meetings/${moved.id}`, { version: current.meeting.version, startsAt: newStart.toISOString(), endsAt: new Date(newStart.getTime() + 3 * 3600_000).toISOString() }, council.secretary.email)
      .catch(() => undefined);
    await expectKilled(s);
    expect(connector.count(isMovedNotice), 'nothing was told before the crash').toBe(0);

    // Restarted without the hook: the notices go out, one per person who got the kallelse, and no more.
    s = await start();
    const after = await api().call<{ meeting: { status: string; startsAt: string } }>('GET', `/meetings/${moved.id}`);
    expect([after.meeting.status, after.meeting.startsAt]).toEqual(['moved', newStart.toISOString()]);
    await connector.waitForCount(kallelse.sent.length, isMovedNotice, 30_000);
    await settled(connector, 2500);
    const notices = connector.sent.filter(isMovedNotice);
    expect(notices).toHaveLength(kallelse.sent.length);
    expect(new Set(notices.map((n) => n.conversationId)).size).toBe(kallelse.sent.length);
    // And the draft of (a) is still the one version.
    expect((await minutes()).map((v) => v.number)).toEqual([1]);
  }, 300_000);
});
