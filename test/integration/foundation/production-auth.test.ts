import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEntraStandIn, USER_TOKEN_FORGERIES, type EntraStandIn } from '../../kit/entra-stand-in';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { formatMessage } from '../../../shared/errors/catalog';

const APP_ID = '5d8c3b4a-1f2e-4d6c-9b8a-7e6f5d4c3b2a';
const TENANT = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const OTHER_TENANT = '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';
const AUDIENCE = `api://radslag.test/${APP_ID}`;

/** Production mode: only verified Entra tokens of the installation's tenant get in. */
describe('API authentication in production mode', () => {
  let entra: EntraStandIn;
  let t: TestApp;
  const user = { tenantId: TENANT, oid: 'c0ffee00-0000-4000-8000-000000000001', upn: 'siw.lunander@hallsberg.se', name: 'Siw Lunander', audience: AUDIENCE, scopes: ['access_as_user'] };

  beforeAll(async () => {
    entra = await startEntraStandIn();
    t = await startTestApp({
      env: {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'test-secret',
        MicrosoftAppTenantId: TENANT,
        RADSLAG_PUBLIC_URL: 'https://radslag.test',
        ENTRA_AUTHORITY_HOST: entra.url,
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await entra?.close();
  });

  it('accepts a valid token (200) and knows who the caller is', async () => {
    const token = await entra.mintUserToken(user);
    const res = await t.api('/api/v1/me', { token });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ identity: { email: 'siw.lunander@hallsberg.se', method: 'entra' } });
  });

  it('accepts the bare app id as audience (v2 tokens)', async () => {
    const token = await entra.mintUserToken({ ...user, audience: APP_ID });
    expect((await t.api('/api/v1/me', { token })).status).toBe(200);
  });

  it('refuses a missing token with 401 and a bilingual error body', async () => {
    const res = await t.api('/api/v1/me');
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string; messageSv: string; messageEn: string } };
    expect(body.error.code).toBe('UNAUTHENTICATED');
    expect(body.error.messageSv).toMatch(/inte inloggad/);
    expect(body.error.messageEn).toMatch(/not signed in/);
  });

  it('refuses the local identity header (401)', async () => {
    expect((await t.api('/api/v1/me', { as: 'admin@radslag.local' })).status).toBe(401);
  });

  it.each(USER_TOKEN_FORGERIES)('refuses a forged token: %s (401, no detail echoed)', async (kind) => {
    const token = await entra.forgeUserToken(kind, user);
    const res = await t.api('/api/v1/me', { token });
    expect(res.status).toBe(401);
    // The same plain answer as for no token at all: nothing about why the token was refused.
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(body.error.code).toBe('UNAUTHENTICATED');
    expect(body.error.messageEn).toBe(formatMessage('UNAUTHENTICATED', 'en'));
    expect(JSON.stringify(body)).not.toMatch(/jwt|signature|audience|issuer|JWS|JWK|alg/i);
  });

  it('refuses a correctly signed token of another tenant (401)', async () => {
    const token = await entra.mintUserToken({ ...user, tenantId: OTHER_TENANT });
    expect((await t.api('/api/v1/me', { token })).status).toBe(401);
  });

  it('refuses an expired token (401)', async () => {
    const token = await entra.mintUserToken({ ...user, expiresIn: -3600 });
    expect((await t.api('/api/v1/me', { token })).status).toBe(401);
  });

  it('refuses garbage in the Authorization header (401)', async () => {
    for (const header of ['Bearer', 'Basic dXNlcjpwYXNz', 'Bearer not.a.jwt', `Bearer ${'a'.repeat(5000)}`]) {
      const res = await t.api('/api/v1/me', { headers: { Authorization: header } });
      expect(res.status).toBe(401);
    }
  });

  it('keeps /api/v1/openapi.json and health open', async () => {
    expect((await t.api('/api/v1/openapi.json')).status).toBe(200);
    expect((await t.api('/healthz')).status).toBe(200);
    expect((await t.api('/readyz')).status).toBe(200);
  });
});

describe('API authentication in local mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('needs an identity on every /api/v1 route but the OpenAPI document', async () => {
    expect((await t.api('/api/v1/bodies')).status).toBe(401);
    expect((await t.api('/api/v1/openapi.json')).status).toBe(200);
    expect((await t.api('/api/v1/bodies', { as: 'admin@radslag.local' })).status).toBe(200);
  });

  it('lets an unknown user in but gives them nothing', async () => {
    const res = await t.api('/api/v1/bodies', { method: 'POST', as: 'okand@example.se', json: { name: 'Nytt råd', kind: 'råd' } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  });

  it('answers bad bodies with 400 and a readable reason, never 500', async () => {
    const bad = await t.api('/api/v1/bodies', { method: 'POST', as: 'admin@radslag.local', headers: { 'content-type': 'application/json' }, body: '{"name":' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('MALFORMED_BODY');
    const invalid = await t.api('/api/v1/bodies', { method: 'POST', as: 'admin@radslag.local', json: { name: '', kind: 'klubb' } });
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as { error: { code: string; messageEn: string } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.messageEn).toMatch(/name/);
    expect(body.error.messageEn).toMatch(/kind/);
    const huge = await t.api('/api/v1/bodies', { method: 'POST', as: 'admin@radslag.local', json: { name: 'x'.repeat(400_000), kind: 'råd' } });
    expect(huge.status).toBe(413);
  });
});
