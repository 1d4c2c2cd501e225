/**
 * The CLI's HTTP client: it talks to the RUNNING server only (never opens the data directory, which the
 * server holds locked). Local mode identifies with the development header, production with a token.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface ClientOptions {
  baseUrl: string;
  user?: string;
  token?: string;
  lang: 'sv' | 'en';
  fetchImpl?: typeof fetch;
}

export class ApiClient {
  constructor(private readonly opts: ClientOptions) {}

  get baseUrl(): string {
    return this.opts.baseUrl;
  }

  private t(sv: string, en: string): string {
    return this.opts.lang === 'en' ? en : sv;
  }

  async raw(path: string, init: { method?: string; json?: unknown } = {}): Promise<Response> {
    const headers: Record<string, string> = { 'accept-language': this.opts.lang, accept: 'application/json' };
    if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`;
    else if (this.opts.user) headers['x-radslag-dev-user'] = this.opts.user;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const f = this.opts.fetchImpl ?? fetch;
    try {
      return await f(`${this.opts.baseUrl}${path}`, {
        method: init.method ?? 'GET',
        headers,
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
      throw new CliError(
        this.t(
          `Servern svarar inte på ${this.opts.baseUrl} (${cause}). Kör den igång med "npm start" eller ange rätt adress med --url.`,
          `The server is not answering at ${this.opts.baseUrl} (${cause}). Start it with "npm start" or give the right address with --url.`,
        ),
        3,
      );
    }
  }

  /** JSON of a 2xx answer; an error answer becomes a CliError with the server's message in the chosen language. */
  async call<T = any>(path: string, init: { method?: string; json?: unknown } = {}): Promise<T> {
    const res = await this.raw(path, init);
    const text = await res.text();
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (res.ok) return body as T;
    const err = body?.error;
    const message = err ? (this.opts.lang === 'en' ? err.messageEn : err.messageSv) ?? err.message : `HTTP ${res.status}`;
    const hint =
      res.status === 401
        ? this.t(' (Lokalt läge: --user <e-post>; produktion: --token <åtkomsttoken>.)', ' (Local mode: --user <e-mail>; production: --token <access token>.)')
        : '';
    const detail = err?.data?.sv && err?.data?.en ? ` ${this.opts.lang === 'en' ? err.data.en : err.data.sv}` : '';
    const error = new CliError(`${err?.code ? `${err.code}: ` : ''}${message}${detail}${hint}`, 1);
    (error as CliError & { body?: unknown; status?: number }).body = body;
    (error as CliError & { status?: number }).status = res.status;
    throw error;
  }
}
