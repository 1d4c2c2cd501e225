/**
 * Scale-out: two server processes on one PostgreSQL database behind a round-robin proxy on loopback.
 * Many simultaneous meetings: participants join and leave, decisions are confirmed on cards, förhinder
 * arrive in chat — every activity delivered twice at once (Teams redelivers; the copies land on
 * different replicas). Then the tables are dumped: no lost update, no duplicate, every job run once,
 * and live updates reach tab clients (server-sent events) on either replica.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { adaptiveCardAction, meetingParticipantJoin, meetingParticipantLeave, personalMessage, type ActivityBase, type TeamsActivity } from '../../kit/activities';
import { startBotConnector, type BotConnector } from '../../kit/bot-connector';
import { closeServer, listenLoopback, readBody } from '../../kit/http-util';
import { createTestDatabase, pgAvailable, pgRequired, type TestDatabase } from '../../kit/pg';
import { startRoundRobinProxy, type RoundRobinProxy } from '../../kit/round-robin-proxy';
import { startServerProcess, type ServerProcess } from '../../kit/server-process';
import { openDatabase, type Database } from '../../../bot/store/database';
import { createStore } from '../../../bot/store/store';
import { BenchApi, seedCouncil, type SeededCouncil, type SeededPerson } from '../../../bench/seed';

const BOT_APP_ID = '00000000-0000-4000-8000-00000000b07b';
const TENANT = '00000000-0000-4000-8000-0000000000aa';
const MEETINGS = 6;
const PEOPLE = 21; // the secretary and 20 members
const JOBS = 300;

interface SseClient {
  events: { event: string; data: { type?: string; meetingId?: string } }[];
  close(): void;
}

async function openStream(url: string): Promise<SseClient> {
  const ac = new AbortController();
  const res = await fetch(url, { signal: ac.signal, headers: { accept: 'text/event-stream' } });
  if (res.status !== 200 || !res.body) throw new Error(`stream answered ${res.status}: ${await res.text()}`);
  const events: SseClient['events'] = [];
  void (async () => {
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buf += decoder.decode(chunk, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const ev = block.split('\n').find((l) => l.startsWith('event: '))?.slice(7);
          const data = block.split('\n').find((l) => l.startsWith('data: '))?.slice(6);
          if (ev) events.push({ event: ev, data: data ? JSON.parse(data) : {} });
        }
      }
    } catch {
      // Closed by the test.
    }
  })();
  return { events, close: () => ac.abort() };
}

/** Runs tasks with at most `limit` in flight. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const k = next++;
        out[k] = await tasks[k]!();
      }
    }),
  );
  return out;
}

async function waitFor<T>(what: string, fn: () => Promise<T | null | false> | T | null | false, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const canRun = (await pgAvailable()) || pgRequired();

describe.runIf(canRun)('two replicas on one PostgreSQL behind a round-robin proxy', () => {
  let db: TestDatabase;
  let connector: BotConnector;
  let counter: Server;
  const counted: { jobId: string; replica: string }[] = [];
  let a: ServerProcess;
  let b: ServerProcess;
  let proxy: RoundRobinProxy;
  let client: pg.Client;
  let database: Database;
  let api: BenchApi;
  let council: SeededCouncil;

  beforeAll(async () => {
    db = await createTestDatabase();
    connector = await startBotConnector();
    counter = createServer((req, res) => {
      void readBody(req).then((body) => {
        counted.push(JSON.parse(body.toString('utf8')) as { jobId: string; replica: string });
        res.writeHead(204).end();
      });
    });
    const counterPort = await listenLoopback(counter);
    const replica = (name: string) =>
      startServerProcess({
        command: [process.execPath, '--import', 'tsx', 'test/integration/scale/replica-main.ts'],
        env: { DATABASE_URL: db.url, LOG_LEVEL: 'warn', SCALE_REPLICA: name, SCALE_COUNTER_URL: `http://127.0.0.1:${counterPort}/count`, MicrosoftAppId: undefined },
        readyTimeoutMs: 60_000,
      });
    // The first replica migrates the empty database and creates the local administrator; then the second.
    a = await replica('A');
    b = await replica('B');
    proxy = await startRoundRobinProxy([a.url, b.url]);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    database = await openDatabase({ databaseUrl: db.url, dataDir: '' });
    api = new BenchApi(proxy.url);
    council = await seedCouncil(api, { people: PEOPLE, meetings: MEETINGS, tag: 'scale' });
  });

  afterAll(async () => {
    await proxy?.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await client?.end();
    await database?.close();
    if (counter) await closeServer(counter);
    await connector?.close();
    await db?.drop();
  });

  const base = (p: SeededPerson, id: string): ActivityBase => ({ serviceUrl: connector.url, botAppId: BOT_APP_ID, tenantId: TENANT, from: { aadObjectId: p.aadObjectId, name: p.name }, id, locale: 'sv-SE' });

  /** Delivers one activity twice at once through the proxy (the copies go to different replicas). */
  async function deliverTwice(activity: TeamsActivity): Promise<number[]> {
    const post = () => fetch(`${proxy.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) }).then(async (r) => (await r.text(), r.status));
    return Promise.all([post(), post()]);
  }

  it('answers through both replicas', async () => {
    const before = [...proxy.counts];
    await Promise.all(Array.from({ length: 4 }, () => fetch(`${proxy.url}/readyz`).then((r) => r.text())));
    expect(proxy.counts[0]! - before[0]!).toBe(2);
    expect(proxy.counts[1]! - before[1]!).toBe(2);
  });

  it('drives many meetings at once: no lost update, no duplicate, each send once, live updates on both replicas', async () => {
    const members = council.people.slice(1);
    const m0 = council.meetings[0]!;
    // Tab clients: one stream on each replica, each with a ticket issued by that replica.
    const streams: SseClient[] = [];
    for (const r of [a, b]) {
      const res = await fetch(`${r.url}/api/v1/stream-tickets`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Radslag-Dev-User': council.secretary.email }, body: JSON.stringify({ meetingId: m0.id }) });
      expect(res.status).toBe(201);
      const { url } = (await res.json()) as { url: string };
      streams.push(await openStream(`${r.url}${url}`));
    }
    await waitFor('both streams ready', () => streams.every((s) => s.events.some((e) => e.event === 'ready')));

    // Decisions to confirm: three per meeting, proposed by the secretary over the API.
    const decisions: { id: string; version: number; meetingId: string }[] = [];
    for (const m of council.meetings) {
      const { items } = await api.call<{ items: { id: string; kind: string }[] }>('GET', `/meetings/${m.id}`);
      for (const item of items.slice(0, 3)) {
        const d = await api.call<{ decision?: { id: string; version: number }; id?: string; version?: number }>('POST', `/meetings/${m.id}/agenda/items/${item.id}/decisions`, { text: `Rådet beslutar om ${item.id}.` }, council.secretary.email);
        const dec = d.decision ?? (d as { id: string; version: number });
        decisions.push({ id: dec.id, version: dec.version, meetingId: m.id });
      }
    }

    const tasks: (() => Promise<number[]>)[] = [];
    // Join → leave → join for 20 people in every meeting but the last (the förhinder go there): one chain
    // per person, the chains run concurrently.
    const joined = council.meetings.slice(0, MEETINGS - 1);
    for (const m of joined) {
      const details = { meetingId: m.teamsMeetingId, chatId: m.chatId, title: 'Samverkansrådet' };
      for (const p of members) {
        const user = { aadObjectId: p.aadObjectId, name: p.name };
        tasks.push(async () => {
          const statuses: number[] = [];
          for (const [k, kind] of (['join', 'leave', 'join'] as const).entries()) {
            const b0 = { ...base(p, `ev-${m.id}-${p.id}-${k}`), timestamp: new Date(Date.now() + k * 1000) };
            const act = kind === 'join' ? meetingParticipantJoin({ ...b0, ...details, members: [{ user }] }) : meetingParticipantLeave({ ...b0, ...details, members: [{ user }] });
            statuses.push(...(await deliverTwice(act)));
          }
          return statuses;
        });
      }
    }
    // The secretary confirms every decision on its card.
    for (const d of decisions) {
      const sec = { aadObjectId: council.secretary.aadObjectId, name: council.secretary.name };
      tasks.push(() => deliverTwice(adaptiveCardAction({ ...base(council.secretary, `f:${randomUUID()}`), from: sec, scope: { kind: 'personal' }, verb: 'decision.confirm', data: { cardId: `decision:${d.id}`, decisionId: d.id, version: d.version } })));
    }
    // Förhinder in chat: 10 members, each for the last meeting.
    const last = council.meetings[MEETINGS - 1]!;
    const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', day: 'numeric', month: 'numeric' }).formatToParts(new Date(last.startsAt));
    const dm = `${day.find((x) => x.type === 'day')!.value}/${day.find((x) => x.type === 'month')!.value}`;
    const absent = members.slice(0, 10);
    const messageIds = absent.map((p) => `msg-${p.id}`);
    for (const [k, p] of absent.entries()) tasks.push(() => deliverTwice(personalMessage({ ...base(p, messageIds[k]!), text: `Jag har förhinder ${dm}` })));
    // Shuffle so meetings, cards and chat interleave.
    for (let i = tasks.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [tasks[i], tasks[j]] = [tasks[j]!, tasks[i]!];
    }
    const statuses = (await pool(tasks, 24)).flat();
    expect(statuses.filter((s) => s >= 300)).toEqual([]);
    expect(proxy.counts[0]).toBeGreaterThan(100);
    expect(proxy.counts[1]).toBeGreaterThan(100);

    // Dump the tables.
    const meetingIds = joined.map((m) => m.id);
    const intervals = await client.query<{ meeting_id: string; person_id: string; n: number; open: number }>(
      `SELECT meeting_id, person_id, count(*)::int AS n, count(*) FILTER (WHERE to_at IS NULL)::int AS open FROM attendance_intervals WHERE meeting_id = ANY($1) GROUP BY 1, 2`,
      [meetingIds],
    );
    // Every person in every meeting: exactly two intervals (join–leave, then the open second join).
    expect(intervals.rows.length).toBe(joined.length * members.length);
    expect(intervals.rows.filter((r) => r.n !== 2 || r.open !== 1)).toEqual([]);
    const attendance = await client.query<{ meeting_id: string; person_id: string; n: number }>(`SELECT meeting_id, person_id, count(*)::int AS n FROM attendance WHERE meeting_id = ANY($1) GROUP BY 1, 2 HAVING count(*) > 1`, [meetingIds]);
    expect(attendance.rows).toEqual([]);

    // Decisions: each confirmed exactly once (version 1 → 2, one audit entry) despite two deliveries.
    const dec = await client.query<{ id: string; status: string; version: number }>(`SELECT id, status, version FROM decisions WHERE id = ANY($1)`, [decisions.map((d) => d.id)]);
    expect(dec.rows.filter((r) => r.status !== 'confirmed' || r.version !== 2)).toEqual([]);
    const audits = await client.query<{ entity_id: string; n: number }>(`SELECT entity_id, count(*)::int AS n FROM audit_log WHERE action = 'decision.confirm' AND entity_id = ANY($1) GROUP BY 1`, [decisions.map((d) => d.id)]);
    expect(audits.rows.length).toBe(decisions.length);
    expect(audits.rows.filter((r) => r.n !== 1)).toEqual([]);

    // Förhinder: recorded once each, and exactly one reply per message reached the connector (a teams.send
    // job run by whichever replica claimed it), none doubled.
    const abs = await client.query<{ person_id: string; state: string }>(`SELECT person_id, state FROM attendance WHERE meeting_id = $1 AND person_id = ANY($2)`, [last.id, absent.map((p) => p.id)]);
    expect(abs.rows.length).toBe(absent.length);
    expect(abs.rows.every((r) => r.state === 'förhinder')).toBe(true);
    const replyJobs = await client.query<{ dedupe_key: string; state: string }>(`SELECT dedupe_key, state FROM jobs WHERE kind = 'teams.send' AND dedupe_key LIKE 'reply:%'`);
    for (const id of messageIds) expect(replyJobs.rows.filter((r) => r.dedupe_key.includes(id)).length).toBe(1);
    // Wait until every send job has settled (run by whichever replica claimed it).
    await waitFor('the send jobs to settle', async () => {
      const r = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE kind = 'teams.send' AND state NOT IN ('done', 'dead')`);
      return r.rows[0]!.n === 0;
    });
    await new Promise((r) => setTimeout(r, 500));
    const sendJobsDone = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE kind = 'teams.send' AND state = 'done'`);
    expect(sendJobsDone.rows[0]!.n).toBeGreaterThanOrEqual(absent.length);
    // Every send job that finished reached the connector exactly once: no send ran twice.
    expect(connector.count()).toBe(sendJobsDone.rows[0]!.n);

    // Live updates: the attendance changes of meeting 0, made on both replicas, reached both streams.
    for (const s of streams) await waitFor('a change on every stream', () => s.events.filter((e) => e.event === 'change' && e.data.meetingId === m0.id).length >= members.length);
    for (const s of streams) expect(s.events.filter((e) => e.event === 'change' && e.data.type === 'attendance.changed').length).toBeGreaterThanOrEqual(members.length);
    for (const s of streams) s.close();
  });

  it('refuses the stale half of concurrent edits on both replicas (optimistic versions: no lost update)', async () => {
    const m = council.meetings[1]!;
    const { meeting } = await api.call<{ meeting: { version: number } }>('GET', `/meetings/${m.id}`);
    // Ten edits from the same version at once, alternating replicas: one wins, nine get 409 with the winner.
    const places = Array.from({ length: 10 }, (_, k) => `Lokal ${k}`);
    const results = await Promise.all(
      places.map((place) =>
        fetch(`${proxy.url}/api/v1/meetings/${m.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', 'X-Radslag-Dev-User': council.secretary.email }, body: JSON.stringify({ version: meeting.version, place }) }).then(async (r) => ({ status: r.status, body: (await r.json()) as { place?: string; version?: number } })),
      ),
    );
    const won = results.filter((r) => r.status === 200);
    expect(won.length).toBe(1);
    expect(results.filter((r) => r.status === 409).length).toBe(9);
    const stored = await client.query<{ place: string; version: number }>(`SELECT place, version FROM meetings WHERE id = $1`, [m.id]);
    expect(stored.rows[0]).toEqual({ place: won[0]!.body.place, version: meeting.version + 1 });
  });

  it('runs each of 300 jobs exactly once across the two replicas', async () => {
    const store = createStore(database.db, 'postgres', TENANT);
    const ids = await store.transaction(async (tx) => {
      const out: string[] = [];
      for (let i = 0; i < JOBS; i++) out.push((await tx.jobs.enqueue({ kind: 'scale.count', payload: { i } })).id);
      return out;
    });
    await waitFor(`${JOBS} job runs`, () => new Set(counted.map((c) => c.jobId)).size >= JOBS, 60_000);
    // Let a late double run show up before counting.
    await new Promise((r) => setTimeout(r, 1500));
    const perJob = new Map<string, number>();
    for (const c of counted) perJob.set(c.jobId, (perJob.get(c.jobId) ?? 0) + 1);
    expect([...perJob.keys()].sort()).toEqual([...ids].sort());
    expect([...perJob.values()].filter((n) => n !== 1)).toEqual([]);
    const states = await client.query<{ state: string; n: number }>(`SELECT state, count(*)::int AS n FROM jobs WHERE kind = 'scale.count' GROUP BY 1`);
    expect(states.rows).toEqual([{ state: 'done', n: JOBS }]);
    // Both replicas took part (each polls every 100 ms and claims 10 at a time).
    const byReplica = new Set(counted.map((c) => c.replica));
    expect(byReplica).toEqual(new Set(['A', 'B']));
  });
});
