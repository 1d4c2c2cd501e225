/**
 * Planning over the API as the tab uses it: a joint meeting with its Teams link, a series from the council's
 * "Kommande möten" created all or none, moving it with the link kept, only the secretary allowed; and the
 * kallelse telling the secretary who truly cannot be reached in Teams and why (a person the bot never
 * talked with is reached by opening the chat, not listed as unreachable).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverToBot, personalMessage } from '../../kit/activities';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { startBotConnector, type BotConnector } from '../../kit/bot-connector';
import { json, planMeeting, seedCouncil, type Council } from '../agenda/fixture';

let t: TestApp;
let connector: BotConnector;
let council: Council;

const secretary = () => council.people.secretary.email;
const day = (n: number, hh = 8) => {
  const d = new Date(Date.now() + n * 86_400_000);
  d.setUTCHours(hh, 0, 0, 0);
  return d.toISOString();
};
const later = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3600_000).toISOString();

beforeAll(async () => {
  connector = await startBotConnector();
  t = await startTestApp();
  council = await seedCouncil(t);
}, 180_000);

afterAll(async () => {
  await t?.close();
  await connector?.close();
});

describe('planning meetings', () => {
  it('creates a joint meeting with its Teams link; a member may not; more than three bodies are refused', async () => {
    const startsAt = day(20);
    const input = { bodyIds: [council.bodyId, council.otherBodyId], startsAt, endsAt: later(startsAt, 2), place: 'Eklundavägen 1', documentKind: 'minnesanteckningar', teamsJoinUrl: 'https://teams.microsoft.com/l/meetup-join/abc' };
    const created = await json(await t.api('/api/v1/meetings', { method: 'POST', as: secretary(), json: input }), 201);
    expect(created.meeting).toMatchObject({ bodyIds: [council.bodyId, council.otherBodyId], documentKind: 'minnesanteckningar', place: 'Eklundavägen 1', teams: { joinUrl: input.teamsJoinUrl } });
    await json(await t.api('/api/v1/meetings', { method: 'POST', as: council.people.ledamot.email, json: { ...input, startsAt: day(21), endsAt: later(day(21), 2) } }), 403);
    const tooMany = await t.api('/api/v1/meetings', { method: 'POST', as: secretary(), json: { ...input, bodyIds: [council.bodyId, council.otherBodyId, 'x1', 'x2'] } });
    expect(tooMany.status).toBe(400);
    const notHttps = await json(await t.api('/api/v1/meetings', { method: 'POST', as: secretary(), json: { ...input, teamsJoinUrl: 'http://teams.example/x' } }), 400);
    expect(JSON.stringify(notHttps)).toContain('teamsJoinUrl');

    // Moving keeps the link; a new link replaces it.
    const moved = await json(await t.api(`/api/v1/meetings/${created.meeting.id}`, { method: 'PATCH', as: secretary(), json: { version: created.meeting.version, startsAt: day(22), endsAt: later(day(22), 2) } }), 200);
    expect(moved).toMatchObject({ status: 'moved', teams: { joinUrl: input.teamsJoinUrl } });
    const relinked = await json(await t.api(`/api/v1/meetings/${created.meeting.id}`, { method: 'PATCH', as: secretary(), json: { version: moved.version, teamsJoinUrl: 'https://teams.microsoft.com/l/meetup-join/new' } }), 200);
    expect(relinked.teams.joinUrl).toBe('https://teams.microsoft.com/l/meetup-join/new');
  });

  it('lists the dates under "Kommande möten" and creates a series from them all or none', async () => {
    const past = await planMeeting(t, council, day(-10));
    const dates = [day(30), day(44), day(58)].map((iso) => iso.slice(0, 10));
    for (const date of dates) await json(await t.api(`/api/v1/meetings/${past.meetingId}/upcoming-dates`, { method: 'POST', as: secretary(), json: { date, note: 'em' } }), 201);
    const listed = await json(await t.api(`/api/v1/bodies/${council.bodyId}/upcoming-dates`, { as: secretary() }), 200);
    expect(listed.dates).toEqual(dates.map((date) => ({ date, note: 'em', planned: false })));

    const before = (await json(await t.api(`/api/v1/meetings?bodyId=${council.bodyId}`, { as: secretary() }), 200)).meetings.length;
    const occasions = dates.map((d) => ({ startsAt: `${d}T12:00:00.000Z`, endsAt: `${d}T14:00:00.000Z` }));
    // One date clashes with a meeting already planned: nothing of the series is created.
    await planMeeting(t, council, occasions[2]!.startsAt);
    const refused = await json(await t.api('/api/v1/meetings/series', { method: 'POST', as: secretary(), json: { bodyIds: [council.bodyId], place: 'Digitalt', occasions } }), 400);
    expect(refused.error.messageSv).toContain(dates[2]);
    const after = (await json(await t.api(`/api/v1/meetings?bodyId=${council.bodyId}`, { as: secretary() }), 200)).meetings.length;
    expect(after).toBe(before + 1);

    await json(await t.api('/api/v1/meetings/series', { method: 'POST', as: council.people.ledamot.email, json: { bodyIds: [council.bodyId], occasions: occasions.slice(0, 2) } }), 403);
    const series = await json(await t.api('/api/v1/meetings/series', { method: 'POST', as: secretary(), json: { bodyIds: [council.bodyId], place: 'Digitalt', occasions: occasions.slice(0, 2) } }), 201);
    expect(series.meetingIds).toHaveLength(2);
    const again = await json(await t.api(`/api/v1/bodies/${council.bodyId}/upcoming-dates`, { as: secretary() }), 200);
    expect(again.dates.map((d: any) => d.planned)).toEqual([true, true, true]);
  });
});

describe('removing agenda items', () => {
  it('refuses to remove the running item on the server, whatever the tab offers', async () => {
    const meeting = await planMeeting(t, council, day(1));
    const first = meeting.items.find((i) => i.number === 1)!;
    const started = await t.api(`/api/v1/meetings/${meeting.meetingId}/agenda/items/${first.id}/start`, { method: 'POST', as: secretary(), json: { version: first.version } });
    expect(started.status, await started.clone().text()).toBe(200);
    const running = (await json(await t.api(`/api/v1/meetings/${meeting.meetingId}`, { as: secretary() }), 200)).items.find((i: any) => i.id === first.id);
    expect(running.status).toBe('active');
    const refused = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/agenda/items/${first.id}?version=${running.version}`, { method: 'DELETE', as: secretary() }), 409);
    expect(refused.error.messageSv).toContain('redan behandlats');
  });
});

describe('the kallelse names who truly cannot be reached', () => {
  it('opens chats for members the bot has not talked with; lists only those it cannot try, and later those Teams refused, with the reason', async () => {
    // Only the secretary has written to the bot (the service URL); Helena has no Teams account known; Teams refuses a chat with the chair.
    const hello = personalMessage({ serviceUrl: connector.url, botAppId: 'radslag-local', tenantId: t.app.store.tenantId, from: council.people.secretary.teams, text: 'hjälp' });
    expect((await deliverToBot(`${t.url}/api/messages`, hello)).status).toBe(200);
    const helena = await t.app.store.read.people.require(council.absentLedamot.id);
    await t.app.store.transaction((tx) => tx.people.update({ ...helena, aadObjectId: null }));
    connector.refuseConversationWith(council.people.chair.aadObjectId);
    const meeting = await planMeeting(t, council, day(5));

    const result = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/kallelse`, { method: 'POST', as: secretary() }), 200);
    expect(result.unreachable.map((u: any) => [u.name, u.reason])).toEqual([['Helena Fagerstedt', 'no_teams_account']]);
    expect(result.unreachable[0].reasonSv).toContain('Teams-konto');
    expect(result.sent.map((s: any) => s.name)).toContain('Jari Mehtäläinen');

    const deadline = Date.now() + 15_000;
    let o: any;
    do {
      o = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/kallelse`, { as: secretary() }), 200);
      if (o.people.every((p: any) => p.delivery?.state !== 'sending')) break;
      await new Promise((r) => setTimeout(r, 150));
    } while (Date.now() < deadline);
    const by = new Map<string, any>(o.people.map((p: any) => [p.name, p.delivery]));
    expect(by.get('Jari Mehtäläinen')).toEqual({ state: 'delivered' });
    expect(by.get('Behcet Barsom')).toMatchObject({ state: 'unreachable', reason: 'not_installed' });
    expect(by.get('Helena Fagerstedt')).toMatchObject({ state: 'unreachable', reason: 'no_teams_account' });
    await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/kallelse`, { as: council.people.ledamot.email }), 403);
  }, 60_000);

  it('after a move the overview shows the resend: a card delivered for the earlier date does not hide a failed one', async () => {
    const meeting = await planMeeting(t, council, day(9));
    const jari = council.people.ledamot;
    const overview = async () => {
      const deadline = Date.now() + 15_000;
      let o: any;
      do {
        o = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/kallelse`, { as: secretary() }), 200);
        if (o.people.every((p: any) => p.delivery?.state !== 'sending')) break;
        await new Promise((r) => setTimeout(r, 150));
      } while (Date.now() < deadline);
      return new Map<string, any>(o.people.map((p: any) => [p.personId, p.delivery]));
    };
    await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/kallelse`, { method: 'POST', as: secretary() }), 200);
    expect((await overview()).get(jari.id)).toEqual({ state: 'delivered' });

    // The meeting is moved; Jari's 1:1 chat is gone and Teams now refuses to open a new one.
    const m = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}`, { as: secretary() }), 200);
    await json(await t.api(`/api/v1/meetings/${meeting.meetingId}`, { method: 'PATCH', as: secretary(), json: { version: m.meeting.version, startsAt: day(10), endsAt: later(day(10), 2) } }), 200);
    const ref = await t.app.store.read.conversationRefs.findForPerson(jari.id);
    if (ref) await t.app.store.transaction((tx) => tx.conversationRefs.upsert({ ...ref, personId: null }));
    connector.refuseConversationWith(jari.aadObjectId);
    await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/kallelse`, { method: 'POST', as: secretary() }), 200);
    expect((await overview()).get(jari.id)).toMatchObject({ state: 'unreachable' });
  }, 60_000);
});
