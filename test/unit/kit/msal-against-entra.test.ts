import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfidentialClientApplication, LogLevel } from '@azure/msal-node';
import { startEntraStandIn, GRAPH_AUDIENCE, type EntraStandIn } from '../../kit/entra-stand-in';
import { createTestCa, type TestCa } from '../../kit/tls';

const TENANT = '11111111-2222-3333-4444-555555555555';
const APP = { clientId: 'aaaaaaaa-0000-0000-0000-000000000001', clientSecret: 'hemligt-1', tenantId: TENANT, applicationIdUri: 'api://localhost/aaaaaaaa-0000-0000-0000-000000000001', appRoles: ['ChannelMessage.Send'] };

/**
 * How msal-node stays offline against the stand-in (found by trying):
 * - msal-node rejects non-https authorities, so the stand-in listens on HTTPS with the test CA;
 * - `knownAuthorities: ['127.0.0.1:<port>']` makes msal build the cloud discovery metadata itself
 *   instead of asking login.microsoftonline.com/common/discovery/instance;
 * - msal then fetches `<authority>/v2.0/.well-known/openid-configuration` from the stand-in with its
 *   own https client: `system.customAgentOptions: { ca }` trusts the test CA (no TLS switch-off).
 *   (Alternatively `authorityMetadata` can be passed as a JSON string to skip that fetch too.)
 */
function msalFor(entra: EntraStandIn, ca: TestCa, secret = APP.clientSecret): ConfidentialClientApplication {
  const base = entra.httpsUrl as string;
  return new ConfidentialClientApplication({
    auth: { clientId: APP.clientId, clientSecret: secret, authority: `${base}/${TENANT}`, knownAuthorities: [new URL(base).host] },
    system: { customAgentOptions: { ca: ca.caCertPem }, loggerOptions: { logLevel: LogLevel.Error, loggerCallback: () => undefined, piiLoggingEnabled: false } },
  });
}

describe('msal-node against the Entra stand-in', () => {
  let ca: TestCa;
  let entra: EntraStandIn;
  beforeAll(async () => {
    ca = createTestCa();
    entra = await startEntraStandIn({ tls: ca, apps: [APP] });
  });
  afterAll(async () => {
    await entra.close();
  });

  it('gets a client-credentials token for Graph', async () => {
    const result = await msalFor(entra, ca).acquireTokenByClientCredential({ scopes: [`${GRAPH_AUDIENCE}/.default`] });
    expect(result?.accessToken).toBeTruthy();
    const claims = await entra.verifyAccessToken(result!.accessToken, GRAPH_AUDIENCE, { tenantId: TENANT });
    expect(claims).toMatchObject({ appid: APP.clientId, idtyp: 'app', roles: ['ChannelMessage.Send'] });
    const recorded = entra.requests.filter((r) => r.grantType === 'client_credentials' && r.status === 200);
    expect(recorded.length).toBeGreaterThanOrEqual(1);
    expect(recorded[0]).toMatchObject({ listener: 'https', tenant: TENANT, clientId: APP.clientId });
  });

  it('performs acquireTokenOnBehalfOf with a user token minted by the stand-in', async () => {
    const before = entra.requests.length;
    const userToken = await entra.mintUserToken({ tenantId: TENANT, oid: 'oid-bo', upn: 'bo@region.se', name: 'Bo Berg', audience: APP.applicationIdUri });
    const result = await msalFor(entra, ca).acquireTokenOnBehalfOf({ oboAssertion: userToken, scopes: [`${GRAPH_AUDIENCE}/.default`] });
    const claims = await entra.verifyAccessToken(result!.accessToken, GRAPH_AUDIENCE, { tenantId: TENANT });
    expect(claims).toMatchObject({ oid: 'oid-bo', tid: TENANT, upn: 'bo@region.se', idtyp: 'user', appid: APP.clientId });
    // With TLS the issuer is authority host + tenant + /v2.0, as with login.microsoftonline.com.
    expect(claims.iss).toBe(`${entra.httpsUrl}/${TENANT}/v2.0`);
    expect(String(claims.scp)).toContain('ChannelMessage.Send');
    const obo = entra.requests.slice(before).find((r) => r.requestedTokenUse === 'on_behalf_of');
    expect(obo).toMatchObject({ grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: userToken, status: 200 });
  });

  it('refuses OBO for a forged or foreign-audience assertion, and a wrong client secret', async () => {
    const u = { tenantId: TENANT, oid: 'oid-x', upn: 'x@region.se', audience: APP.applicationIdUri };
    const forged = await entra.forgeUserToken('unknown-key', u);
    await expect(msalFor(entra, ca).acquireTokenOnBehalfOf({ oboAssertion: forged, scopes: [`${GRAPH_AUDIENCE}/.default`] })).rejects.toMatchObject({ errorCode: 'invalid_grant' });
    const foreign = await entra.mintUserToken({ ...u, audience: 'api://someone-else' });
    await expect(msalFor(entra, ca).acquireTokenOnBehalfOf({ oboAssertion: foreign, scopes: [`${GRAPH_AUDIENCE}/.default`] })).rejects.toMatchObject({ errorCode: 'invalid_grant' });
    await expect(msalFor(entra, ca, 'fel').acquireTokenByClientCredential({ scopes: [`${GRAPH_AUDIENCE}/.default`] })).rejects.toMatchObject({ errorCode: 'invalid_client' });
    expect(entra.requests.filter((r) => r.status >= 400).map((r) => r.error)).toEqual(expect.arrayContaining(['invalid_grant', 'invalid_client']));
  });

  it('answers in Entra JSON shape and honours failNext', async () => {
    entra.failNext(1, 429, { retryAfter: 3 });
    const res = await fetch(`${entra.url}/${TENANT}/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: APP.clientId, client_secret: APP.clientSecret, scope: `${GRAPH_AUDIENCE}/.default` }) });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    const ok = await fetch(`${entra.url}/${TENANT}/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: APP.clientId, client_secret: APP.clientSecret, scope: `${GRAPH_AUDIENCE}/.default` }) });
    expect(Object.keys((await ok.json()) as object).sort()).toEqual(['access_token', 'expires_in', 'ext_expires_in', 'scope', 'token_type']);
    const bad = await fetch(`${entra.url}/${TENANT}/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', client_id: APP.clientId, client_secret: APP.clientSecret, scope: `${GRAPH_AUDIENCE}/.default` }) });
    const body = (await bad.json()) as { error: string; error_description: string; error_codes: number[] };
    expect(bad.status).toBe(400);
    expect(body.error).toBe('unsupported_grant_type');
    expect(body.error_description).toMatch(/^AADSTS70003:/);
    expect(body.error_codes).toEqual([70003]);
    const otherTenant = await fetch(`${entra.url}/99999999-0000-0000-0000-000000000000/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: APP.clientId, client_secret: APP.clientSecret, scope: `${GRAPH_AUDIENCE}/.default` }) });
    expect(otherTenant.status).toBe(400);
    expect(((await otherTenant.json()) as { error_codes: number[] }).error_codes).toEqual([700016]);
  });
});
