/**
 * The targets of the bench, each a ratio within one run: a Rådslag cell (förhinder, confirm, join/leave) against
 * the durable floor of the same store and concurrency (the echo bot that commits one row before it answers: the best any bot can do whose
 * answer waits for its stored effect), and the förhinder reply at the connector at c = 50.
 */
import type { CellSummary } from './measure';
import { table } from './report';

export interface RatioRow {
  name: string;
  store: string;
  concurrency: number;
  summary: CellSummary | null;
  baselineKey?: string;
}

const THROUGHPUT = 0.6;
const P99 = 2;
const REPLY_P99_MS = 500;

/** A participant event has no floor of its own: the invoke floor is one durable write per activity, as a join is. */
const floorKey = (key: string | undefined) => (key === 'echo-event' ? 'echo-invoke' : key);

export function floorRatios(rows: readonly RatioRow[]): { md: string; verdicts: string[] } {
  const floorOf = (r: RatioRow) => rows.find((f) => f.name.startsWith('Floor') && f.store === r.store && f.concurrency === r.concurrency && f.baselineKey === floorKey(r.baselineKey))?.summary ?? null;
  const out: string[][] = [];
  const verdicts: string[] = [];
  for (const r of rows) {
    if (!r.name.startsWith('Rådslag') || !r.summary || !['echo-message', 'echo-invoke', 'echo-event'].includes(r.baselineKey ?? '')) continue;
    const f = floorOf(r);
    if (!f) continue;
    const s = r.summary;
    const rps = s.rps.median / f.rps.median;
    const p99 = s.p99.median / f.p99.median;
    const ok = rps >= THROUGHPUT && p99 <= P99;
    const reply = s.extra.replyP99?.median;
    const replyOk = reply === undefined || r.concurrency !== 50 || reply <= REPLY_P99_MS;
    out.push([
      r.name.replace(/^Rådslag: /, ''),
      r.store,
      String(r.concurrency),
      `${s.rps.median.toFixed(0)} / ${f.rps.median.toFixed(0)} = ${rps.toFixed(2)}×`,
      `${s.p99.median.toFixed(0)} / ${f.p99.median.toFixed(0)} = ${p99.toFixed(2)}×`,
      `${s.cpuMsPerReq.median.toFixed(2)} / ${f.cpuMsPerReq.median.toFixed(2)}`,
      r.store === 'PostgreSQL' ? `${s.dbCpuMsPerReq.median.toFixed(2)} / ${f.dbCpuMsPerReq.median.toFixed(2)}` : '–',
      reply === undefined ? '–' : `${reply.toFixed(0)} (floor ${f.extra.replyP99?.median.toFixed(0) ?? '–'})`,
      ok && replyOk ? 'met' : 'MISSED',
    ]);
    verdicts.push(
      `${r.name} [${r.store}] c=${r.concurrency}: ${rps.toFixed(2)}× the durable floor (≥ ${THROUGHPUT}×), p99 ${p99.toFixed(2)}× its p99 (≤ ${P99}×)` +
        (reply !== undefined && r.concurrency === 50 ? `, reply at the connector p99 ${reply.toFixed(0)} ms (≤ ${REPLY_P99_MS} ms)` : '') +
        ` → ${ok && replyOk ? 'met' : 'MISSED'}`,
    );
  }
  const md = table(['cell', 'store', 'conc.', 'req/s Rådslag / floor', 'p99 ms Rådslag / floor', 'server CPU ms/req Rådslag / floor', 'PostgreSQL CPU ms/req Rådslag / floor', 'reply at connector p99 ms', `target ≥ ${THROUGHPUT}×, p99 ≤ ${P99}×, reply p99 ≤ ${REPLY_P99_MS} ms at c = 50`], out);
  return { md, verdicts };
}
