/**
 * Growth: minutes render time by meeting size (10/60/200 people × 5/14/40 items), and cost per request by
 * stored history (10, 1 000, 10 000 meetings seeded in SQL) and by meeting size, on PostgreSQL.
 */
import pg from 'pg';
import type { BotConnector } from '../test/kit/bot-connector';
import { createTestDatabase } from '../test/kit/pg';
import { benchMinutesRender } from './minutes-render';
import { measureCell } from './measure';
import { mmm } from './report';
import { radslagCells } from './radslag-cells';
import { BenchApi } from './seed';
import { seedStoredMeetings } from './seed-sql';
import { startBenchServer } from './servers';

export interface GrowthRow {
  what: string;
  size: string;
  figure: string;
}

const DURATION = Math.min(Number(process.env.BENCH_DURATION_MS ?? 1000), 1000);

export async function growthMinutes(): Promise<GrowthRow[]> {
  const rows: GrowthRow[] = [];
  for (const people of [10, 60, 200]) {
    for (const items of [5, 14, 40]) {
      const r = await benchMinutesRender({ items, people, joint: true, runs: 5 });
      rows.push({
        what: 'minutes render, HTML / DOCX ms',
        size: `${people} people, ${items} items`,
        figure: `${mmm({ median: r.html.medianMs, min: r.html.minMs, max: r.html.maxMs }, 1)} / ${mmm({ median: r.docx.medianMs, min: r.docx.minMs, max: r.docx.maxMs }, 1)}`,
      });
    }
  }
  return rows;
}

/**
 * One Rådslag server on a fresh PostgreSQL database; every available cell is measured at concurrency 10
 * with 10, 1 000 and 10 000 stored meetings, and with 10, 60 and 200 people in the meeting.
 */
export async function growthStoredMeetings(connector: BotConnector, log: (m: string) => void, overBudget: () => boolean = () => false): Promise<GrowthRow[]> {
  const rows: GrowthRow[] = [];
  const db = await createTestDatabase();
  const server = await startBenchServer({ kind: 'radslag', env: { DATABASE_URL: db.url } });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const api = new BenchApi(server.url);
    const { rows: t } = await client.query<{ tenant_id: string }>('SELECT tenant_id FROM people LIMIT 1');
    const tenantId = t[0]?.tenant_id ?? 'local';
    const cells = radslagCells();
    const figure = async (next: (i: number) => import('./load').LoadRequest) => {
      if (overBudget()) return 'skipped: over the 10-minute budget';
      const s = await measureCell({ url: server.url, pid: server.pid, concurrency: 10, durationMs: DURATION, repeat: 3, warmupMs: 300, next });
      connector.clear();
      return `${mmm(s.rps, 0)} req/s, p99 ${mmm(s.p99, 1)} ms, CPU ${mmm(s.cpuMsPerReq, 2)} ms/req${s.errors ? `, ${s.errors} errors` : ''}`;
    };
    for (const stored of [10, 1000, 10_000]) {
      if (overBudget()) {
        rows.push({ what: 'cost per request', size: `${stored} stored meetings`, figure: 'skipped: over the 10-minute budget' });
        continue;
      }
      await seedStoredMeetings(client, tenantId, stored);
      for (const cell of cells) {
        if (overBudget()) break;
        const prepared = await cell.prepare({ url: server.url, connector, api, people: 60 }).catch((e: unknown) => ({ missing: (e as Error).message }));
        if ('missing' in prepared) {
          rows.push({ what: `${cell.label} (c=10)`, size: `${stored} stored meetings`, figure: 'not available (feature missing)' });
          continue;
        }
        rows.push({ what: `${cell.label} (c=10)`, size: `${stored} stored meetings`, figure: await figure(prepared.next) });
        log(`growth: ${cell.label} with ${stored} stored meetings`);
      }
    }
    for (const people of [10, 200]) {
      for (const cell of cells) {
        if (cell.key === 'side-panel-lookup') continue;
        if (overBudget()) {
          rows.push({ what: `${cell.label} (c=10)`, size: `${people} people in the meeting`, figure: 'skipped: over the 10-minute budget' });
          continue;
        }
        const prepared = await cell.prepare({ url: server.url, connector, api, people }).catch((e: unknown) => ({ missing: (e as Error).message }));
        if ('missing' in prepared) {
          rows.push({ what: `${cell.label} (c=10)`, size: `${people} people in the meeting`, figure: 'not available (feature missing)' });
          continue;
        }
        rows.push({ what: `${cell.label} (c=10)`, size: `${people} people in the meeting (10 000 stored)`, figure: await figure(prepared.next) });
        log(`growth: ${cell.label} with ${people} people`);
      }
    }
  } finally {
    await client.end();
    await server.stop();
    await db.drop();
  }
  return rows;
}
