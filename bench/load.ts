/**
 * A small closed-loop load generator over node:http with a keep-alive agent (loopback only). Each of
 * `concurrency` workers sends its next request as soon as the previous answer has been read, until the
 * fixed duration is over: the loop stops by itself and never queues unbounded work.
 */
import { Agent, request } from 'node:http';

export interface LoadRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface LoadOptions {
  url: string;
  concurrency: number;
  durationMs: number;
  /** Builds the i-th request (unique ids per request, so idempotency keys never collide). */
  next: (i: number) => LoadRequest;
  /** Statuses counted as success (default 2xx). */
  ok?: (status: number) => boolean;
  /** Per-request timeout; a timeout counts as an error. */
  timeoutMs?: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** First error seen (status and a short body), to say why a cell failed. */
  firstError: string | null;
  elapsedMs: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] as number;
}

function once(agent: Agent, base: URL, r: LoadRequest, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const body = r.body === undefined ? undefined : typeof r.body === 'string' ? Buffer.from(r.body) : r.body;
    const req = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: r.method ?? (body ? 'POST' : 'GET'),
        path: r.path,
        headers: { ...(body ? { 'content-length': String(body.length) } : {}), ...r.headers },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

/** Runs one fixed-duration cell. */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const base = new URL(opts.url);
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency, maxFreeSockets: opts.concurrency });
  const ok = opts.ok ?? ((s: number) => s >= 200 && s < 300);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let counter = 0;
  const started = performance.now();
  const until = started + opts.durationMs;
  const worker = async (): Promise<void> => {
    while (performance.now() < until) {
      const i = counter++;
      const t0 = performance.now();
      try {
        const res = await once(agent, base, opts.next(i), timeoutMs);
        if (ok(res.status)) latencies.push(performance.now() - t0);
        else {
          errors++;
          firstError ??= `HTTP ${res.status}: ${res.body.slice(0, 200)}`;
        }
      } catch (e) {
        errors++;
        firstError ??= (e as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, () => worker()));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    firstError,
    elapsedMs,
    rps: (latencies.length / elapsedMs) * 1000,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}
