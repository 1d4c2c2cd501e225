import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type App } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import type { Clock } from '../../shared/ports/store';

export interface TestApp {
  app: App;
  url: string;
  dataDir: string | null;
  /** fetch against the app with an identity: local mode sends the dev header, production a bearer token. */
  api(path: string, init?: RequestInit & { as?: string; token?: string; json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra environment (e.g. MicrosoftAppId for production mode, DATABASE_URL for PostgreSQL). */
  env?: Record<string, string>;
  clock?: Clock;
  runJobs?: boolean;
  logLevel?: string;
}

/** Starts the real app in-process on a free port with a fresh PGlite directory (unless DATABASE_URL is set). */
export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const usesPg = !!opts.env?.DATABASE_URL;
  const dataDir = usesPg ? null : mkdtempSync(join(tmpdir(), 'radslag-test-'));
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: opts.logLevel ?? process.env.RADSLAG_TEST_LOG_LEVEL ?? 'silent',
    ...(dataDir ? { RADSLAG_DATA_DIR: dataDir } : {}),
    ...opts.env,
  });
  const app = await buildApp({ config, logger: createLogger(config.logLevel), clock: opts.clock, runJobs: opts.runJobs });
  const { url } = await app.listen(0);
  return {
    app,
    url,
    dataDir,
    api(path, init = {}) {
      const headers = new Headers(init.headers);
      if (init.as) headers.set('X-Radslag-Dev-User', init.as);
      if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(init.json);
      }
      return fetch(`${url}${path}`, { ...init, headers, body });
    },
    async close() {
      await app.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
