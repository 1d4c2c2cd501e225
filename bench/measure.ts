/**
 * Measuring helpers: server CPU from /proc/<pid>/stat, repeated runs summarised as median/min/max.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { runLoad, type LoadOptions, type LoadResult } from './load';

/** utime + stime of a process in milliseconds (Linux clock ticks: 100 per second on every common kernel). */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces; fields after the closing parenthesis are fixed.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  return ((utime + stime) * 1000) / 100;
}

/**
 * CPU of each PostgreSQL process on the machine (the postmaster, its backends, its background workers), in
 * milliseconds by pid: on PostgreSQL the statements' own cost is spent there, outside the server's process, and
 * on a machine of two cores it competes with the server for them. Empty where /proc has none.
 */
export function postgresCpuMs(): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // the process ended between the listing and the read
    }
    if (!stat.includes('(postgres)')) continue;
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(Number(entry), ((Number(rest[11]) + Number(rest[12])) * 1000) / 100);
  }
  return out;
}

/** PostgreSQL's CPU between two readings: processes alive at the end, less what they had at the start (a backend that ended meanwhile is not counted, so this errs low, never below zero). */
export function postgresCpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  if (after.size === 0) return NaN;
  let ms = 0;
  for (const [pid, cpu] of after) ms += Math.max(0, cpu - (before.get(pid) ?? 0));
  return ms;
}

export interface Stat {
  median: number;
  min: number;
  max: number;
}

export function stat(values: number[]): Stat {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (s.length === 0) return { median: NaN, min: NaN, max: NaN };
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  return { median, min: s[0] as number, max: s[s.length - 1] as number };
}

export interface CellRun extends LoadResult {
  /** Server CPU milliseconds per successful request during the run. */
  cpuMsPerReq: number;
  /** CPU of the PostgreSQL processes per successful request during the run (their work for the server's statements). */
  dbCpuMsPerReq: number;
  /** Figures an `afterRun` hook measured (e.g. reply delivery at the connector). */
  extra: Record<string, number>;
}

export interface CellSummary {
  runs: CellRun[];
  rps: Stat;
  p50: Stat;
  p99: Stat;
  cpuMsPerReq: Stat;
  dbCpuMsPerReq: Stat;
  errors: number;
  firstError: string | null;
  extra: Record<string, Stat>;
}

/** Runs a fixed-duration load `repeat` times against a server process, reading its CPU around each run. */
export async function measureCell(opts: LoadOptions & { pid: number; repeat: number; warmupMs?: number; afterRun?: () => Promise<Record<string, number>> }): Promise<CellSummary> {
  let base = 0;
  // A short warm-up so the JIT and connection pools are in their steady state before counting.
  if (opts.warmupMs) {
    const w = await runLoad({ ...opts, durationMs: opts.warmupMs });
    base += w.requests + w.errors + 64;
    await opts.afterRun?.();
  }
  const runs: CellRun[] = [];
  for (let r = 0; r < opts.repeat; r++) {
    const offset = base;
    const cpu0 = processCpuMs(opts.pid);
    const db0 = postgresCpuMs();
    const res = await runLoad({ ...opts, next: (i) => opts.next(offset + i) });
    const cpu1 = processCpuMs(opts.pid);
    const db1 = postgresCpuMs();
    base += res.requests + res.errors + 64;
    const extra = (await opts.afterRun?.()) ?? {};
    runs.push({ ...res, cpuMsPerReq: res.requests ? (cpu1 - cpu0) / res.requests : NaN, dbCpuMsPerReq: res.requests ? postgresCpuDelta(db0, db1) / res.requests : NaN, extra });
  }
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.extra)))];
  return {
    runs,
    rps: stat(runs.map((r) => r.rps)),
    p50: stat(runs.map((r) => r.p50Ms)),
    p99: stat(runs.map((r) => r.p99Ms)),
    cpuMsPerReq: stat(runs.map((r) => r.cpuMsPerReq)),
    dbCpuMsPerReq: stat(runs.map((r) => r.dbCpuMsPerReq)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    firstError: runs.find((r) => r.firstError)?.firstError ?? null,
    extra: Object.fromEntries(keys.map((k) => [k, stat(runs.map((r) => r.extra[k] ?? NaN))])),
  };
}
