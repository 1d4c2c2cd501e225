import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import {
  SignJWT,
  createLocalJWKSet,
  decodeJwt,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  jwtVerify,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
} from 'jose';
import { closeServer, delay, listenLoopback, readBody, sendJson, takeFault, type Fault } from './http-util';
import type { TestCa } from './tls';

/** Bot Framework's fixed channel token issuer (botframework-connector AuthenticationConstants). */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
/** The audience of tokens a bot gets to call the Bot Connector (ToChannelFromBotOAuthScope). */
export const BOT_CONNECTOR_AUDIENCE = 'https://api.botframework.com';
export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
/** The Teams desktop/web client id, the `azp` of real tab SSO tokens. */
export const TEAMS_CLIENT_APP_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
const DEFAULT_DELEGATED_GRAPH_SCOPES = [
  'User.Read',
  'ChannelMessage.Send',
  'ChannelMessage.Read.All',
  'Files.ReadWrite.All',
  'OnlineMeetings.ReadWrite',
  'OnlineMeetingArtifact.Read.All',
  'Calendars.ReadWrite',
];

export interface RegisteredApp {
  clientId: string;
  clientSecret: string;
  /** Home tenant; tokens for the app carry this `tid` unless the request names another tenant. */
  tenantId?: string;
  /** Application ID URI accepted as the OBO assertion audience besides the bare client id. */
  applicationIdUri?: string;
  /** Application permissions put into `roles` of client-credentials tokens. */
  appRoles?: string[];
  /** Delegated permissions granted for `.default` in on-behalf-of requests (Graph names). */
  delegatedScopes?: string[];
  /** A multi-tenant app may get tokens in any tenant; a single-tenant one (default) only in tenantId. */
  multiTenant?: boolean;
}

export interface EntraStandInOptions {
  /** Also listen on HTTPS with this certificate (msal-node only accepts https authorities). */
  tls?: TestCa;
  /**
   * Issuer for a tenant; default `${base}/${tenantId}/v2.0` where base is the HTTPS listener when
   * started with `tls` (so issuer = ENTRA_AUTHORITY_HOST/tid/v2.0, as with real Entra), else the HTTP one.
   */
  issuer?: (tenantId: string, baseUrl: string) => string;
  apps?: RegisteredApp[];
  /** Endorsements on the Bot Framework signing key; botbuilder requires the channel id among them. */
  botEndorsements?: string[];
  /** Lifetime of tokens from the token endpoint, seconds. */
  tokenLifetimeSeconds?: number;
}

export interface TokenRequestRecord {
  at: number;
  tenant: string;
  listener: 'http' | 'https';
  grantType: string | undefined;
  clientId: string | undefined;
  scope: string | undefined;
  requestedTokenUse: string | undefined;
  assertion: string | undefined;
  status: number;
  error?: string;
  /** Claims of the access token returned, when one was returned. */
  issued?: JWTPayload;
}

export interface MintUserTokenOptions {
  tenantId: string;
  oid: string;
  upn: string;
  name?: string;
  audience: string;
  /** Space-separated in the token's `scp`. */
  scopes?: string[];
  expiresIn?: number;
  /** Extra or replacing claims (e.g. `{ iss: '…' }`); `undefined` values remove a claim. */
  overrides?: Record<string, unknown>;
}

export interface MintBotFrameworkTokenOptions {
  appId: string;
  serviceUrl: string;
  expiresIn?: number;
  overrides?: Record<string, unknown>;
}

export interface MintAppTokenOptions {
  tenantId: string;
  appId: string;
  audience: string;
  roles?: string[];
  expiresIn?: number;
  overrides?: Record<string, unknown>;
}

export const USER_TOKEN_FORGERIES = [
  'alg-none',
  'hs256-public-key',
  'unknown-key',
  'tampered',
  'expired',
  'wrong-audience',
  'wrong-issuer',
  'wrong-tenant',
] as const;
export type UserTokenForgery = (typeof USER_TOKEN_FORGERIES)[number];

export const BOT_FRAMEWORK_TOKEN_FORGERIES = [
  'alg-none',
  'hs256-public-key',
  'unknown-key',
  'tampered',
  'expired',
  'wrong-audience',
  'wrong-issuer',
  'wrong-service-url',
] as const;
export type BotFrameworkTokenForgery = (typeof BOT_FRAMEWORK_TOKEN_FORGERIES)[number];

export interface EntraStandIn {
  /** HTTP base URL (jose, botbuilder's OpenID metadata fetch). */
  url: string;
  /** HTTPS base URL when started with `tls` (msal-node authorities). */
  httpsUrl: string | undefined;
  /** Point botbuilder's `ToBotFromChannelOpenIdMetadataUrl` / BOT_OPENID_METADATA_URL here. */
  botOpenIdMetadataUrl: string;
  /** Every token endpoint request, in order. */
  readonly requests: TokenRequestRecord[];
  issuerFor(tenantId: string): string;
  openIdConfigurationUrl(tenantId: string, listener?: 'http' | 'https'): string;
  /** Entra signing keys (public JWKS). */
  jwks(): JSONWebKeySet;
  registerApp(app: RegisteredApp): void;
  mintUserToken(opts: MintUserTokenOptions): Promise<string>;
  mintAppToken(opts: MintAppTokenOptions): Promise<string>;
  mintBotFrameworkToken(opts: MintBotFrameworkTokenOptions): Promise<string>;
  forgeUserToken(kind: UserTokenForgery, opts: MintUserTokenOptions): Promise<string>;
  forgeBotFrameworkToken(kind: BotFrameworkTokenForgery, opts: MintBotFrameworkTokenOptions): Promise<string>;
  /**
   * Verifies a token this stand-in issued (signature, issuer of its tid, audience, lifetime);
   * with `tenantId`, also that it was issued for that tenant.
   */
  verifyAccessToken(token: string, audience: string | string[], opts?: { tenantId?: string }): Promise<JWTPayload>;
  /** The next n token requests fail with this status (Entra-shaped error body). */
  failNext(n: number, status: number, opts?: { retryAfter?: number; delayMs?: number }): void;
  close(): Promise<void>;
}

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  publicPem: string;
}

async function createSigningKey(kid: string, extra: Partial<JWK> = {}): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  return {
    kid,
    privateKey,
    publicJwk: { kty: jwk.kty, use: 'sig', kid, x5t: kid, n: jwk.n, e: jwk.e, ...extra },
    publicPem: await exportSPKI(publicKey),
  };
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function applyOverrides(claims: Record<string, unknown>, overrides?: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...claims };
  for (const [k, v] of Object.entries(overrides ?? {})) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

async function sign(claims: Record<string, unknown>, key: SigningKey): Promise<string> {
  return new SignJWT(claims as JWTPayload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid, x5t: key.kid }).sign(key.privateKey);
}

/** Entra's error body: error, error_description with an AADSTS code, error_codes, timestamp, trace/correlation ids. */
function entraError(res: ServerResponse, status: number, error: string, code: number, description: string, headers: Record<string, string> = {}): void {
  sendJson(
    res,
    status,
    {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${randomUUID()} Correlation ID: ${randomUUID()} Timestamp: ${new Date().toISOString()}`,
      error_codes: [code],
      timestamp: new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
      trace_id: randomUUID(),
      correlation_id: randomUUID(),
    },
    headers,
  );
}

/** `https://graph.microsoft.com/.default` → `https://graph.microsoft.com`; `api://x/access_as_user` → `api://x`. */
function resourceOf(scope: string): string {
  const i = scope.lastIndexOf('/');
  return i > 0 ? scope.slice(0, i) : scope;
}

export async function startEntraStandIn(opts: EntraStandInOptions = {}): Promise<EntraStandIn> {
  const entraKey = await createSigningKey(`entra-${randomUUID().slice(0, 8)}`);
  const botKey = await createSigningKey(`bf-${randomUUID().slice(0, 8)}`, { endorsements: opts.botEndorsements ?? ['msteams'] } as Partial<JWK>);
  // Never published: tokens signed with it must fail verification.
  const unknownKey = await createSigningKey(`unknown-${randomUUID().slice(0, 8)}`);
  const apps = new Map<string, RegisteredApp>();
  for (const app of opts.apps ?? []) apps.set(app.clientId, app);
  const requests: TokenRequestRecord[] = [];
  const faults: Fault[] = [];
  const lifetime = opts.tokenLifetimeSeconds ?? 3599;
  const entraJwks: JSONWebKeySet = { keys: [entraKey.publicJwk] };
  const localEntraJwks = createLocalJWKSet(entraJwks);

  let httpUrl = '';
  let httpsUrl: string | undefined;
  const issuerFor = (tenantId: string): string => {
    const base = httpsUrl ?? httpUrl;
    return opts.issuer ? opts.issuer(tenantId, base) : `${base}/${tenantId}/v2.0`;
  };

  function userClaims(o: MintUserTokenOptions): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    return applyOverrides(
      {
        aud: o.audience,
        iss: issuerFor(o.tenantId),
        iat: now,
        nbf: now,
        exp: now + (o.expiresIn ?? lifetime),
        aio: randomUUID(),
        azp: TEAMS_CLIENT_APP_ID,
        azpacr: '0',
        name: o.name ?? o.upn,
        oid: o.oid,
        preferred_username: o.upn,
        upn: o.upn,
        rh: '0.test',
        scp: (o.scopes ?? ['access_as_user']).join(' '),
        sub: `sub-${o.oid}`,
        tid: o.tenantId,
        uti: randomUUID().replace(/-/g, '').slice(0, 22),
        ver: '2.0',
      },
      o.overrides,
    );
  }

  function botClaims(o: MintBotFrameworkTokenOptions): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    return applyOverrides(
      { serviceurl: o.serviceUrl, nbf: now, exp: now + (o.expiresIn ?? lifetime), iss: BOT_FRAMEWORK_ISSUER, aud: o.appId },
      o.overrides,
    );
  }

  function appClaims(o: MintAppTokenOptions): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    return applyOverrides(
      {
        aud: o.audience,
        iss: issuerFor(o.tenantId),
        iat: now,
        nbf: now,
        exp: now + (o.expiresIn ?? lifetime),
        appid: o.appId,
        azp: o.appId,
        appidacr: '1',
        azpacr: '1',
        idtyp: 'app',
        oid: `sp-${o.appId}`,
        sub: `sp-${o.appId}`,
        roles: o.roles ?? [],
        tid: o.tenantId,
        ver: '2.0',
      },
      o.overrides,
    );
  }

  async function forge(kind: string, claims: Record<string, unknown>, key: SigningKey, mutate: (c: Record<string, unknown>) => Record<string, unknown>): Promise<string> {
    switch (kind) {
      case 'alg-none':
        return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
      case 'hs256-public-key':
        // The classic key-confusion attack: HMAC keyed with the published RSA public key text.
        return new SignJWT(claims as JWTPayload)
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: key.kid })
          .sign(new TextEncoder().encode(key.publicPem));
      case 'unknown-key':
        return sign(claims, unknownKey);
      case 'tampered': {
        const [h, , s] = (await sign(claims, key)).split('.');
        return `${h}.${b64url({ ...claims, oid: 'attacker', upn: 'attacker@evil.example', aud: claims.aud, serviceurl: claims.serviceurl })}.${s}`;
      }
      default:
        return sign(mutate(claims), key);
    }
  }

  async function verifyAccessToken(token: string, audience: string | string[], vopts: { tenantId?: string } = {}): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, localEntraJwks, { algorithms: ['RS256'], audience, clockTolerance: 5 });
    const tid = typeof payload.tid === 'string' ? payload.tid : '';
    if (vopts.tenantId !== undefined && tid !== vopts.tenantId) throw new Error(`token is for tenant ${tid}, expected ${vopts.tenantId}`);
    if (!tid || payload.iss !== issuerFor(tid)) throw new Error(`issuer ${String(payload.iss)} is not this stand-in's issuer for tenant ${tid}`);
    return payload;
  }

  function openIdConfiguration(base: string, tenant: string): Record<string, unknown> {
    // Like Entra, the multi-tenant aliases publish a templated issuer.
    const issuerTenant = ['common', 'organizations', 'consumers'].includes(tenant) ? '{tenantid}' : tenant;
    return {
      token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: issuerTenant === '{tenantid}' ? issuerFor('{tenantid}') : issuerFor(tenant),
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${base}/oidc/userinfo`,
      authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/${tenant}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
      kerberos_endpoint: `${base}/${tenant}/kerberos`,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    };
  }

  async function tokenEndpoint(req: IncomingMessage, res: ServerResponse, tenant: string, listener: 'http' | 'https'): Promise<void> {
    const form = new URLSearchParams((await readBody(req)).toString('utf8'));
    let clientId = form.get('client_id') ?? undefined;
    let clientSecret = form.get('client_secret') ?? undefined;
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
    if (basic?.[1]) {
      const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
      clientId = decodeURIComponent(id ?? '');
      clientSecret = decodeURIComponent(secret ?? '');
    }
    const record: TokenRequestRecord = {
      at: Date.now(),
      tenant,
      listener,
      grantType: form.get('grant_type') ?? undefined,
      clientId,
      scope: form.get('scope') ?? undefined,
      requestedTokenUse: form.get('requested_token_use') ?? undefined,
      assertion: form.get('assertion') ?? undefined,
      status: 0,
    };
    requests.push(record);
    const fail = (status: number, error: string, code: number, description: string, headers?: Record<string, string>): void => {
      record.status = status;
      record.error = error;
      entraError(res, status, error, code, description, headers);
    };

    const fault = takeFault(faults);
    if (fault) {
      if (fault.delayMs) await delay(fault.delayMs);
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
      if (fault.status === 429) return fail(429, 'temporarily_unavailable', 50196, 'The server temporarily throttled the request.', headers);
      return fail(fault.status, 'temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.', headers);
    }

    const app = clientId ? apps.get(clientId) : undefined;
    if (!clientId) return fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
    if (!app) return fail(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`);
    if (!clientSecret || clientSecret !== app.clientSecret) return fail(401, 'invalid_client', 7000215, 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.');
    const alias = ['common', 'organizations', 'botframework.com'].includes(tenant);
    if (app.tenantId && !app.multiTenant && !alias && tenant !== app.tenantId) {
      return fail(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`);
    }
    const scopes = (record.scope ?? '').split(' ').filter((s) => s && !OIDC_SCOPES.has(s));
    if (scopes.length === 0) return fail(400, 'invalid_scope', 70011, "The provided value for the input parameter 'scope' is not valid.");
    const resource = resourceOf(scopes[0] as string);
    if (scopes.some((s) => resourceOf(s) !== resource)) return fail(400, 'invalid_scope', 28000, 'Provided value for the input parameter scope is not valid because it contains more than one resource.');
    const tokenTenant = alias ? (app.tenantId ?? tenant) : tenant;

    let claims: Record<string, unknown>;
    let scopeOut: string;
    if (record.grantType === 'client_credentials') {
      if (scopes.length !== 1 || !scopes[0]?.endsWith('/.default')) return fail(400, 'invalid_scope', 1002012, 'The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).');
      claims = appClaims({ tenantId: tokenTenant, appId: clientId, audience: resource, roles: app.appRoles ?? [] });
      scopeOut = scopes[0];
    } else if (record.grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      if (record.requestedTokenUse !== 'on_behalf_of') return fail(400, 'invalid_request', 50027, "The request body must contain 'requested_token_use=on_behalf_of'.");
      if (!record.assertion) return fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'assertion'.");
      const acceptedAudiences = [clientId, ...(app.applicationIdUri ? [app.applicationIdUri] : [])];
      let user: JWTPayload;
      try {
        user = await verifyAccessToken(record.assertion, acceptedAudiences);
      } catch (err) {
        const e = err as { code?: string; message?: string };
        if (e.code === 'ERR_JWT_EXPIRED') return fail(400, 'invalid_grant', 500133, 'Assertion is not within its valid time range.');
        if (e.code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return fail(400, 'invalid_grant', 50013, `Assertion failed signature validation. [Reason - ${e.message ?? 'claim'}]`);
        return fail(400, 'invalid_grant', 50013, `Assertion failed signature validation. [Reason - ${e.message ?? 'The key was not found.'}]`);
      }
      if (typeof user.oid !== 'string' || typeof user.tid !== 'string') return fail(400, 'invalid_grant', 50013, 'Assertion contains no user.');
      const requested = scopes.map((s) => s.slice(resource.length + 1));
      const granted = requested.includes('.default') ? (app.delegatedScopes ?? DEFAULT_DELEGATED_GRAPH_SCOPES) : requested;
      const now = Math.floor(Date.now() / 1000);
      claims = {
        aud: resource,
        iss: issuerFor(user.tid),
        iat: now,
        nbf: now,
        exp: now + lifetime,
        appid: clientId,
        azp: clientId,
        appidacr: '1',
        idtyp: 'user',
        name: user.name,
        oid: user.oid,
        upn: user.upn ?? user.preferred_username,
        preferred_username: user.preferred_username ?? user.upn,
        scp: granted.join(' '),
        sub: user.sub,
        tid: user.tid,
        ver: '2.0',
      };
      scopeOut = granted.map((s) => `${resource}/${s}`).join(' ');
    } else {
      return fail(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${record.grantType ?? ''}'.`);
    }
    const accessToken = await sign(claims, entraKey);
    record.status = 200;
    record.issued = claims as JWTPayload;
    sendJson(res, 200, { token_type: 'Bearer', scope: scopeOut, expires_in: lifetime, ext_expires_in: lifetime, access_token: accessToken });
  }

  function handler(listener: 'http' | 'https') {
    return (req: IncomingMessage, res: ServerResponse): void => {
      const base = listener === 'https' ? (httpsUrl as string) : httpUrl;
      const url = new URL(req.url ?? '/', base);
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      const run = async (): Promise<void> => {
        if (req.method === 'GET' && url.pathname === '/botframework/v1/.well-known/openidconfiguration') {
          return sendJson(res, 200, {
            issuer: BOT_FRAMEWORK_ISSUER,
            authorization_endpoint: 'https://invalid.botframework.com',
            jwks_uri: `${base}/botframework/v1/.well-known/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
            token_endpoint_auth_methods_supported: ['private_key_jwt'],
          });
        }
        if (req.method === 'GET' && url.pathname === '/botframework/v1/.well-known/keys') return sendJson(res, 200, { keys: [botKey.publicJwk] });
        if (req.method === 'GET' && parts.length === 4 && parts[1] === 'v2.0' && parts[2] === '.well-known' && parts[3] === 'openid-configuration') {
          return sendJson(res, 200, openIdConfiguration(base, parts[0] as string));
        }
        if (req.method === 'GET' && parts.length === 4 && parts[1] === 'discovery' && parts[2] === 'v2.0' && parts[3] === 'keys') return sendJson(res, 200, entraJwks);
        if (parts.length === 4 && parts[1] === 'oauth2' && parts[2] === 'v2.0' && parts[3] === 'token') {
          if (req.method !== 'POST') return entraError(res, 405, 'invalid_request', 900561, 'The endpoint only accepts POST requests.');
          return tokenEndpoint(req, res, parts[0] as string, listener);
        }
        sendJson(res, 404, { error: 'not_found', error_description: `${req.method} ${url.pathname} is not served by the Entra stand-in` });
      };
      run().catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: String(err) });
      });
    };
  }

  const servers: Server[] = [];
  const httpServer = createHttpServer(handler('http'));
  servers.push(httpServer);
  httpUrl = `http://127.0.0.1:${await listenLoopback(httpServer)}`;
  if (opts.tls) {
    const httpsServer = createHttpsServer({ key: opts.tls.serverKeyPem, cert: opts.tls.serverCertPem }, handler('https'));
    servers.push(httpsServer);
    httpsUrl = `https://127.0.0.1:${await listenLoopback(httpsServer)}`;
  }

  return {
    url: httpUrl,
    httpsUrl,
    botOpenIdMetadataUrl: `${httpUrl}/botframework/v1/.well-known/openidconfiguration`,
    requests,
    issuerFor,
    openIdConfigurationUrl: (tenantId, listener = 'http') => {
      const base = listener === 'https' ? httpsUrl : httpUrl;
      if (!base) throw new Error('the Entra stand-in was started without tls');
      return `${base}/${tenantId}/v2.0/.well-known/openid-configuration`;
    },
    jwks: () => structuredClone(entraJwks),
    registerApp: (app) => void apps.set(app.clientId, app),
    mintUserToken: (o) => sign(userClaims(o), entraKey),
    mintAppToken: (o) => sign(appClaims(o), entraKey),
    mintBotFrameworkToken: (o) => sign(botClaims(o), botKey),
    forgeUserToken: (kind, o) =>
      forge(kind, userClaims(o), entraKey, (c) => {
        const now = Math.floor(Date.now() / 1000);
        if (kind === 'expired') return { ...c, iat: now - 7200, nbf: now - 7200, exp: now - 3600 };
        if (kind === 'wrong-audience') return { ...c, aud: `api://evil.example/${randomUUID()}` };
        if (kind === 'wrong-issuer') return { ...c, iss: `https://login.microsoftonline.com/${o.tenantId}/v2.0` };
        // wrong-tenant: a correctly signed token from another tenant (issuer consistent with it).
        const other = randomUUID();
        return { ...c, tid: other, iss: issuerFor(other) };
      }),
    forgeBotFrameworkToken: (kind, o) =>
      forge(kind, botClaims(o), botKey, (c) => {
        const now = Math.floor(Date.now() / 1000);
        if (kind === 'expired') return { ...c, nbf: now - 7200, exp: now - 3600 };
        if (kind === 'wrong-audience') return { ...c, aud: randomUUID() };
        if (kind === 'wrong-issuer') return { ...c, iss: 'https://evil.example' };
        return { ...c, serviceurl: 'https://evil.example/connector/' };
      }),
    verifyAccessToken,
    failNext: (n, status, o = {}) => void faults.push({ remaining: n, status, ...o }),
    close: async () => {
      await Promise.all(servers.map((s) => closeServer(s)));
    },
  };
}

/** Decodes a JWT's claims without verifying it (for assertions in tests). */
export function peekClaims(token: string): JWTPayload {
  return decodeJwt(token);
}

/**
 * The botbuilder configuration (ConfigurationBotFrameworkAuthentication keys) that points a
 * CloudAdapter at the stand-in. Gotcha found in botframework-connector's
 * BotFrameworkAuthenticationFactory.create: as soon as ANY of ToBotFromChannelOpenIdMetadataUrl,
 * ToChannelFromBotLoginUrl, ToChannelFromBotOAuthScope, ToBotFromChannelTokenIssuer, OAuthUrl,
 * ToBotFromEmulatorOpenIdMetadataUrl or CallerId is set, it uses ALL of them as given and falls back
 * to no public-cloud defaults: with only the metadata URL set, the channel issuer is undefined and
 * every request gets 401 "No valid identity". So the server must set the whole group together.
 *
 * Outgoing (bot → connector) tokens: botbuilder's default password credentials build an msal-node
 * client without knownAuthorities, so msal tries instance discovery at login.microsoftonline.com and
 * fails offline ("endpoints_resolution_error"). What works (tried): pass
 * `new MsalServiceClientCredentialsFactory(appId, new ConfidentialClientApplication({ auth: { clientId,
 * clientSecret, authority: `${ENTRA_AUTHORITY_HOST}/${tenant}`, knownAuthorities: [host] } }))` as the
 * second argument of ConfigurationBotFrameworkAuthentication, and trust the test CA in the server
 * process with NODE_EXTRA_CA_CERTS (see writeCaFile) or msal's system.customAgentOptions.ca.
 */
export function botFrameworkAuthConfig(entra: EntraStandIn, opts: { appId: string; tenantId: string; appType?: 'SingleTenant' | 'MultiTenant' }): Record<string, string | boolean> {
  return {
    MicrosoftAppId: opts.appId,
    MicrosoftAppTenantId: opts.tenantId,
    MicrosoftAppType: opts.appType ?? 'SingleTenant',
    ToBotFromChannelOpenIdMetadataUrl: entra.botOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: BOT_FRAMEWORK_ISSUER,
    ToChannelFromBotLoginUrl: `${entra.httpsUrl ?? entra.url}/${opts.tenantId}`,
    ToChannelFromBotOAuthScope: BOT_CONNECTOR_AUDIENCE,
    // Emulator tokens are only tried for emulator issuers; point it here so nothing leaves the machine.
    ToBotFromEmulatorOpenIdMetadataUrl: entra.botOpenIdMetadataUrl,
    OAuthUrl: 'https://api.botframework.com',
    CallerId: 'urn:botframework:azure',
    ValidateAuthority: true,
  };
}
