import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { Config } from '../config';

export interface VerifiedUser {
  tenantId: string;
  aadObjectId: string;
  email: string | null;
  name: string | null;
  /** The raw token, kept only for on-behalf-of exchanges; never logged. */
  token: string;
  scopes: string[];
}

/** The delegated scope the tab's SSO token carries (manifest webApplicationInfo, docs/going-live.md). */
export const API_SCOPE = 'access_as_user';

export class TokenRejected extends Error {
  constructor(
    readonly reason: string,
    /** 'scope': a valid token that does not carry the app's delegated scope (an app-only token, a Graph token). */
    readonly kind: 'invalid' | 'scope' = 'invalid',
  ) {
    super(reason);
    this.name = 'TokenRejected';
  }
}

/**
 * Verifies Entra access tokens for the tab API: RS256 signature against the authority's JWKS, issuer of the
 * installation's tenant (v2 and v1 forms), audience (the SSO application ID URI or the app id), tenant and
 * lifetime, and the delegated scope access_as_user in `scp` (so an app-only token, which has `roles` and no
 * `scp`, or a user token for another permission is refused). Anything else is rejected; the reason goes to
 * logs, never to the caller.
 */
export function createEntraTokenVerifier(config: Config) {
  if (!config.microsoftAppId || !config.microsoftAppTenantId) throw new Error('Entra verification needs MicrosoftAppId and MicrosoftAppTenantId');
  const tenant = config.microsoftAppTenantId;
  const jwks = createRemoteJWKSet(new URL(`${config.entraAuthorityHost}/${tenant}/discovery/v2.0/keys`), {
    timeoutDuration: 5000,
    cooldownDuration: 30_000,
  });
  const issuers = [`${config.entraAuthorityHost}/${tenant}/v2.0`, `https://sts.windows.net/${tenant}/`];
  const audiences = [config.ssoAudience, config.microsoftAppId].filter((a): a is string => !!a);

  return async function verify(token: string): Promise<VerifiedUser> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, { issuer: issuers, audience: audiences, algorithms: ['RS256'], clockTolerance: 60 }));
    } catch (e) {
      throw new TokenRejected((e as Error).message);
    }
    const tid = typeof payload.tid === 'string' ? payload.tid : null;
    if (tid !== tenant) throw new TokenRejected('token tenant is not the installation tenant');
    const oid = typeof payload.oid === 'string' ? payload.oid : null;
    if (!oid) throw new TokenRejected('token has no oid');
    const email =
      (typeof payload.preferred_username === 'string' && payload.preferred_username) ||
      (typeof payload.upn === 'string' && payload.upn) ||
      (typeof payload.email === 'string' && payload.email) ||
      null;
    const scp = typeof payload.scp === 'string' ? payload.scp.split(' ').filter(Boolean) : [];
    if (!scp.includes(API_SCOPE)) throw new TokenRejected(scp.length ? `token scopes (${scp.join(' ')}) lack ${API_SCOPE}` : 'token has no delegated scope (app-only token)', 'scope');
    return { tenantId: tid, aadObjectId: oid, email, name: typeof payload.name === 'string' ? payload.name : null, token, scopes: scp };
  };
}
