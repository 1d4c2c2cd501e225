/**
 * Teams redelivers activities and card invokes (timeouts, retries). A scripted meeting — installation,
 * binding, meeting link, kallelse, förhinder with a question and its answer, call-in answers, RSVP, meeting
 * start, joins, check-in, leave, end, Ångra — is delivered once; then every activity is delivered a second
 * time with the same ids. The full store dump must be equal and the connector must have received nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adaptiveCardAction,
  botInstalledInGroupChat,
  botInstalledInTeam,
  channelMessage,
  meetingChatMessage,
  meetingEnd,
  meetingParticipantJoin,
  meetingParticipantLeave,
  meetingStart,
  personalConversationId,
  personalMessage,
  type TeamsActivity,
} from '../../kit/activities';
import { createTestDatabase, pgRequired, type TestDatabase } from '../../kit/pg';
import { dumpStore } from '../../kit/store-dump';
import { BOT_APP_ID, P, cardOf, makeReachable, startBotHarness, type BotHarness, type FixturePerson } from './bot-fixture';

type Card = { actions?: Array<{ verb: string; data: Record<string, unknown> }> };

/** PostgreSQL when reachable (required in CI / RADSLAG_REQUIRE_PG=1), PGlite always. */
async function postgresAvailable(): Promise<TestDatabase | null> {
  try {
    return await createTestDatabase();
  } catch (e) {
    if (pgRequired()) throw e;
    return null;
  }
}

describe.each(['pglite', 'postgres'] as const)('redelivering every activity of a scripted meeting has no second effect (%s)', (store) => {
  let h: BotHarness;
  let pgDb: TestDatabase | null = null;
  let n = 0;
  const script: TeamsActivity[] = [];
  const responses: unknown[] = [];
  const conv = (p: FixturePerson) => personalConversationId(BOT_APP_ID, p.user);
  const cardWith = (id: string, verb: string) =>
    h.connector.sent
      .filter((s) => s.conversationId === id)
      .map((s) => cardOf(s.activity) as Card | null)
      .filter((c) => c?.actions?.some((a) => a.verb === verb))
      .at(-1)!;
  const act = (card: Card, verb: string, pick: (d: Record<string, unknown>) => boolean = () => true) => card.actions!.find((a) => a.verb === verb && pick(a.data))!;
  const send = async (a: TeamsActivity) => {
    script.push(a);
    const r = await h.deliver(a);
    expect(r.status).toBe(200);
    responses.push(r.body);
    await h.drain();
  };
  const base = (p: FixturePerson, hhmm?: string) => ({ ...h.base(p, { id: `rd-${(n += 1)}` }), ...(hhmm ? { timestamp: new Date(`2025-03-14T${hhmm}:00.000Z`) } : {}) });
  const TEAM = '19:team-rd@thread.tacv2';
  const MT = 'MCMxOTptZWV0aW5nX3JlZGVsaXZlcnk=';
  const CHAT = '19:meeting_rd@thread.v2';
  const details = { meetingId: MT, chatId: CHAT, title: 'Rådet' };
  const meetingScope = { kind: 'meeting' as const, chatId: CHAT, meetingId: MT };

  beforeAll(async () => {
    if (store === 'postgres') {
      pgDb = await postgresAvailable();
      if (!pgDb) return;
    }
    h = await startBotHarness(pgDb ? { env: { DATABASE_URL: pgDb.url } } : {});
    await makeReachable(h.t.app, h.connector, [P.anna, P.sara, P.eva, P.emil, P.erik, P.olof, P.vera]);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await pgDb?.drop();
  });
  const skip = () => store === 'postgres' && !pgDb;

  it('plays the meeting once', async () => {
    if (skip()) return;
    expect(h.t.app.store.kind).toBe(store);
    await send(botInstalledInTeam({ ...base(P.sara), teamId: TEAM, teamName: 'Folkhälsorådet' }));
    const chooser = cardWith(TEAM, 'binding.choose_body');
    await send(adaptiveCardAction({ ...base(P.sara), scope: { kind: 'channel', teamId: TEAM, channelId: TEAM }, verb: 'binding.choose_body', data: { ...act(chooser, 'binding.choose_body').data, bindingBodyId: 'body-rad' } }));
    const k = await h.t.api('/api/v1/meetings/R1/kallelse', { as: 'p-sara@kumla.example', method: 'POST' });
    expect(k.status).toBe(200);
    await h.drain();
    // Anna: an ambiguous förhinder, then her answer; then she withdraws from a meeting by Ångra later.
    await send(personalMessage({ ...base(P.anna), text: 'Förhinder den 21 mars' }));
    const q = cardWith(conv(P.anna), 'absence.choose_meeting');
    await send(adaptiveCardAction({ ...base(P.anna), scope: { kind: 'personal' }, verb: 'absence.choose_meeting', data: act(q, 'absence.choose_meeting', (d) => d.meetingId === 'R2').data }));
    await send(personalMessage({ ...base(P.anna), text: 'Kan inte komma på fredag' }));
    await send(adaptiveCardAction({ ...base(P.eva), scope: { kind: 'personal' }, verb: 'callin.answer', data: act(cardWith(conv(P.eva), 'callin.answer'), 'callin.answer', (d) => d.answer === 'nej').data }));
    await send(adaptiveCardAction({ ...base(P.emil), scope: { kind: 'personal' }, verb: 'callin.answer', data: act(cardWith(conv(P.emil), 'callin.answer'), 'callin.answer', (d) => d.answer === 'ja').data }));
    await send(adaptiveCardAction({ ...base(P.olof), scope: { kind: 'personal' }, verb: 'kallelse.rsvp', data: act(cardWith(conv(P.olof), 'kallelse.rsvp'), 'kallelse.rsvp', (d) => d.answer === 'kommer').data }));
    await send(channelMessage({ ...base(P.erik), text: 'Jag har förhinder 21/3', scope: { kind: 'channel', teamId: TEAM, channelId: TEAM } }));
    // The meeting: link, start, joins, chat, check-in, leave, end.
    h.clock.set('2025-03-14T07:30:00.000Z');
    await send(botInstalledInGroupChat({ ...base(P.sara), chatId: CHAT, meetingId: MT }));
    await send(adaptiveCardAction({ ...base(P.sara), scope: meetingScope, verb: 'meeting.link_confirm', data: act(cardWith(CHAT, 'meeting.link_confirm'), 'meeting.link_confirm', (d) => d.answer === 'ja').data }));
    await send(meetingStart({ ...base(P.sara, '08:00'), ...details, startTime: new Date('2025-03-14T08:00:00.000Z') }));
    await send(meetingParticipantJoin({ ...base(P.sara, '08:00'), ...details, members: [{ user: P.emil.user }, { user: P.sara.user }, { user: { aadObjectId: 'ffffffff-0000-0000-0000-0000000000g1', name: 'Okänd Gäst' } }] }));
    await send(meetingChatMessage({ ...base(P.vera, '08:02'), text: 'Måste gå kl 10.30', chatId: CHAT, meetingId: MT }));
    h.clock.set('2025-03-14T08:04:00.000Z');
    // The check-in card has no button in the chat; Olof's own view (the refresh Teams sends by itself) has it.
    const checkinPost = h.connector.sent.filter((s) => s.conversationId === CHAT).map((s) => cardOf(s.activity) as { refresh?: { action: { data: Record<string, unknown> } } } | null).find((c) => c?.refresh?.action.data.cardKind === 'checkin')!;
    const olofView = ((await h.deliver(adaptiveCardAction({ ...base(P.olof), scope: meetingScope, verb: 'refresh', data: checkinPost.refresh!.action.data, trigger: 'automatic' }))).body as { value: Card }).value;
    await send(adaptiveCardAction({ ...base(P.olof), scope: meetingScope, verb: 'checkin', data: act(olofView, 'checkin').data }));
    await send(meetingParticipantLeave({ ...base(P.sara, '09:30'), ...details, members: [{ user: P.emil.user }] }));
    await send(meetingEnd({ ...base(P.sara, '10:45'), ...details, endTime: new Date('2025-03-14T10:45:00.000Z') }));
    await send(adaptiveCardAction({ ...base(P.anna), scope: { kind: 'personal' }, verb: 'absence.undo', data: act(cardWith(conv(P.anna), 'absence.undo'), 'absence.undo').data }));
    expect(script.length).toBeGreaterThanOrEqual(18);
    // The script did things: attendance, intervals, a filled chain, a linked meeting.
    expect((await h.t.app.store.read.attendanceIntervals.findBy({ meetingId: 'R1' })).length).toBeGreaterThanOrEqual(3);
    // Emil took the seat, then Anna's Ångra gave it back.
    const [chain] = await h.t.app.store.read.callIns.findBy({ meetingId: 'R1', absentPersonId: P.anna.id });
    expect(chain!.status).toBe('cancelled');
    expect((await h.t.app.store.read.callInSteps.findBy({ callInId: chain!.id }, 'position')).map((s) => s.state)).toEqual(['declined', 'withdrawn', 'skipped']);
    expect((await h.t.app.store.read.meetings.require('R1')).teams?.meetingId).toBe(MT);
  });

  it('delivers every activity a second time: the store dump is equal and nothing more is sent', async () => {
    if (skip()) return;
    const db = h.t.app.database.db;
    await h.drain();
    const before = await dumpStore(db);
    const sends = h.connector.count();
    for (const table of ['attendance', 'attendance_intervals', 'call_ins', 'call_in_steps', 'absence_requests', 'idempotency_keys', 'jobs', 'conversation_refs', 'audit_log'])
      expect(before[table]!.length, table).toBeGreaterThan(0);
    expect(sends).toBeGreaterThan(15);
    for (const [i, a] of script.entries()) {
      const r = await h.deliver(a);
      expect(r.status).toBe(200);
      // A redelivered invoke gets the same card back as the first time.
      if (a.type === 'invoke') expect(r.body).toEqual(responses[i]);
    }
    await h.drain();
    // Wait long enough for anything the runner might still pick up.
    await new Promise((r) => setTimeout(r, 300));
    await h.drain();
    const after = await dumpStore(db);
    for (const table of Object.keys(before)) expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(h.connector.count()).toBe(sends);
  });

  it('two simultaneous deliveries of one activity have one effect', async () => {
    if (skip()) return;
    const sends = h.connector.count();
    const a = personalMessage({ ...base(P.anna), text: 'Förhinder 9/4' });
    const results = await Promise.all([h.deliver(a), h.deliver(a), h.deliver(a)]);
    for (const r of results) expect(r.status).toBe(200);
    await h.drain();
    expect(await h.t.app.store.read.attendance.findBy({ personId: P.anna.id, meetingId: 'R4' })).toHaveLength(1);
    expect((await h.t.app.store.read.callIns.findBy({ meetingId: 'R4', absentPersonId: P.anna.id }))).toHaveLength(1);
    const replies = h.connector.sent.slice(sends).filter((s) => s.conversationId === conv(P.anna));
    expect(replies).toHaveLength(1);
  });
});
