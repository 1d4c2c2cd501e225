import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, LOCAL_TENANT_ID, loadConfig } from '../../../bot/config';

const APP = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const TENANT = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4e';

describe('configuration and modes', () => {
  it('is local mode with defaults when MicrosoftAppId is unset', () => {
    const c = loadConfig({});
    expect(c.mode).toBe('local');
    expect(c.port).toBe(3978);
    expect(c.publicUrl).toBe('http://localhost:3978');
    expect(c.dataDir).toBe('./.data');
    expect(c.databaseUrl).toBeNull();
    expect(c.entraAuthorityHost).toBe('https://login.microsoftonline.com');
    expect(c.graphBaseUrl).toBe('https://graph.microsoft.com/v1.0');
    expect(c.tenantId).toBe(LOCAL_TENANT_ID);
    expect(c.graphEnabled).toBe(false);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('is production mode exactly when MicrosoftAppId is set, and derives the SSO audience', () => {
    const c = loadConfig({ MicrosoftAppId: APP, MicrosoftAppPassword: 's3cret', MicrosoftAppTenantId: TENANT, RADSLAG_PUBLIC_URL: 'https://radslag.example.se/' });
    expect(c.mode).toBe('production');
    expect(c.publicUrl).toBe('https://radslag.example.se');
    expect(c.ssoAudience).toBe(`api://radslag.example.se/${APP}`);
    expect(c.tenantId).toBe(TENANT);
    expect(c.graphEnabled).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ RADSLAG_PUBLIC_URL: 'not a url' }, 'RADSLAG_PUBLIC_URL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ MicrosoftAppId: 'not-a-guid' }, 'MicrosoftAppId'],
    [{ MicrosoftAppId: APP, MicrosoftAppPassword: 'x' }, 'MicrosoftAppTenantId'],
    [{ MicrosoftAppId: APP, MicrosoftAppTenantId: TENANT }, 'MicrosoftAppPassword'],
    [{ MicrosoftAppType: 'Whatever' }, 'MicrosoftAppType'],
    [{ ENTRA_AUTHORITY_HOST: 'ftp://x' }, 'ENTRA_AUTHORITY_HOST'],
    [{ GRAPH_BASE_URL: '::' }, 'GRAPH_BASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('fails fast naming the variable: %j', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env as NodeJS.ProcessEnv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toContain(variable);
  });

  it('takes the crash-after-commit test hook in local mode only', () => {
    expect(loadConfig({}).testCrashAfterCommitOf).toBeUndefined();
    expect(loadConfig({ RADSLAG_TEST_CRASH_AFTER_COMMIT: 'minutes.meeting_end' }).testCrashAfterCommitOf).toBe('minutes.meeting_end');
    expect(() => loadConfig({ MicrosoftAppId: APP, MicrosoftAppTenantId: TENANT, RADSLAG_TEST_CRASH_AFTER_COMMIT: 'minutes.meeting_end' })).toThrow(ConfigError);
  });

  it('never puts secrets in what it logs', () => {
    const c = loadConfig({ MicrosoftAppId: APP, MicrosoftAppPassword: 'hunter2-very-secret', MicrosoftAppTenantId: TENANT, DATABASE_URL: 'postgres://radslag:dbpass123@db:5432/radslag' });
    const text = JSON.stringify(describeConfig(c));
    expect(text).not.toContain('hunter2-very-secret');
    expect(text).not.toContain('dbpass123');
    expect(text).toContain('[set]');
  });

  it('takes the job lease from RADSLAG_JOB_LEASE_SECONDS (default 60) and refuses one shorter than 5 s', () => {
    expect(loadConfig({}).jobLeaseSeconds).toBe(60);
    expect(loadConfig({ RADSLAG_JOB_LEASE_SECONDS: '5' }).jobLeaseSeconds).toBe(5);
    for (const bad of ['0', '4', '3601', 'sextio', '1.5']) expect(() => loadConfig({ RADSLAG_JOB_LEASE_SECONDS: bad })).toThrow(ConfigError);
  });
});
