import { ConfidentialClientApplication, LogLevel, type Configuration } from '@azure/msal-node';
import { AuthenticationHandler, Client, GraphError, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { DB } from '../store/schema';
import { fetchTrusting } from './https-fetch';
import { msalNetworkClient } from '../net/outbound';
import { StoreTokenCachePlugin } from './token-cache';
import { TokenCrypto } from './token-crypto';

export interface GraphTransportOptions {
  /** Extra CA to trust for Entra and Graph (test stand-ins over HTTPS); never a TLS switch-off. */
  caPem?: string;
  /** Authority host for msal when it differs from ENTRA_AUTHORITY_HOST (a stand-in's HTTPS listener). */
  authorityHost?: string;
  /** Per-request timeout, ms. */
  timeoutMs?: number;
  /** Above this size the .docx goes through an upload session (Graph: 4 MB; tests lower it). */
  simpleUploadMaxBytes?: number;
}

/** A Graph call failed; `retryAfterMs` from Retry-After when Graph sent one. */
export class GraphCallError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
    readonly retryAfterMs: number | null,
    /** The request may have reached Graph (timeout, reset): its effect is unknown. */
    readonly ambiguous: boolean,
  ) {
    super(message);
    this.name = 'GraphCallError';
  }
}

export interface ActingUser {
  /** Whose cache entry (the acting secretary's person id). */
  personId: string;
  /** The tab's SSO token (the on-behalf-of assertion). */
  assertion: string;
}

/** The HTTP end of the middleware chain: our fetch (extra CA, per-request timeout) with the job's signal. */
class FetchHandler implements Middleware {
  constructor(
    private readonly doFetch: typeof fetch,
    private readonly signal: AbortSignal | undefined,
  ) {}
  async execute(context: Context): Promise<void> {
    const options = { ...(context.options as RequestInit), ...(this.signal ? { signal: this.signal } : {}) };
    context.response = await this.doFetch(context.request as string, options);
  }
}

export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Turns whatever the Graph client or fetch threw into a GraphCallError. */
export function toGraphCallError(e: unknown): GraphCallError {
  if (e instanceof GraphCallError) return e;
  if (e instanceof GraphError) {
    const status = e.statusCode;
    const retryAfter = parseRetryAfter(e.headers?.get('retry-after'));
    // statusCode -1 is the client's own failure (network, abort): the request may have arrived.
    return new GraphCallError(`Graph ${status}${e.code ? ` ${e.code}` : ''}: ${e.message}`, status, e.code, retryAfter, status <= 0);
  }
  const err = e as { name?: string; message?: string; code?: string; errorCode?: string };
  if (err?.errorCode) return new GraphCallError(`Entra: ${err.errorCode}: ${err.message ?? ''}`, 401, err.errorCode, null, false);
  const timeout = err?.name === 'TimeoutError' || err?.name === 'AbortError';
  return new GraphCallError(`${timeout ? 'timeout' : 'network error'}: ${err?.message ?? String(e)}`, 0, err?.code ?? null, null, true);
}

/**
 * Acting for a signed-in person against Microsoft Graph: msal-node on-behalf-of with the tab's SSO token
 * (its token cache encrypted in the store), then `@microsoft/microsoft-graph-client` against
 * GRAPH_BASE_URL. Without production credentials `enabled` is false and nothing is called.
 */
export class GraphAccess {
  readonly enabled: boolean;
  readonly crypto: TokenCrypto | null;
  readonly fetch: typeof fetch;
  readonly simpleUploadMaxBytes: number;
  private readonly base: { origin: string; version: string; host: string };

  constructor(
    private readonly config: Config,
    private readonly db: Kysely<DB>,
    private readonly logger: Logger,
    private readonly transport: GraphTransportOptions = {},
  ) {
    this.enabled = config.graphEnabled && !!config.microsoftAppId && !!config.microsoftAppPassword;
    this.crypto = config.microsoftAppPassword ? new TokenCrypto(config.microsoftAppPassword, config.tenantId) : null;
    this.fetch = fetchTrusting(transport.caPem, transport.timeoutMs ?? 30_000);
    this.simpleUploadMaxBytes = transport.simpleUploadMaxBytes ?? 4 * 1024 * 1024;
    const u = new URL(config.graphBaseUrl);
    this.base = { origin: u.origin, version: u.pathname.replace(/^\/+|\/+$/g, '') || 'v1.0', host: u.hostname };
  }

  /** Why Graph is off, for the log and the outbox. */
  get disabledReason(): string | null {
    if (this.enabled) return null;
    return this.config.mode === 'local'
      ? 'lokalt läge utan Graph-uppgifter (MicrosoftAppId/MicrosoftAppPassword saknas): inget publiceras i Teams / local mode without Graph credentials: nothing is posted to Teams'
      : 'Graph är inte konfigurerat (MicrosoftAppPassword saknas) / Graph is not configured (no MicrosoftAppPassword)';
  }

  private msalFor(personId: string): { client: ConfidentialClientApplication; cache: StoreTokenCachePlugin } {
    const host = (this.transport.authorityHost ?? this.config.entraAuthorityHost).replace(/\/+$/, '');
    const cache = new StoreTokenCachePlugin(this.db, this.config.tenantId, `obo:${personId}`, this.crypto!);
    const conf: Configuration = {
      auth: {
        clientId: this.config.microsoftAppId!,
        clientSecret: this.config.microsoftAppPassword!,
        authority: `${host}/${this.config.tenantId}`,
        // msal then trusts the configured host and reads its OpenID metadata from it (national clouds,
        // stand-ins) instead of asking login.microsoftonline.com for instance discovery.
        knownAuthorities: [new URL(host).host],
      },
      cache: { cachePlugin: cache },
      system: {
        ...(this.transport.caPem ? { customAgentOptions: { ca: this.transport.caPem } } : {}),
        // msal's own client sets no timeout on token POSTs; this one goes through the same CA-trusting,
        // time-limited fetch as Graph calls (the outbound-call timeout rule: bot/net/outbound.ts).
        networkClient: msalNetworkClient(this.fetch),
        loggerOptions: { logLevel: LogLevel.Warning, piiLoggingEnabled: false, loggerCallback: (_l, message) => this.logger.debug({ msal: message }, 'msal') },
      },
    };
    return { client: new ConfidentialClientApplication(conf), cache };
  }

  /** A Graph access token for the user, for the given delegated scopes (Graph names). */
  async tokenFor(user: ActingUser, scopes: readonly string[]): Promise<string> {
    if (!this.enabled) throw new GraphCallError(this.disabledReason ?? 'Graph disabled', 0, 'disabled', null, false);
    const resource = 'https://graph.microsoft.com';
    try {
      const { client, cache } = this.msalFor(user.personId);
      await cache.load(client.getTokenCache());
      const result = await client.acquireTokenOnBehalfOf({ oboAssertion: user.assertion, scopes: scopes.map((s) => `${resource}/${s}`) });
      if (!result?.accessToken) throw new GraphCallError('Entra returned no token', 401, 'no_token', null, false);
      return result.accessToken;
    } catch (e) {
      const err = e as { errorCode?: string; message?: string };
      const status = /server_error|temporarily_unavailable|request_timeout|network/i.test(String(err?.errorCode ?? '')) ? 503 : 401;
      throw new GraphCallError(`Entra on-behalf-of failed: ${err?.errorCode ?? ''} ${err?.message ?? String(e)}`.trim(), status, err?.errorCode ?? null, null, false);
    }
  }

  /** A Graph client that acts for the user with a token for these scopes. */
  async clientFor(user: ActingUser, scopes: readonly string[], signal?: AbortSignal): Promise<Client> {
    const token = await this.tokenFor(user, scopes);
    const auth = new AuthenticationHandler({ getAccessToken: async () => token });
    auth.setNext(new FetchHandler(this.fetch, signal));
    return Client.initWithMiddleware({ middleware: auth, baseUrl: this.base.origin, defaultVersion: this.base.version, customHosts: new Set([this.base.host]) });
  }

  /** Calls `fn` and maps every failure to GraphCallError. */
  async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw toGraphCallError(e);
    }
  }
}
