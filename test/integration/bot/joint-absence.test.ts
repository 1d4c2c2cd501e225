/**
 * Issue 18 item 3 end to end: a member on both councils of a joint meeting writes förhinder in Teams chat.
 * Naming one council records the förhinder on that council's list only and calls in that council's ersättare;
 * not naming one records it on both lists.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Meeting } from '../../../shared/domain';
import { personalMessage } from '../../kit/activities';
import { CHEF, NOW, P, RAD, TENANT, makeReachable, startBotHarness, type BotHarness } from './bot-fixture';

describe('förhinder in chat for a joint meeting of two councils the member sits on', () => {
  let h: BotHarness;
  let n = 0;
  const JOINT = 'J-joint';
  const stateByBody = async () => Object.fromEntries((await h.t.app.store.read.attendance.findBy({ meetingId: JOINT, personId: P.anna.id })).map((a) => [a.bodyId === RAD ? 'råd' : a.bodyId === CHEF ? 'chef' : 'none', a.state]));
  const say = async (text: string) => {
    const r = await h.deliver(personalMessage({ ...h.base(P.anna, { id: `joint-${(n += 1)}` }), text }));
    expect(r.status).toBe(200);
    await h.drain();
  };

  beforeAll(async () => {
    h = await startBotHarness();
    await makeReachable(h.t.app, h.connector, Object.values(P));
    const meeting: Meeting = {
      id: JOINT,
      tenantId: TENANT,
      bodyIds: [RAD, CHEF],
      title: 'Gemensamt möte',
      documentKind: 'protokoll',
      startsAt: '2025-03-25T08:00:00.000Z',
      endsAt: '2025-03-25T11:00:00.000Z',
      timeZone: 'Europe/Stockholm',
      place: 'Kumla stadshus',
      mode: 'hybrid',
      status: 'planned',
      startedAt: null,
      endedAt: null,
      movedFromStartsAt: null,
      teams: null,
      chairPersonId: P.olof.id,
      secretaryPersonIds: [P.sara.id],
      justerarePersonIds: [],
      version: 1,
    };
    await h.t.app.store.transaction(async (tx) => {
      await tx.meetings.insert(meeting);
    });
  }, 60_000);
  afterAll(async () => h?.close());
  beforeEach(async () => {
    h.clock.set(NOW);
    const db = h.t.app.database.db as any;
    for (const table of ['call_in_steps', 'call_ins', 'absence_requests']) await sql`DELETE FROM ${sql.table(table)}`.execute(db);
    await sql`DELETE FROM attendance`.execute(db);
  });

  it('naming the chefsgrupp: förhinder on the chefsgrupp’s list only, its ersättare called in', async () => {
    await say('Jag har förhinder i chefsgruppen den 25 mars');
    expect(await stateByBody()).toEqual({ chef: 'förhinder' });
    const chains = await h.t.app.store.read.callIns.findBy({ meetingId: JOINT, absentPersonId: P.anna.id });
    expect(chains.map((c) => c.bodyId)).toEqual([CHEF]);
  });

  it('naming no council: förhinder on both lists', async () => {
    await say('Jag har förhinder den 25 mars');
    expect(await stateByBody()).toEqual({ råd: 'förhinder', chef: 'förhinder' });
  });
});
