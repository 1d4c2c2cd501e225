import type { Locale } from '../i18n/strings';

/** The API's error body (shared/errors/catalog.ts): a stable code and the message in both languages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageSv: string,
    readonly messageEn: string,
    readonly correlationId: string | null,
    readonly data?: unknown,
  ) {
    super(messageEn);
    this.name = 'ApiError';
  }

  /** The server answered 404 for the route itself: the feature is not on this server (yet). */
  get routeMissing(): boolean {
    return this.status === 404 && /^(GET|POST|PUT|PATCH|DELETE) \//.test(this.messageEn);
  }

  text(locale: Locale): string {
    return locale === 'en' ? this.messageEn : this.messageSv;
  }
}

export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(`network: ${(cause as Error)?.message ?? cause}`);
    this.name = 'NetworkError';
  }
}

/** Where the identity for API calls comes from: Teams SSO, or the local-mode identity picker. */
export interface AuthSource {
  kind: 'teams' | 'dev';
  headers(): Promise<Record<string, string>>;
  /** For the local identity picker: the chosen e-mail. */
  label?: string;
}

export interface Http {
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
  auth: AuthSource;
  locale: Locale;
}

export function createHttp(auth: AuthSource, locale: Locale, base = '/api/v1'): Http {
  return {
    auth,
    locale,
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': locale, ...(await auth.headers()) };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      let res: Response;
      try {
        res = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      } catch (e) {
        throw new NetworkError(e);
      }
      if (res.status === 204) return undefined as T;
      const text = await res.text();
      const json = text ? safeJson(text) : null;
      if (!res.ok) {
        const err = (json as { error?: { code?: string; messageSv?: string; messageEn?: string; message?: string; correlationId?: string; data?: unknown } } | null)?.error;
        throw new ApiError(res.status, err?.code ?? 'INTERNAL', err?.messageSv ?? err?.message ?? `HTTP ${res.status}`, err?.messageEn ?? err?.message ?? `HTTP ${res.status}`, err?.correlationId ?? res.headers.get('x-correlation-id'), err?.data);
      }
      return json as T;
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
