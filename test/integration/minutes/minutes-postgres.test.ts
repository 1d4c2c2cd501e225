/**
 * The minutes on PostgreSQL (the same migration, the lock enforced by the database's trigger), the
 * justering reminders as jobs on an injected clock, and local mode without credentials: minutes are
 * produced, stored and viewable, publishing is skipped, and the log says why.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../bot/app';
import { loadConfig } from '../../../bot/config';
import { createLogger } from '../../../bot/logger';
import type { TestApp } from '../../kit/app-harness';
import { createTestDatabase, type TestDatabase } from '../../kit/pg';
import { json, planMeeting, seedCouncil, type Council, type PlannedMeeting } from '../agenda/fixture';

let db: TestDatabase;
let app: App;
let t: TestApp;
const logLines: Record<string, unknown>[] = [];
let now = new Date('2025-03-27T12:00:00.000Z');
const clock = { now: () => new Date(now) };

beforeAll(async () => {
  db = await createTestDatabase();
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'info', DATABASE_URL: db.url });
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  app = await buildApp({ config, logger: createLogger('info', sink), clock, runJobs: false });
  const { url } = await app.listen(0);
  t = {
    app,
    url,
    dataDir: null,
    api(path, init = {}) {
      const headers = new Headers(init.headers);
      if (init.as) headers.set('X-Radslag-Dev-User', init.as);
      if (init.json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${url}${path}`, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
    },
    close: () => app.close(),
  };
}, 60_000);

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('minutes on PostgreSQL, reminders, local mode', () => {
  let council: Council;
  let meeting: PlannedMeeting;
  const sec = () => council.people.secretary.email;

  it('runs on PostgreSQL: versions, justering with reminders to whoever has not signed, the database-enforced lock', async () => {
    expect(app.store.kind).toBe('postgres');
    council = await seedCouncil(t);
    meeting = await planMeeting(t, council, '2025-03-27T08:00:00.000Z');
    const m = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}`, { as: sec() }), 200);
    await json(await t.api(`/api/v1/meetings/${meeting.meetingId}`, { method: 'PATCH', as: sec(), json: { version: m.meeting.version, secretaryPersonIds: [council.people.secretary.id], justerarePersonIds: [council.people.ledamot.id, council.people.viceChair.id] } }), 200);
    const v = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/versions`, { method: 'POST', as: sec() }), 201);
    await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/justering`, { method: 'POST', as: sec(), json: {} }), 200);
    // Jari signs (through the tab's route this time); Siw does not.
    now = new Date('2025-04-01T08:00:00.000Z');
    await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/versions/${v.number}/justering/sign`, { method: 'POST', as: council.people.ledamot.email }), 200);
    // Three days before the deadline (2025-04-10T11:00Z) the reminders fall due.
    now = new Date('2025-04-07T11:00:01.000Z');
    const before = (await app.store.read.jobs.list({ kind: 'teams.send', limit: 200 })).length;
    await app.jobs.runDue();
    const reminders = await app.store.read.jobs.list({ kind: 'justering.reminder', limit: 20 });
    const ran = reminders.filter((j) => j.state === 'done');
    expect(ran).toHaveLength(2);
    expect(ran.map((j) => j.result).sort((a: any, b: any) => Number(a.sent) - Number(b.sent))).toEqual([{ sent: false, reason: 'signed' }, { sent: true }]);
    const sends = (await app.store.read.jobs.list({ kind: 'teams.send', limit: 200 })).slice(0, 200).map((j) => j.payload as any);
    expect(sends.length).toBeGreaterThan(before);
    const reminderCards = sends.filter((s) => s.purpose === 'justering reminder-3');
    expect(reminderCards.map((s) => s.to.personId)).toEqual([council.people.viceChair.id]);
    expect(reminderCards[0].message.model).toMatchObject({ signedNames: ['Jari Mehtäläinen'], pendingNames: ['Siw Lunander'], viewerMaySign: true });

    // Siw signs by e-mail, recorded by the secretary → final and locked; PostgreSQL's trigger refuses edits.
    const r = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/versions/${v.number}/justering/external`, { method: 'POST', as: sec(), json: { personId: council.people.viceChair.id, date: '2025-04-07', method: 'email' } }), 200);
    const final = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/versions/${r.final.number}`, { as: sec() }), 200);
    expect(final.html).toContain('Justerade: Jari Mehtäläinen 250401, Siw Lunander 250407 via e-post');
    const item = meeting.items.find((i) => i.number === 5)!;
    const res = await t.api(`/api/v1/meetings/${meeting.meetingId}/agenda/items/${item.id}/notes`, { method: 'PUT', as: sec(), json: { version: item.version, notes: 'efteråt' } });
    expect((await json(res, 409)).error.code).toBe('LOCKED_FINAL');
    await expect(app.store.transaction(async (tx) => tx.decisions.insert({ id: 'late-decision', tenantId: app.store.tenantId, meetingId: meeting.meetingId, itemId: item.id, text: 'Direkt i databasen.', status: 'confirmed', postponed: false, proposedBy: council.people.secretary.id, proposedAt: now.toISOString(), reservations: [], version: 1 }))).rejects.toMatchObject({ code: 'LOCKED_FINAL' });
    // Justerade minutes are published as before: no confirmation asked.
    const published = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/publish`, { method: 'POST', as: sec() }), 202);
    expect(published).toMatchObject({ kind: 'minutes.post', version: r.final.number });
  });

  it('in local mode without credentials: stored and viewable, publishing skipped with the reason in the outbox and the log', async () => {
    const v2 = await planMeeting(t, council, '2025-05-16T07:00:00.000Z');
    const created = await json(await t.api(`/api/v1/meetings/${v2.meetingId}/minutes/versions`, { method: 'POST', as: sec() }), 201);
    // The chair reads the draft; a member does not until it is justerad (test/integration/minutes/draft-readers.test.ts).
    const read = await json(await t.api(`/api/v1/meetings/${v2.meetingId}/minutes/versions/${created.number}`, { as: council.people.chair.email }), 200);
    await json(await t.api(`/api/v1/meetings/${v2.meetingId}/minutes/versions/${created.number}`, { as: council.people.ledamot.email }), 403);
    expect(read.html).toContain('<h2>Ärenden</h2>');
    // An unjusterat draft is published only when the secretary says so explicitly (the tab asks first).
    const unconfirmed = await json(await t.api(`/api/v1/meetings/${v2.meetingId}/minutes/publish`, { method: 'POST', as: sec() }), 409);
    expect(unconfirmed.error).toMatchObject({ code: 'MINUTES_DRAFT_NOT_CONFIRMED', messageSv: expect.stringMatching(/inte justerat\. Bekräfta att du vill publicera utkastet/), messageEn: expect.stringMatching(/not signed\. Confirm that you want to publish the draft/) });
    await json(await t.api(`/api/v1/meetings/${v2.meetingId}/minutes/versions/${created.number}/publish`, { method: 'POST', as: sec(), json: { confirmDraft: false } }), 409);
    expect((await json(await t.api(`/api/v1/meetings/${v2.meetingId}/outbox`, { as: sec() }), 200)).entries).toEqual([]);
    const entry = await json(await t.api(`/api/v1/meetings/${v2.meetingId}/minutes/publish`, { method: 'POST', as: sec(), json: { confirmDraft: true } }), 202);
    // The contract says so: an optional body with the flag.
    const doc = await json(await t.api('/api/v1/openapi.json'), 200);
    for (const path of ['/meetings/{meetingId}/minutes/publish', '/meetings/{meetingId}/minutes/versions/{number}/publish']) {
      const body = doc.paths[path].post.requestBody;
      expect(body.required, path).toBe(false);
      expect(body.content['application/json'].schema.properties, path).toEqual({ confirmDraft: { type: 'boolean' } });
    }
    expect(entry.state).toBe('skipped');
    expect(entry.steps.skippedReason).toMatch(/lokalt läge utan Graph-uppgifter/);
    expect(entry.job).toBeNull();
    const outbox = await json(await t.api(`/api/v1/meetings/${v2.meetingId}/outbox`, { as: sec() }), 200);
    expect(outbox).toMatchObject({ graphEnabled: false, entries: [{ kind: 'minutes.post', state: 'skipped' }] });
    expect(logLines.some((l) => l.msg === 'graph: publishing to Teams is off; minutes are still produced and stored')).toBe(true);
    expect(logLines.some((l) => l.msg === 'graph: nothing sent to Teams' && l.meetingId === v2.meetingId && /local mode without Graph credentials/.test(String(l.reason)))).toBe(true);
    // Members other than the secretary do not see the outbox.
    await json(await t.api(`/api/v1/meetings/${v2.meetingId}/outbox`, { as: council.people.ledamot.email }), 403);
  });
});
