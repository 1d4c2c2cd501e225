/**
 * The call-in chain driven over HTTP: förhinder in 1:1 chat, call-in cards to ersättare through the Bot
 * Connector stand-in, "Ja"/"Nej" as adaptiveCard/action invokes, the timeout as a durable job run under an
 * advanced clock, withdrawal giving the seat back, nobody left → the secretary told, ordförande → vice asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adaptiveCardAction, personalConversationId, personalMessage } from '../../kit/activities';
import { BOT_APP_ID, P, cardOf, makeReachable, startBotHarness, type BotHarness, type FixturePerson } from './bot-fixture';

describe('ersättare called in', () => {
  let h: BotHarness;
  let n = 0;
  const conv = (p: FixturePerson) => personalConversationId(BOT_APP_ID, p.user);
  const sentTo = (p: FixturePerson) => h.connector.sent.filter((s) => s.conversationId === conv(p));
  const lastCardTo = (p: FixturePerson) => cardOf(sentTo(p).at(-1)?.activity ?? {});
  const say = async (p: FixturePerson, text: string) => {
    const r = await h.deliver(personalMessage({ ...h.base(p, { id: `ci-${(n += 1)}` }), text }));
    expect(r.status).toBe(200);
    await h.drain();
  };
  /** Presses a button of the last call-in card sent to p. */
  const answer = async (p: FixturePerson, choice: 'ja' | 'nej') => {
    const card = lastCardTo(p) as { actions: Array<{ verb: string; data: Record<string, unknown> }> };
    const action = card.actions.find((a) => a.verb === 'callin.answer' && a.data.answer === choice)!;
    const r = await h.deliver(adaptiveCardAction({ ...h.base(p), scope: { kind: 'personal' }, verb: action.verb, data: action.data }));
    expect(r.status).toBe(200);
    await h.drain();
    return r.body as { statusCode: number; type: string; value: Record<string, unknown> };
  };
  const chains = async (meetingId: string) => {
    const r = await h.t.api(`/api/v1/meetings/${meetingId}/call-ins`, { as: 'p-sara@kumla.example' });
    expect(r.status).toBe(200);
    return (await r.json()) as { timeoutMinutes: number; chains: Array<{ callIn: { id: string; status: string; purpose: string; absentPersonId: string }; steps: Array<{ personId: string; state: string; putInBySecretary?: boolean }> }> };
  };

  beforeAll(async () => {
    h = await startBotHarness();
    await makeReachable(h.t.app, h.connector, Object.values(P));
  }, 60_000);
  afterAll(async () => h?.close());

  it('decline → next; timeout (set by the secretary) → next; Ja seats the ersättare; withdrawal gives the seat back', async () => {
    const t = await h.t.api('/api/v1/meetings/R1/call-ins/timeout', { as: 'p-sara@kumla.example', method: 'PUT', json: { minutes: 90 } });
    expect(t.status).toBe(200);
    const forbidden = await h.t.api('/api/v1/meetings/R1/call-ins/timeout', { as: 'p-anna@kumla.example', method: 'PUT', json: { minutes: 5 } });
    expect(forbidden.status).toBe(403);

    await say(P.anna, 'Kan inte komma på fredag');
    // Eva is first in the body's order for Kumla kommun.
    expect(JSON.stringify(lastCardTo(P.eva))).toContain('Anna Ledamot');
    expect(sentTo(P.emil)).toHaveLength(0);

    const declined = await answer(P.eva, 'nej');
    expect(declined.statusCode).toBe(200);
    expect(declined.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(declined.value)).not.toContain('callin.answer');
    expect(JSON.stringify(lastCardTo(P.emil))).toContain('callin.answer');

    // Emil does not answer: 89 minutes are not enough, 90 are.
    h.clock.advance(89 * 60_000);
    await h.drain();
    expect(sentTo(P.erik)).toHaveLength(0);
    h.clock.advance(2 * 60_000);
    await h.drain();
    expect(JSON.stringify(lastCardTo(P.erik))).toContain('callin.answer');
    let view = await chains('R1');
    expect(view.timeoutMinutes).toBe(90);
    const chain = view.chains.find((c) => c.callIn.absentPersonId === P.anna.id)!;
    expect(chain.steps.map((s) => [s.personId, s.state])).toEqual([
      [P.eva.id, 'declined'],
      [P.emil.id, 'timed_out'],
      [P.erik.id, 'asked'],
    ]);

    const sarasBefore = sentTo(P.sara).length;
    await answer(P.erik, 'ja');
    const erikSeat = (await h.t.app.store.read.attendance.findBy({ meetingId: 'R1', personId: P.erik.id }))[0]!;
    expect(erikSeat).toMatchObject({ replacesPersonId: P.anna.id, source: 'call_in' });
    expect(sentTo(P.sara).length).toBeGreaterThan(sarasBefore);
    expect(JSON.stringify(sentTo(P.sara).at(-1)!.activity)).toContain('Erik König');

    // Anna can come after all: the seat goes back, Erik is told.
    const erikBefore = sentTo(P.erik).length;
    await say(P.anna, 'Jag kan ändå komma på fredag');
    expect(await h.t.app.store.read.attendance.findBy({ meetingId: 'R1', personId: P.erik.id })).toHaveLength(0);
    expect(sentTo(P.erik).length).toBe(erikBefore + 1);
    expect(String(sentTo(P.erik).at(-1)!.activity.text)).toMatch(/^Anna Ledamot kan komma till Specifika samverkansrådet för folkhälsa, fredag 14 mars 2025 kl\. 09\.00 ändå/);
    view = await chains('R1');
    expect(view.chains.find((c) => c.callIn.absentPersonId === P.anna.id)!.callIn.status).toBe('cancelled');
    // The timeout of a step that was answered never fires later.
    h.clock.advance(3 * 24 * 3600_000);
    const erikNow = sentTo(P.erik).length;
    await h.drain();
    expect(sentTo(P.erik).length).toBe(erikNow);
    h.clock.set('2025-03-12T08:00:00.000Z');
  });

  it('a named substitute is asked first; ersättare with förhinder are skipped; nobody left → the secretary is told', async () => {
    // Eva and Emil have förhinder themselves for R2.
    for (const p of [P.eva, P.emil])
      await h.t.app.store.read.attendance.insert({ id: `pre-${p.id}`, tenantId: h.t.app.store.tenantId, meetingId: 'R2', personId: p.id, bodyId: null, state: 'förhinder', source: 'chat', replacesPersonId: null, itemRange: null, partOfMeeting: false, note: null, unclassifiedGuest: false, updatedAt: new Date().toISOString(), updatedBy: null, version: 1 });
    const sarasBefore = sentTo(P.sara).length;
    await say(P.anna, 'Sitter fast i annat möte den 21/3 kl 13, Erik König går in för mig');
    expect(JSON.stringify(lastCardTo(P.erik))).toContain('callin.answer');
    await answer(P.erik, 'nej');
    const chain = (await chains('R2')).chains.find((c) => c.callIn.absentPersonId === P.anna.id)!;
    expect(chain.steps.map((s) => [s.personId, s.state])).toEqual([
      [P.erik.id, 'declined'],
      [P.eva.id, 'absent'],
      [P.emil.id, 'absent'],
    ]);
    expect(chain.callIn.status).toBe('exhausted');
    const notices = sentTo(P.sara).slice(sarasBefore).map((s) => JSON.stringify(s.activity));
    expect(notices.some((t) => t.includes('Ingen är tillgänglig att tjänstgöra för Anna Ledamot'))).toBe(true);
  });

  it('the secretary can override a chain (assign someone)', async () => {
    const chain = (await chains('R2')).chains.find((c) => c.callIn.absentPersonId === P.anna.id)!;
    const r = await h.t.api(`/api/v1/meetings/R2/call-ins/${chain.callIn.id}/override`, { as: 'p-sara@kumla.example', method: 'POST', json: { personId: P.karl.id, mode: 'assign' } });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { status: string }).status).toBe('filled');
    const seat = (await h.t.app.store.read.attendance.findBy({ meetingId: 'R2', personId: P.karl.id }))[0]!;
    expect(seat.replacesPersonId).toBe(P.anna.id);
    // The call-in list tells the secretary's step apart from an ersättare's own yes.
    const after = (await chains('R2')).chains.find((c) => c.callIn.id === chain.callIn.id)!;
    expect(after.steps.find((s) => s.personId === P.karl.id)).toMatchObject({ state: 'accepted', putInBySecretary: true });
    expect(after.steps.filter((s) => s.personId !== P.karl.id).every((s) => s.putInBySecretary === false)).toBe(true);
  });

  it('when the ordförande has förhinder the vice ordförande is asked to chair', async () => {
    await say(P.olof, 'Förhinder 9/4');
    const card = JSON.stringify(lastCardTo(P.vera));
    // Card text is Markdown-escaped: the parentheses arrive as \\( \\).
    expect(card).toMatch(/Olof Ordförande \\\\\(som ordförande/);
    await answer(P.vera, 'ja');
    const chair = (await chains('R4')).chains.find((c) => c.callIn.purpose === 'chair')!;
    expect(chair.callIn.status).toBe('filled');
  });

  it('a gemensamt möte: a ledamot of both bodies gets one chain per body, each with that body’s ersättare', async () => {
    const r1 = await h.t.app.store.read.meetings.require('R1');
    await h.t.app.store.read.meetings.insert({ ...r1, id: 'J1', bodyIds: ['body-rad', 'body-chef'], startsAt: '2025-06-10T07:00:00.000Z', endsAt: '2025-06-10T10:00:00.000Z', status: 'planned', teams: null, startedAt: null, endedAt: null, version: 1 });
    const evaBefore = sentTo(P.eva).length;
    const karlBefore = sentTo(P.karl).length;
    await say(P.anna, 'Förhinder 10/6');
    const view = (await chains('J1')).chains.filter((c) => c.callIn.absentPersonId === P.anna.id);
    expect(view.map((c) => c.steps[0]!.personId).sort()).toEqual([P.eva.id, P.karl.id].sort());
    expect(sentTo(P.eva).length).toBe(evaBefore + 1);
    expect(sentTo(P.karl).length).toBe(karlBefore + 1);
  });

  it('someone else cannot answer another person’s call-in (error card, nothing changes)', async () => {
    await say(P.anna, 'Förhinder 9/4');
    const card = lastCardTo(P.eva) as { actions: Array<{ verb: string; data: Record<string, unknown> }> };
    const action = card.actions.find((a) => a.data.answer === 'ja')!;
    const r = await h.deliver(adaptiveCardAction({ ...h.base(P.nils), scope: { kind: 'personal' }, verb: 'callin.answer', data: action.data }));
    const body = r.body as { statusCode: number; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(JSON.stringify(body.value)).toContain('FORBIDDEN');
    const chain = (await chains('R4')).chains.find((c) => c.callIn.absentPersonId === P.anna.id)!;
    expect(chain.steps[0]!.state).toBe('asked');
  });
});
