/**
 * Publishing through Microsoft Graph against the test kit's Entra and Graph stand-ins over HTTPS (a test CA
 * the app is given explicitly; TLS checks stay on), with the real msal-node and Graph client inside the
 * real app: on-behalf-of with the tab's SSO token, upload of the .docx to the channel's files folder
 * (simple and upload session), the channel post, the Teams meeting with its invitation, the attendance
 * report merged with join/leave events, a 429 with Retry-After, a 503, and a restart of the app while a
 * POST is on the wire: no duplicates, nothing lost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../bot/app';
import { loadConfig } from '../../../bot/config';
import { createLogger } from '../../../bot/logger';
import { startEntraStandIn, type EntraStandIn } from '../../kit/entra-stand-in';
import { startGraphStandIn, type GraphStandIn } from '../../kit/graph-stand-in';
import { createTestCa, type TestCa } from '../../kit/tls';

const TENANT = randomUUID();
const APP = { clientId: randomUUID(), clientSecret: `secret-${randomUUID()}`, tenantId: TENANT, applicationIdUri: '' };
APP.applicationIdUri = `api://localhost/${APP.clientId}`;
const TEAM = randomUUID();
const CHANNEL = '19:abcdef0123456789@thread.tacv2';
const SECRETARY = { oid: randomUUID(), upn: 'linnea.hedkvist@regionorebrolan.se', name: 'Linnea Hedkvist' };
const MEMBER = { oid: randomUUID(), upn: 'siw.lunander@hallsberg.se', name: 'Siw Lunander' };

let ca: TestCa;
let entra: EntraStandIn;
let graph: GraphStandIn;
let dataDir: string;
let app: App;
let url: string;
let now = new Date('2025-03-27T12:00:00.000Z');
const clock = { now: () => new Date(now) };
let token: string;
let meetingId: string;
const ids = { body: randomUUID(), secretary: randomUUID(), member: randomUUID(), guestless: randomUUID() };

async function startApp(): Promise<void> {
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: process.env.RADSLAG_TEST_LOG_LEVEL ?? 'silent',
    RADSLAG_DATA_DIR: dataDir,
    MicrosoftAppId: APP.clientId,
    MicrosoftAppPassword: APP.clientSecret,
    MicrosoftAppTenantId: TENANT,
    MicrosoftAppType: 'SingleTenant',
    RADSLAG_SSO_AUDIENCE: APP.applicationIdUri,
    // The API verifies SSO tokens against the stand-in's JWKS; msal (below) talks to its HTTPS listener.
    ENTRA_AUTHORITY_HOST: entra.url,
    GRAPH_BASE_URL: graph.baseUrl,
  });
  app = await buildApp({ config, logger: createLogger(config.logLevel), clock, runJobs: false, graph: { caPem: ca.caCertPem, authorityHost: entra.httpsUrl, simpleUploadMaxBytes: 1024 * 1024 } });
  url = (await app.listen(0)).url;
}

function api(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  return fetch(`${url}/api/v1${path}`, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
}

async function ok<T = any>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function job(id: string) {
  return (await app.store.read.jobs.get(id))!;
}

async function publication(entryId: string) {
  return (await app.store.read.graphPublications.get(entryId))!;
}

beforeAll(async () => {
  ca = createTestCa();
  let httpBase = '';
  // Tokens carry the HTTP listener's issuer (what ENTRA_AUTHORITY_HOST names for the API's verifier).
  entra = await startEntraStandIn({ tls: ca, apps: [APP], issuer: (tid) => `${httpBase}/${tid}/v2.0` });
  httpBase = entra.url;
  graph = await startGraphStandIn({ ca, entra });
  graph.setChannelName(TEAM, CHANNEL, 'Folkhälsa');
  dataDir = mkdtempSync(join(tmpdir(), 'radslag-graph-'));
  await startApp();
  token = await entra.mintUserToken({ tenantId: TENANT, audience: APP.applicationIdUri, scopes: ['access_as_user'], ...SECRETARY });
  const tenantId = app.store.tenantId;
  await app.store.transaction(async (tx) => {
    await tx.bodies.insert({ id: ids.body, tenantId, name: 'Specifika samverkansrådet för folkhälsa', kind: 'råd', shortName: 'SSR folkhälsa', defaultDocumentKind: 'protokoll', teamsTeamId: TEAM, teamsChannelId: CHANNEL, absenceContact: null, version: 1 });
    for (const [id, p] of [
      [ids.secretary, SECRETARY],
      [ids.member, MEMBER],
    ] as const)
      await tx.people.insert({ id, tenantId, name: p.name, email: p.upn, aadObjectId: p.oid, userPrincipalName: p.upn, title: null, organisationId: null, isAdmin: false, locale: 'sv', version: 1 });
    await tx.memberships.insert({ id: randomUUID(), tenantId, bodyId: ids.body, personId: ids.secretary, role: 'sekreterare', organisationId: null, title: null, substituteOrder: null, substituteForPersonId: null, from: null, to: null, version: 1 });
    await tx.memberships.insert({ id: randomUUID(), tenantId, bodyId: ids.body, personId: ids.member, role: 'ledamot', organisationId: null, title: null, substituteOrder: null, substituteForPersonId: null, from: null, to: null, version: 1 });
  });
  const created = await ok(await api('/meetings', { method: 'POST', json: { bodyIds: [ids.body], startsAt: '2025-04-03T07:00:00.000Z', endsAt: '2025-04-03T10:00:00.000Z', place: 'Teams', items: [{ title: 'Handlingsplan 2025', kind: 'beslut' }] } }), 201);
  meetingId = created.meeting.id;
}, 60_000);

afterAll(async () => {
  await app?.close().catch(() => undefined);
  await graph?.close();
  await entra?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('Graph publishing (outbox)', () => {
  let v1: { number: number };

  it('acts for the secretary (on-behalf-of), uploads the .docx and posts once, through a 503 and a 429 with Retry-After', async () => {
    v1 = await ok(await api(`/meetings/${meetingId}/minutes/versions`, { method: 'POST' }), 201);
    graph.failNext(1, 503, { path: '/filesFolder' });
    graph.failNext(1, 429, { path: '/messages', method: 'POST', retryAfter: 7 });
    const entry = await ok(await api(`/meetings/${meetingId}/minutes/versions/${v1.number}/publish`, { method: 'POST', json: { confirmDraft: true } }), 202);
    expect(entry.state).toBe('queued');

    // 1st run: the files folder answers 503 → retried later with backoff.
    await app.jobs.runDue();
    let j = await job((await publication(entry.id)).jobId!);
    expect(j.state).toBe('failed');
    expect(j.lastError).toMatch(/503/);
    expect((await publication(entry.id)).steps.upload).toBeUndefined();

    // 2nd run: upload works, the post gets 429 with Retry-After: 7 → next try exactly 7 s later.
    now = new Date(Date.parse(j.runAt) + 1);
    await app.jobs.runDue();
    j = await job(j.id);
    expect(j.state).toBe('failed');
    expect(j.lastError).toMatch(/429/);
    expect(Date.parse(j.runAt) - now.getTime()).toBe(7000);
    expect((await publication(entry.id)).steps.upload?.path).toBe(`Folkhälsa/Protokoll SSR folkhälsa 2025-04-03 version ${v1.number}.docx`);
    expect(graph.messages).toHaveLength(0);

    // Not before Retry-After has passed.
    now = new Date(now.getTime() + 6000);
    expect(await app.jobs.runDue()).toBe(0);
    now = new Date(now.getTime() + 1001);
    await app.jobs.runDue();
    expect((await job(j.id)).state).toBe('done');

    expect(graph.messages).toHaveLength(1);
    const msg = graph.messages[0]!;
    expect(msg).toMatchObject({ teamId: TEAM, channelId: CHANNEL });
    // Posted as the secretary: the Graph token came from on-behalf-of with her SSO token.
    expect(msg.caller).toMatchObject({ oid: SECRETARY.oid, idtyp: 'user', appid: APP.clientId });
    const obo = entra.requests.filter((r) => r.requestedTokenUse === 'on_behalf_of' && r.status === 200);
    expect(obo.length).toBeGreaterThan(0);
    expect(obo.every((r) => r.assertion === token && r.listener === 'https')).toBe(true);
    expect(obo.map((r) => r.scope).join(' ')).toContain('ChannelMessage.Send');
    const content = String((msg.message.body as { content: string }).content);
    expect(content).toContain('Protokoll');
    expect(content).toContain('Handlingsplan 2025');
    expect(content).toContain((await publication(entry.id)).clientRef);
    // An unjusterat draft is marked "Utkast" first thing, in the subject and the post.
    expect((msg.message as { subject?: string }).subject).toBe(`Utkast: Protokoll 2025-04-03 (version ${v1.number})`);
    expect(content.startsWith(`<p><b>Utkast</b> – version ${v1.number} är inte justerad och kan ändras.</p>`)).toBe(true);
    // The .docx in the channel folder, readable, linked from the post.
    const file = graph.file(graph.driveIdForGroup(TEAM), (await publication(entry.id)).steps.upload!.path)!;
    expect(file.via).toBe('simple');
    const xml = strFromU8(unzipSync(new Uint8Array(file.content))['word/document.xml']!);
    expect(xml).toContain('Handlingsplan 2025');
    expect(content).toContain(String(file.item.webUrl).replace(/&/g, '&amp;'));

    // The secretary sees the state; asking again for the same version posts nothing new.
    const outbox = await ok(await api(`/meetings/${meetingId}/outbox`));
    expect(outbox.entries[0]).toMatchObject({ kind: 'minutes.post', version: v1.number, state: 'done', job: { state: 'done', attempts: 3 } });
    expect(outbox.entries[0].steps.post.messageId).toBe(msg.message.id);
    const again = await ok(await api(`/meetings/${meetingId}/minutes/versions/${v1.number}/publish`, { method: 'POST', json: { confirmDraft: true } }), 202);
    expect(again.id).toBe(entry.id);
    await app.jobs.runDue();
    expect(graph.messages).toHaveLength(1);
  });

  it('keeps the MSAL cache in the store, encrypted (no token or assertion in clear text)', async () => {
    const rows = await app.database.db.selectFrom('graph_token_cache').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.ciphertext.startsWith('v1.')).toBe(true);
      expect(r.ciphertext).not.toContain('AccessToken');
      expect(r.ciphertext).not.toContain(token.slice(0, 40));
    }
    // Once done, the stored assertion is gone; while queued it is kept only encrypted.
    const pubs = await app.store.read.graphPublications.findBy({ meetingId });
    expect(pubs.every((p) => p.state !== 'done' || p.assertionCiphertext === null)).toBe(true);
    const v = await ok(await api(`/meetings/${meetingId}/minutes/versions`, { method: 'POST' }), 201);
    const queued = await ok(await api(`/meetings/${meetingId}/minutes/versions/${v.number}/publish`, { method: 'POST', json: { confirmDraft: true } }), 202);
    const row = await publication(queued.id);
    expect(row.assertionCiphertext?.startsWith('v1.')).toBe(true);
    expect(row.assertionCiphertext).not.toContain(token.slice(0, 40));
    await app.jobs.runDue();
    expect((await publication(queued.id)).assertionCiphertext).toBeNull();
  });

  it('creates the Teams meeting with the calendar invitation and binds it to the meeting', async () => {
    const entry = await ok(await api(`/meetings/${meetingId}/teams-meeting`, { method: 'POST' }), 202);
    await app.jobs.runDue();
    expect((await publication(entry.id)).state).toBe('done');
    expect(graph.events).toHaveLength(1);
    const ev = graph.events[0]!;
    expect(ev).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness', subject: 'Specifika samverkansrådet för folkhälsa' });
    expect((ev.attendees as { emailAddress: { address: string } }[]).map((a) => a.emailAddress.address).sort()).toEqual([MEMBER.upn, SECRETARY.upn].sort());
    expect(graph.onlineMeetings).toHaveLength(1);
    const m = await ok(await api(`/meetings/${meetingId}`));
    expect(m.meeting.teams).toMatchObject({ onlineMeetingId: graph.onlineMeetings[0]!.id, joinUrl: graph.onlineMeetings[0]!.joinWebUrl });
    // Asking again for the same planned meeting creates nothing new.
    await ok(await api(`/meetings/${meetingId}/teams-meeting`, { method: 'POST' }), 202);
    await app.jobs.runDue();
    expect(graph.events).toHaveLength(1);
  });

  it('imports the attendance report and merges it with the join/leave events', async () => {
    const m = await ok(await api(`/meetings/${meetingId}`));
    const onlineId = m.meeting.teams.onlineMeetingId as string;
    const join = new Date('2025-04-03T07:01:00.000Z');
    // The bot already saw the member join (Teams event) a few seconds before the report's time.
    await app.store.read.attendanceIntervals.insert({ id: randomUUID(), meetingId, personId: ids.member, from: new Date(join.getTime() + 20_000).toISOString(), to: null, source: 'teams_event' });
    graph.addAttendanceReport(onlineId, {
      start: new Date('2025-04-03T07:00:00.000Z'),
      end: new Date('2025-04-03T10:00:00.000Z'),
      records: [
        { userId: MEMBER.oid, displayName: MEMBER.name, emailAddress: MEMBER.upn, intervals: [{ join, leave: new Date('2025-04-03T08:30:00.000Z') }, { join: new Date('2025-04-03T09:00:00.000Z'), leave: new Date('2025-04-03T10:00:00.000Z') }] },
        { userId: SECRETARY.oid, displayName: SECRETARY.name, intervals: [{ join: new Date('2025-04-03T06:58:00.000Z'), leave: new Date('2025-04-03T10:00:00.000Z') }] },
        { displayName: 'Gäst Utan Konto', intervals: [{ join: new Date('2025-04-03T07:30:00.000Z'), leave: new Date('2025-04-03T08:00:00.000Z') }] },
      ],
    });
    const entry = await ok(await api(`/meetings/${meetingId}/attendance/report-import`, { method: 'POST' }), 202);
    await app.jobs.runDue();
    const pub = await publication(entry.id);
    expect(pub.state, String(pub.lastError)).toBe('done');
    expect(pub.steps.attendance).toMatchObject({ reports: 1, records: 3, matched: 2, unmatched: ['Gäst Utan Konto'] });
    const intervals = await app.store.read.attendanceIntervals.findBy({ meetingId, personId: ids.member });
    // The event's open interval is closed by the report, the second stay added: two, not three.
    expect(intervals).toHaveLength(2);
    expect(intervals.every((i) => i.to !== null)).toBe(true);
    const att = await app.store.read.attendance.findBy({ meetingId });
    expect(att.map((a) => [a.personId, a.state, a.source]).sort()).toEqual(
      [
        [ids.member, 'present', 'graph_report'],
        [ids.secretary, 'present', 'graph_report'],
      ].sort(),
    );
  });

  it('posts a summary that fits one Teams message, linking the Word file, when the minutes are too long', async () => {
    const agenda = await ok(await api(`/meetings/${meetingId}/agenda`));
    const item = (agenda.items ?? agenda).find((i: { title: string }) => i.title === 'Handlingsplan 2025');
    const para = 'Rådet diskuterade handlingsplanen för folkhälsa i länets kommuner och regionen, med fokus på barn och unga. ';
    await ok(await api(`/meetings/${meetingId}/agenda/items/${item.id}/notes`, { method: 'PUT', json: { version: item.version, notes: Array.from({ length: 40 }, () => para.repeat(8)).join('\n\n') } }));
    const v = await ok(await api(`/meetings/${meetingId}/minutes/versions`, { method: 'POST' }), 201);
    const full = await ok(await api(`/meetings/${meetingId}/minutes/versions/${v.number}`));
    expect(Buffer.byteLength(full.html)).toBeGreaterThan(28_000);
    const entry = await ok(await api(`/meetings/${meetingId}/minutes/versions/${v.number}/publish`, { method: 'POST', json: { confirmDraft: true } }), 202);
    await app.jobs.runDue();
    const pub = await publication(entry.id);
    expect(pub.state).toBe('done');
    expect(pub.steps.post?.summarised).toBe(true);
    const msg = graph.messages.find((m) => String((m.message.body as { content: string }).content).includes(pub.clientRef))!;
    const content = String((msg.message.body as { content: string }).content);
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(28_000);
    expect(content).toContain('Hela protokollet');
    expect(content).toContain(String(pub.steps.upload!.webUrl).replace(/&/g, '&amp;'));
    // The Word file holds everything the post left out.
    const file = graph.file(graph.driveIdForGroup(TEAM), pub.steps.upload!.path)!;
    expect(strFromU8(unzipSync(new Uint8Array(file.content))['word/document.xml']!).split('med fokus på barn och unga').length - 1).toBe(320);
  });

  it('uses an upload session for a file above the simple-upload limit', async () => {
    // Notes long enough that the .docx exceeds this app's 1 MiB simple-upload limit are slow to build;
    // instead a second app shares the data dir with a tiny limit.
    await app.close();
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', RADSLAG_DATA_DIR: dataDir, MicrosoftAppId: APP.clientId, MicrosoftAppPassword: APP.clientSecret, MicrosoftAppTenantId: TENANT, MicrosoftAppType: 'SingleTenant', RADSLAG_SSO_AUDIENCE: APP.applicationIdUri, ENTRA_AUTHORITY_HOST: entra.url, GRAPH_BASE_URL: graph.baseUrl });
    app = await buildApp({ config, logger: createLogger('silent'), clock, runJobs: false, graph: { caPem: ca.caCertPem, authorityHost: entra.httpsUrl, simpleUploadMaxBytes: 1000 } });
    url = (await app.listen(0)).url;
    const v = await ok(await api(`/meetings/${meetingId}/minutes/versions`, { method: 'POST' }), 201);
    const entry = await ok(await api(`/meetings/${meetingId}/minutes/versions/${v.number}/publish`, { method: 'POST', json: { confirmDraft: true } }), 202);
    await app.jobs.runDue();
    const pub = await publication(entry.id);
    expect(pub.state).toBe('done');
    const file = graph.file(graph.driveIdForGroup(TEAM), pub.steps.upload!.path)!;
    expect(file.via).toBe('session');
    expect(strFromU8(unzipSync(new Uint8Array(file.content))['word/document.xml']!)).toContain('Handlingsplan 2025');
    await app.close();
    await startApp();
  });

  it('survives a restart while the POST is on the wire: the post that did arrive is found, not repeated', async () => {
    const v = await ok(await api(`/meetings/${meetingId}/minutes/versions`, { method: 'POST' }), 201);
    const entry = await ok(await api(`/meetings/${meetingId}/minutes/versions/${v.number}/publish`, { method: 'POST', json: { confirmDraft: true } }), 202);
    const before = graph.messages.length;
    // Graph takes 1.5 s to answer the POST; the app goes down meanwhile. Graph still creates the message.
    graph.failNext(1, 0, { method: 'POST', path: '/messages', delayMs: 1500 });
    const running = app.jobs.runDue();
    const onTheWire = () => graph.requests.some((r) => r.method === 'POST' && r.path.endsWith('/messages') && r.status === 0);
    const deadline = Date.now() + 30_000;
    while (!onTheWire() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(onTheWire()).toBe(true);
    await app.close(); // stops the runner: the in-flight request is aborted, the job is left for a retry
    await running.catch(() => undefined);
    // The stand-in finishes the POST after its delay, although the client is gone.
    const arrived = Date.now() + 15_000;
    while (graph.messages.length < before + 1 && Date.now() < arrived) await new Promise((r) => setTimeout(r, 25));
    expect(graph.messages.length).toBe(before + 1);

    now = new Date(now.getTime() + 10 * 60_000); // past any backoff and lease
    await startApp();
    const stopped = await publication(entry.id);
    expect(stopped.state).not.toBe('done');
    expect(stopped.steps.postAttemptedAt).toBeTruthy();
    expect(stopped.steps.post).toBeUndefined();
    const oboBefore = entra.requests.filter((r) => r.requestedTokenUse === 'on_behalf_of').length;
    await app.jobs.runDue();
    const done = await publication(entry.id);
    expect(done.state, `${done.lastError} / ${(await job(done.jobId!)).lastError}`).toBe('done');
    // Exactly one message for this version, the one that arrived during the restart.
    const ours = graph.messages.filter((m) => String((m.message.body as { content: string }).content).includes(done.clientRef));
    expect(ours).toHaveLength(1);
    expect(done.steps.post?.messageId).toBe(ours[0]!.message.id);
    expect(graph.messages.length).toBe(before + 1);
    // After the restart the Graph token came from the stored (encrypted) MSAL cache: no new on-behalf-of call.
    expect(entra.requests.filter((r) => r.requestedTokenUse === 'on_behalf_of').length, JSON.stringify(entra.requests.slice(-3).map((r) => [r.grantType, r.scope, r.status, r.requestedTokenUse]))).toBe(oboBefore);
    // Nothing lost: every publication of the meeting is done.
    const outbox = await ok(await api(`/meetings/${meetingId}/outbox`));
    expect(outbox.entries.map((e: { state: string }) => e.state)).toEqual(outbox.entries.map(() => 'done'));
  });
});
