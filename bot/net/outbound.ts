import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

/**
 * The outbound-call timeout rule: every call Rådslag makes to another service (Bot Connector, Entra,
 * Graph, PostgreSQL connects) ends within a bounded time, so a hanging peer cannot pin a request, a job
 * lease or a turn forever. Teams itself gives up on the bot after 15 s; nothing of ours waits longer.
 */
export const OUTBOUND_TIMEOUT_MS = 15_000;
/** Token requests are small; Entra answers in well under a second when healthy. */
export const TOKEN_TIMEOUT_MS = 10_000;

/** A fetch that aborts after `timeoutMs` unless the caller brought its own signal. */
export function fetchWithTimeout(timeoutMs: number = OUTBOUND_TIMEOUT_MS, base: typeof fetch = fetch): typeof fetch {
  return ((input: string | URL | Request, init: RequestInit = {}) => base(input, { ...init, signal: init.signal ?? AbortSignal.timeout(timeoutMs) })) as typeof fetch;
}

/**
 * msal-node's own HTTP client sets no timeout on token POSTs (only on region discovery GETs). This network
 * module sends msal's requests through a fetch with a timeout (one that trusts a test or proxy CA when
 * given, see bot/graph/https-fetch.ts), so acquiring a token can fail, but never hang.
 */
export function msalNetworkClient(fetchImpl: typeof fetch, timeoutMs: number = TOKEN_TIMEOUT_MS): INetworkModule {
  async function send<T>(method: 'GET' | 'POST', url: string, options: NetworkRequestOptions | undefined, timeout?: number): Promise<NetworkResponse<T>> {
    const res = await fetchImpl(url, {
      method,
      headers: options?.headers,
      body: method === 'POST' ? options?.body : undefined,
      signal: AbortSignal.timeout(Math.min(timeout ?? timeoutMs, timeoutMs)),
    });
    const text = await res.text();
    let body: unknown = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      // msal reads error/error_description from the body; a non-JSON answer (a proxy's HTML page) stays a
      // failed request with its status, not a parse crash.
      body = { error: 'invalid_response', error_description: `HTTP ${res.status}: non-JSON answer` };
    }
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      headers[k] = v;
    });
    return { headers, body: body as T, status: res.status };
  }
  return {
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}
