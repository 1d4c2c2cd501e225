import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../kit/server-process';

const ADMIN = { 'X-Radslag-Dev-User': 'admin@radslag.local', 'content-type': 'application/json' };

/**
 * The server started exactly as the README says (`npm start` → scripts/start.mjs) on a fresh data dir:
 * first start within 60 s, restart within 10 s, data kept; a second process on the same directory is
 * refused; after kill -9 the next start recovers the stale lock.
 */
describe('npm start on a fresh data directory', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'radslag-start-'));
  const running: ServerProcess[] = [];
  const env = { RADSLAG_DATA_DIR: dataDir, LOG_LEVEL: 'info', MicrosoftAppId: undefined, DATABASE_URL: undefined };

  afterAll(async () => {
    for (const p of running) await p.stop(2000).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  let bodyId = '';

  it('starts in local mode, building the tab and creating the database, and is ready within 60 s', async () => {
    // As on a fresh clone: no tab build yet, so npm start builds it first (the old build is kept aside and
    // put back should the build fail, so the rest of the suite is not left without a tab).
    const tabDir = join(process.cwd(), 'dist', 'tab');
    const aside = `${tabDir}.aside-${process.pid}`;
    if (existsSync(tabDir)) renameSync(tabDir, aside);
    let server: ServerProcess;
    try {
      server = await startServerProcess({ env, command: ['npm', 'start', '--silent'], readyTimeoutMs: 60_000 });
    } finally {
      if (existsSync(join(tabDir, 'index.html'))) rmSync(aside, { recursive: true, force: true });
      else if (existsSync(aside)) {
        rmSync(tabDir, { recursive: true, force: true });
        renameSync(aside, tabDir);
      }
    }
    running.push(server);
    console.log(`first start (tab build + database creation + demo region): ${server.startedMs} ms`);
    expect(server.output.join('\n')).toMatch(/building the tab/);
    expect(existsSync(join(tabDir, 'index.html'))).toBe(true);
    expect(server.startedMs).toBeLessThan(60_000);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', store: 'pglite', mode: 'local' });
    expect(server.output.join('\n')).toMatch(/LOCAL MODE/);
    const res = await fetch(`${server.url}/api/v1/bodies`, { method: 'POST', headers: ADMIN, body: JSON.stringify({ name: 'Chefsgrupp folkhälsa', kind: 'chefsgrupp', defaultDocumentKind: 'minnesanteckningar' }) });
    expect(res.status).toBe(201);
    bodyId = ((await res.json()) as { id: string }).id;
  });

  it('refuses a second process on the same data directory with a clear message', async () => {
    const second = startServerProcess({ env, command: ['npm', 'start', '--silent'], readyTimeoutMs: 30_000 });
    await expect(second).rejects.toThrow();
    const err = (await second.catch((e) => e)) as { output?: string[] };
    expect((err.output ?? []).join('\n')).toMatch(/in use by another Rådslag process \(pid \d+\)/);
  });

  it('restarts within 10 s with the data still there', async () => {
    const first = running.pop()!;
    const exit = await first.stop(8000);
    // Graceful: npm reports the SIGTERM it forwarded, the server closed its store and released the lock.
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    // npm may exit before the server under it has finished closing: give it the shutdown grace period.
    for (let i = 0; i < 100 && existsSync(join(dataDir, 'radslag.lock')); i++) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(join(dataDir, 'radslag.lock'))).toBe(false);
    const server = await startServerProcess({ env, command: ['npm', 'start', '--silent'], readyTimeoutMs: 20_000 });
    running.push(server);
    console.log(`restart: ${server.startedMs} ms`);
    expect(server.startedMs).toBeLessThan(10_000);
    const res = await fetch(`${server.url}/api/v1/bodies/${bodyId}`, { headers: ADMIN });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: bodyId, name: 'Chefsgrupp folkhälsa', defaultDocumentKind: 'minnesanteckningar' });
  });

  it('recovers after kill -9: the stale lock is taken over and committed data is kept', async () => {
    const server = running.pop()!;
    const created = await fetch(`${server.url}/api/v1/people`, { method: 'POST', headers: ADMIN, body: JSON.stringify({ name: 'Siw Lunander', email: 'siw.lunander@hallsberg.se' }) });
    expect(created.status).toBe(201);
    const personId = ((await created.json()) as { id: string }).id;
    server.kill('SIGKILL');
    await server.exited;
    // The crashed process left its lock behind; the next start must recover it, not refuse.
    expect(existsSync(join(dataDir, 'radslag.lock'))).toBe(true);
    const restarted = await startServerProcess({ env, command: ['npm', 'start', '--silent'], readyTimeoutMs: 20_000 });
    running.push(restarted);
    const person = await fetch(`${restarted.url}/api/v1/people/${personId}`, { headers: ADMIN });
    expect(person.status).toBe(200);
    expect(await person.json()).toMatchObject({ name: 'Siw Lunander' });
  });
});

