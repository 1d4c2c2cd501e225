import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { startKit } from '../../kit/kit';
import { trustingFetch } from '../../kit/tls';
import { BOT_CONNECTOR_AUDIENCE, GRAPH_AUDIENCE } from '../../kit/entra-stand-in';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

describe('startKit', () => {
  it('wires the stand-ins together and describes them as server environment', async () => {
    const kit = await startKit();
    try {
      const env = kit.serverEnv({ LOG_LEVEL: 'warn' });
      expect(env.MicrosoftAppId).toMatch(guid);
      expect(env.MicrosoftAppTenantId).toBe(kit.tenantId);
      expect(env.ENTRA_AUTHORITY_HOST).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(env.GRAPH_BASE_URL).toBe(`${kit.graph.url}/v1.0`);
      expect(env.LOG_LEVEL).toBe('warn');
      expect(readFileSync(kit.caFile, 'utf8')).toBe(kit.ca.caCertPem);

      // The SSO token verifies for the app's audience and tenant.
      const sso = await kit.ssoToken({ oid: 'o1', upn: 'ordf@region.se' });
      await expect(kit.entra.verifyAccessToken(sso, env.RADSLAG_SSO_AUDIENCE!, { tenantId: kit.tenantId })).resolves.toMatchObject({ oid: 'o1', scp: 'access_as_user' });

      // The connector accepts the bot's client-credentials token from the stand-in, Graph its Graph token.
      const caFetch = trustingFetch(kit.ca.caCertPem);
      const token = async (scope: string) => {
        const res = await caFetch(`${env.ENTRA_AUTHORITY_HOST}/${kit.tenantId}/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: env.MicrosoftAppId!, client_secret: env.MicrosoftAppPassword!, scope }) });
        return ((await res.json()) as { access_token: string }).access_token;
      };
      const botToken = await token(`${BOT_CONNECTOR_AUDIENCE}/.default`);
      const sent = await fetch(`${kit.connector.url}v3/conversations/a%3A1/activities`, { method: 'POST', headers: { authorization: `Bearer ${botToken}`, 'content-type': 'application/json' }, body: '{"type":"message","text":"hej"}' });
      expect(sent.status).toBe(201);
      const graphRes = await caFetch(`${env.GRAPH_BASE_URL}/teams/t/channels/c/messages`, { method: 'POST', headers: { authorization: `Bearer ${await token(`${GRAPH_AUDIENCE}/.default`)}`, 'content-type': 'application/json' }, body: '{"body":{"content":"x"}}' });
      expect(graphRes.status).toBe(201);
      // Tokens are not interchangeable between the two audiences.
      const crossed = await caFetch(`${env.GRAPH_BASE_URL}/teams/t/channels/c/messages`, { method: 'POST', headers: { authorization: `Bearer ${botToken}`, 'content-type': 'application/json' }, body: '{"body":{"content":"x"}}' });
      expect(crossed.status).toBe(401);
    } finally {
      await kit.close();
    }
    expect(existsSync(kit.caFile)).toBe(false);
  });
});
