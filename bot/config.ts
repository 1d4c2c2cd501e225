import { z } from 'zod';

/** Environment → frozen, validated configuration. Names are fixed by CONVENTIONS.md. */
export interface Config {
  port: number;
  publicUrl: string;
  databaseUrl: string | null;
  dataDir: string;
  mode: 'production' | 'local';
  microsoftAppId: string | null;
  microsoftAppPassword: string | null;
  microsoftAppTenantId: string | null;
  microsoftAppType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
  ssoAudience: string | null;
  entraAuthorityHost: string;
  botOpenIdMetadataUrl: string | null;
  graphBaseUrl: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Tenant whose data this installation holds. Local mode uses a fixed local tenant. */
  tenantId: string;
  /** Graph publishing is possible (production credentials present). */
  graphEnabled: boolean;
  /** Per-user API rate limit per replica (RADSLAG_API_RATE_LIMIT="capacity/perSecond" or "off"; default 600/20 in production, off in local mode). */
  apiRateLimit: { capacity: number; refillPerSecond: number } | null;
  /** Where the accessibility statement's "report a problem" mails go (RADSLAG_ACCESSIBILITY_CONTACT, an e-mail address). */
  accessibilityContact?: string | null;
  /**
   * Test hook (RADSLAG_TEST_CRASH_AFTER_COMMIT=<job kind>, local mode only): the process kills itself with
   * SIGKILL right after committing a transaction that enqueued a job of that kind, before the job can run.
   * The reliability tests use it to crash exactly between a change and its follow-up.
   */
  testCrashAfterCommitOf?: string;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, detail: string) {
    super(`Configuration error in ${variable}: ${detail}`);
    this.name = 'ConfigError';
  }
}

export const LOCAL_TENANT_ID = '00000000-0000-0000-0000-00000000c0de';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function httpUrl(variable: string, value: string, opts: { httpsOnly?: boolean } = {}): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(variable, `"${value}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(variable, 'must be an http(s) URL');
  if (opts.httpsOnly && url.protocol !== 'https:' && !isLoopback(url.hostname))
    throw new ConfigError(variable, 'must use https (plain http is allowed only on localhost)');
  return value.replace(/\/+$/, '');
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1';
}

/** Reads the environment, failing fast with a message that names the variable. Never echoes secrets. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const get = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };

  const portRaw = get('PORT') ?? '3978';
  const port = z.coerce.number().int().min(0).max(65535).safeParse(portRaw);
  if (!port.success) throw new ConfigError('PORT', `"${portRaw}" is not a port number (0–65535)`);

  const publicUrl = httpUrl('RADSLAG_PUBLIC_URL', get('RADSLAG_PUBLIC_URL') ?? `http://localhost:${port.data}`);

  const databaseUrl = get('DATABASE_URL') ?? null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new ConfigError('DATABASE_URL', 'must start with postgres:// or postgresql://');

  const appId = get('MicrosoftAppId') ?? null;
  const mode = appId ? 'production' : 'local';
  if (appId && !guid.test(appId)) throw new ConfigError('MicrosoftAppId', 'must be the Entra application (client) id, a GUID');

  const appType = get('MicrosoftAppType') ?? 'SingleTenant';
  if (!['SingleTenant', 'MultiTenant', 'UserAssignedMSI'].includes(appType))
    throw new ConfigError('MicrosoftAppType', 'must be SingleTenant, MultiTenant or UserAssignedMSI');

  const appTenantId = get('MicrosoftAppTenantId') ?? null;
  if (appTenantId && !guid.test(appTenantId)) throw new ConfigError('MicrosoftAppTenantId', 'must be a tenant id (GUID)');
  if (mode === 'production' && !appTenantId)
    throw new ConfigError(
      'MicrosoftAppTenantId',
      'is required in production mode: Rådslag keeps the data of the tenant it is installed in',
    );

  const appPassword = get('MicrosoftAppPassword') ?? null;
  if (mode === 'production' && appType !== 'UserAssignedMSI' && !appPassword)
    throw new ConfigError('MicrosoftAppPassword', 'is required in production mode (client secret of the Entra app)');

  const entraAuthorityHost = httpUrl('ENTRA_AUTHORITY_HOST', get('ENTRA_AUTHORITY_HOST') ?? 'https://login.microsoftonline.com');
  const graphBaseUrl = httpUrl('GRAPH_BASE_URL', get('GRAPH_BASE_URL') ?? 'https://graph.microsoft.com/v1.0');
  const botMeta = get('BOT_OPENID_METADATA_URL');
  const botOpenIdMetadataUrl = botMeta ? httpUrl('BOT_OPENID_METADATA_URL', botMeta) : null;

  const host = new URL(publicUrl).host;
  const ssoAudience = get('RADSLAG_SSO_AUDIENCE') ?? (appId ? `api://${host}/${appId}` : null);

  const logLevel = (get('LOG_LEVEL') ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);

  // Local mode trusts a header for identity, so a per-user limit means nothing there (and would only get in
  // the way of seeding and benchmarks); production mode limits by default.
  const rateRaw = get('RADSLAG_API_RATE_LIMIT') ?? (mode === 'production' ? '600/20' : 'off');
  let apiRateLimit: Config['apiRateLimit'] = null;
  if (rateRaw !== 'off') {
    const m = /^(\d{1,6})\/(\d{1,6}(?:\.\d+)?)$/.exec(rateRaw);
    if (!m || Number(m[1]) < 1 || Number(m[2]) <= 0)
      throw new ConfigError('RADSLAG_API_RATE_LIMIT', 'must be "capacity/perSecond" (e.g. 600/20) or "off"');
    apiRateLimit = { capacity: Number(m[1]), refillPerSecond: Number(m[2]) };
  }

  const accessibilityContact = get('RADSLAG_ACCESSIBILITY_CONTACT') ?? null;
  if (accessibilityContact !== null && !z.email().safeParse(accessibilityContact).success) {
    throw new ConfigError('RADSLAG_ACCESSIBILITY_CONTACT', 'must be an e-mail address (where reports of accessibility problems go)');
  }

  const testCrash = get('RADSLAG_TEST_CRASH_AFTER_COMMIT');
  if (testCrash && mode === 'production') throw new ConfigError('RADSLAG_TEST_CRASH_AFTER_COMMIT', 'is a test hook and is refused in production mode');

  return Object.freeze({
    port: port.data,
    publicUrl,
    databaseUrl,
    dataDir: get('RADSLAG_DATA_DIR') ?? './.data',
    mode,
    microsoftAppId: appId,
    microsoftAppPassword: appPassword,
    microsoftAppTenantId: appTenantId,
    microsoftAppType: appType as Config['microsoftAppType'],
    ssoAudience,
    entraAuthorityHost,
    botOpenIdMetadataUrl,
    graphBaseUrl,
    logLevel,
    tenantId: appTenantId ?? LOCAL_TENANT_ID,
    graphEnabled: mode === 'production' && appPassword !== null,
    apiRateLimit,
    accessibilityContact,
    ...(testCrash ? { testCrashAfterCommitOf: testCrash } : {}),
  } satisfies Config);
}

/** What may be logged about the configuration: never secrets, never the database password. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    mode: config.mode,
    port: config.port,
    publicUrl: config.publicUrl,
    store: config.databaseUrl ? `postgresql (${redactUrl(config.databaseUrl)})` : `pglite (${config.dataDir})`,
    microsoftAppId: config.microsoftAppId,
    microsoftAppTenantId: config.microsoftAppTenantId,
    microsoftAppPassword: config.microsoftAppPassword ? '[set]' : '[unset]',
    ssoAudience: config.ssoAudience,
    entraAuthorityHost: config.entraAuthorityHost,
    graphBaseUrl: config.graphBaseUrl,
    graphEnabled: config.graphEnabled,
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '[unparseable]';
  }
}
