/**
 * Förhinder from every door: the secretary marking förhinder in the tab (the attendance list or the roster)
 * and a member from "Mina möten" run the same recording as a förhinder in chat and start the same call-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adaptiveCardAction, personalConversationId } from '../../kit/activities';
import { BOT_APP_ID, P, cardOf, makeReachable, startBotHarness, type BotHarness, type FixturePerson } from './bot-fixture';

describe('förhinder from the tab starts the call-in', () => {
  let h: BotHarness;
  const sentTo = (p: FixturePerson) => h.connector.sent.filter((s) => s.conversationId === personalConversationId(BOT_APP_ID, p.user));
  const api = async (as: FixturePerson, path: string, init: { method?: string; json?: unknown } = {}) => {
    const r = await h.t.api(`/api/v1${path}`, { as: `${as.id}@kumla.example`, ...init });
    const body = (await r.json().catch(() => null)) as any;
    return { status: r.status, body };
  };
  const chainFor = async (meetingId: string, absent: FixturePerson) =>
    ((await api(P.sara, `/meetings/${meetingId}/call-ins`)).body.chains as Array<{ callIn: { status: string; absentPersonId: string; filledByPersonId: string | null }; steps: Array<{ personId: string; state: string }> }>).find((c) => c.callIn.absentPersonId === absent.id);

  beforeAll(async () => {
    h = await startBotHarness();
    await makeReachable(h.t.app, h.connector, Object.values(P));
  }, 60_000);
  afterAll(async () => h?.close());

  it('the secretary marking förhinder in the attendance list calls in the first ersättare; taking it back stops the chain', async () => {
    const r = await api(P.sara, `/meetings/R1/attendance/${P.anna.id}`, { method: 'PUT', json: { state: 'förhinder' } });
    expect(r.status).toBe(200);
    await h.drain();
    const chain = await chainFor('R1', P.anna);
    expect(chain?.steps.map((s) => [s.personId, s.state])).toEqual([
      [P.eva.id, 'asked'],
      [P.emil.id, 'waiting'],
      [P.erik.id, 'waiting'],
    ]);
    expect(JSON.stringify(cardOf(sentTo(P.eva).at(-1)!.activity))).toContain('Anna Ledamot');
    // Back to "Väntas": the chain is cancelled and Eva is told she need not answer.
    const before = sentTo(P.eva).length;
    expect((await api(P.sara, `/meetings/R1/attendance/${P.anna.id}`, { method: 'PUT', json: { state: 'expected' } })).status).toBe(200);
    await h.drain();
    expect((await chainFor('R1', P.anna))?.callIn.status).toBe('cancelled');
    expect(sentTo(P.eva).length).toBe(before + 1);
  });

  it('"Frånvarande" after a förhinder keeps the serving ersättare in the seat; "Närvarande" gives it back', async () => {
    expect((await api(P.sara, `/meetings/C1/attendance/${P.anna.id}`, { method: 'PUT', json: { state: 'förhinder' } })).status).toBe(200);
    const chain = (await chainFor('C1', P.anna))!;
    expect(chain.steps.map((st) => [st.personId, st.state])).toEqual([[P.karl.id, 'asked']]);
    const id = ((await api(P.sara, '/meetings/C1/call-ins')).body.chains as Array<{ callIn: { id: string; absentPersonId: string } }>).find((c) => c.callIn.absentPersonId === P.anna.id)!.callIn.id;
    expect((await api(P.sara, `/meetings/C1/call-ins/${id}/override`, { method: 'POST', json: { personId: P.karl.id, mode: 'assign' } })).status).toBe(200);
    expect((await api(P.sara, `/meetings/C1/attendance/${P.anna.id}`, { method: 'PUT', json: { state: 'absent' } })).status).toBe(200);
    expect((await chainFor('C1', P.anna))?.callIn.status).toBe('filled');
    expect((await api(P.sara, `/meetings/C1/attendance/${P.anna.id}`, { method: 'PUT', json: { state: 'present' } })).status).toBe(200);
    expect((await chainFor('C1', P.anna))?.callIn.status).toBe('cancelled');
    expect(await h.t.app.store.read.attendance.findBy({ meetingId: 'C1', personId: P.karl.id })).toHaveLength(0);
  });

  it('a member gives förhinder for themself (Mina möten); the ersättare says Ja on the card; the member takes it back', async () => {
    const mine = (await api(P.anna, '/me/meetings')).body.meetings as Array<{ meeting: { id: string }; myState: string; canReportAbsence: boolean }>;
    expect(mine.find((m) => m.meeting.id === 'R2')).toMatchObject({ myState: 'expected', canReportAbsence: true });
    expect((await api(P.anna, '/meetings/R2/absence', { method: 'POST', json: {} })).status).toBe(200);
    await h.drain();
    expect(((await api(P.anna, '/me/meetings')).body.meetings as Array<{ meeting: { id: string }; myState: string }>).find((m) => m.meeting.id === 'R2')?.myState).toBe('förhinder');
    const card = cardOf(sentTo(P.eva).at(-1)!.activity) as { actions: Array<{ verb: string; data: Record<string, unknown> }> };
    const ja = card.actions.find((a) => a.verb === 'callin.answer' && a.data.answer === 'ja')!;
    const res = await h.deliver(adaptiveCardAction({ ...h.base(P.eva), scope: { kind: 'personal' }, verb: ja.verb, data: ja.data }));
    expect(res.status).toBe(200);
    await h.drain();
    expect(await chainFor('R2', P.anna)).toMatchObject({ callIn: { status: 'filled', filledByPersonId: P.eva.id } });
    expect((await h.t.app.store.read.attendance.findBy({ meetingId: 'R2', personId: P.eva.id }))[0]).toMatchObject({ replacesPersonId: P.anna.id });
    // The secretary was told of the förhinder and of who serves.
    expect(sentTo(P.sara).map((s) => JSON.stringify(s.activity)).join('\n')).toMatch(/Anna Ledamot har förhinder[\s\S]*Eva Ersättare tjänstgör för Anna Ledamot/);
    expect((await api(P.anna, '/meetings/R2/absence/withdraw', { method: 'POST', json: {} })).status).toBe(200);
    expect(await h.t.app.store.read.attendance.findBy({ meetingId: 'R2', personId: P.eva.id })).toHaveLength(0);
    expect((await chainFor('R2', P.anna))?.callIn.status).toBe('cancelled');
  });

  it('a member cannot give förhinder for someone else, nor for a meeting of a body they do not sit on; the secretary can', async () => {
    expect((await api(P.anna, '/meetings/R4/absence', { method: 'POST', json: { personId: P.nils.id } })).status).toBe(403);
    expect((await api(P.karl, '/meetings/R4/absence', { method: 'POST', json: {} })).status).toBe(403);
    const mine = (await api(P.karl, '/me/meetings')).body.meetings as Array<{ meeting: { id: string } }>;
    expect(mine.map((m) => m.meeting.id)).not.toContain('R4');
    expect((await api(P.sara, '/meetings/R4/absence', { method: 'POST', json: { personId: P.nils.id } })).status).toBe(200);
    // The secretary herself has no call-in to start, but the förhinder is recorded.
    expect((await h.t.app.store.read.attendance.findBy({ meetingId: 'R4', personId: P.nils.id }))[0]).toMatchObject({ state: 'förhinder', source: 'secretary' });
  });

  it('"Mina möten" offers "Anmäl förhinder" exactly where the server accepts it (every person, every meeting, a cancelled and a finished one)', async () => {
    const c3 = (await h.t.app.store.read.meetings.get('C3'))!;
    await h.t.app.store.read.meetings.update({ ...c3, status: 'cancelled' });
    // The clock after C0 (13 March 12.00–15.00 UTC): C0 is over.
    h.clock.set('2025-03-13T16:00:00.000Z');
    const wrong: string[] = [];
    for (const p of Object.values(P)) {
      const listed = (await api(p, '/me/meetings')).body.meetings as Array<{ meeting: { id: string }; canReportAbsence: boolean }>;
      for (const m of listed) {
        const r = await api(p, `/meetings/${m.meeting.id}/absence`, { method: 'POST', json: {} });
        if ((r.status === 200) !== m.canReportAbsence) wrong.push(`${p.name} ${m.meeting.id}: offered ${m.canReportAbsence}, server ${r.status}`);
        if (r.status === 200) expect((await api(p, `/meetings/${m.meeting.id}/absence/withdraw`, { method: 'POST', json: {} })).status).toBe(200);
      }
      expect(listed.length).toBeGreaterThan(0);
    }
    expect(wrong).toEqual([]);
    const anna = (await api(P.anna, '/me/meetings')).body.meetings as Array<{ meeting: { id: string }; canReportAbsence: boolean }>;
    expect(anna.filter((m) => !m.canReportAbsence).map((m) => m.meeting.id).sort()).toEqual(['C0', 'C3']);
  });
});
