/**
 * The bot in Teams, driven over HTTP with Teams-shaped activities and the Bot Connector stand-in as
 * serviceUrl: installation and binding, 1:1 / channel mention / meeting chat messages, meeting link, meeting
 * start/end and participant join/leave, check-in and guests, kallelse with RSVP and unreachable members,
 * Ångra and the which-meeting question, move/cancel notices, and the outbound send rules.
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
} from '../../kit/activities';
import { enqueueSend } from '../../../shared/services/outbox';
import { BOT_APP_ID, P, cardOf, makeReachable, startBotHarness, type BotHarness, type FixturePerson } from './bot-fixture';

type Card = { actions?: Array<{ verb: string; data: Record<string, unknown> }>; body: unknown[] };
type InvokeBody = { statusCode: number; type: string; value: Card };

describe('Rådslag in Teams over HTTP', () => {
  let h: BotHarness;
  let n = 0;
  const conv = (p: FixturePerson) => personalConversationId(BOT_APP_ID, p.user);
  const sentTo = (id: string) => h.connector.sent.filter((s) => s.conversationId === id);
  const lastCard = (id: string) => cardOf(sentTo(id).at(-1)?.activity ?? {}) as Card | null;
  /** The latest card sent to a conversation that has a button with this verb (jobs of one batch may land in any order). */
  const cardWith = (id: string, verb: string) =>
    (sentTo(id)
      .map((x) => cardOf(x.activity) as Card | null)
      .filter((c) => c?.actions?.some((a) => a.verb === verb))
      .at(-1) ?? null) as Card;
  const invoke = async (p: FixturePerson, verb: string, data: Record<string, unknown>, scope: Parameters<typeof adaptiveCardAction>[0]['scope'] = { kind: 'personal' }, extra: { locale?: string } = {}) => {
    const r = await h.deliver(adaptiveCardAction({ ...h.base(p, extra), scope, verb, data }));
    expect(r.status).toBe(200);
    await h.drain();
    return r.body as InvokeBody;
  };
  const nextId = () => `act-${(n += 1)}`;
  const TEAM = '19:team-folkhalsa@thread.tacv2';
  const MEETING_TEAMS_ID = 'MCMxOTptZWV0aW5nX1IxQHRocmVhZC52Mg==';
  const MEETING_CHAT = '19:meeting_R1@thread.v2';
  const details = { meetingId: MEETING_TEAMS_ID, chatId: MEETING_CHAT, title: 'Rådet 14 mars' };

  beforeAll(async () => {
    h = await startBotHarness();
    await makeReachable(h.t.app, h.connector, [P.anna, P.sara, P.eva, P.emil, P.olof, P.vera, P.karl]);
  }, 60_000);
  afterAll(async () => h?.close());

  it('installation in a team: greeting and binding chooser in the channel; only the secretary binds', async () => {
    const r = await h.deliver(botInstalledInTeam({ ...h.base(P.sara, { id: nextId() }), teamId: TEAM, teamName: 'Samverkansrådet folkhälsa' }));
    expect(r.status).toBe(200);
    await h.drain();
    const posts = sentTo(TEAM);
    expect(posts).toHaveLength(2);
    expect(JSON.stringify(cardOf(posts[0]!.activity))).toContain('Hej! Jag är Rådslag.');
    const chooser = cardOf(posts[1]!.activity) as Card;
    expect(JSON.stringify(chooser)).toContain('Specifika samverkansrådet för folkhälsa');
    const confirm = chooser.actions?.find((a) => a.verb === 'binding.choose_body') ?? null;
    expect(confirm).not.toBeNull();
    const scope = { kind: 'channel' as const, teamId: TEAM, channelId: TEAM };
    const refused = await invoke(P.anna, 'binding.choose_body', { ...confirm!.data, bindingBodyId: 'body-rad' }, scope);
    expect(JSON.stringify(refused.value)).toContain('FORBIDDEN');
    expect((await h.t.app.store.read.bodies.require('body-rad')).teamsTeamId).toBeNull();
    const ok = await invoke(P.sara, 'binding.choose_body', { ...confirm!.data, bindingBodyId: 'body-rad' }, scope);
    expect(ok.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(ok.value)).toContain('Specifika samverkansrådet för folkhälsa');
    expect(await h.t.app.store.read.bodies.require('body-rad')).toMatchObject({ teamsTeamId: TEAM, teamsChannelId: TEAM });
  });

  it('a channel message that mentions the bot is read in the context of the channel’s body, and answered in the thread', async () => {
    const id = nextId();
    // "nästa möte" alone is ambiguous for Anna (two bodies); in rådet's channel it means rådet's next meeting.
    const r = await h.deliver(channelMessage({ ...h.base(P.anna, { id }), text: 'Förhinder nästa möte', scope: { kind: 'channel', teamId: TEAM, channelId: TEAM } }));
    expect(r.status).toBe(200);
    await h.drain();
    const a = (await h.t.app.store.read.attendance.findBy({ personId: P.anna.id, meetingId: 'R1' }))[0]!;
    expect(a.state).toBe('förhinder');
    const thread = `${TEAM};messageid=${id}`;
    expect(cardWith(thread, 'absence.undo')).not.toBeNull();
    // Ångra on the card: the förhinder is gone and the call-in stops.
    const undo = cardWith(thread, 'absence.undo').actions!.find((x) => x.verb === 'absence.undo')!;
    const undone = await invoke(P.anna, 'absence.undo', undo.data, { kind: 'channel', teamId: TEAM, channelId: TEAM });
    // The withdrawal names the meeting (body and day).
    expect(JSON.stringify(undone.value)).toContain('Förhindret för Specifika samverkansrådet för folkhälsa, fredag 14 mars 2025 kl. 09.00 är borttaget');
    expect((await h.t.app.store.read.attendance.findBy({ personId: P.anna.id, meetingId: 'R1' }))[0]!.state).toBe('expected');
    const chain = (await h.t.app.store.read.callIns.findBy({ meetingId: 'R1', absentPersonId: P.anna.id }))[0]!;
    expect(chain.status).toBe('cancelled');
  });

  it('an ambiguous 1:1 message gets a question card and no record; the answer records it', async () => {
    await h.deliver(personalMessage({ ...h.base(P.anna, { id: nextId() }), text: 'Förhinder den 21 mars' }));
    await h.drain();
    expect(await h.t.app.store.read.attendance.findBy({ personId: P.anna.id, meetingId: 'C1' })).toHaveLength(0);
    const q = cardWith(conv(P.anna), 'absence.choose_meeting');
    const pick = q.actions!.find((a) => a.data.meetingId === 'C1')!;
    const res = await invoke(P.anna, pick.verb, pick.data);
    expect(JSON.stringify(res.value)).toContain('absence.undo');
    expect((await h.t.app.store.read.attendance.findBy({ personId: P.anna.id, meetingId: 'C1' }))[0]!.state).toBe('förhinder');
    // English locale: the reply is in English.
    await h.deliver(personalMessage({ ...h.base(P.anna, { id: nextId(), locale: 'en-US' }), text: 'hello' }));
    await h.drain();
    expect(JSON.stringify(lastCard(conv(P.anna)))).toMatch(/understand/i);
  });

  it('installed in a meeting chat: the suggested Rådslag meeting is linked once the secretary confirms', async () => {
    h.clock.set('2025-03-14T07:30:00.000Z');
    await h.deliver(botInstalledInGroupChat({ ...h.base(P.sara, { id: nextId() }), chatId: MEETING_CHAT, meetingId: MEETING_TEAMS_ID }));
    await h.drain();
    const link = cardWith(MEETING_CHAT, 'meeting.link_confirm');
    const yes = link.actions!.find((a) => a.verb === 'meeting.link_confirm' && a.data.answer === 'ja')!;
    expect(yes.data.meetingId).toBe('R1');
    const scope = { kind: 'meeting' as const, chatId: MEETING_CHAT, meetingId: MEETING_TEAMS_ID };
    const refused = await invoke(P.anna, 'meeting.link_confirm', yes.data, scope);
    expect(JSON.stringify(refused.value)).toContain('FORBIDDEN');
    await invoke(P.sara, 'meeting.link_confirm', yes.data, scope);
    expect((await h.t.app.store.read.meetings.require('R1')).teams?.meetingId).toBe(MEETING_TEAMS_ID);
  });

  it('a message in the meeting chat means that meeting', async () => {
    await h.deliver(meetingChatMessage({ ...h.base(P.eva, { id: nextId() }), text: 'Förhinder', chatId: MEETING_CHAT, meetingId: MEETING_TEAMS_ID }));
    await h.drain();
    expect((await h.t.app.store.read.attendance.findBy({ personId: P.eva.id, meetingId: 'R1' }))[0]!.state).toBe('förhinder');
    expect(cardWith(MEETING_CHAT, 'absence.undo')).not.toBeNull();
  });

  it('meeting start/end and participant join/leave become intervals; unknown participants are guests; check-in; partial attendance derived per item', async () => {
    const t = (hhmm: string) => new Date(`2025-03-14T${hhmm}:00.000Z`);
    const at = (hhmm: string, p: FixturePerson = P.sara) => ({ ...h.base(p, { id: nextId() }), timestamp: t(hhmm) });
    const guest = { aadObjectId: 'ffffffff-0000-0000-0000-00000000gue5', name: 'Gästa Gästsson' };
    await h.deliver(meetingStart({ ...at('08:00'), ...details, startTime: t('08:00') }));
    await h.drain();
    expect((await h.t.app.store.read.meetings.require('R1')).startedAt).toBe('2025-03-14T08:00:00.000Z');
    // The check-in card: no button in the message itself, each expected person's own view by refresh.
    const checkinCard = sentTo(MEETING_CHAT).map((x) => cardOf(x.activity) as (Card & { refresh?: { action: { data: Record<string, unknown> } } }) | null).find((c) => c?.refresh?.action.data.cardKind === 'checkin')!;
    expect(checkinCard.actions ?? []).toEqual([]);
    await h.deliver(meetingParticipantJoin({ ...at('08:00'), ...details, members: [{ user: P.anna.user }, { user: guest }] }));
    await h.deliver(meetingParticipantJoin({ ...at('08:01'), ...details, members: [{ user: P.olof.user, role: 'Organizer' }] }));
    // Items 1–3 run 08:05–09:05, items 4–6 09:05–10:00; Anna leaves at 09:00.
    await h.t.app.store.transaction(async (tx) => {
      for (const i of [1, 2, 3, 4, 5, 6]) {
        const item = await tx.agendaItems.require(`R1-i${i}`);
        const start = i <= 3 ? 5 + (i - 1) * 20 : 65 + (i - 4) * 18;
        const end = i <= 3 ? start + 20 : i === 6 ? 120 : start + 18;
        const iso = (m: number) => new Date(Date.parse('2025-03-14T08:00:00.000Z') + m * 60_000).toISOString();
        await tx.agendaItems.update({ ...item, startedAt: iso(start), endedAt: iso(end) });
      }
    });
    await h.deliver(meetingParticipantLeave({ ...at('09:00'), ...details, members: [{ user: P.anna.user }] }));
    // Vera is in the room and checks in with the card.
    h.clock.set('2025-03-14T08:03:00.000Z');
    const meetingScope = { kind: 'meeting' as const, chatId: MEETING_CHAT, meetingId: MEETING_TEAMS_ID };
    const veraView = (await h.deliver(adaptiveCardAction({ ...h.base(P.vera), scope: meetingScope, verb: 'refresh', data: checkinCard.refresh!.action.data, trigger: 'automatic' }))).body as InvokeBody;
    const checkin = veraView.value.actions!.find((a) => a.verb === 'checkin')!;
    const done = await invoke(P.vera, 'checkin', checkin.data, meetingScope);
    expect(JSON.stringify(done.value)).toContain('antecknad som närvarande');
    await h.deliver(meetingEnd({ ...at('10:00'), ...details, endTime: t('10:00') }));
    await h.drain();

    const res = await h.t.api('/api/v1/meetings/R1/attendance', { as: 'p-sara@kumla.example' });
    expect(res.status).toBe(200);
    const rows = ((await res.json()) as { attendance: Array<{ attendance: { personId: string; state: string; source: string; itemRange: unknown; unclassifiedGuest: boolean }; personName: string; intervals: Array<{ from: string; to: string | null }> }> }).attendance;
    const row = (name: string) => rows.find((r) => r.personName === name)!;
    expect(row('Anna Ledamot').attendance).toMatchObject({ state: 'present', itemRange: { from: 1, to: 3 } });
    expect(row('Anna Ledamot').intervals).toEqual([{ from: '2025-03-14T08:00:00.000Z', to: '2025-03-14T09:00:00.000Z', source: 'teams_event' }]);
    expect(row('Olof Ordförande').attendance).toMatchObject({ state: 'present', itemRange: null });
    expect(row('Vera Vice').attendance).toMatchObject({ state: 'present', source: 'check_in' });
    expect(row('Gästa Gästsson').attendance).toMatchObject({ state: 'present', unclassifiedGuest: true });
    expect((await h.t.app.store.read.meetings.require('R1')).endedAt).toBe('2025-03-14T10:00:00.000Z');

    // The secretary classifies the guest and corrects Olof to "punkt 2–6".
    const guestId = rows.find((r) => r.personName === 'Gästa Gästsson')!.attendance.personId;
    const c = await h.t.api(`/api/v1/meetings/R1/guests/${guestId}/classify`, { as: 'p-sara@kumla.example', method: 'POST', json: { title: 'föredragande, Länsstyrelsen' } });
    expect(c.status).toBe(200);
    expect(((await c.json()) as { unclassifiedGuest: boolean }).unclassifiedGuest).toBe(false);
    const fix = await h.t.api(`/api/v1/meetings/R1/attendance/${P.olof.id}`, { as: 'p-sara@kumla.example', method: 'PUT', json: { state: 'present', itemRange: { from: 2, to: 6 }, partOfMeeting: true } });
    expect(fix.status).toBe(200);
    expect(await fix.json()).toMatchObject({ source: 'secretary', itemRange: { from: 2, to: 6 } });
    const notSecretary = await h.t.api(`/api/v1/meetings/R1/attendance/${P.olof.id}`, { as: 'p-anna@kumla.example', method: 'PUT', json: { state: 'absent' } });
    expect(notSecretary.status).toBe(403);
    h.clock.set('2025-03-12T08:00:00.000Z');
  });

  it('kallelse: channel card and 1:1 RSVP cards; unreachable members listed for the secretary; RSVP presses', async () => {
    const before = { channel: sentTo(TEAM).length, sara: sentTo(conv(P.sara)).length };
    // Erik never wrote to the bot but Teams knows him: the send opens his chat. Nils has no Teams account known.
    const nils = await h.t.app.store.read.people.require(P.nils.id);
    await h.t.app.store.transaction((tx) => tx.people.update({ ...nils, aadObjectId: null }));
    const r = await h.t.api('/api/v1/meetings/R2/kallelse', { as: 'p-sara@kumla.example', method: 'POST' });
    expect(r.status).toBe(200);
    const result = (await r.json()) as { channelPosted: boolean; sent: Array<{ name: string }>; unreachable: Array<{ name: string; email: string; reason: string }> };
    expect(result.channelPosted).toBe(true);
    expect(result.unreachable.map((u) => [u.name, u.reason])).toEqual([['Nils Nåbar', 'no_teams_account']]);
    expect(result.sent.map((s) => s.name)).toEqual(expect.arrayContaining(['Anna Ledamot', 'Erik König']));
    await h.drain();
    expect(sentTo(TEAM).length).toBe(before.channel + 1);
    expect(JSON.stringify(cardOf(sentTo(TEAM).at(-1)!.activity))).toContain('Kallelse');
    const notice = JSON.stringify(sentTo(conv(P.sara)).slice(before.sara).map((s) => s.activity));
    expect(notice).toContain('Nils Nåbar');
    expect(notice).toContain('p-nils@kumla.example');
    // Emil presses "Förhinder", then "Jag kommer": both take effect (different answers are different actions).
    const rsvp = cardWith(conv(P.emil), 'kallelse.rsvp');
    const absent = rsvp.actions!.find((a) => a.data.answer === 'forhinder')!;
    const r1 = await invoke(P.emil, 'kallelse.rsvp', absent.data);
    expect((await h.t.app.store.read.attendance.findBy({ personId: P.emil.id, meetingId: 'R2' }))[0]!.state).toBe('förhinder');
    const coming = r1.value.actions!.find((a) => a.data.answer === 'kommer')!;
    await invoke(P.emil, 'kallelse.rsvp', coming.data);
    expect((await h.t.app.store.read.attendance.findBy({ personId: P.emil.id, meetingId: 'R2' }))[0]!.state).toBe('expected');
    // Partial with items.
    // Eva answers "Delvis" on her own card with a note; pressing Emil's card as Eva is refused.
    const evas = cardWith(conv(P.eva), 'kallelse.rsvp').actions!.find((a) => a.data.answer === 'delvis')!;
    const p = await invoke(P.eva, 'kallelse.rsvp', { ...evas.data, rsvpNote: 'ansluter kl 14' });
    expect(JSON.stringify(p.value)).toContain('Delvis');
    expect((await h.t.app.store.read.attendance.findBy({ personId: P.eva.id, meetingId: 'R2' }))[0]).toMatchObject({ state: 'expected', partOfMeeting: true, note: 'ansluter kl 14' });
    const foreign = await invoke(P.eva, 'kallelse.rsvp', { ...coming.data });
    expect(JSON.stringify(foreign.value)).toContain('FORBIDDEN');
  });

  it('moving the meeting tells everyone invited and keeps the förhinder; cancelling tells them too', async () => {
    await h.deliver(personalMessage({ ...h.base(P.anna, { id: nextId() }), text: 'Förhinder folkhälsorådet 21/3' }));
    await h.drain();
    const annaBefore = sentTo(conv(P.anna)).length;
    const meeting = await h.t.app.store.read.meetings.require('R2');
    const moved = await h.t.api('/api/v1/meetings/R2', { as: 'p-sara@kumla.example', method: 'PATCH', json: { version: meeting.version, startsAt: '2025-03-24T12:00:00.000Z', endsAt: '2025-03-24T15:00:00.000Z' } });
    expect(moved.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    await h.drain();
    const told = sentTo(conv(P.anna)).slice(annaBefore).map((s) => String(s.activity.text));
    expect(told.some((t) => t.includes('flyttat') && t.includes('förhinder gäller fortfarande'))).toBe(true);
    expect((await h.t.app.store.read.attendance.findBy({ personId: P.anna.id, meetingId: 'R2' }))[0]!.state).toBe('förhinder');
    const m2 = await h.t.app.store.read.meetings.require('R2');
    const cancelled = await h.t.api('/api/v1/meetings/R2', { as: 'p-sara@kumla.example', method: 'PATCH', json: { version: m2.version, status: 'cancelled' } });
    expect(cancelled.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    await h.drain();
    expect(sentTo(conv(P.emil)).map((s) => String(s.activity.text)).some((t) => t.includes('inställt'))).toBe(true);
  });

  it('card-action dispatch: bad data and unknown verbs answer an error card in the user’s language; refresh renders the per-role view', async () => {
    const bad = await invoke(P.anna, 'callin.answer', { cardId: 'x', callInId: 'y', answer: 'kanske', version: 1 }, { kind: 'personal' }, { locale: 'en-US' });
    expect(bad.statusCode).toBe(200);
    const badText = JSON.stringify(bad.value);
    expect(badText).toMatch(/VALIDATION\\*_FAILED/);
    expect(badText).toContain('The input is not valid');
    const unknown = await invoke(P.anna, 'no.such.verb', { cardId: 'x' });
    expect(JSON.stringify(unknown.value)).toContain('Uppgifterna är inte giltiga');
    // The call-in chain view is the secretary's: Sara sees the steps, Anna is refused.
    const [chain] = await h.t.app.store.read.callIns.findBy({ meetingId: 'R1', absentPersonId: P.anna.id });
    const data = { cardId: `chain-${chain!.id}`, cardKind: 'callin_chain', entityId: chain!.id };
    const forSara = await invoke(P.sara, 'refresh', data, { kind: 'personal' });
    expect(JSON.stringify(forSara.value)).toContain('Inkallelse för Anna Ledamot');
    const forAnna = await invoke(P.anna, 'refresh', data, { kind: 'personal' });
    expect(JSON.stringify(forAnna.value)).toContain('FORBIDDEN');
    // Someone the secretary puts in herself reads as such on the chain card, not as a yes.
    expect((await h.t.api(`/api/v1/meetings/R1/call-ins/${chain!.id}/override`, { as: 'p-sara@kumla.example', method: 'POST', json: { personId: P.emil.id, mode: 'assign' } })).status).toBe(200);
    const putIn = JSON.stringify((await invoke(P.sara, 'refresh', data, { kind: 'personal' })).value);
    expect(putIn).toContain('Emil Ersättare, Kumla kommun: insatt av sekreteraren');
    expect(putIn).not.toContain('tackat ja');
    // The RSVP view is the person's own.
    const rsvp = await invoke(P.emil, 'refresh', { cardId: 'rsvp-x', cardKind: 'kallelse_rsvp', entityId: 'R2' });
    expect(JSON.stringify(rsvp.value)).toContain('"personId":"p-emil"');
  });

  it('outbound sends retry only on 429/412/502/504, honouring Retry-After; other refusals are final', async () => {
    const before = sentTo(conv(P.anna)).length;
    h.connector.failNext(1, 429, { retryAfter: 30 });
    await h.deliver(personalMessage({ ...h.base(P.anna, { id: nextId() }), text: 'hej' }));
    await h.drain();
    expect(sentTo(conv(P.anna)).length).toBe(before);
    const [job] = (await h.t.app.store.read.jobs.list({ kind: 'teams.send', state: 'failed' })).slice(-1);
    expect(Date.parse(job!.runAt) - h.clock.now().getTime()).toBe(30_000);
    h.clock.advance(29_000);
    await h.drain();
    expect(sentTo(conv(P.anna)).length).toBe(before);
    h.clock.advance(1_000);
    await h.drain();
    expect(sentTo(conv(P.anna)).length).toBe(before + 1);

    h.connector.failNext(1, 403);
    await h.deliver(personalMessage({ ...h.base(P.anna, { id: nextId() }), text: 'hej igen' }));
    await h.drain();
    h.clock.advance(3600_000);
    await h.drain();
    expect(sentTo(conv(P.anna)).length).toBe(before + 1);
    expect((await h.t.app.store.read.jobs.list({ kind: 'teams.send', state: 'dead' })).some((j) => /403/.test(j.lastError ?? ''))).toBe(true);
    h.clock.set('2025-03-12T08:00:00.000Z');
  });

  it('queued sends to one conversation go out at most 7 per second through the job path', async () => {
    const target = conv(P.karl);
    const { runner } = h.t.app;
    await runner.run(runner.system('burst'), async (ctx) => {
      for (let i = 0; i < 15; i += 1) await enqueueSend(ctx, { to: { personId: P.karl.id }, message: { text: `nr ${i}` }, purpose: 'test', dedupeKey: `burst-${i}` });
    }, undefined);
    await h.drain();
    const burst = sentTo(target).filter((s) => /^nr \d+$/.test(String(s.activity.text)));
    // In the order they were enqueued, although the runner claims and starts them as one batch.
    expect(burst.map((s) => s.activity.text)).toEqual(Array.from({ length: 15 }, (_, i) => `nr ${i}`));
    const at = burst.map((s) => s.at);
    expect(at).toHaveLength(15);
    // Measured where the connector receives them (a few ms of network jitter on top of the 1 s window).
    for (let i = 7; i < at.length; i += 1) expect(at[i]! - at[i - 7]!).toBeGreaterThanOrEqual(900);
  });

  it('many sends to one conversation stay within about 7 per second', async () => {
    const { ConversationRateLimiter } = await import('../../../bot/teams/proactive-send');
    const limiter = new ConversationRateLimiter(7);
    const start = Date.now();
    const times: number[] = [];
    for (let i = 0; i < 15; i += 1) {
      const release = await limiter.take('c1');
      times.push(Date.now() - start);
      release();
    }
    for (let i = 7; i < times.length; i += 1) expect(times[i]! - times[i - 7]!).toBeGreaterThanOrEqual(1000);
    expect(times[6]!).toBeLessThan(500);
  });
});
