import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverToBot, personalMessage } from '../../kit/activities';
import { startKit, type Kit } from '../../kit/kit';
import { startServerProcess, type ServerProcess } from '../../kit/server-process';

/**
 * The real server in production mode as a child process (so it trusts the test CA the way a deployment
 * trusts its own): botbuilder validates the Bot Framework token against the stand-in's OpenID metadata,
 * and the bot's reply reaches the connector with a token from the Entra stand-in.
 */
describe('bot endpoint in production mode', () => {
  let kit: Kit;
  let server: ServerProcess;

  beforeAll(async () => {
    kit = await startKit();
    server = await startServerProcess({ env: { ...kit.serverEnv(), DATABASE_URL: undefined, RADSLAG_DATA_DIR: `/tmp/radslag-botprod-${process.pid}-${Date.now()}`, LOG_LEVEL: 'warn' } });
  });
  afterAll(async () => {
    await server?.stop(3000);
    await kit?.close();
  });

  const message = (id: string) =>
    personalMessage({
      serviceUrl: kit.connector.url,
      botAppId: kit.app.clientId,
      tenantId: kit.tenantId,
      from: { aadObjectId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', name: 'Jari Mehtäläinen', id: '29:jari' },
      text: 'hej',
      id,
    });

  it('accepts a valid Bot Framework token and replies through the connector with its own token', async () => {
    const activity = message('act-valid-1');
    const res = await deliverToBot(`${server.url}/api/messages`, activity, { entra: kit.entra, botAppId: kit.app.clientId });
    expect(res.status).toBe(200);
    // Replies leave through the durable send job, so they arrive shortly after the 200.
    const conversationId = (activity.conversation as { id: string }).id;
    const sent = await kit.connector.waitFor((s) => s.conversationId === conversationId, 20_000);
    expect(sent.caller).toBeTruthy();
  });

  it('refuses a request without a token with 401 and no detail', async () => {
    const res = await deliverToBot(`${server.url}/api/messages`, message('act-none-1'));
    expect(res.status).toBe(401);
    expect(res.text).not.toMatch(/jwt|token|signature|issuer/i);
  });
});
