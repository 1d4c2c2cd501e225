/**
 * A small Bot Connector REST client for proactive sends. We do not use botbuilder's ConnectorClient here
 * because its pipeline retries 429 and 5xx on its own; the platform rules (retry only 429/412/502/504,
 * honour Retry-After, durable across restarts) are the job runner's, so every HTTP error must surface.
 */
import { ConfidentialClientApplication } from '@azure/msal-node';
import type { Config } from '../config';
import { fetchWithTimeout, msalNetworkClient, OUTBOUND_TIMEOUT_MS, TOKEN_TIMEOUT_MS } from '../net/outbound';

export class ConnectorHttpError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | null,
    detail: string,
  ) {
    super(`Bot Connector answered ${status}: ${detail.slice(0, 200)}`);
    this.name = 'ConnectorHttpError';
  }
}

export interface ConnectorClient {
  sendToConversation(serviceUrl: string, conversationId: string, activity: Record<string, unknown>): Promise<{ id: string }>;
  /** POST /v3/conversations for a 1:1 chat; `userId` is the Teams user id ("29:…") or the Entra object id. */
  createPersonalConversation(serviceUrl: string, args: { tenantId: string; userId: string; aadObjectId?: string; botId: string }): Promise<{ id: string }>;
  /** All members of a team or chat (paged), as Teams lists them. */
  listMembers(serviceUrl: string, conversationId: string): Promise<TeamsRosterMember[]>;
}

export interface TeamsRosterMember {
  id: string;
  name?: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
  userRole?: string;
}

const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com/.default';

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}

export function createConnectorClient(config: Config): ConnectorClient {
  // Production: the bot's own app credentials (client credentials for the Bot Framework scope).
  const msal =
    config.mode === 'production' && config.microsoftAppId && config.microsoftAppPassword
      ? new ConfidentialClientApplication({
          auth: {
            clientId: config.microsoftAppId,
            clientSecret: config.microsoftAppPassword,
            authority: `${config.entraAuthorityHost}/${config.microsoftAppTenantId}`,
            knownAuthorities: [new URL(config.entraAuthorityHost).host],
          },
          // msal's own client sets no timeout on token requests (the outbound-call timeout rule: bot/net/outbound.ts).
          system: { networkClient: msalNetworkClient(fetchWithTimeout(TOKEN_TIMEOUT_MS)) },
        })
      : null;

  async function headers(): Promise<Record<string, string>> {
    const h: Record<string, string> = { 'content-type': 'application/json' };
    if (msal) {
      const token = await msal.acquireTokenByClientCredential({ scopes: [BOT_FRAMEWORK_SCOPE] });
      if (token?.accessToken) h.authorization = `Bearer ${token.accessToken}`;
    }
    return h;
  }

  async function post(url: string, body: unknown): Promise<{ id: string }> {
    const res = await fetch(url, { method: 'POST', headers: await headers(), body: JSON.stringify(body), signal: AbortSignal.timeout(OUTBOUND_TIMEOUT_MS) });
    const text = await res.text();
    if (!res.ok) throw new ConnectorHttpError(res.status, retryAfterMs(res.headers.get('retry-after')), text);
    try {
      return JSON.parse(text) as { id: string };
    } catch {
      return { id: '' };
    }
  }

  async function get(url: string): Promise<unknown> {
    const res = await fetch(url, { method: 'GET', headers: await headers(), signal: AbortSignal.timeout(OUTBOUND_TIMEOUT_MS) });
    const text = await res.text();
    if (!res.ok) throw new ConnectorHttpError(res.status, retryAfterMs(res.headers.get('retry-after')), text);
    return JSON.parse(text) as unknown;
  }

  const base = (serviceUrl: string) => (serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`);

  return {
    sendToConversation: (serviceUrl, conversationId, activity) =>
      post(`${base(serviceUrl)}v3/conversations/${encodeURIComponent(conversationId)}/activities`, activity),
    createPersonalConversation: (serviceUrl, args) =>
      post(`${base(serviceUrl)}v3/conversations`, {
        isGroup: false,
        bot: { id: args.botId },
        members: [{ id: args.userId, ...(args.aadObjectId ? { aadObjectId: args.aadObjectId } : {}) }],
        tenantId: args.tenantId,
        channelData: { tenant: { id: args.tenantId } },
      }),
    async listMembers(serviceUrl, conversationId) {
      const out: TeamsRosterMember[] = [];
      let token: string | undefined;
      // Bounded: a team has at most a few thousand members; 50 pages of 200 is plenty.
      for (let page = 0; page < 50; page += 1) {
        const q = new URLSearchParams({ pageSize: '200', ...(token ? { continuationToken: token } : {}) });
        const body = (await get(`${base(serviceUrl)}v3/conversations/${encodeURIComponent(conversationId)}/pagedmembers?${q}`)) as { members?: TeamsRosterMember[]; continuationToken?: string };
        out.push(...(body.members ?? []));
        token = body.continuationToken;
        if (!token) break;
      }
      return out;
    },
  };
}
