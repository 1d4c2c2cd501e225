/**
 * npm run bench: one table from one run. Every HTTP figure is the median (min–max) of REPEAT fixed-duration
 * runs against a server in its own process (CPU read from /proc), loopback only; each Rådslag figure is
 * also given as a ratio to its baseline measured in this run with the same auth mode (local: no auth).
 * Environment: BENCH_DURATION_MS (per run, default 1000), BENCH_REPEAT (default 3), BENCH_OUT (file to
 * write the Markdown to, default bench/last-run.md), BENCH_SKIP=baselines,floors,postgres,layers,store,minutes,tab,growth to
 * leave sections out, BENCH_CELLS=förhinder,… to run only the Rådslag cells whose label contains one of these.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { startBotConnector, type BotConnector } from '../test/kit/bot-connector';
import { createTestDatabase, type TestDatabase } from '../test/kit/pg';
import { benchMinutesRender } from './minutes-render';
import { measureCell, stat, type CellSummary } from './measure';
import { percentile, type LoadRequest } from './load';
import { machine, mmm, ratio, table } from './report';
import { baselineRequest, radslagCells, type BaselineKey, type RadslagCell } from './radslag-cells';
import { BenchApi } from './seed';
import { startBenchServer, type BenchServer } from './servers';
import { openBenchStore, seedForTx, storeTxPerSecond } from './store-tx';
import { benchTab } from './tab';
import { benchLayers } from './layers';
import { floorRatios } from './floor-ratios';
import { growthMinutes, growthStoredMeetings, type GrowthRow } from './growth';

const DURATION = Number(process.env.BENCH_DURATION_MS ?? 1000);
const REPEAT = Math.max(3, Number(process.env.BENCH_REPEAT ?? 3));
const WARMUP = 300;
const CONCURRENCY = [1, 10, 50] as const;
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const HARD_LIMIT_MS = 9.75 * 60_000;
/** After this, remaining cells are reported as skipped rather than run, so the table still comes out in time. */
const SOFT_LIMIT_MS = 8 * 60_000;
export const overBudget = (): boolean => Date.now() - started > SOFT_LIMIT_MS;

interface HttpRow {
  name: string;
  store: string;
  concurrency: number;
  summary: CellSummary | null;
  missing?: string;
  baselineKey?: string;
  proof?: string;
}

const started = Date.now();
const log = (msg: string) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0)} s] ${msg}`);

function watchdog(partial: () => string): NodeJS.Timeout {
  // A bench that cannot finish in its budget must stop by itself, not hang a CI job; what it has is printed.
  const t = setTimeout(() => {
    console.log(partial());
    console.error(`bench: over the ${HARD_LIMIT_MS / 60_000} minute budget, stopping (the table above is partial)`);
    process.exit(2);
  }, HARD_LIMIT_MS);
  t.unref();
  return t;
}

/**
 * For message cells: when each reply reached the connector. Requests are remembered per conversation in
 * order; each send the connector records for that conversation answers the oldest open one. After a run
 * the replies are awaited (at most 20 s) and their delivery latency summarised.
 */
export function replyTracker(connector: BotConnector) {
  const sentAt = new Map<string, number[]>();
  let requests = 0;
  return {
    wrap(next: (i: number) => LoadRequest): (i: number) => LoadRequest {
      return (i) => {
        const r = next(i);
        const conv = (JSON.parse(String(r.body)) as { conversation: { id: string } }).conversation.id;
        const list = sentAt.get(conv) ?? [];
        list.push(Date.now());
        sentAt.set(conv, list);
        requests++;
        return r;
      };
    },
    async afterRun(): Promise<Record<string, number>> {
      const ours = () => connector.sent.filter((s) => sentAt.has(s.conversationId));
      const until = Date.now() + 20_000;
      while (ours().length < requests && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      const latencies: number[] = [];
      const queues = new Map([...sentAt].map(([k, v]) => [k, [...v]]));
      for (const s of ours()) {
        const t0 = queues.get(s.conversationId)?.shift();
        if (t0 !== undefined) latencies.push(s.at - t0);
      }
      latencies.sort((a, b) => a - b);
      const out = { replyP50: percentile(latencies, 50), replyP99: percentile(latencies, 99), replied: requests ? latencies.length / requests : NaN };
      sentAt.clear();
      requests = 0;
      connector.clear();
      return out;
    },
  };
}

async function measureAll(server: BenchServer, label: string, store: string, next: (i: number) => LoadRequest, rows: HttpRow[], extra: Partial<HttpRow> = {}, connector?: BotConnector, replies = false): Promise<void> {
  for (const c of CONCURRENCY) {
    if (overBudget()) {
      rows.push({ name: label, store, concurrency: c, summary: null, missing: 'skipped: over the 10-minute budget', ...extra });
      continue;
    }
    const tracker = replies && connector ? replyTracker(connector) : null;
    const summary = await measureCell({ url: server.url, pid: server.pid, concurrency: c, durationMs: DURATION, repeat: REPEAT, warmupMs: WARMUP, next: tracker ? tracker.wrap(next) : next, timeoutMs: 15_000, afterRun: tracker ? () => tracker.afterRun() : undefined });
    connector?.clear();
    rows.push({ name: label, store, concurrency: c, summary, ...extra });
    log(`${label} [${store}] c=${c}: ${summary.rps.median.toFixed(0)} req/s, p99 ${summary.p99.median.toFixed(1)} ms${summary.errors ? `, ${summary.errors} errors (${summary.firstError})` : ''}`);
  }
}

async function baselines(connector: BotConnector, rows: HttpRow[]): Promise<void> {
  const express = await startBenchServer({ kind: 'express' });
  try {
    await measureAll(express, 'Baseline: bare express JSON POST', '–', (i) => ({ method: 'POST', path: '/echo', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: i, text: 'Förhinder 21 mars' }) }), rows, { baselineKey: 'express' });
  } finally {
    await express.stop();
  }
  const echo = await startBenchServer({ kind: 'echo-bot' });
  try {
    const kinds: [BaselineKey, string][] = [
      ['echo-message', 'Baseline: echo bot, message + reply'],
      ['echo-invoke', 'Baseline: echo bot, adaptiveCard/action invoke'],
      ['echo-event', 'Baseline: echo bot, participant join/leave event'],
    ];
    for (const [key, label] of kinds) await measureAll(echo, label, '–', (i) => baselineRequest(key, connector.url, i), rows, { baselineKey: key }, connector, key === 'echo-message');
  } finally {
    await echo.stop();
  }
}

/**
 * The floor under any durable bot: the echo bot that commits one row in one transaction before it answers,
 * on each store. Its ratio to the echo bot is the best a bot can reach whose answer waits for its effect to
 * be stored (Rådslag's rule: nothing acknowledged that a crash could lose).
 */
async function floors(connector: BotConnector, rows: HttpRow[], pg: TestDatabase | null): Promise<void> {
  const targets: { store: string; env: Record<string, string>; pglite: boolean }[] = [{ store: 'PGlite', env: {}, pglite: true }];
  if (pg) targets.push({ store: 'PostgreSQL', env: { DATABASE_URL: pg.url }, pglite: false });
  for (const target of targets) {
    const server = await startBenchServer({ kind: 'echo-bot-durable', env: target.env, pglite: target.pglite });
    try {
      const kinds: [BaselineKey, string][] = [
        ['echo-message', 'Floor: echo bot + one durable write, message + reply'],
        ['echo-invoke', 'Floor: echo bot + one durable write, invoke'],
      ];
      for (const [key, label] of kinds) await measureAll(server, label, target.store, (i) => baselineRequest(key, connector.url, i), rows, { baselineKey: key }, connector, key === 'echo-message');
    } finally {
      await server.stop();
    }
  }
}

async function radslag(connector: BotConnector, rows: HttpRow[], pg: TestDatabase | null, cells: RadslagCell[]): Promise<void> {
  // BENCH_CELLS matching none (a run of the layer rows only): no server to start.
  if (cells.length === 0) return;
  const targets: { store: string; env: Record<string, string>; pglite: boolean }[] = [{ store: 'PGlite', env: {}, pglite: true }];
  if (pg) targets.push({ store: 'PostgreSQL', env: { DATABASE_URL: pg.url }, pglite: false });
  for (const target of targets) {
    const server = await startBenchServer({ kind: 'radslag', env: target.env, pglite: target.pglite });
    try {
      const api = new BenchApi(server.url);
      for (const cell of cells) {
        if (overBudget()) {
          for (const c of CONCURRENCY) rows.push({ name: `Rådslag: ${cell.label}`, store: target.store, concurrency: c, summary: null, missing: 'skipped: over the 10-minute budget', baselineKey: cell.baseline });
          continue;
        }
        const prepared = await cell.prepare({ url: server.url, connector, api, people: 60 }).catch((e: unknown) => ({ missing: `prepare failed: ${(e as Error).message}` }));
        if ('missing' in prepared) {
          log(`${cell.label} [${target.store}]: not available (${prepared.missing})`);
          for (const c of CONCURRENCY) rows.push({ name: `Rådslag: ${cell.label}`, store: target.store, concurrency: c, summary: null, missing: prepared.missing, baselineKey: cell.baseline });
          continue;
        }
        await measureAll(server, `Rådslag: ${cell.label}`, target.store, prepared.next, rows, { baselineKey: cell.baseline, proof: prepared.proof }, connector, cell.baseline === 'echo-message');
      }
    } finally {
      await server.stop();
    }
  }
}

function httpTable(rows: HttpRow[]): { md: string } {
  const baseOf = (key: string | undefined, c: number) => rows.find((r) => r.name.startsWith('Baseline') && r.baselineKey === key && r.concurrency === c)?.summary ?? null;
  const out = rows.map((r) => {
    if (!r.summary) return [r.name, r.store, String(r.concurrency), r.missing?.startsWith('skipped') ? r.missing : 'not available (feature missing)', '–', '–', '–', '–', '–', '–', '–', '–'];
    const s = r.summary;
    const isBase = r.name.startsWith('Baseline');
    const b = isBase ? null : baseOf(r.baselineKey, r.concurrency);
    return [
      r.name,
      r.store,
      String(r.concurrency),
      mmm(s.rps, 0),
      mmm(s.p50, 1),
      mmm(s.p99, 1),
      mmm(s.cpuMsPerReq, 2),
      // PGlite runs inside the server: its statements are in the server's CPU already.
      r.store === 'PostgreSQL' ? mmm(s.dbCpuMsPerReq, 2) : '–',
      b ? ratio(s.rps.median, b.rps.median) : '–',
      b ? ratio(s.p99.median, b.p99.median) : '–',
      s.extra.replyP50 ? `${mmm(s.extra.replyP50, 0)} / ${mmm(s.extra.replyP99!, 0)}${(s.extra.replied?.min ?? 1) < 1 ? ` (${Math.round((s.extra.replied!.min) * 100)}% replied)` : ''}` : '–',
      s.errors ? `${s.errors} (${(s.firstError ?? '').slice(0, 60)})` : '0',
    ];
  });
  return {
    md: table(['cell', 'store', 'conc.', 'req/s', 'p50 ms', 'p99 ms', 'server CPU ms/req', 'PostgreSQL CPU ms/req', 'req/s vs baseline', 'p99 vs baseline', 'reply at connector p50 / p99 ms', 'errors'], out),
  };
}

async function storeSection(pg: TestDatabase | null): Promise<string> {
  const rows: string[][] = [];
  const targets: { name: string; databaseUrl?: string }[] = [{ name: 'PGlite' }];
  if (pg) targets.push({ name: 'PostgreSQL', databaseUrl: pg.url });
  for (const t of targets) {
    // A separate database for the store cell on PostgreSQL, so the server cells' data does not mix in.
    const own = t.databaseUrl ? await createTestDatabase() : null;
    const s = await openBenchStore({ databaseUrl: own?.url });
    try {
      const seed = await seedForTx(s.store, 20);
      for (const workers of [1, 10]) {
        await storeTxPerSecond(s.store, seed, workers, 300);
        const runs = [];
        for (let r = 0; r < REPEAT; r++) runs.push(await storeTxPerSecond(s.store, seed, workers, Math.min(DURATION, 1500)));
        const errors = runs.reduce((n, x) => n + x.errors, 0);
        rows.push([t.name, String(workers), mmm(stat(runs.map((x) => x.tps)), 0), errors ? `${errors} (${runs.find((x) => x.firstError)?.firstError})` : '0']);
        log(`store tx/s ${t.name} workers=${workers}: ${stat(runs.map((x) => x.tps)).median.toFixed(0)}`);
      }
    } finally {
      await s.close();
      await own?.drop();
    }
  }
  return table(['store', 'concurrent writers', 'transactions/s', 'errors'], rows);
}

async function minutesSection(): Promise<{ md: string; verdict: string }> {
  const r = await benchMinutesRender({ items: 14, people: 60, joint: true, runs: 15 });
  const rows = [
    ['HTML', mmm({ median: r.html.medianMs, min: r.html.minMs, max: r.html.maxMs }, 1), `${(r.htmlBytes / 1024).toFixed(0)} KB`, r.html.medianMs <= 150 ? 'met' : 'MISSED'],
    ['DOCX', mmm({ median: r.docx.medianMs, min: r.docx.minMs, max: r.docx.maxMs }, 1), `${(r.docxBytes / 1024).toFixed(0)} KB`, r.docx.medianMs <= 150 ? 'met' : 'MISSED'],
  ];
  return {
    md: `Joint meeting (two bodies), 14 items, 60 people, ${r.runs} runs after a warm-up (model build + render):\n\n${table(['format', 'ms', 'size', 'target ≤ 150 ms'], rows)}`,
    verdict: `minutes: HTML ${r.html.medianMs} ms, DOCX ${r.docx.medianMs} ms (≤ 150 ms) → ${r.html.medianMs <= 150 && r.docx.medianMs <= 150 ? 'met' : 'MISSED'}`,
  };
}

function growthTable(rows: GrowthRow[]): string {
  return table(['what', 'size', 'figure'], rows.map((r) => [r.what, r.size, r.figure]));
}

async function main(): Promise<void> {
  const sections: string[] = [];
  const rows: HttpRow[] = [];
  watchdog(() => [...sections, rows.length ? `### Requests (partial)\n\n${httpTable(rows).md}` : ''].join('\n\n'));
  const verdicts: string[] = [];
  const when = new Date().toISOString();
  const loadAtStart = loadavg().map((x) => x.toFixed(1)).join(' / ');
  sections.push(`Machine: ${machine()}. Run ${when}, ${REPEAT} runs of ${DURATION} ms per cell (after a ${WARMUP} ms warm-up), auth mode: local (no auth on either side). Command: \`npm run bench\`.`);

  let pg: TestDatabase | null = null;
  try {
    pg = await createTestDatabase();
  } catch (e) {
    log(`PostgreSQL unavailable, its cells are left out: ${(e as Error).message}`);
  }
  const connector = await startBotConnector();
  try {
    if (!SKIP.has('http')) {
      if (!SKIP.has('baselines')) await baselines(connector, rows);
      if (!SKIP.has('floors')) await floors(connector, rows, SKIP.has('postgres') ? null : pg);
      // BENCH_CELLS=förhinder,confirm: only the Rådslag cells whose label contains one of these (for profiling).
      const only = (process.env.BENCH_CELLS ?? '').split(',').filter(Boolean);
      await radslag(connector, rows, SKIP.has('postgres') ? null : pg, radslagCells().filter((c) => !only.length || only.some((o) => c.label.includes(o))));
      const t = httpTable(rows);
      sections.push(`### Requests (closed loop, keep-alive, loopback)\n\n${t.md}`);
      const f = floorRatios(rows);
      verdicts.push(...f.verdicts);
      if (f.verdicts.length) sections.push(`### Against the durable floor (the targets)\n\n${f.md}`);
      const proofs = [...new Set(rows.filter((r) => r.proof).map((r) => `- ${r.name}: ${r.proof}`))];
      if (proofs.length) sections.push(`Each Rådslag cell first proved its effect with one request:\n${proofs.join('\n')}`);
    }
    // A section that fails says so in the table; the others still report.
    const section = async (title: string, fn: () => Promise<string>) => {
      if (overBudget()) {
        sections.push(`### ${title}\n\nskipped: over the 10-minute budget`);
        return;
      }
      try {
        sections.push(`### ${title}\n\n${await fn()}`);
      } catch (e) {
        log(`${title}: failed: ${(e as Error).stack ?? String(e)}`);
        sections.push(`### ${title}\n\nnot available (failed: ${(e as Error).message.slice(0, 300)})`);
      }
    };
    if (!SKIP.has('layers') && !SKIP.has('http'))
      await section('Custom performance layers on and off', () => benchLayers({ connector, pg: SKIP.has('postgres') ? null : pg, durationMs: DURATION, repeat: REPEAT, warmupMs: WARMUP, log, overBudget, replyTracker }));
    if (!SKIP.has('store')) await section('Store transactions (the förhinder write through the repositories)', () => storeSection(pg));
    if (!SKIP.has('minutes'))
      await section('Minutes rendering', async () => {
        const m = await minutesSection();
        verdicts.push(m.verdict);
        return m.md;
      });
    if (!SKIP.has('tab'))
      await section('Tab (side panel)', async () => {
        const tab = await benchTab(log);
        verdicts.push(...tab.verdicts);
        return tab.md;
      });
    if (!SKIP.has('growth'))
      await section('Growth', async () => {
        const g: GrowthRow[] = [];
        g.push(...(await growthMinutes()));
        if (pg) g.push(...(await growthStoredMeetings(connector, log, overBudget)));
        return growthTable(g);
      });
  } finally {
    await connector.close();
    await pg?.drop();
  }
  sections.push(`### Targets\n\n${verdicts.map((v) => `- ${v}`).join('\n')}`);
  sections.push(`Total bench time: ${((Date.now() - started) / 1000).toFixed(0)} s. Load average at start ${loadAtStart}, at end ${loadavg().map((x) => x.toFixed(1)).join(' / ')} (1 / 5 / 15 min): other work on the machine shares its cores, so compare the ratios of one run rather than absolute figures across runs.`);
  const md = sections.join('\n\n');
  console.log(md);
  const out = process.env.BENCH_OUT ?? join('bench', 'last-run.md');
  writeFileSync(out, `${md}\n`);
  log(`written to ${out}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
