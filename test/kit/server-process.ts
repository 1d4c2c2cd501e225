import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './ports';

export interface ServerProcessOptions {
  /** Extra environment (merged over process.env); PORT is set by the helper unless given here. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** argv; default `node scripts/start.mjs`. */
  command?: string[];
  /** How long to wait for GET /readyz → 200; default 60 s. */
  readyTimeoutMs?: number;
  /** Path polled for readiness; default /readyz. */
  readyPath?: string;
}

export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  /** Milliseconds from spawn to the first 200 from the ready path. */
  startedMs: number;
  /** Output lines captured so far (stdout and stderr separately, and interleaved). */
  readonly stdout: string[];
  readonly stderr: string[];
  readonly output: string[];
  /** Resolves with the exit code/signal once the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Waits until an output line matches. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends a signal (default SIGTERM) without waiting. */
  kill(signal?: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after graceMs (default 10 s); resolves when exited. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Thrown when the server does not become ready; the process has been stopped by then. */
export class ServerStartError extends Error {
  constructor(
    message: string,
    readonly pid: number,
    readonly output: string[],
  ) {
    super(message);
    this.name = 'ServerStartError';
  }
}

function captureLines(stream: NodeJS.ReadableStream, sinks: string[][]): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (rest + chunk).split(/\r?\n/);
    rest = parts.pop() ?? '';
    for (const line of parts) for (const sink of sinks) sink.push(line);
  });
  stream.on('end', () => {
    if (rest) for (const sink of sinks) sink.push(rest);
    rest = '';
  });
}

/** Spawns the real server as a child process on a free port and waits until it is ready. */
export async function startServerProcess(opts: ServerProcessOptions = {}): Promise<ServerProcess> {
  const port = opts.env?.PORT ? Number(opts.env.PORT) : await freePort();
  const [cmd, ...args] = opts.command ?? ['node', 'scripts/start.mjs'];
  if (!cmd) throw new Error('startServerProcess: empty command');
  const started = Date.now();
  const child: ChildProcess = spawn(cmd, args, {
    cwd: opts.cwd ?? process.cwd(),
    env: { ...process.env, ...opts.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a signal reaches the whole tree (npm and the node server under it), as an
    // orchestrator's kill would, and kill -9 really kills the server, not just a wrapper.
    detached: true,
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      child.kill(signal);
    }
  };
  const stdout: string[] = [];
  const stderr: string[] = [];
  const output: string[] = [];
  captureLines(child.stdout!, [stdout, output]);
  captureLines(child.stderr!, [stderr, output]);
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolve(exitInfo);
    });
    child.once('error', () => {
      exitInfo = { code: null, signal: null };
      resolve(exitInfo);
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const readyUrl = `${url}${opts.readyPath ?? '/readyz'}`;
  const deadline = started + (opts.readyTimeoutMs ?? 60_000);
  const tail = (): string => output.slice(-30).join('\n');

  const stop = async (graceMs = 10_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> => {
    if (exitInfo) return exitInfo;
    signalGroup('SIGTERM');
    const timer = setTimeout(() => {
      if (!exitInfo) signalGroup('SIGKILL');
    }, graceMs);
    const info = await exited;
    clearTimeout(timer);
    return info;
  };

  for (;;) {
    if (exitInfo) throw new ServerStartError(`server exited before it was ready (code ${String(exitInfo.code)}, signal ${String(exitInfo.signal)}):\n${tail()}`, child.pid ?? -1, output);
    try {
      const res = await fetch(readyUrl, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop(2000);
      throw new ServerStartError(`server not ready at ${readyUrl} within ${opts.readyTimeoutMs ?? 60_000} ms:\n${tail()}`, child.pid ?? -1, output);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    port,
    pid: child.pid ?? -1,
    startedMs: Date.now() - started,
    stdout,
    stderr,
    output,
    exited,
    waitForLine: async (pattern, timeoutMs = 10_000) => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const line = output.find((l) => pattern.test(l));
        if (line !== undefined) return line;
        if (Date.now() > until) throw new Error(`no output line matched ${String(pattern)} within ${timeoutMs} ms:\n${tail()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    kill: (signal = 'SIGTERM') => signalGroup(signal),
    stop,
  };
}
