import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express from 'express';
import type { Server } from 'node:http';
import { ConfidentialClientApplication, LogLevel } from '@azure/msal-node';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory, type TurnContext } from 'botbuilder';
import { MsalServiceClientCredentialsFactory } from 'botframework-connector';
import { startBotConnector, type BotConnector } from '../../kit/bot-connector';
import { BOT_CONNECTOR_AUDIENCE, botFrameworkAuthConfig, startEntraStandIn, type EntraStandIn } from '../../kit/entra-stand-in';
import { createTestCa } from '../../kit/tls';
import { closeServer } from '../../kit/http-util';
import { deliverToBot, personalMessage, channelMessage, adaptiveCardAction, meetingParticipantJoin } from '../../kit/activities';

const TENANT = '11111111-2222-3333-4444-555555555555';
const BOT = { clientId: 'b0b0b0b0-0000-0000-0000-000000000001', clientSecret: 'bot-hemlis', tenantId: TENANT };
const anna = { aadObjectId: 'aaaa0000-0000-0000-0000-00000000a001', name: 'Anna Andersson' };

describe('Bot Connector stand-in over raw HTTP', () => {
  let connector: BotConnector;
  beforeAll(async () => {
    connector = await startBotConnector();
  });
  afterAll(async () => {
    await connector.close();
  });

  it('records a reply with its conversation and replyTo ids and answers a ResourceResponse', async () => {
    const conv = '19:abc@thread.tacv2;messageid=1700000000000';
    const res = await fetch(`${connector.url}v3/conversations/${encodeURIComponent(conv)}/activities/1700000000000`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'Hej!' }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const recorded = await connector.waitFor((s) => s.operation === 'reply', 1000);
    expect(recorded).toMatchObject({ conversationId: conv, replyToId: '1700000000000', activityId: id, activity: { text: 'Hej!' } });
    expect(connector.count((s) => s.operation === 'reply')).toBe(1);
  });

  it('honours failNext with Retry-After, then serves again', async () => {
    connector.clear();
    connector.failNext(2, 429, { retryAfter: 2 });
    const post = () => fetch(`${connector.url}v3/conversations/a%3A1x/activities`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"message","text":"x"}' });
    for (let i = 0; i < 2; i += 1) {
      const r = await post();
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('2');
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');
    }
    expect(connector.count()).toBe(0);
    expect((await post()).status).toBe(201);
    expect(connector.count()).toBe(1);
    connector.failNext(1, 412);
    const r412 = await fetch(`${connector.url}v3/conversations/a%3A1x/activities/123`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"type":"message"}' });
    expect(r412.status).toBe(412);
    expect(r412.headers.get('retry-after')).toBeNull();
  });

  it('creates a 1:1 conversation (Teams shape), pages members, lists channels, answers the meeting role', async () => {
    const member = { id: '29:1anna', name: 'Anna', aadObjectId: anna.aadObjectId };
    const created = await fetch(`${connector.url}v3/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ isGroup: false, bot: { id: `28:${BOT.clientId}` }, members: [member], tenantId: TENANT, channelData: { tenant: { id: TENANT } } }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(id).toMatch(/^a:/);
    const again = (await (await fetch(`${connector.url}v3/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ members: [member], tenantId: TENANT }) })).json()) as { id: string };
    expect(again.id).toBe(id);
    connector.setMembers('19:team', [member, { id: '29:2', name: 'Bo', aadObjectId: 'bo' }, { id: '29:3', name: 'Cecilia', aadObjectId: 'ce' }]);
    const page1 = (await (await fetch(`${connector.url}v3/conversations/19%3Ateam/pagedmembers?pageSize=2`)).json()) as { members: unknown[]; continuationToken?: string };
    expect(page1.members).toHaveLength(2);
    const page2 = (await (await fetch(`${connector.url}v3/conversations/19%3Ateam/pagedmembers?pageSize=2&continuationToken=${page1.continuationToken}`)).json()) as { members: { name: string }[]; continuationToken?: string };
    expect(page2.members.map((m) => m.name)).toEqual(['Cecilia']);
    expect(page2.continuationToken).toBeUndefined();
    connector.setTeamChannels('19:team', [{ id: '19:team', name: 'Allmänt' }, { id: '19:ch2', name: 'Protokoll' }]);
    const channels = (await (await fetch(`${connector.url}v3/teams/19%3Ateam/conversations`)).json()) as { conversations: { name: string }[] };
    expect(channels.conversations.map((c) => c.name)).toEqual(['Allmänt', 'Protokoll']);
    connector.setMeetingParticipant('MCMxOTptZWV0aW5n', anna.aadObjectId, 'Organizer');
    const role = (await (await fetch(`${connector.url}v1/meetings/MCMxOTptZWV0aW5n/participants/${anna.aadObjectId}?tenantId=${TENANT}`)).json()) as { meeting: { role: string; inMeeting: boolean } };
    expect(role.meeting).toEqual({ role: 'Organizer', inMeeting: true });
    expect((await fetch(`${connector.url}v1/meetings/MCMxOTptZWV0aW5n/participants/someone-else?tenantId=${TENANT}`)).status).toBe(404);
  });
});

describe('botbuilder CloudAdapter against the kit', () => {
  let entra: EntraStandIn;
  let connector: BotConnector;
  let bot: Server;
  let endpoint: string;
  const turns: string[] = [];

  beforeAll(async () => {
    const ca = createTestCa();
    entra = await startEntraStandIn({ tls: ca, apps: [BOT] });
    connector = await startBotConnector({ entra, botAppId: BOT.clientId });
    // The bot's outgoing token comes from its own msal-node client (trusting the test CA); see
    // msal-against-entra.test.ts for why knownAuthorities + customAgentOptions keep it offline.
    const cca = new ConfidentialClientApplication({
      auth: { clientId: BOT.clientId, clientSecret: BOT.clientSecret, authority: `${entra.httpsUrl}/${TENANT}`, knownAuthorities: [new URL(entra.httpsUrl!).host] },
      system: { customAgentOptions: { ca: ca.caCertPem }, loggerOptions: { logLevel: LogLevel.Error, loggerCallback: () => undefined, piiLoggingEnabled: false } },
    });
    const auth = new ConfigurationBotFrameworkAuthentication(
      botFrameworkAuthConfig(entra, { appId: BOT.clientId, tenantId: TENANT }),
      // botframework-connector bundles its own msal-node copy; only acquireTokenByClientCredential is used.
      new MsalServiceClientCredentialsFactory(BOT.clientId, cca as unknown as ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1]),
    );
    const adapter = new CloudAdapter(auth);
    adapter.onTurnError = async () => undefined;
    const app = express();
    app.use(express.json());
    app.post('/api/messages', (req, res) =>
      adapter.process(req, res, async (context: TurnContext) => {
        turns.push(`${context.activity.type}:${context.activity.name ?? ''}`);
        if (context.activity.type === 'message') await context.sendActivity(MessageFactory.text(`Du skrev: ${context.activity.text}`));
      }),
    );
    bot = app.listen(0);
    await new Promise((r) => bot.once('listening', r));
    endpoint = `http://127.0.0.1:${(bot.address() as { port: number }).port}/api/messages`;
  });
  afterAll(async () => {
    await closeServer(bot);
    await connector.close();
    await entra.close();
  });

  it('validates a kit Bot Framework token and the reply reaches the connector with a kit-issued bearer', async () => {
    const activity = personalMessage({ serviceUrl: connector.url, botAppId: BOT.clientId, tenantId: TENANT, from: anna, text: 'förhinder', id: '1732300000001' });
    const res = await deliverToBot(endpoint, activity, { entra });
    expect(res.status).toBe(200);
    const reply = await connector.waitFor((s) => s.operation === 'reply', 5000);
    expect(reply).toMatchObject({ conversationId: activity.conversation.id, replyToId: '1732300000001', activity: { text: 'Du skrev: förhinder' } });
    expect(reply.caller).toMatchObject({ aud: BOT_CONNECTOR_AUDIENCE, appid: BOT.clientId, tid: TENANT });
    expect(entra.requests.some((r) => r.grantType === 'client_credentials' && r.scope === `${BOT_CONNECTOR_AUDIENCE}/.default` && r.status === 200)).toBe(true);
  });

  it.each(['alg-none', 'hs256-public-key', 'unknown-key', 'tampered', 'expired', 'wrong-audience', 'wrong-issuer', 'wrong-service-url'] as const)(
    'rejects a forged Bot Framework token (%s) with 401 and sends nothing',
    async (kind) => {
      connector.clear();
      const activity = personalMessage({ serviceUrl: connector.url, botAppId: BOT.clientId, tenantId: TENANT, from: anna, text: 'x' });
      const token = await entra.forgeBotFrameworkToken(kind, { appId: BOT.clientId, serviceUrl: connector.url });
      turns.length = 0;
      const res = await deliverToBot(endpoint, activity, { token });
      // botbuilder answers 401 for AuthenticationErrors but 500 when jsonwebtoken itself throws
      // (bad signature, disallowed algorithm); either way the turn never runs.
      expect([401, 500]).toContain(res.status);
      expect(turns).toEqual([]);
      expect(connector.count()).toBe(0);
    },
  );

  it('accepts the other Teams-shaped fixtures through botbuilder activity validation', async () => {
    const base = { serviceUrl: connector.url, botAppId: BOT.clientId, tenantId: TENANT, from: anna };
    turns.length = 0;
    const channel = channelMessage({ ...base, text: 'protokoll', scope: { kind: 'channel', teamId: '19:team@thread.tacv2', teamName: 'Samverkansråd', channelId: '19:ch@thread.tacv2' } });
    expect((await deliverToBot(endpoint, channel, { entra })).status).toBe(200);
    const invoke = adaptiveCardAction({ ...base, scope: { kind: 'personal' }, verb: 'decision.confirm', data: { decisionId: 'd1' } });
    // 501: authenticated and dispatched, but this test bot writes no invoke response.
    expect((await deliverToBot(endpoint, invoke, { entra })).status).toBe(501);
    const join = meetingParticipantJoin({ ...base, meetingId: 'MCMx', chatId: '19:meeting_x@thread.v2', title: 'Chefsgrupp', members: [{ user: anna, role: 'Organizer' }] });
    expect((await deliverToBot(endpoint, join, { entra })).status).toBe(200);
    expect(turns.slice(-3)).toEqual(['message:', 'invoke:adaptiveCard/action', 'event:application/vnd.microsoft.meetingParticipantJoin']);
  });

  it('the connector refuses calls without a kit-issued bearer for the bot', async () => {
    const none = await fetch(`${connector.url}v3/conversations/a%3A1/activities`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    const otherApp = await entra.mintAppToken({ tenantId: TENANT, appId: 'someone-else', audience: BOT_CONNECTOR_AUDIENCE });
    const wrong = await fetch(`${connector.url}v3/conversations/a%3A1/activities`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${otherApp}` }, body: '{}' });
    expect(wrong.status).toBe(401);
    const mine = await entra.mintAppToken({ tenantId: TENANT, appId: BOT.clientId, audience: BOT_CONNECTOR_AUDIENCE });
    const ok = await fetch(`${connector.url}v3/conversations/a%3A1/activities`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${mine}` }, body: '{"type":"message"}' });
    expect(ok.status).toBe(201);
  });
});
