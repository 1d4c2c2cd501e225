import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKit, type Kit } from '../../kit/kit';
import { BOT_FRAMEWORK_TOKEN_FORGERIES, peekClaims } from '../../kit/entra-stand-in';
import { deliverToBot, personalMessage, type TeamsActivity } from '../../kit/activities';
import { formatMessage } from '../../../shared/errors/catalog';
import { startServerProcess, type ServerProcess } from '../../kit/server-process';

/**
 * The bot endpoint in production mode, as a real server process pointed at the kit: botbuilder's own JWT
 * validation reads the Entra stand-in's Bot Framework OpenID metadata (BOT_OPENID_METADATA_URL), and the
 * bot's replies need a token from the stand-in over HTTPS (trusted through NODE_EXTRA_CA_CERTS, as a real
 * deployment trusts its CA) before the Bot Connector stand-in accepts them.
 */
describe('bot endpoint authentication (production mode, child process)', () => {
  let kit: Kit;
  let server: ServerProcess;
  let dataDir: string;
  let endpoint: string;
  const anna = { aadObjectId: 'a0a0a0a0-0000-4000-8000-000000000001', name: 'Anna Svensson' };

  const activity = (text: string, id?: string): TeamsActivity =>
    personalMessage({ serviceUrl: kit.connector.url, botAppId: kit.app.clientId, tenantId: kit.tenantId, from: anna, text, ...(id ? { id } : {}) });
  /** Typing: acknowledged by the bot without a reply, so a 200 proves only that the token was accepted. */
  const typing = (): TeamsActivity => ({ ...activity('x'), type: 'typing', text: undefined }) as TeamsActivity;

  /** The same plain answer as for no token at all: our catalog's words, nothing about why. */
  const noDetail = (text: string) => {
    const body = JSON.parse(text) as { error: Record<string, unknown> };
    expect(Object.keys(body.error).sort()).toEqual(['code', 'correlationId', 'message', 'messageEn', 'messageSv']);
    expect(body.error.messageEn).toBe(formatMessage('UNAUTHENTICATED', 'en'));
    expect(text).not.toMatch(/jwt|jws|signature|audience|issuer|serviceurl|endorse|kid|stack|at \w+ \(/i);
  };

  beforeAll(async () => {
    kit = await startKit();
    dataDir = mkdtempSync(join(tmpdir(), 'radslag-botauth-'));
    server = await startServerProcess({
      command: ['node', '--import', 'tsx', 'bot/main.ts'],
      env: { ...kit.serverEnv(), RADSLAG_DATA_DIR: dataDir, LOG_LEVEL: 'info', DATABASE_URL: undefined },
      readyTimeoutMs: 60_000,
    });
    endpoint = `${server.url}/api/messages`;
  });
  afterAll(async () => {
    await server?.stop(5000);
    await kit?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('accepts a valid Bot Framework token and replies through the connector with a token from Entra', async () => {
    const res = await deliverToBot(endpoint, activity('hej'), { entra: kit.entra, botAppId: kit.app.clientId });
    expect(res.status).toBe(200);
    const reply = await kit.connector.waitFor((s) => s.operation === 'reply' || s.operation === 'send', 15_000);
    expect(reply.activity.type).toBe('message');
    // The connector stand-in only records requests carrying a kit-issued token for its audience and our app.
    const tokenRequest = kit.entra.requests.find((r) => r.grantType === 'client_credentials' && r.clientId === kit.app.clientId && r.status === 200);
    expect(tokenRequest?.listener).toBe('https');
    expect(tokenRequest?.issued?.aud).toBe('https://api.botframework.com');
  });

  it('refuses a missing token with 401 and no detail', async () => {
    const res = await deliverToBot(endpoint, typing());
    expect(res.status).toBe(401);
    expect((res.body as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    noDetail(res.text);
  });

  it.each(BOT_FRAMEWORK_TOKEN_FORGERIES)('refuses a forged token (%s) with 401 and no detail', async (kind) => {
    const token = await kit.entra.forgeBotFrameworkToken(kind, { appId: kit.app.clientId, serviceUrl: kit.connector.url });
    const res = await deliverToBot(endpoint, typing(), { token });
    expect(res.status).toBe(401);
    expect((res.body as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    noDetail(res.text);
  });

  it('refuses a valid token minted for another serviceUrl than the activity names (401)', async () => {
    const token = await kit.entra.mintBotFrameworkToken({ appId: kit.app.clientId, serviceUrl: 'https://smba.trafficmanager.net/emea/' });
    expect(peekClaims(token).serviceurl).toBe('https://smba.trafficmanager.net/emea/');
    const res = await deliverToBot(endpoint, typing(), { token });
    expect(res.status).toBe(401);
    noDetail(res.text);
  });

  it('authenticates unknown activity types too: 401 without a token, 200 (ignored) with one', async () => {
    const odd = { ...typing(), type: 'somethingNew' } as TeamsActivity;
    const without = await deliverToBot(endpoint, odd);
    expect(without.status).toBe(401);
    const withToken = await deliverToBot(endpoint, odd, { entra: kit.entra, botAppId: kit.app.clientId });
    expect(withToken.status).toBe(200);
  });

  it('refuses garbage Authorization headers (401, never 500)', async () => {
    for (const header of ['Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer not.a.jwt', `Bearer ${'a'.repeat(8000)}`, 'Bearer e30.e30.', 'Bearer ..']) {
      const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', authorization: header }, body: JSON.stringify(typing()) });
      const text = await res.text();
      expect(res.status, header.slice(0, 30)).toBe(401);
      noDetail(text);
    }
  });

  it('answers a malformed body with 400, never 500, with or without a token', async () => {
    const token = await kit.entra.mintBotFrameworkToken({ appId: kit.app.clientId, serviceUrl: kit.connector.url });
    const bodies = ['{"type":', '[]', 'null', '"text"', '{}', JSON.stringify({ type: 'message' }), JSON.stringify({ ...typing(), serviceUrl: 'javascript:alert(1)' }), JSON.stringify({ ...typing(), conversation: 7 })];
    for (const body of bodies) {
      for (const auth of [undefined, `Bearer ${token}`]) {
        const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body });
        await res.text();
        expect(res.status, body.slice(0, 40)).toBe(400);
      }
    }
    const huge = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...typing(), text: 'x'.repeat(600_000) }) });
    expect(huge.status).toBe(413);
  });

  it('logged the refusals without the token itself', () => {
    const log = server.output.join('\n');
    expect(log).toMatch(/bot: /);
    // A bearer token in the log would be a credential leak.
    expect(log).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/);
  });
});
