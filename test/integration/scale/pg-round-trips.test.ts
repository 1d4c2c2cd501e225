/**
 * Round trips to PostgreSQL per bot activity: every query the app's pool clients send (each one is a round
 * trip: pg neither pipelines nor batches; BEGIN and COMMIT are round trips too). PostgreSQL has no read
 * cache in front of it, so this is what a förhinder, a decision confirm, a join and a kallelse cost the database that
 * several replicas share. The ceilings are the counts reached by the simplifications of this round; a change
 * that adds reads again fails here. RADSLAG_PRINT_SQL=1 prints the statements.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { proposeDecision } from '../../../shared/services/decision-service';
import type { Caller } from '../../../shared/usecase/context';
import { adaptiveCardAction, meetingParticipantJoin, personalMessage } from '../../kit/activities';
import { createTestDatabase, type TestDatabase } from '../../kit/pg';
import { P, startBotHarness, TENANT, type BotHarness } from '../bot/bot-fixture';

/**
 * Ceilings (round trips, BEGIN/COMMIT and the NOTIFY after the commit included). Before this round: 34 / 16 /
 * 16 / 13 (the chain's steps were one INSERT each, their förhinder one read each, and each event a NOTIFY).
 * The side panel's view was 45 here (each part read the meeting scene and checked the caller again, the
 * attendance names were one read per row, a call-in chain two per step): it no longer grows with the meeting.
 */
const MAX = { forhinder: 29, repeat: 16, confirm: 16, join: 13, panel: 24 };

describe('round trips to PostgreSQL per activity', () => {
  let db: TestDatabase;
  let h: BotHarness;
  let counting = false;
  const sent: string[] = [];
  let n = 0;
  const original = pg.Client.prototype.query;

  beforeAll(async () => {
    // On the prototype before the pool connects: the named-statement wrapper binds the method it finds then.
    vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      if (counting) sent.push(typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string })?.text ?? args[0]));
      return (original as (...a: unknown[]) => unknown).apply(this, args) as never;
    });
    db = await createTestDatabase();
    h = await startBotHarness({ env: { DATABASE_URL: db.url } });
    await h.t.app.store.transaction(async (tx) => {
      const m = await tx.meetings.require('R1');
      await tx.meetings.update({ ...m, teams: { meetingId: 'MCM-rt', chatId: '19:meeting_rt@thread.v2' } });
    });
  }, 120_000);
  afterAll(async () => {
    vi.restoreAllMocks();
    await h?.close();
    await db?.drop();
  });

  async function count(fn: () => Promise<unknown>): Promise<string[]> {
    sent.length = 0;
    counting = true;
    try {
      await fn();
    } finally {
      counting = false;
    }
    if (process.env.RADSLAG_PRINT_SQL) console.log(sent.length, sent.join('\n'));
    return sent.slice();
  }

  const report: Record<string, number> = {};
  afterAll(() => console.log(`PostgreSQL round trips per activity: ${JSON.stringify(report)}`));

  it('a förhinder (with a call-in chain) and the same förhinder again', async () => {
    const first = await count(async () => expect((await h.deliver(personalMessage({ ...h.base(P.anna, { id: `rt-${(n += 1)}` }), text: 'Jag kan inte komma på fredag' }))).status).toBe(200));
    const [att] = await h.t.app.store.read.attendance.findBy({ meetingId: 'R1', personId: P.anna.id });
    expect(att?.state).toBe('förhinder');
    report.forhinder = first.length;
    expect(first.length, first.join('\n')).toBeLessThanOrEqual(MAX.forhinder);
    const again = await count(async () => expect((await h.deliver(personalMessage({ ...h.base(P.anna, { id: `rt-${(n += 1)}` }), text: 'Jag har förhinder på fredag' }))).status).toBe(200));
    expect(again.some((s) => /insert into "jobs"/.test(s))).toBe(true);
    report.forhinderRepeat = again.length;
    expect(again.length, again.join('\n')).toBeLessThanOrEqual(MAX.repeat);
  });

  it('a decision confirm on its card', async () => {
    const items = await h.t.app.store.read.agendaItems.findBy({ meetingId: 'R1' });
    const sara: Caller = { actor: { personId: P.sara.id, tenantId: TENANT, isAdmin: false }, correlationId: 'rt', locale: 'sv' };
    const d = (await h.t.app.runner.run(sara, proposeDecision, { meetingId: 'R1', itemId: items[0]!.id, text: 'Rådet beslutar enligt förslaget.' })).decision;
    const trips = await count(async () => {
      const r = await h.deliver(adaptiveCardAction({ ...h.base(P.sara, { id: `f:rt-${(n += 1)}` }), scope: { kind: 'personal' }, verb: 'decision.confirm', data: { cardId: `decision:${d.id}`, decisionId: d.id, version: d.version } }));
      expect(r.status).toBe(200);
    });
    expect((await h.t.app.store.read.decisions.require(d.id)).status).toBe('confirmed');
    report.confirm = trips.length;
    expect(trips.length, trips.join('\n')).toBeLessThanOrEqual(MAX.confirm);
  });

  it('a participant join', async () => {
    const details = { meetingId: 'MCM-rt', chatId: '19:meeting_rt@thread.v2', title: 'Rådet' };
    const trips = await count(async () => expect((await h.deliver(meetingParticipantJoin({ ...h.base(P.nils, { id: `rt-${(n += 1)}` }), ...details, members: [{ user: P.nils.user }] }))).status).toBe(200));
    const intervals = await h.t.app.store.read.attendanceIntervals.findBy({ meetingId: 'R1', personId: P.nils.id });
    expect(intervals.filter((i) => i.to === null)).toHaveLength(1);
    report.join = trips.length;
    expect(trips.length, trips.join('\n')).toBeLessThanOrEqual(MAX.join);
  });

  it('a side panel’s first data: the meeting, its items and the caller’s seats read once, not once per part', async () => {
    const trips = await count(async () => expect((await h.t.api('/api/v1/meetings/R1/views/panel', { as: 'p-sara@kumla.example' })).status).toBe(200));
    report.panel = trips.length;
    expect(trips.filter((s) => /from "meetings" where "tenant_id" = \$1 and "id" = \$2/.test(s)), trips.join('\n')).toHaveLength(1);
    expect(trips.filter((s) => /from "agenda_items"/.test(s)), trips.join('\n')).toHaveLength(1);
    expect(trips.length, trips.join('\n')).toBeLessThanOrEqual(MAX.panel);
  });

  it('a kallelse reads the conversation references once, not once per person invited', async () => {
    const trips = await count(async () => expect((await h.t.api('/api/v1/meetings/R2/kallelse', { as: 'p-sara@kumla.example', method: 'POST' })).status).toBe(200));
    const refReads = trips.filter((s) => /from "conversation_refs"/i.test(s));
    const invited = (await h.t.app.store.read.kallelseDeliveries.findBy({ meetingId: 'R2' })).length;
    report.kallelse = trips.length;
    expect(invited).toBeGreaterThan(3);
    // The channel's reference, then everyone's 1:1 references in one query (and, only for someone without
    // one, whether the bot has any conversation in the organisation).
    expect(refReads.length, refReads.join('\n')).toBeLessThanOrEqual(3);
  });
});
