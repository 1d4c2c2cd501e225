import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../bot/config';

const APP = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const TENANT = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4e';

function refusal(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error(`expected loadConfig to refuse ${JSON.stringify(env)}`);
}

/** Issue 15 finding 1: local mode (header identity, no bot auth) must never start on production data. */
describe('local mode refuses an environment that looks like production', () => {
  it.each([
    [{ MicrosoftAppPassword: 'secret' }, /MicrosoftAppPassword is set/],
    [{ MicrosoftAppTenantId: TENANT }, /MicrosoftAppTenantId is set/],
    [{ DATABASE_URL: 'postgres://radslag:pw@db.internal.regionorebrolan.se:5432/radslag' }, /DATABASE_URL points at db\.internal/],
    [{ NODE_ENV: 'production' }, /NODE_ENV is production/],
    [{ DATABASE_URL: 'postgres://radslag:pw@10.0.0.5/radslag', MicrosoftAppTenantId: TENANT, MicrosoftAppPassword: 'secret' }, /MicrosoftAppPassword is set; MicrosoftAppTenantId is set; DATABASE_URL/],
  ])('%j', (env, why) => {
    const e = refusal(env);
    expect(e.variable).toBe('RADSLAG_MODE');
    expect(e.message).toMatch(/local mode refused/);
    expect(e.message).toMatch(why);
    expect(e.message).toContain('RADSLAG_MODE=local');
    // The secret itself is never echoed.
    expect(e.message).not.toContain('secret');
    expect(e.message).not.toContain(':pw@');
  });

  it('starts local mode with nothing set (npm start on a fresh machine), bound to loopback, seeding allowed', () => {
    const c = loadConfig({});
    expect(c.mode).toBe('local');
    expect(c.bindHost).toBe('127.0.0.1');
    expect(c.localSeed).toBe(true);
  });

  it('accepts a loopback or Unix-socket PostgreSQL in local mode (the test database, a developer database)', () => {
    for (const url of ['postgres://postgres@127.0.0.1:5432/test', 'postgresql://u@localhost/x', 'postgres://u@[::1]:5432/x', 'postgres:///radslag?host=/var/run/postgresql']) {
      const c = loadConfig({ DATABASE_URL: url });
      expect(c.mode).toBe('local');
      expect(c.localSeed).toBe(true);
    }
  });

  it('runs local mode on purpose when asked by name, but never seeds a store that may hold real data', () => {
    const c = loadConfig({ RADSLAG_MODE: 'local', DATABASE_URL: 'postgres://u:pw@db.example.se/radslag', MicrosoftAppTenantId: TENANT });
    expect(c.mode).toBe('local');
    expect(c.localSeed).toBe(false);
    expect(c.bindHost).toBe('127.0.0.1');
    expect(loadConfig({ RADSLAG_MODE: 'local', NODE_ENV: 'production' }).localSeed).toBe(true);
  });

  it('binds to all interfaces only when told (RADSLAG_BIND) in local mode, and by default in production mode', () => {
    expect(loadConfig({ RADSLAG_BIND: '0.0.0.0' }).bindHost).toBe('0.0.0.0');
    expect(loadConfig({ MicrosoftAppId: APP, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TENANT }).bindHost).toBe('0.0.0.0');
    expect(loadConfig({ MicrosoftAppId: APP, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TENANT, RADSLAG_BIND: '10.1.2.3' }).bindHost).toBe('10.1.2.3');
    expect(refusal({ RADSLAG_BIND: 'not a host!' }).variable).toBe('RADSLAG_BIND');
  });

  it('checks RADSLAG_MODE against MicrosoftAppId', () => {
    expect(refusal({ RADSLAG_MODE: 'staging' }).variable).toBe('RADSLAG_MODE');
    expect(refusal({ RADSLAG_MODE: 'production' }).variable).toBe('MicrosoftAppId');
    expect(refusal({ RADSLAG_MODE: 'local', MicrosoftAppId: APP }).variable).toBe('RADSLAG_MODE');
    expect(loadConfig({ RADSLAG_MODE: 'production', MicrosoftAppId: APP, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TENANT }).mode).toBe('production');
  });

  it('reads the first administrators from RADSLAG_ADMINS (e-mails and Entra object ids)', () => {
    const oid = '3F2504E0-4F89-41D3-9A0C-0305E82C3301';
    const c = loadConfig({ MicrosoftAppId: APP, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TENANT, RADSLAG_ADMINS: ` Ada.Admin@RegionOrebroLan.se, ${oid} ;it@example.se` });
    expect(c.bootstrapAdmins).toEqual({ emails: ['ada.admin@regionorebrolan.se', 'it@example.se'], objectIds: [oid.toLowerCase()] });
    expect(loadConfig({}).bootstrapAdmins).toEqual({ emails: [], objectIds: [] });
    expect(refusal({ RADSLAG_ADMINS: 'ada, bob@x.se' }).variable).toBe('RADSLAG_ADMINS');
  });
});
