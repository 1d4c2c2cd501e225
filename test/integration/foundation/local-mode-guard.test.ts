import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../bot/app';
import { loadConfig } from '../../../bot/config';
import { createLogger } from '../../../bot/logger';
import { LOCAL_ADMIN_EMAIL } from '../../../bot/local-bootstrap';
import { startServerProcess, ServerStartError } from '../../kit/server-process';

/**
 * Issue 15 finding 1: with MicrosoftAppId unset but the production database and the app's other credentials
 * set, the server used to start in local mode on that data, on every interface, trusting a header for
 * identity and writing a made-up administrator (and the demo region) into the production tenant.
 */
const dirs: string[] = [];
const freshDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'radslag-guard-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const PRODUCTION_LOOKING = {
  MicrosoftAppId: undefined,
  RADSLAG_MODE: undefined,
  MicrosoftAppPassword: 'prod-client-secret-value',
  MicrosoftAppTenantId: '99999999-8888-4777-8666-555555555555',
  // Never reached: the server must refuse before it opens the store.
  DATABASE_URL: 'postgres://radslag:dbpass@db.prod.regionorebrolan.se:5432/radslag',
  LOG_LEVEL: 'warn',
};

describe('local mode on a production-looking environment', () => {
  it('the server process refuses to start, says why and how to proceed, and echoes no secret', async () => {
    let error: unknown;
    try {
      const server = await startServerProcess({ env: PRODUCTION_LOOKING, readyTimeoutMs: 60_000 });
      await server.stop(3000);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ServerStartError);
    const out = (error as ServerStartError).output.join('\n');
    expect((error as Error).message).toContain('code 78');
    expect(out).toMatch(/Rådslag cannot start: .*RADSLAG_MODE: local mode refused/);
    expect(out).toMatch(/MicrosoftAppPassword is set; MicrosoftAppTenantId is set; DATABASE_URL points at db\.prod\.regionorebrolan\.se/);
    expect(out).toContain('Set MicrosoftAppId for production mode, or RADSLAG_MODE=local');
    expect(out).not.toContain('prod-client-secret-value');
    expect(out).not.toContain('dbpass');
  }, 90_000);

  it('local mode asked for by name on a real tenant writes no local administrator and no demo region', async () => {
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', RADSLAG_DATA_DIR: freshDir(), RADSLAG_MODE: 'local', MicrosoftAppTenantId: PRODUCTION_LOOKING.MicrosoftAppTenantId });
    const app = await buildApp({ config, logger: createLogger('silent'), runJobs: false, demo: true });
    try {
      expect(app.config.mode).toBe('local');
      expect(await app.store.read.people.findByEmail(LOCAL_ADMIN_EMAIL)).toBeNull();
      expect(await app.store.read.people.listAll()).toEqual([]);
      expect(await app.store.read.bodies.findBy({})).toEqual([]);
    } finally {
      await app.close();
    }
  }, 60_000);

  it('local mode listens on loopback only unless RADSLAG_BIND says otherwise', async () => {
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', RADSLAG_DATA_DIR: freshDir() });
    const app = await buildApp({ config, logger: createLogger('silent'), runJobs: false });
    try {
      const { server, url } = await app.listen(0);
      const address = server.address();
      expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      // And it is really not reachable on this machine's other addresses (when it has any).
      const external = Object.values(networkInterfaces())
        .flat()
        .find((i) => i && i.family === 'IPv4' && !i.internal);
      if (external) {
        const port = typeof address === 'object' && address ? address.port : 0;
        await expect(fetch(`http://${external.address}:${port}/healthz`, { signal: AbortSignal.timeout(3000) })).rejects.toThrow();
      }
    } finally {
      await app.close();
    }
  }, 60_000);
});
