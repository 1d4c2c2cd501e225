import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteJWKSet, jwtVerify, decodeProtectedHeader } from 'jose';
import { startEntraStandIn, USER_TOKEN_FORGERIES, BOT_FRAMEWORK_TOKEN_FORGERIES, BOT_FRAMEWORK_ISSUER, type EntraStandIn } from '../../kit/entra-stand-in';

const TENANT = '11111111-2222-3333-4444-555555555555';
const API_APP = 'aaaaaaaa-0000-0000-0000-000000000001';
const AUDIENCE = `api://localhost/${API_APP}`;
const user = { tenantId: TENANT, oid: 'oid-anna', upn: 'anna.andersson@regionorebrolan.se', name: 'Anna Andersson', audience: AUDIENCE };

describe('Entra stand-in', () => {
  let entra: EntraStandIn;
  beforeAll(async () => {
    entra = await startEntraStandIn();
  });
  afterAll(async () => {
    await entra.close();
  });

  async function verifyOverHttp(token: string) {
    // The path a real API takes: discovery document → jwks_uri → verify with issuer and audience.
    const config = (await (await fetch(entra.openIdConfigurationUrl(TENANT))).json()) as { issuer: string; jwks_uri: string };
    const jwks = createRemoteJWKSet(new URL(config.jwks_uri));
    return jwtVerify(token, jwks, { issuer: config.issuer, audience: AUDIENCE, algorithms: ['RS256'] });
  }

  it('publishes OpenID metadata whose issuer and jwks_uri verify a minted user token', async () => {
    const token = await entra.mintUserToken({ ...user, scopes: ['access_as_user'] });
    const { payload, protectedHeader } = await verifyOverHttp(token);
    expect(protectedHeader.alg).toBe('RS256');
    expect(entra.jwks().keys.map((k) => k.kid)).toContain(protectedHeader.kid);
    expect(payload).toMatchObject({ aud: AUDIENCE, iss: `${entra.url}/${TENANT}/v2.0`, tid: TENANT, oid: 'oid-anna', upn: user.upn, preferred_username: user.upn, name: 'Anna Andersson', scp: 'access_as_user', ver: '2.0' });
    expect(typeof payload.iat).toBe('number');
    expect(payload.exp! - payload.nbf!).toBeGreaterThan(3000);
  });

  it('serves the JWKS under /common too', async () => {
    const res = await fetch(`${entra.url}/common/discovery/v2.0/keys`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { keys: { kid: string; kty: string; n: string }[] };
    expect(body.keys[0]).toMatchObject({ kty: 'RSA', kid: entra.jwks().keys[0]!.kid });
  });

  it('honours a configured issuer', async () => {
    const custom = await startEntraStandIn({ issuer: (t) => `https://login.microsoftonline.com/${t}/v2.0` });
    try {
      const token = await custom.mintUserToken(user);
      const config = (await (await fetch(custom.openIdConfigurationUrl(TENANT))).json()) as { issuer: string };
      expect(config.issuer).toBe(`https://login.microsoftonline.com/${TENANT}/v2.0`);
      await expect(custom.verifyAccessToken(token, AUDIENCE)).resolves.toMatchObject({ iss: config.issuer });
    } finally {
      await custom.close();
    }
  });

  describe.each(USER_TOKEN_FORGERIES)('user token forgery %s', (kind) => {
    it('fails verification over HTTP and in-process', async () => {
      const forged = await entra.forgeUserToken(kind, user);
      // Each forgery is a well-formed JWT, so a failure is the verifier's doing, not a parse error.
      expect(forged.split('.')).toHaveLength(3);
      expect(() => decodeProtectedHeader(forged)).not.toThrow();
      await expect(verifyOverHttp(forged)).rejects.toThrow();
      await expect(entra.verifyAccessToken(forged, AUDIENCE, { tenantId: TENANT })).rejects.toThrow();
    });
  });

  it('the same claims minted honestly verify (forgeries fail for their defect alone)', async () => {
    await expect(entra.verifyAccessToken(await entra.mintUserToken(user), AUDIENCE, { tenantId: TENANT })).resolves.toMatchObject({ oid: 'oid-anna' });
  });

  it('publishes Bot Framework metadata with endorsed keys that verify a Bot Framework token', async () => {
    const meta = (await (await fetch(entra.botOpenIdMetadataUrl)).json()) as { issuer: string; jwks_uri: string };
    expect(meta.issuer).toBe(BOT_FRAMEWORK_ISSUER);
    const keys = (await (await fetch(meta.jwks_uri)).json()) as { keys: { kid: string; endorsements: string[] }[] };
    expect(keys.keys[0]!.endorsements).toContain('msteams');
    const token = await entra.mintBotFrameworkToken({ appId: 'bot-app', serviceUrl: 'http://127.0.0.1:1/' });
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(meta.jwks_uri)), { issuer: BOT_FRAMEWORK_ISSUER, audience: 'bot-app' });
    expect(payload.serviceurl).toBe('http://127.0.0.1:1/');
    for (const kind of BOT_FRAMEWORK_TOKEN_FORGERIES) {
      const forged = await entra.forgeBotFrameworkToken(kind, { appId: 'bot-app', serviceUrl: 'http://127.0.0.1:1/' });
      const attempt = jwtVerify(forged, createRemoteJWKSet(new URL(meta.jwks_uri)), { issuer: BOT_FRAMEWORK_ISSUER, audience: 'bot-app' }).then(({ payload: p }) => {
        if (p.serviceurl !== 'http://127.0.0.1:1/') throw new Error('serviceurl mismatch');
      });
      await expect(attempt, kind).rejects.toThrow();
    }
  });
});
