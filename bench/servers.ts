/**
 * Starting the servers under test as child processes (test kit's server-process runner).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess, type ServerProcess } from '../test/kit/server-process';

export interface BenchServer {
  proc: ServerProcess;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  kind: 'express' | 'echo-bot' | 'echo-bot-durable' | 'radslag';
  env?: Record<string, string>;
  /** PGlite when no DATABASE_URL is given: a fresh data directory. */
  pglite?: boolean;
}

export async function startBenchServer(opts: StartOptions): Promise<BenchServer> {
  const dataDir = opts.pglite ? mkdtempSync(join(tmpdir(), 'radslag-bench-')) : null;
  const proc = await startServerProcess({
    // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") to profile the server under load.
    command: [process.execPath, ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', 'bench/server-child.ts'],
    env: {
      BENCH_SERVER: opts.kind,
      // info is the production default; per-request lines are debug, so this is what a real server logs.
      LOG_LEVEL: 'info',
      ...(dataDir ? { RADSLAG_DATA_DIR: dataDir } : {}),
      ...opts.env,
    },
    readyTimeoutMs: 90_000,
  });
  return {
    proc,
    url: proc.url,
    pid: proc.pid,
    async stop() {
      await proc.stop(5_000);
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
