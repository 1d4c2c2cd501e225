/**
 * Issue 10: the cost of the two hot bot paths in SQL statements (PGlite). A förhinder in 1:1 chat and a
 * participant join are each one transaction; these ceilings keep repeated loads from creeping back in.
 * Every statement the store sends to PGlite is counted (BEGIN/COMMIT included; reads its read cache answers
 * never reach PGlite and are not); jobs are not run.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { PGlitePreparedStatements } from '../../../bot/store/pglite-prepared';
import { meetingParticipantJoin, personalMessage } from '../../kit/activities';
import { P, startBotHarness, type BotHarness } from './bot-fixture';

const MAX_FORHINDER_STATEMENTS = 32; // was 44 before issue 10 (same fixture: a 3-step call-in chain)
const MAX_REPEAT_STATEMENTS = 10; // was 22, then 15 before the PGlite read cache answered the sender's scene
const MAX_JOIN_STATEMENTS = 12; // was 15

describe('statements per bot activity (PGlite)', () => {
  let h: BotHarness;
  let n = 0;
  const sql: string[] = [];
  const counted = async (fn: () => Promise<unknown>): Promise<string[]> => {
    sql.length = 0;
    const q = vi.spyOn(PGlite.prototype, 'query').mockImplementation(function (this: PGlite, ...args: Parameters<PGlite['query']>) {
      sql.push(String(args[0]));
      return origQuery.apply(this, args) as ReturnType<PGlite['query']>;
    });
    const e = vi.spyOn(PGlite.prototype, 'exec').mockImplementation(function (this: PGlite, ...args: Parameters<PGlite['exec']>) {
      sql.push(String(args[0]));
      return origExec.apply(this, args) as ReturnType<PGlite['exec']>;
    });
    // Parameterised statements reach PGlite as prepared statements (bot/store/pglite-prepared.ts).
    const p = vi.spyOn(PGlitePreparedStatements.prototype, 'execute').mockImplementation(function (this: PGlitePreparedStatements, ...args: Parameters<PGlitePreparedStatements['execute']>) {
      sql.push(String(args[0]));
      return origPrepared.apply(this, args);
    });
    try {
      await fn();
    } finally {
      q.mockRestore();
      e.mockRestore();
      p.mockRestore();
    }
    return sql.slice();
  };
  const origQuery = PGlite.prototype.query;
  const origExec = PGlite.prototype.exec;
  const origPrepared = PGlitePreparedStatements.prototype.execute;

  beforeAll(async () => {
    h = await startBotHarness();
    await h.t.app.store.transaction(async (tx) => {
      const m = await tx.meetings.require('R1');
      await tx.meetings.update({ ...m, teams: { meetingId: 'MCM-count', chatId: '19:meeting_count@thread.v2' } });
    });
  });
  afterAll(async () => h?.close());

  it(`a förhinder message is at most ${MAX_FORHINDER_STATEMENTS} statements and its reply is queued`, async () => {
    const statements = await counted(async () => {
      const r = await h.deliver(personalMessage({ ...h.base(P.anna, { id: `sc-${(n += 1)}` }), text: 'Jag kan inte komma på fredag' }));
      expect(r.status).toBe(200);
    });
    if (process.env.RADSLAG_PRINT_SQL) console.log(statements.length, statements.join('\n'));
    const [att] = await h.t.app.store.read.attendance.findBy({ meetingId: 'R1', personId: P.anna.id });
    expect(att?.state).toBe('förhinder');
    expect(statements.length).toBeGreaterThan(5);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(MAX_FORHINDER_STATEMENTS);
  });

  it(`the same förhinder given again is at most ${MAX_REPEAT_STATEMENTS} statements`, async () => {
    const statements = await counted(async () => {
      const r = await h.deliver(personalMessage({ ...h.base(P.anna, { id: `sc-${(n += 1)}` }), text: 'Jag har förhinder på fredag' }));
      expect(r.status).toBe(200);
    });
    if (process.env.RADSLAG_PRINT_SQL) console.log(statements.length, statements.join('\n'));
    const jobs = statements.filter((s) => s.startsWith('insert into "jobs"'));
    expect(jobs.length).toBeGreaterThanOrEqual(1);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(MAX_REPEAT_STATEMENTS);
  });

  it(`a participant join is at most ${MAX_JOIN_STATEMENTS} statements and opens an interval`, async () => {
    const details = { meetingId: 'MCM-count', chatId: '19:meeting_count@thread.v2', title: 'Rådet' };
    const statements = await counted(async () => {
      const r = await h.deliver(meetingParticipantJoin({ ...h.base(P.nils, { id: `sc-${(n += 1)}` }), ...details, members: [{ user: P.nils.user }] }));
      expect(r.status).toBe(200);
    });
    if (process.env.RADSLAG_PRINT_SQL) console.log(statements.length, statements.join('\n'));
    const intervals = await h.t.app.store.read.attendanceIntervals.findBy({ meetingId: 'R1', personId: P.nils.id });
    expect(intervals.filter((i) => i.to === null)).toHaveLength(1);
    expect(statements.length).toBeGreaterThan(3);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(MAX_JOIN_STATEMENTS);
  });
});
