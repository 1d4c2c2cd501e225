import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { createServer } from 'node:https';
import type { Server as HttpServer } from 'node:http';
import { createTestCa, writeCaFile } from '../../kit/tls';
import { closeServer, listenLoopback } from '../../kit/http-util';
import { ServerStartError, startServerProcess } from '../../kit/server-process';

// A throwaway server: /readyz is 503 for its first 300 ms, then 200; SIGTERM → "stopping", exit 0.
const SERVER = `
import http from 'node:http';
const started = Date.now();
const server = http.createServer((req, res) => {
  if (req.url === '/readyz') { res.statusCode = Date.now() - started > 300 ? 200 : 503; return res.end(); }
  if (req.url === '/env') { res.setHeader('content-type', 'application/json'); return res.end(JSON.stringify({ foo: process.env.FOO, port: process.env.PORT })); }
  res.statusCode = 404; res.end();
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => { console.log('listening on ' + process.env.PORT); console.error('a warning line'); });
process.on('SIGTERM', () => { console.log('stopping'); server.close(() => process.exit(0)); });
`;

describe('startServerProcess', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'radslag-kit-'));
    writeFileSync(join(dir, 'server.mjs'), SERVER);
    writeFileSync(join(dir, 'crash.mjs'), `console.error('boom: bad config'); process.exit(3);`);
    writeFileSync(join(dir, 'never-ready.mjs'), `import http from 'node:http'; http.createServer((q, r) => { r.statusCode = 503; r.end(); }).listen(Number(process.env.PORT), '127.0.0.1');`);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts on a free port, waits for /readyz, captures output, passes env, stops gracefully', async () => {
    const server = await startServerProcess({ command: ['node', 'server.mjs'], cwd: dir, env: { FOO: 'bar' } });
    try {
      expect(server.startedMs).toBeGreaterThanOrEqual(300);
      const env = (await (await fetch(`${server.url}/env`)).json()) as { foo: string; port: string };
      expect(env).toEqual({ foo: 'bar', port: String(server.port) });
      expect(await server.waitForLine(/^listening on \d+$/)).toBe(`listening on ${server.port}`);
      await server.waitForLine(/a warning line/);
      expect(server.stderr).toContain('a warning line');
      expect(server.stdout).not.toContain('a warning line');
    } finally {
      const exit = await server.stop();
      expect(exit).toEqual({ code: 0, signal: null });
    }
    expect(server.stdout).toContain('stopping');
  });

  it('kill(signal) delivers the signal', async () => {
    const server = await startServerProcess({ command: ['node', 'server.mjs'], cwd: dir });
    server.kill('SIGKILL');
    expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('reports a process that exits before it is ready, with its output', async () => {
    await expect(startServerProcess({ command: ['node', 'crash.mjs'], cwd: dir })).rejects.toThrow(/exited before it was ready \(code 3[\s\S]*boom: bad config/);
  });

  it('gives up after the ready timeout and does not leave the process running', async () => {
    const error = await startServerProcess({ command: ['node', 'never-ready.mjs'], cwd: dir, readyTimeoutMs: 600 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServerStartError);
    expect((error as ServerStartError).message).toMatch(/not ready .* within 600 ms/);
    // Signal 0 probes for existence: the child must be gone.
    expect(() => process.kill((error as ServerStartError).pid, 0)).toThrow(/ESRCH/);
  });
});

describe('NODE_EXTRA_CA_CERTS for a child process', () => {
  it('a child trusts an HTTPS stand-in through writeCaFile, and not without it', async () => {
    const ca = createTestCa();
    const server = createServer({ key: ca.serverKeyPem, cert: ca.serverCertPem }, (_q, r) => r.end('tillit'));
    const port = await listenLoopback(server as unknown as HttpServer);
    const file = await writeCaFile(ca);
    try {
      const script = `fetch('https://127.0.0.1:${port}/').then(r => r.text()).then(t => console.log(t), e => { console.log('fail', e.cause?.code); })`;
      // Asynchronous on purpose: a synchronous spawn would block the server this child calls.
      const runChild = (env: NodeJS.ProcessEnv) =>
        new Promise<string>((resolve) => {
          execFile('node', ['-e', script], { env }, (_e, out) => resolve(out.trim()));
        });
      expect(await runChild({ ...process.env, NODE_EXTRA_CA_CERTS: file.path })).toBe('tillit');
      const { NODE_EXTRA_CA_CERTS: _drop, ...without } = process.env;
      expect(await runChild(without)).toMatch(/^fail/);
    } finally {
      await file.remove();
      await closeServer(server as unknown as HttpServer);
    }
  });
});
