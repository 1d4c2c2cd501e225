import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashTicket } from '../../../bot/live/stream-tickets';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { createTestDatabase, pgAvailable, pgRequired, type TestDatabase } from '../../kit/pg';

const ADMIN = 'admin@radslag.local';

interface SseEvent {
  event: string;
  data: unknown;
  at: number;
}

/** Reads a server-sent-event stream with fetch; collects parsed events until closed. */
async function openStream(url: string): Promise<{ status: number; events: SseEvent[]; next(pred: (e: SseEvent) => boolean, ms?: number): Promise<SseEvent>; close(): void }> {
  const ac = new AbortController();
  const res = await fetch(url, { signal: ac.signal, headers: { accept: 'text/event-stream' } });
  const events: SseEvent[] = [];
  const waiters: { pred: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
  if (res.ok && res.body) {
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
            const lines = block.split('\n');
            const ev = lines.find((l) => l.startsWith('event: '))?.slice(7);
            const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
            if (!ev) continue;
            const e = { event: ev, data: data ? JSON.parse(data) : null, at: Date.now() };
            events.push(e);
            for (const w of [...waiters]) {
              if (!w.pred(e)) continue;
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(e);
            }
          }
        }
      } catch {
        /* aborted */
      }
    })();
  }
  return {
    status: res.status,
    events,
    next(pred, ms = 3000) {
      const found = events.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('no matching event within ' + ms + ' ms; got ' + JSON.stringify(events))), ms);
        waiters.push({ pred, resolve: (e) => (clearTimeout(t), resolve(e)) });
      });
    },
    close: () => ac.abort(),
  };
}

/** `today`: the meeting is held today (check-in is only on the meeting day), else on a fixed date. */
async function makeMeeting(t: TestApp, name: string, opts: { today?: boolean } = {}): Promise<{ meetingId: string; version: number }> {
  const body = await (await t.api('/api/v1/bodies', { method: 'POST', as: ADMIN, json: { name, kind: 'råd' } })).json();
  const startsAt = opts.today ? new Date(Date.now() - 60_000).toISOString() : '2026-12-01T08:00:00Z';
  const r = await t.api('/api/v1/meetings', {
    method: 'POST',
    as: ADMIN,
    json: { bodyIds: [body.id], startsAt, endsAt: new Date(Date.parse(startsAt) + 2 * 3600_000).toISOString() },
  });
  expect(r.status).toBe(201);
  const m = await r.json();
  return { meetingId: m.meeting.id, version: m.meeting.version };
}

async function ticketFor(t: TestApp, meetingId: string, as = ADMIN): Promise<{ status: number; body: any }> {
  const r = await t.api('/api/v1/stream-tickets', { method: 'POST', as, json: { meetingId } });
  return { status: r.status, body: await r.json() };
}

describe('live updates: stream tickets and server-sent events (PGlite)', () => {
  let t: TestApp;
  let now = Date.now();
  beforeAll(async () => {
    t = await startTestApp({ clock: { now: () => new Date(now) } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('delivers a change to an open stream within a second, and stores only the ticket hash', async () => {
    const { meetingId, version } = await makeMeeting(t, 'Live råd A');
    const { status, body } = await ticketFor(t, meetingId);
    expect(status).toBe(201);
    expect(body.ticket).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(Date.parse(body.expiresAt) - now).toBe(60_000);
    const rows = await t.app.database.db.selectFrom('stream_tickets').selectAll().execute();
    expect(rows.some((r) => r.ticket_hash === hashTicket(body.ticket))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(body.ticket);

    const stream = await openStream(`${t.url}${body.url}`);
    expect(stream.status).toBe(200);
    await stream.next((e) => e.event === 'ready');
    const sent = Date.now();
    const patch = await t.api(`/api/v1/meetings/${meetingId}`, { method: 'PATCH', as: ADMIN, json: { version, place: 'Rum 1' } });
    expect(patch.status).toBe(200);
    const change = await stream.next((e) => e.event === 'change');
    expect(change.data).toMatchObject({ type: 'meeting.updated', meetingId });
    expect(change.at - sent).toBeLessThan(1000);
    stream.close();
  });

  it('does not forward events of other meetings', async () => {
    const a = await makeMeeting(t, 'Live råd B');
    const b = await makeMeeting(t, 'Live råd C');
    const { body } = await ticketFor(t, a.meetingId);
    const stream = await openStream(`${t.url}${body.url}`);
    await stream.next((e) => e.event === 'ready');
    await t.api(`/api/v1/meetings/${b.meetingId}`, { method: 'PATCH', as: ADMIN, json: { version: b.version, place: 'X' } });
    await t.api(`/api/v1/meetings/${a.meetingId}`, { method: 'PATCH', as: ADMIN, json: { version: a.version, place: 'Y' } });
    await stream.next((e) => e.event === 'change');
    expect(stream.events.filter((e) => e.event === 'change').map((e) => (e.data as { meetingId: string }).meetingId)).toEqual([a.meetingId]);
    stream.close();
  });

  it('refuses a used ticket, a ticket for another meeting, an expired ticket and a stream without a ticket', async () => {
    const a = await makeMeeting(t, 'Live råd D');
    const b = await makeMeeting(t, 'Live råd E');
    const first = await ticketFor(t, a.meetingId);
    const s1 = await openStream(`${t.url}${first.body.url}`);
    expect(s1.status).toBe(200);
    s1.close();
    const reuse = await fetch(`${t.url}${first.body.url}`);
    expect(reuse.status).toBe(401);
    expect((await reuse.json()).error.code).toBe('UNAUTHENTICATED');

    const other = await ticketFor(t, a.meetingId);
    const wrong = await fetch(`${t.url}/api/v1/meetings/${b.meetingId}/events?ticket=${other.body.ticket}`);
    expect(wrong.status).toBe(401);

    const late = await ticketFor(t, a.meetingId);
    now += 61_000;
    const expired = await fetch(`${t.url}${late.body.url}`);
    expect(expired.status).toBe(401);

    // The dev header (or a bearer token) does not open a stream: only a ticket does.
    const noTicket = await t.api(`/api/v1/meetings/${a.meetingId}/events?ticket=x`, { as: ADMIN });
    expect(noTicket.status).toBe(401);
    const garbage = await fetch(`${t.url}/api/v1/meetings/${a.meetingId}/events?ticket=${'A'.repeat(43)}`);
    expect(garbage.status).toBe(401);
  });

  it('gives no ticket to someone who may not read the meeting', async () => {
    const a = await makeMeeting(t, 'Live råd F');
    const { status, body } = await ticketFor(t, a.meetingId, 'stranger@example.org');
    expect(status).toBe(403);
    expect(body.error.code).toBe('FORBIDDEN');
  });

  it('finds the meeting linked to a Teams meeting (the side panel and stage start from the Teams context)', async () => {
    const a = await makeMeeting(t, 'Live råd G');
    const teamsId = 'MCMxOTptZWV0aW5nX1' + Math.random().toString(36).slice(2, 8) + '==';
    const link = await t.api(`/api/v1/meetings/${a.meetingId}/teams-link`, { method: 'PUT', as: ADMIN, json: { version: a.version, teamsMeetingId: teamsId } });
    expect(link.status).toBe(200);
    const found = await t.api(`/api/v1/teams-meetings/${encodeURIComponent(teamsId)}`, { as: ADMIN });
    expect(await found.json()).toEqual({ meetingId: a.meetingId });
    const missing = await t.api(`/api/v1/teams-meetings/MCMnothere`, { as: ADMIN });
    expect(missing.status).toBe(404);
    const stranger = await t.api(`/api/v1/teams-meetings/${encodeURIComponent(teamsId)}`, { as: 'stranger@example.org' });
    expect(stranger.status).toBe(403);
  });

  it('checks a roster member in (present, interval opened, live event) and refuses someone not on the roster', async () => {
    const a = await makeMeeting(t, 'Live råd J', { today: true });
    const body = (await (await t.api(`/api/v1/meetings/${a.meetingId}`, { as: ADMIN })).json()).meeting.bodyIds[0];
    const person = await (await t.api('/api/v1/people', { method: 'POST', as: ADMIN, json: { name: 'Eva Incheck', email: 'eva.incheck@example.org' } })).json();
    expect((await t.api(`/api/v1/bodies/${body}/memberships`, { method: 'POST', as: ADMIN, json: { personId: person.id, role: 'ledamot' } })).status).toBe(201);
    const { body: ticket } = await ticketFor(t, a.meetingId);
    const stream = await openStream(`${t.url}${ticket.url}`);
    await stream.next((e) => e.event === 'ready');
    const r = await t.api(`/api/v1/meetings/${a.meetingId}/check-in`, { method: 'POST', as: 'eva.incheck@example.org' });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ personId: person.id, state: 'present', source: 'check_in' });
    const change = await stream.next((e) => e.event === 'change');
    expect(change.data).toMatchObject({ type: 'attendance.changed', meetingId: a.meetingId });
    const rows = (await (await t.api(`/api/v1/meetings/${a.meetingId}/attendance`, { as: ADMIN })).json()).attendance;
    const mine = rows.find((x: { attendance: { personId: string } }) => x.attendance.personId === person.id);
    expect(mine.intervals).toHaveLength(1);
    expect(mine.intervals[0].to).toBeNull();
    const again = await t.api(`/api/v1/meetings/${a.meetingId}/check-in`, { method: 'POST', as: 'eva.incheck@example.org' });
    expect(again.status).toBe(200);
    const rows2 = (await (await t.api(`/api/v1/meetings/${a.meetingId}/attendance`, { as: ADMIN })).json()).attendance;
    expect(rows2.find((x: { attendance: { personId: string } }) => x.attendance.personId === person.id).intervals).toHaveLength(1);
    const outsider = await t.api(`/api/v1/meetings/${a.meetingId}/check-in`, { method: 'POST', as: 'stranger@example.org' });
    expect(outsider.status).toBe(403);
    stream.close();
  });

  it('keeps a searchable register of confirmed decisions per body, newest first, with LIKE wildcards taken literally', async () => {
    const a = await makeMeeting(t, 'Live råd K');
    const agenda = (await (await t.api(`/api/v1/meetings/${a.meetingId}`, { as: ADMIN })).json()) as { meeting: { bodyIds: string[] }; items: { id: string; number: number }[] };
    const bodyId = agenda.meeting.bodyIds[0];
    const item = agenda.items[1]!;
    const propose = async (text: string) => (await t.api(`/api/v1/meetings/${a.meetingId}/agenda/items/${item.id}/decisions`, { method: 'POST', as: ADMIN, json: { text } })).json();
    const d1 = await propose('Rådet beslutar att anta folkhälsopolicyn 100% enligt förslaget.');
    const d2 = await propose('Rådet beslutar att återkomma i frågan.');
    await propose('Ej bekräftat förslag om folkhälsa.');
    for (const d of [d1, d2]) expect((await t.api(`/api/v1/decisions/${d.id}/confirm`, { method: 'POST', as: ADMIN, json: { version: d.version } })).status).toBe(200);
    const all = (await (await t.api(`/api/v1/bodies/${bodyId}/decisions`, { as: ADMIN })).json()).decisions;
    expect(all.map((d: { text: string }) => d.text).sort()).toEqual([d1.text, d2.text].sort());
    expect(all[0]).toMatchObject({ meetingId: a.meetingId, itemNumber: item.number, status: 'confirmed' });
    const hit = (await (await t.api(`/api/v1/bodies/${bodyId}/decisions?q=${encodeURIComponent('folkhälsopolicyn')}`, { as: ADMIN })).json()).decisions;
    expect(hit.map((d: { id: string }) => d.id)).toEqual([d1.id]);
    const pct = (await (await t.api(`/api/v1/bodies/${bodyId}/decisions?q=${encodeURIComponent('100%')}`, { as: ADMIN })).json()).decisions;
    expect(pct.map((d: { id: string }) => d.id)).toEqual([d1.id]);
    const wildcard = (await (await t.api(`/api/v1/bodies/${bodyId}/decisions?q=${encodeURIComponent('%')}`, { as: ADMIN })).json()).decisions;
    expect(wildcard.map((d: { id: string }) => d.id)).toEqual([d1.id]);
    expect((await t.api(`/api/v1/bodies/${bodyId}/decisions`, { as: 'stranger@example.org' })).status).toBe(403);
  });

  it('ends open streams when the app closes', async () => {
    const t2 = await startTestApp();
    const a = await makeMeeting(t2, 'Live råd I');
    const { body } = await ticketFor(t2, a.meetingId);
    const stream = await openStream(`${t2.url}${body.url}`);
    await stream.next((e) => e.event === 'ready');
    const started = Date.now();
    await t2.close();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

const runPg = (await pgAvailable()) || pgRequired();
describe.runIf(runPg)('live updates across two replicas on PostgreSQL', () => {
  let db: TestDatabase;
  let r1: TestApp;
  let r2: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase();
    r1 = await startTestApp({ env: { DATABASE_URL: db.url } });
    r2 = await startTestApp({ env: { DATABASE_URL: db.url } });
  });
  afterAll(async () => {
    await r1?.close();
    await r2?.close();
    await db?.drop();
  });

  it('a ticket from one replica opens a stream on the other, which sees a change made on the first; the ticket works once across replicas', async () => {
    const { meetingId, version } = await makeMeeting(r1, 'Live råd PG');
    const { body } = await ticketFor(r1, meetingId);
    const stream = await openStream(`${r2.url}${body.url}`);
    expect(stream.status).toBe(200);
    await stream.next((e) => e.event === 'ready');
    const again = await fetch(`${r1.url}${body.url}`);
    expect(again.status).toBe(401);
    const sent = Date.now();
    await r1.api(`/api/v1/meetings/${meetingId}`, { method: 'PATCH', as: ADMIN, json: { version, place: 'Sal 2' } });
    const change = await stream.next((e) => e.event === 'change');
    expect(change.data).toMatchObject({ type: 'meeting.updated', meetingId });
    expect(change.at - sent).toBeLessThan(1000);
    stream.close();
  });
});
