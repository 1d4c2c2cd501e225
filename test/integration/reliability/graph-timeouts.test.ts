/**
 * Graph answers too slowly: every Graph call has a timeout (here 400 ms instead of 30 s, through the same
 * transport option the app uses), a timed-out step is retried by the durable outbox job, and a POST that
 * timed out on our side but did arrive at Graph is found, not posted a second time. 429 and 503 with
 * Retry-After are proven in test/integration/minutes/graph-publish.test.ts (issue 6); this adds timeouts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../bot/app';
import { loadConfig } from '../../../bot/config';
import { createLogger } from '../../../bot/logger';
import { startEntraStandIn, type EntraStandIn } from '../../kit/entra-stand-in';
import { startGraphStandIn, type GraphStandIn } from '../../kit/graph-stand-in';
import { createTestCa } from '../../kit/tls';

const TENANT = randomUUID();
const APP = { clientId: randomUUID(), clientSecret: `secret-${randomUUID()}`, tenantId: TENANT, applicationIdUri: '' };
APP.applicationIdUri = `api://localhost/${APP.clientId}`;
const TEAM = randomUUID();
const CHANNEL = '19:timeouts0123456789@thread.tacv2';
const SECRETARY = { oid: randomUUID(), upn: 'sara.sekreterare@region.se', name: 'Sara Sekreterare' };
const GRAPH_TIMEOUT_MS = 400;

describe('Graph timeouts: the outbox retries, nothing lost, nothing posted twice', () => {
  let entra: EntraStandIn;
  let graph: GraphStandIn;
  let app: App;
  let url: string;
  let dataDir: string;
  let token: string;
  let meetingId: string;
  let now = new Date('2025-05-20T12:00:00.000Z');
  const clock = { now: () => new Date(now) };

  const api = (path: string, init: RequestInit = {}) => fetch(`${url}/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
  async function ok<T = any>(res: Response, status = 200): Promise<T> {
    const text = await res.text();
    expect(res.status, text).toBe(status);
    return JSON.parse(text) as T;
  }

  beforeAll(async () => {
    const ca = createTestCa();
    let httpBase = '';
    entra = await startEntraStandIn({ tls: ca, apps: [APP], issuer: (tid) => `${httpBase}/${tid}/v2.0` });
    httpBase = entra.url;
    graph = await startGraphStandIn({ ca, entra });
    graph.setChannelName(TEAM, CHANNEL, 'Allmänt');
    dataDir = mkdtempSync(join(tmpdir(), 'radslag-graph-timeouts-'));
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      RADSLAG_DATA_DIR: dataDir,
      MicrosoftAppId: APP.clientId,
      MicrosoftAppPassword: APP.clientSecret,
      MicrosoftAppTenantId: TENANT,
      RADSLAG_SSO_AUDIENCE: APP.applicationIdUri,
      ENTRA_AUTHORITY_HOST: entra.url,
      GRAPH_BASE_URL: graph.baseUrl,
    });
    app = await buildApp({ config, logger: createLogger(config.logLevel), clock, runJobs: false, graph: { caPem: ca.caCertPem, authorityHost: entra.httpsUrl, timeoutMs: GRAPH_TIMEOUT_MS } });
    url = (await app.listen(0)).url;
    token = await entra.mintUserToken({ tenantId: TENANT, audience: APP.applicationIdUri, scopes: ['access_as_user'], ...SECRETARY });
    const tenantId = app.store.tenantId;
    const bodyId = randomUUID();
    const personId = randomUUID();
    await app.store.transaction(async (tx) => {
      await tx.bodies.insert({ id: bodyId, tenantId, name: 'Chefsgruppen', kind: 'chefsgrupp', shortName: null, defaultDocumentKind: 'minnesanteckningar', teamsTeamId: TEAM, teamsChannelId: CHANNEL, absenceContact: null, version: 1 });
      await tx.people.insert({ id: personId, tenantId, name: SECRETARY.name, email: SECRETARY.upn, aadObjectId: SECRETARY.oid, userPrincipalName: SECRETARY.upn, title: null, organisationId: null, isAdmin: false, locale: 'sv', version: 1 });
      await tx.memberships.insert({ id: randomUUID(), tenantId, bodyId, personId, role: 'sekreterare', organisationId: null, title: null, substituteOrder: null, substituteForPersonId: null, from: null, to: null, version: 1 });
    });
    const created = await ok(await api('/meetings', { method: 'POST', body: JSON.stringify({ bodyIds: [bodyId], startsAt: '2025-05-27T07:00:00.000Z', endsAt: '2025-05-27T09:00:00.000Z', items: [{ title: 'Budget 2026', kind: 'beslut' }] }) }), 201);
    meetingId = created.meeting.id;
  }, 60_000);
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await graph?.close();
    await entra?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('a slow files folder, then a POST that times out but arrives: retried, exactly one post and one file', async () => {
    const v = await ok(await api(`/meetings/${meetingId}/minutes/versions`, { method: 'POST' }), 201);
    const entry = await ok(await api(`/meetings/${meetingId}/minutes/versions/${v.number}/publish`, { method: 'POST', body: JSON.stringify({ confirmDraft: true }) }), 202);
    const publication = async () => (await app.store.read.graphPublications.get(entry.id))!;
    const job = async () => (await app.store.read.jobs.get((await publication()).jobId!))!;

    // Run 1: the files folder answers after 1.5 s, our call gives up after 400 ms → a retry later.
    graph.failNext(1, 0, { path: '/filesFolder', delayMs: 1500 });
    let started = Date.now();
    await app.jobs.runDue();
    expect(Date.now() - started).toBeLessThan(1400);
    let j = await job();
    expect(j.state).toBe('failed');
    expect(j.lastError).toMatch(/timeout|abort/i);
    expect((await publication()).steps.upload).toBeUndefined();

    // Run 2: the upload works; the POST of the message takes 1.5 s — we time out, Graph still creates it.
    now = new Date(Date.parse(j.runAt) + 1);
    graph.failNext(1, 0, { method: 'POST', path: '/messages', delayMs: 1500 });
    started = Date.now();
    await app.jobs.runDue();
    expect(Date.now() - started).toBeLessThan(1400);
    j = await job();
    expect(j.state).toBe('failed');
    expect((await publication()).steps.postAttemptedAt).toBeTruthy();
    await new Promise((r) => setTimeout(r, 1600));
    if (process.env.RADSLAG_DEBUG) console.log(j.lastError, JSON.stringify((await publication()).steps), graph.requests.map((r) => `${r.method} ${r.path} ${r.status}`));
    expect(graph.messages).toHaveLength(1);

    // Run 3: the outbox finds the post that arrived instead of posting again.
    now = new Date(Date.parse(j.runAt) + 1);
    await app.jobs.runDue();
    const done = await publication();
    expect(done.state).toBe('done');
    expect(graph.messages).toHaveLength(1);
    expect(done.steps.post?.messageId).toBe(graph.messages[0]!.message.id);
    expect(String((graph.messages[0]!.message.body as { content: string }).content)).toContain(done.clientRef);
    // One file, uploaded with a fixed name and "replace": a retry cannot leave two.
    const uploads = graph.requests.filter((r) => r.method === 'PUT' && /\/content/.test(r.path) && r.status >= 200 && r.status < 300);
    expect(uploads).toHaveLength(1);
  });
});
