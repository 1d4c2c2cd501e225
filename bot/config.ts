import { isIP } from 'node:net';
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
  /** Finished jobs are deleted after this many days (RADSLAG_JOB_RETENTION_DAYS, default 30). */
  jobRetentionDays?: number;
  /**
   * How long a claimed job is held before another replica may take it over (RADSLAG_JOB_LEASE_SECONDS, default
   * 60). A job that runs longer than its lease can be sent twice, so keep it well above the slowest job.
   */
  jobLeaseSeconds?: number;
  /** The address the server listens on (RADSLAG_BIND); loopback in local mode, all interfaces in production. */
  bindHost?: string;
  /**
   * Local mode may seed this store (the local administrator, the demo region): only the embedded store or a
   * loopback PostgreSQL holding the local tenant, never a store that may hold a real tenant's data.
   */
  localSeed?: boolean;
  /** The first administrators (RADSLAG_ADMINS): whoever signs in with one of these e-mails or Entra object ids becomes an administrator. */
  bootstrapAdmins?: { emails: readonly string[]; objectIds: readonly string[] };
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
  return host === 'localhost' || /^127(\.\d{1,3}){3}$/.test(host) || host === '[::1]' || host === '::1';
}

/** The database host of a PostgreSQL URL; '' for a Unix socket (no host, or ?host=/path). */
function databaseHost(url: string): string {
  try {
    const u = new URL(url);
    const socket = u.searchParams.get('host');
    if (socket?.startsWith('/')) return '';
    return decodeURIComponent(u.hostname);
  } catch {
    return '?';
  }
}

const isLocalDatabase = (url: string | null): boolean => {
  if (!url) return true;
  const host = databaseHost(url);
  return host === '' || isLoopback(host);
};

/**
 * What makes an environment look like production although MicrosoftAppId is unset: the app's other
 * credentials, a database elsewhere than this machine, or a production flag. Local mode trusts a header for
 * identity, so it must never start there unless asked for by name (RADSLAG_MODE=local).
 */
function productionSigns(get: (name: string) => string | undefined): string[] {
  const signs: string[] = [];
  if (get('MicrosoftAppPassword')) signs.push('MicrosoftAppPassword is set');
  if (get('MicrosoftAppTenantId')) signs.push('MicrosoftAppTenantId is set');
  const db = get('DATABASE_URL');
  if (db && !isLocalDatabase(db)) signs.push(`DATABASE_URL points at ${databaseHost(db) || 'another machine'}, not this machine`);
  if (get('NODE_ENV') === 'production') signs.push('NODE_ENV is production');
  return signs;
}

function bootstrapAdmins(raw: string | undefined): NonNullable<Config['bootstrapAdmins']> {
  const emails: string[] = [];
  const objectIds: string[] = [];
  for (const entry of (raw ?? '').split(/[,;\s]+/).map((e) => e.trim().toLowerCase()).filter(Boolean)) {
    if (guid.test(entry)) objectIds.push(entry);
    else if (z.email().safeParse(entry).success) emails.push(entry);
    else throw new ConfigError('RADSLAG_ADMINS', `"${entry}" is neither an e-mail address nor an Entra object id (GUID); separate entries with commas`);
  }
  return Object.freeze({ emails: Object.freeze(emails), objectIds: Object.freeze(objectIds) });
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
  if (appId && !guid.test(appId)) throw new ConfigError('MicrosoftAppId', 'must be the Entra application (client) id, a GUID');
  const mode = chooseMode(get, appId);

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

  const bindHost = get('RADSLAG_BIND') ?? (mode === 'local' ? '127.0.0.1' : '0.0.0.0');
  if (isIP(bindHost) === 0 && !/^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/i.test(bindHost))
    throw new ConfigError('RADSLAG_BIND', 'must be an IP address or host name to listen on (e.g. 127.0.0.1 or 0.0.0.0)');

  const accessibilityContact = get('RADSLAG_ACCESSIBILITY_CONTACT') ?? null;
  if (accessibilityContact !== null && !z.email().safeParse(accessibilityContact).success) {
    throw new ConfigError('RADSLAG_ACCESSIBILITY_CONTACT', 'must be an e-mail address (where reports of accessibility problems go)');
  }

  const retentionRaw = get('RADSLAG_JOB_RETENTION_DAYS') ?? '30';
  const jobRetentionDays = Number(retentionRaw);
  if (!/^\d+$/.test(retentionRaw) || jobRetentionDays < 1 || jobRetentionDays > 3650)
    throw new ConfigError('RADSLAG_JOB_RETENTION_DAYS', 'must be a whole number of days from 1 to 3650');
  const leaseRaw = get('RADSLAG_JOB_LEASE_SECONDS') ?? '60';
  const jobLeaseSeconds = Number(leaseRaw);
  if (!/^\d+$/.test(leaseRaw) || jobLeaseSeconds < 5 || jobLeaseSeconds > 3600)
    throw new ConfigError('RADSLAG_JOB_LEASE_SECONDS', 'must be a whole number of seconds from 5 to 3600');
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
    jobRetentionDays,
    jobLeaseSeconds,
    bindHost,
    localSeed: mode === 'local' && !appTenantId && isLocalDatabase(databaseUrl),
    bootstrapAdmins: bootstrapAdmins(get('RADSLAG_ADMINS')),
    ...(testCrash ? { testCrashAfterCommitOf: testCrash } : {}),
  } satisfies Config);
}

/**
 * Production mode exactly when MicrosoftAppId is set (CONVENTIONS.md). RADSLAG_MODE names the mode
 * explicitly; unset, local mode is refused in an environment that looks like production.
 */
function chooseMode(get: (name: string) => string | undefined, appId: string | null): Config['mode'] {
  const asked = get('RADSLAG_MODE');
  if (asked !== undefined && asked !== 'local' && asked !== 'production') throw new ConfigError('RADSLAG_MODE', 'must be "local" or "production"');
  if (asked === 'production') {
    if (!appId) throw new ConfigError('MicrosoftAppId', 'is required when RADSLAG_MODE=production (the Entra application id)');
    return 'production';
  }
  if (asked === 'local') {
    if (appId) throw new ConfigError('RADSLAG_MODE', 'is "local" but MicrosoftAppId is set: unset MicrosoftAppId to run locally, or RADSLAG_MODE to run in production mode');
    return 'local';
  }
  if (appId) return 'production';
  const signs = productionSigns(get);
  if (signs.length > 0)
    throw new ConfigError(
      'RADSLAG_MODE',
      `local mode refused: MicrosoftAppId is unset but the environment looks like production (${signs.join('; ')}). ` +
        'Local mode trusts the X-Radslag-Dev-User header and accepts bot messages without a token. ' +
        'Set MicrosoftAppId for production mode, or RADSLAG_MODE=local to run local mode here on purpose.',
    );
  return 'local';
}

/** What may be logged about the configuration: never secrets, never the database password. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    mode: config.mode,
    port: config.port,
    bind: config.bindHost,
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
