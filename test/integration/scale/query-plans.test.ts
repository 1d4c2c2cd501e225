/**
 * Growth: with 10 000 stored meetings (seeded in SQL with generate_series: 50 000 agenda items, 200 000
 * attendance rows and intervals), the queries the request paths issue use indexes. The SQL is not
 * written out here: the real repositories run against a logging Kysely, every statement they send is
 * captured, and each is EXPLAINed with its own parameters. A Seq Scan on a big table fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../../../bot/store/database';
import { repositoriesFor } from '../../../bot/store/store';
import type { DB } from '../../../bot/store/schema';
import type { Repositories } from '../../../shared/ports/store';
import { candidateMeetings } from '../../../shared/services/absence-service';
import { seedStoredMeetings } from '../../../bench/seed-sql';
import { createTestDatabase, pgAvailable, pgRequired, type TestDatabase } from '../../kit/pg';

const TENANT = 'plans-tenant';
const BIG_TABLES = ['meetings', 'meeting_bodies', 'agenda_items', 'attendance', 'attendance_intervals', 'decisions', 'audit_log', 'idempotency_keys', 'people', 'jobs'];

interface Captured {
  sql: string;
  parameters: readonly unknown[];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function seqScans(node: PlanNode, out: string[] = []): string[] {
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) out.push(node['Relation Name']);
  for (const child of node.Plans ?? []) seqScans(child, out);
  return out;
}

const canRun = (await pgAvailable()) || pgRequired();

describe.runIf(canRun)('query plans on the hot paths with 10 000 stored meetings (PostgreSQL)', () => {
  let db: TestDatabase;
  let database: Database;
  let pool: pg.Pool;
  let logging: Kysely<DB>;
  let captured: Captured[] = [];
  let repos: Repositories;

  beforeAll(async () => {
    db = await createTestDatabase();
    database = await openDatabase({ databaseUrl: db.url, dataDir: '' });
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    await seedStoredMeetings(pool, TENANT, 10_000);
    logging = new Kysely<DB>({
      dialect: new PostgresDialect({ pool }),
      log: (event) => {
        if (event.level === 'query') captured.push({ sql: event.query.sql, parameters: event.query.parameters });
      },
    });
    repos = repositoriesFor(logging, TENANT);
  });

  afterAll(async () => {
    await logging?.destroy();
    await database?.close();
    await db?.drop();
  });

  /** Runs fn, EXPLAINs every statement it sent, returns the seq-scanned big tables per statement. */
  async function plansOf(fn: (r: Repositories) => Promise<unknown>): Promise<{ statements: number; offenders: { sql: string; tables: string[] }[] }> {
    captured = [];
    await fn(repos);
    const statements = captured.slice();
    const offenders: { sql: string; tables: string[] }[] = [];
    const client = await pool.connect();
    try {
      for (const s of statements) {
        if (!/^\s*(select|update|delete|with)/i.test(s.sql)) continue;
        await client.query('BEGIN');
        try {
          const res = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${s.sql}`, s.parameters as unknown[]);
          const plan = res.rows[0]!['QUERY PLAN'][0]!.Plan;
          const tables = seqScans(plan).filter((t) => BIG_TABLES.includes(t));
          if (tables.length) offenders.push({ sql: s.sql, tables });
        } finally {
          await client.query('ROLLBACK');
        }
      }
    } finally {
      client.release();
    }
    return { statements: statements.length, offenders };
  }

  it('has the history it claims (10 000 meetings, 200 000 attendance rows)', async () => {
    const { rows } = await pool.query<{ m: string; a: string; i: string }>(
      `SELECT (SELECT count(*) FROM meetings)::text AS m, (SELECT count(*) FROM attendance)::text AS a, (SELECT count(*) FROM agenda_items)::text AS i`,
    );
    expect(Number(rows[0]!.m)).toBeGreaterThanOrEqual(10_000);
    expect(Number(rows[0]!.a)).toBeGreaterThanOrEqual(200_000);
    expect(Number(rows[0]!.i)).toBeGreaterThanOrEqual(50_000);
  });

  const hotPaths: [string, (r: Repositories) => Promise<unknown>][] = [
    ['who is this Teams user (people by Entra object id)', (r) => r.people.findByAadObjectId('hist-unknown-aad')],
    ['who is this user (people by e-mail)', (r) => r.people.findByEmail('nobody@bench.example.se')],
    ['which meeting is this Teams meeting', (r) => r.meetings.findByTeamsMeetingId('hist-tm5000')],
    ['a meeting by id', (r) => r.meetings.get('hist-m5000')],
    ['a body’s meetings in a range', (r) => r.meetings.listForBodies(['hist-body-3'], { from: '2030-01-01T00:00:00.000Z', to: '2030-02-01T00:00:00.000Z' })],
    ['the agenda of a meeting', (r) => r.agendaItems.findBy({ meetingId: 'hist-m5000' }, 'number')],
    ['a person’s attendance at a meeting (förhinder, join/leave)', (r) => r.attendance.findBy({ meetingId: 'hist-m5000', personId: 'hist-p3' })],
    ['the attendance list of a meeting', (r) => r.attendance.findBy({ meetingId: 'hist-m5000' })],
    // A förhinder reads the sender's attendance across meetings; this one scanned the table until migration 0700.
    ['a person’s attendance across meetings (förhinder)', (r) => r.attendance.findBy({ personId: 'hist-p3' })],
    ['a person’s open join interval', (r) => r.attendanceIntervals.findBy({ meetingId: 'hist-m5000', personId: 'hist-p3' })],
    ['the decisions of a meeting', (r) => r.decisions.findBy({ meetingId: 'hist-m5000' })],
    ['a decision by id (confirm)', (r) => r.decisions.get('hist-d5000')],
    ['a person’s seats', (r) => r.memberships.findBy({ personId: 'hist-p3' })],
    ['a body’s roster', (r) => r.memberships.findBy({ bodyId: 'hist-body-3' })],
    ['a conversation reference for a person', (r) => r.conversationRefs.findForPerson('hist-p3')],
    [
      'an idempotency claim (activity redelivery)',
      async () => {
        // claim() belongs inside the effect's transaction; the plan is the same, and this keeps the key out.
        await logging.transaction().execute(async (tx) => {
          const r = repositoriesFor(tx, TENANT);
          await r.idempotency.claim(`plans-${randomUUID()}`);
          throw new Error('rollback');
        }).catch((e: Error) => {
          if (e.message !== 'rollback') throw e;
        });
      },
    ],
  ];

  it.each(hotPaths)('%s: no Seq Scan on a big table', async (_name, fn) => {
    const { statements, offenders } = await plansOf(fn);
    expect(statements).toBeGreaterThan(0);
    expect(offenders).toEqual([]);
  });

  it('a förhinder reads the sender’s upcoming meetings in a constant number of queries (no N+1 per meeting)', async () => {
    // The history has a meeting a day over twenty councils; a member of two of them has ~40 meetings in
    // the 400-day window (before the fix: two queries per meeting).
    await pool.query(
      `INSERT INTO memberships (id, tenant_id, body_id, person_id, role) VALUES ('hist-ms3', $1, 'hist-body-3', 'hist-p3', 'ledamot'), ('hist-ms4', $1, 'hist-body-4', 'hist-p3', 'ledamot') ON CONFLICT (id) DO NOTHING`,
      [TENANT],
    );
    let found = 0;
    const { statements, offenders } = await plansOf(async (r) => {
      found = (await candidateMeetings({ tx: r, clock: { now: () => new Date() } }, 'hist-p3')).length;
    });
    expect(found).toBeGreaterThan(30);
    expect(statements).toBeLessThanOrEqual(5);
    expect(offenders).toEqual([]);
  });

  it('the check itself sees a Seq Scan when there is one (an unindexed filter on attendance)', async () => {
    const { offenders } = await plansOf(async () => {
      await logging.selectFrom('attendance').select('id').where('note', '=', 'nothing').execute();
    });
    expect(offenders.map((o) => o.tables).flat()).toContain('attendance');
  });
});
