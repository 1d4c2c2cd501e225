/**
 * Each custom performance layer (bot/perf-layers.ts) with it on and off, in the same run: a server with
 * every layer on and one with the layer off (RADSLAG_BENCH_LAYERS_OFF), the same cells measured on the two
 * back to back at one concurrency, so both share the machine's load of that moment. A layer whose gain is
 * within the noise of these pairs is not worth the code a maintainer has to understand.
 * BENCH_LAYERS=pglite-cache,… runs only those layers.
 */
import type { BotConnector } from '../test/kit/bot-connector';
import { createTestDatabase, type TestDatabase } from '../test/kit/pg';
import { PERF_LAYERS, type PerfLayer } from '../bot/perf-layers';
import type { LoadRequest } from './load';
import { measureCell, type CellSummary } from './measure';
import { absenceMessage, decisionConfirm, participantEvents, type PreparedCell, type RadslagCell } from './radslag-cells';
import { mmm, ratio, table } from './report';
import { BenchApi } from './seed';
import { startBenchServer, type BenchServer } from './servers';

const CONCURRENCY = 10;
const PGLITE_LAYERS: PerfLayer[] = ['pglite-prepared', 'pglite-cache', 'job-handoff'];
const POSTGRES_LAYERS: PerfLayer[] = ['pg-named', 'job-handoff'];

interface Opts {
  connector: BotConnector;
  pg: TestDatabase | null;
  durationMs: number;
  repeat: number;
  warmupMs: number;
  log: (m: string) => void;
  overBudget: () => boolean;
  replyTracker: (c: BotConnector) => { wrap(next: (i: number) => LoadRequest): (i: number) => LoadRequest; afterRun(): Promise<Record<string, number>> };
}

interface Running {
  server: BenchServer;
  cells: Map<RadslagCell, PreparedCell>;
  stop(): Promise<void>;
}

/**
 * One server with its own store: on PostgreSQL a database of its own too, so the other server's job runner
 * never claims (and pays for) this one's jobs.
 */
async function start(o: Opts, store: { pglite: boolean }, off: PerfLayer | null): Promise<Running> {
  const db = store.pglite ? null : await createTestDatabase();
  const server = await startBenchServer({ kind: 'radslag', env: { ...(db ? { DATABASE_URL: db.url } : {}), ...(off ? { RADSLAG_BENCH_LAYERS_OFF: off } : {}) }, pglite: store.pglite }).catch(async (e: unknown) => {
    await db?.drop();
    throw e;
  });
  const stop = async () => {
    await server.stop();
    await db?.drop();
  };
  const cells = new Map<RadslagCell, PreparedCell>();
  const api = new BenchApi(server.url);
  for (const cell of [absenceMessage, decisionConfirm, participantEvents]) {
    // 20 people (60 in the main table): seeding through the API is most of a server's start here.
    const p = await cell.prepare({ url: server.url, connector: o.connector, api, people: 20 });
    if ('missing' in p) {
      await stop();
      throw new Error(`${cell.label}: ${p.missing}`);
    }
    cells.set(cell, p);
  }
  o.connector.clear();
  return { server, cells, stop };
}

async function measure(o: Opts, r: Running, cell: RadslagCell): Promise<CellSummary> {
  // The förhinder's reply: when it reached the connector (what the job hand-off is for).
  const tracker = cell.baseline === 'echo-message' ? o.replyTracker(o.connector) : null;
  const next = r.cells.get(cell)!.next;
  const s = await measureCell({ url: r.server.url, pid: r.server.pid, concurrency: CONCURRENCY, durationMs: o.durationMs, repeat: o.repeat, warmupMs: o.warmupMs, next: tracker ? tracker.wrap(next) : next, timeoutMs: 15_000, afterRun: tracker ? () => tracker.afterRun() : undefined });
  o.connector.clear();
  return s;
}

export async function benchLayers(o: Opts): Promise<string> {
  const only = (process.env.BENCH_LAYERS ?? '').split(',').filter(Boolean);
  const pick = (layers: PerfLayer[]) => layers.filter((l) => !only.length || only.includes(l));
  const stores = [{ name: 'PGlite', pglite: true, layers: pick(PGLITE_LAYERS) }];
  if (o.pg) stores.push({ name: 'PostgreSQL', pglite: false, layers: pick(POSTGRES_LAYERS) });
  const rows: string[][] = [];
  for (const store of stores) {
    if (store.layers.length === 0) continue;
    const on = await start(o, store, null);
    try {
      for (const layer of store.layers) {
        if (o.overBudget()) {
          rows.push([layer, store.name, '–', 'skipped: over the 10-minute budget', '–', '–', '–', '–', '–', '–']);
          continue;
        }
        const off = await start(o, store, layer);
        try {
          for (const cell of [absenceMessage, decisionConfirm, participantEvents]) {
            const a = await measure(o, on, cell);
            const b = await measure(o, off, cell);
            o.log(`layer ${layer} [${store.name}] ${cell.key}: on ${a.rps.median.toFixed(0)} req/s ${a.cpuMsPerReq.median.toFixed(2)} ms CPU, off ${b.rps.median.toFixed(0)} req/s ${b.cpuMsPerReq.median.toFixed(2)} ms CPU`);
            rows.push([
              layer,
              store.name,
              cell.label,
              `${mmm(a.rps, 0)} / ${mmm(b.rps, 0)}`,
              ratio(a.rps.median, b.rps.median),
              `${mmm(a.p99, 1)} / ${mmm(b.p99, 1)}`,
              `${mmm(a.cpuMsPerReq, 2)} / ${mmm(b.cpuMsPerReq, 2)}`,
              store.name === 'PostgreSQL' ? `${mmm(a.dbCpuMsPerReq, 2)} / ${mmm(b.dbCpuMsPerReq, 2)}` : '–',
              a.extra.replyP50 && b.extra.replyP50 ? `${mmm(a.extra.replyP50, 0)} / ${mmm(b.extra.replyP50, 0)}` : '–',
              a.errors + b.errors ? `${a.errors} / ${b.errors}` : '0',
            ]);
          }
        } finally {
          await off.stop();
        }
      }
    } finally {
      await on.stop();
    }
  }
  return [
    `Each layer on and off (${PERF_LAYERS.join(', ')}), c = ${CONCURRENCY}, the two servers measured back to back per cell (${o.repeat} runs of ${o.durationMs} ms each). "gain" is req/s with the layer on divided by req/s with it off.`,
    '',
    table(['layer', 'store', 'cell', 'req/s on / off', 'gain', 'p99 ms on / off', 'server CPU ms/req on / off', 'PostgreSQL CPU ms/req on / off', 'reply at connector p50 ms on / off', 'errors'], rows),
  ].join('\n');
}
