import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfidentialClientApplication, LogLevel } from '@azure/msal-node';
import { AuthenticationHandler, Client, RetryHandler, RetryHandlerOptions, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { GRAPH_AUDIENCE, startEntraStandIn, type EntraStandIn } from '../../kit/entra-stand-in';
import { startGraphStandIn, type GraphStandIn } from '../../kit/graph-stand-in';
import { createTestCa, trustingFetch, type TestCa } from '../../kit/tls';

const TENANT = '11111111-2222-3333-4444-555555555555';
const APP = { clientId: 'aaaaaaaa-0000-0000-0000-000000000001', clientSecret: 'hemligt', tenantId: TENANT, applicationIdUri: 'api://localhost/aaaaaaaa-0000-0000-0000-000000000001', appRoles: ['ChannelMessage.Send'] };
const TEAM = '0d6e1f0e-0000-0000-0000-00000000beef';
const CHANNEL = '19:protokoll@thread.tacv2';

/** The last link of the Graph client's chain: sends over HTTPS trusting only the test CA. */
class TrustingHttpHandler implements Middleware {
  constructor(private readonly doFetch: typeof fetch) {}
  async execute(context: Context): Promise<void> {
    context.response = await this.doFetch(context.request as string, context.options);
  }
}

describe('Graph stand-in over HTTPS with the test CA', () => {
  let ca: TestCa;
  let entra: EntraStandIn;
  let graph: GraphStandIn;
  let cca: ConfidentialClientApplication;
  let caFetch: typeof fetch;

  beforeAll(async () => {
    ca = createTestCa();
    entra = await startEntraStandIn({ tls: ca, apps: [APP] });
    graph = await startGraphStandIn({ ca, entra });
    caFetch = trustingFetch(ca.caCertPem);
    cca = new ConfidentialClientApplication({
      auth: { clientId: APP.clientId, clientSecret: APP.clientSecret, authority: `${entra.httpsUrl}/${TENANT}`, knownAuthorities: [new URL(entra.httpsUrl!).host] },
      system: { customAgentOptions: { ca: ca.caCertPem }, loggerOptions: { logLevel: LogLevel.Error, loggerCallback: () => undefined, piiLoggingEnabled: false } },
    });
  });
  afterAll(async () => {
    await graph.close();
    await entra.close();
  });

  function graphClient(getToken: () => Promise<string>): Client {
    const auth = new AuthenticationHandler({ getAccessToken: getToken });
    const retry = new RetryHandler(new RetryHandlerOptions(0, 2));
    auth.setNext(retry);
    retry.setNext(new TrustingHttpHandler(caFetch));
    // customHosts: the Graph client only attaches the token for Graph hosts or these (hostname, no port).
    return Client.initWithMiddleware({ baseUrl: `${graph.url}/`, defaultVersion: 'v1.0', customHosts: new Set(['127.0.0.1']), middleware: auth });
  }
  const appToken = async (): Promise<string> => (await cca.acquireTokenByClientCredential({ scopes: [`${GRAPH_AUDIENCE}/.default`] }))!.accessToken;
  const userToken = async (): Promise<string> => {
    const assertion = await entra.mintUserToken({ tenantId: TENANT, oid: 'oid-sekr', upn: 'sekreterare@region.se', name: 'Sara Sekreterare', audience: APP.applicationIdUri });
    return (await cca.acquireTokenOnBehalfOf({ oboAssertion: assertion, scopes: [`${GRAPH_AUDIENCE}/.default`] }))!.accessToken;
  };

  it('the Graph client posts a channel message with an msal token; the stand-in stores it Graph-shaped', async () => {
    const posted = await graphClient(appToken).api(`/teams/${TEAM}/channels/${encodeURIComponent(CHANNEL)}/messages`).post({ body: { contentType: 'html', content: '<h1>Protokoll</h1>' }, subject: 'Protokoll 2025-04-03' });
    expect(posted).toMatchObject({ messageType: 'message', body: { contentType: 'html', content: '<h1>Protokoll</h1>' }, channelIdentity: { teamId: TEAM, channelId: CHANNEL }, subject: 'Protokoll 2025-04-03' });
    expect(typeof posted.id).toBe('string');
    expect(graph.messages).toHaveLength(1);
    expect(graph.messages[0]!.caller).toMatchObject({ appid: APP.clientId, aud: GRAPH_AUDIENCE });
  });

  it('TLS verification stays on: a client that does not trust the CA cannot connect', async () => {
    await expect(fetch(`${graph.baseUrl}/me/onlineMeetings`)).rejects.toThrow();
  });

  it('requires a Bearer token issued by the Entra stand-in', async () => {
    const none = await caFetch(`${graph.baseUrl}/teams/${TEAM}/channels/c/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"body":{"content":"x"}}' });
    expect(none.status).toBe(401);
    const forged = await entra.forgeUserToken('unknown-key', { tenantId: TENANT, oid: 'o', upn: 'u@x', audience: GRAPH_AUDIENCE });
    const bad = await caFetch(`${graph.baseUrl}/teams/${TEAM}/channels/c/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${forged}` }, body: '{"body":{"content":"x"}}' });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('InvalidAuthenticationToken');
    const wrongAud = await entra.mintAppToken({ tenantId: TENANT, appId: APP.clientId, audience: 'https://api.botframework.com' });
    expect((await caFetch(`${graph.baseUrl}/me/events`, { method: 'POST', headers: { authorization: `Bearer ${wrongAud}` } })).status).toBe(401);
  });

  it('failNext(429, Retry-After) is honoured by the Graph client retry handler', async () => {
    graph.clear();
    graph.failNext(1, 429, { retryAfter: 1, path: '/messages' });
    await graphClient(appToken).api(`/teams/${TEAM}/channels/${encodeURIComponent(CHANNEL)}/messages`).post({ body: { content: 'igen' } });
    expect(graph.requests.map((r) => r.status)).toEqual([429, 201]);
    expect(graph.messages).toHaveLength(1);
  });

  it('serves filesFolder, small upload with conflict behaviour, and a chunked upload session', async () => {
    const token = await appToken();
    const auth = { authorization: `Bearer ${token}` };
    graph.setChannelName(TEAM, CHANNEL, 'Protokoll');
    const folder = (await (await caFetch(`${graph.baseUrl}/teams/${TEAM}/channels/${encodeURIComponent(CHANNEL)}/filesFolder`, { headers: auth })).json()) as { id: string; name: string; parentReference: { driveId: string } };
    expect(folder.name).toBe('Protokoll');
    expect(folder.parentReference.driveId).toBe(graph.driveIdForGroup(TEAM));
    const put = (name: string, content: string, conflict?: string) =>
      caFetch(`${graph.baseUrl}/drives/${folder.parentReference.driveId}/items/${folder.id}:/${encodeURIComponent(name)}:/content${conflict ? `?@microsoft.graph.conflictBehavior=${conflict}` : ''}`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/octet-stream' }, body: content });
    expect((await put('Protokoll 1.docx', 'v1')).status).toBe(201);
    expect((await put('Protokoll 1.docx', 'v2', 'fail')).status).toBe(409);
    const renamed = (await (await put('Protokoll 1.docx', 'v3', 'rename')).json()) as { name: string };
    expect(renamed.name).toBe('Protokoll 1 1.docx');
    expect((await put('Protokoll 1.docx', 'v4')).status).toBe(200);
    expect(graph.file(folder.parentReference.driveId, 'Protokoll/Protokoll 1.docx')!.content.toString()).toBe('v4');

    const session = (await (await caFetch(`${graph.baseUrl}/groups/${TEAM}/drive/root:/Protokoll/Stor.docx:/createUploadSession`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ item: { '@microsoft.graph.conflictBehavior': 'replace' } }) })).json()) as { uploadUrl: string; nextExpectedRanges: string[] };
    expect(session.nextExpectedRanges).toEqual(['0-']);
    const data = Buffer.alloc(1000, 7);
    const chunk = (from: number, to: number) => caFetch(session.uploadUrl, { method: 'PUT', headers: { 'content-range': `bytes ${from}-${to}/1000` }, body: data.subarray(from, to + 1) });
    const first = await chunk(0, 599);
    expect(first.status).toBe(202);
    expect(((await first.json()) as { nextExpectedRanges: string[] }).nextExpectedRanges).toEqual(['600-']);
    expect((await chunk(0, 99)).status).toBe(416);
    const last = await chunk(600, 999);
    expect(last.status).toBe(201);
    expect(((await last.json()) as { size: number }).size).toBe(1000);
    const stored = graph.file(graph.driveIdForGroup(TEAM), 'Protokoll/Stor.docx')!;
    expect(stored.via).toBe('session');
    expect(stored.content.equals(data)).toBe(true);
    // The pre-authenticated upload URL was called without a bearer, as Graph requires.
    expect(graph.requests.filter((r) => r.path.startsWith('/upload/')).every((r) => r.authorization === undefined)).toBe(true);
  });

  it('creates online meetings and events (delegated only) and serves attendance reports', async () => {
    const client = graphClient(userToken);
    const meeting = await client.api('/me/onlineMeetings').post({ subject: 'Chefsgruppen', startDateTime: '2025-04-03T08:00:00Z', endDateTime: '2025-04-03T10:00:00Z' });
    expect(meeting).toMatchObject({ subject: 'Chefsgruppen', chatInfo: { threadId: expect.stringMatching(/^19:meeting_/) }, participants: { organizer: { upn: 'sekreterare@region.se' } } });
    const event = await client.api('/me/events').post({ subject: 'Samverkansråd', start: { dateTime: '2025-04-03T08:00:00', timeZone: 'W. Europe Standard Time' }, end: { dateTime: '2025-04-03T10:00:00', timeZone: 'W. Europe Standard Time' }, isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' });
    expect(event.onlineMeeting.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    expect(graph.onlineMeetings).toHaveLength(2);
    const appOnly = await caFetch(`${graph.baseUrl}/me/onlineMeetings`, { method: 'POST', headers: { authorization: `Bearer ${await appToken()}`, 'content-type': 'application/json' }, body: '{}' });
    expect(appOnly.status).toBe(400);

    const reportId = graph.addAttendanceReport(meeting.id, {
      start: new Date('2025-04-03T08:00:00Z'),
      end: new Date('2025-04-03T10:00:00Z'),
      records: [{ displayName: 'Jari Mehtäläinen', emailAddress: 'jari@region.se', userId: 'oid-jari', role: 'Presenter', intervals: [{ join: new Date('2025-04-03T08:01:00Z'), leave: new Date('2025-04-03T09:01:00Z') }] }],
    });
    const list = await client.api(`/me/onlineMeetings/${meeting.id}/attendanceReports`).get();
    expect(list.value).toEqual([expect.objectContaining({ id: reportId, totalParticipantCount: 1 })]);
    expect(list.value[0].attendanceRecords).toBeUndefined();
    const full = await client.api(`/me/onlineMeetings/${meeting.id}/attendanceReports/${reportId}`).expand('attendanceRecords').get();
    expect(full.attendanceRecords[0]).toMatchObject({ emailAddress: 'jari@region.se', totalAttendanceInSeconds: 3600, identity: { displayName: 'Jari Mehtäläinen' }, attendanceIntervals: [{ durationInSeconds: 3600 }] });
  });

  it('failNext with status 0 only delays, then answers normally', async () => {
    graph.failNext(1, 0, { delayMs: 300, path: '/messages' });
    const started = Date.now();
    await graphClient(appToken).api(`/teams/${TEAM}/channels/${encodeURIComponent(CHANNEL)}/messages`).post({ body: { content: 'långsam' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(graph.requests.at(-1)!.status).toBe(201);
  });

  it('pluggable routes take precedence over the built-in ones', async () => {
    graph.route('GET', '/v1.0/me', (ctx) => ({ status: 200, body: { id: ctx.caller?.oid, displayName: ctx.caller?.name } }));
    const me = await graphClient(userToken).api('/me').get();
    expect(me).toEqual({ id: 'oid-sekr', displayName: 'Sara Sekreterare' });
  });
});
