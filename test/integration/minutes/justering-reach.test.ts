/**
 * Issue 17 item 3: "Skicka för justering" reaches a justerare the bot has never talked with (the 1:1 chat is
 * opened with createConversation, POST /v3/conversations), and a justerare Teams will not open a chat with
 * is shown to the secretary as not reachable, with the reason, instead of silently failing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverToBot, personalMessage } from '../../kit/activities';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { startBotConnector, type BotConnector } from '../../kit/bot-connector';
import { remindJusterare } from '../../../shared/services/justering-service';
import { appointJusterare, json, planMeeting, seedCouncil, type Council, type PlannedMeeting } from '../agenda/fixture';

let t: TestApp;
let connector: BotConnector;
let council: Council;
let meeting: PlannedMeeting;

const secretary = () => council.people.secretary.email;

async function overviewUntil(done: (o: any) => boolean, timeoutMs = 10_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const o = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes`, { as: secretary() }), 200);
    if (done(o) || Date.now() > deadline) return o;
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  connector = await startBotConnector();
  t = await startTestApp();
  council = await seedCouncil(t);
  meeting = await planMeeting(t, council, new Date(Date.now() - 86_400_000).toISOString());
  // Only the secretary has ever written to the bot: that is where the service URL and tenant come from.
  const hello = personalMessage({ serviceUrl: connector.url, botAppId: 'radslag-local', tenantId: t.app.store.tenantId, from: council.people.secretary.teams, text: 'hjälp' });
  expect((await deliverToBot(`${t.url}/api/messages`, hello)).status).toBe(200);
  await appointJusterare(t, council, meeting.meetingId);
}, 60_000);

afterAll(async () => {
  await t?.close();
  await connector?.close();
});

describe('sending for justering to justerare the bot has not talked with', () => {
  it('opens the 1:1 chat for one, and reports the other as not reachable with the reason', async () => {
    // Teams will not open a chat with the chair: the app is installed neither for him nor in a team of his.
    connector.refuseConversationWith(council.people.chair.aadObjectId);
    expect(await t.app.store.read.conversationRefs.findForPerson(council.people.ledamot.id)).toBeNull();

    await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/versions`, { method: 'POST', as: secretary() }), 201);
    await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/justering`, { method: 'POST', as: secretary(), json: {} }), 200);

    // Jari: createConversation with his Entra object id, then the card in the new chat.
    const created = await connector.waitFor((s) => s.operation === 'createConversation' && JSON.stringify(connector.conversations.find((c) => c.id === s.conversationId)?.parameters).includes(council.people.ledamot.aadObjectId), 10_000);
    const params = connector.conversations.find((c) => c.id === created.conversationId)!.parameters as { isGroup: boolean; tenantId: string; bot: { id: string }; members: { id: string; aadObjectId?: string }[] };
    expect(params.isGroup).toBe(false);
    expect(params.tenantId).toBe(t.app.store.tenantId);
    expect(params.members).toEqual([{ id: council.people.ledamot.aadObjectId, aadObjectId: council.people.ledamot.aadObjectId }]);
    const card = await connector.waitFor((s) => s.operation === 'send' && s.conversationId === created.conversationId, 10_000);
    expect(JSON.stringify(card.activity)).toContain('Justera');
    // The chat is remembered: the next card to him needs no new conversation.
    expect((await t.app.store.read.conversationRefs.findForPerson(council.people.ledamot.id))?.reference).toMatchObject({ conversationId: created.conversationId });

    // The secretary's view: Jari got the card, Behcet could not be reached, and why.
    const o = await overviewUntil((x) => x.justeringRound?.pending?.every((p: any) => p.delivery && p.delivery.state !== 'sending'));
    const byName = new Map<string, any>(o.justeringRound.pending.map((p: any) => [p.name, p.delivery]));
    expect(byName.get('Jari Mehtäläinen')).toEqual({ state: 'delivered' });
    expect(byName.get('Behcet Barsom')).toMatchObject({ state: 'unreachable', reason: 'not_installed' });
    expect(byName.get('Behcet Barsom').reasonSv).toContain('inte installerat');
    expect(byName.get('Behcet Barsom').reasonEn).toContain('not installed');
    expect(o.justering.find((j: any) => j.name === 'Behcet Barsom').delivery.state).toBe('unreachable');
    // No card went anywhere for him.
    expect(connector.sent.some((s) => JSON.stringify(connector.conversations.find((c) => c.id === s.conversationId)?.parameters ?? {}).includes(council.people.chair.aadObjectId))).toBe(false);

    // A member who is not the secretary reads the minutes without anybody's delivery state.
    const asMember = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes`, { as: council.people.ledamot.email }), 200);
    expect(JSON.stringify(asMember.justeringRound?.pending ?? [])).not.toContain('delivery');
  }, 60_000);

  it('posts the request in the council channel with an @mention when no chat can be opened, and tells the secretary so', async () => {
    // Setup: the council bound to its channel (what the binding flow stores in production).
    const CHANNEL = '19:radslag-justering@thread.tacv2';
    const { store } = t.app;
    const body = await store.read.bodies.require(council.bodyId);
    await store.read.bodies.update({ ...body, teamsTeamId: 'team-j', teamsChannelId: CHANNEL });
    await store.read.conversationRefs.upsert({ key: `channel:${CHANNEL}`, kind: 'channel', bodyId: council.bodyId, reference: { serviceUrl: connector.url, conversationId: CHANNEL, tenantId: store.tenantId, botId: '28:radslag-local' } });

    // The secretary sends a new version: Teams still will not open a chat with Behcet.
    const v = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/versions`, { method: 'POST', as: secretary() }), 201);
    await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/justering`, { method: 'POST', as: secretary(), json: {} }), 200);

    const post = await connector.waitFor((s) => s.operation === 'send' && s.conversationId === CHANNEL, 10_000);
    const card = (post.activity.attachments as { content: any }[])[0]!.content;
    const mention = card.msteams.entities[0];
    expect(mention).toEqual({ type: 'mention', text: '<at>Behcet Barsom</at>', mentioned: { id: council.people.chair.aadObjectId, name: 'Behcet Barsom' } });
    const texts = JSON.stringify(card.body);
    expect(texts).toContain('<at>Behcet Barsom</at>: protokollet väntar på din justering');
    expect(texts).toContain(`meetingId=${encodeURIComponent(meeting.meetingId)}&minutesVersion=${v.number}`);
    // No button in the channel: everybody there sees the card, only the justerare may sign (in the tab).
    expect(card.actions ?? []).toEqual([]);
    // Jari still gets his own card in his chat, not in the channel.
    expect(connector.sent.filter((s) => s.conversationId === CHANNEL && JSON.stringify(s.activity).includes('Jari'))).toEqual([]);

    const o = await overviewUntil((x) => x.justeringRound?.pending?.every((p: any) => p.delivery && p.delivery.state !== 'sending'));
    const byName = new Map<string, any>(o.justeringRound.pending.map((p: any) => [p.name, p.delivery]));
    expect(byName.get('Jari Mehtäläinen')).toEqual({ state: 'delivered' });
    expect(byName.get('Behcet Barsom')).toMatchObject({ state: 'delivered_in_channel', reason: 'not_installed' });

    // The reminders three and one day before the deadline: Behcet is tried in his 1:1 chat again (still
    // refused), but the channel gets no second @mention for the same version; the secretary still sees where
    // the request went.
    const version = (await store.read.minutesVersions.findBy({ meetingId: meeting.meetingId })).find((x) => x.number === v.number)!;
    const posts = () => connector.sent.filter((s) => s.conversationId === CHANNEL && s.operation === 'send').length;
    expect(posts()).toBe(1);
    for (const daysBefore of [3, 1]) {
      const r = await t.app.runner.run(t.app.runner.system('test'), remindJusterare, { meetingId: meeting.meetingId, versionId: version.id, personId: council.people.chair.id, daysBefore });
      expect(r).toEqual({ sent: true });
      const key = `justering.card:${version.id}:${council.people.chair.id}:reminder-${daysBefore}`;
      const deadline = Date.now() + 10_000;
      let job = (await store.read.jobs.list({ kind: 'teams.send', dedupeKeyPrefix: key, limit: 1 }))[0];
      while ((!job || !['done', 'dead'].includes(job.state)) && Date.now() < deadline) {
        await new Promise((res) => setTimeout(res, 100));
        job = (await store.read.jobs.list({ kind: 'teams.send', dedupeKeyPrefix: key, limit: 1 }))[0];
      }
      expect(job?.state).toBe('dead');
      expect(job?.lastError).toMatch(/^unreachable:not_installed:/);
    }
    expect(posts()).toBe(1);
    const after = await overviewUntil(() => true);
    expect(new Map<string, any>(after.justeringRound.pending.map((p: any) => [p.name, p.delivery])).get('Behcet Barsom')).toMatchObject({ state: 'delivered_in_channel', reason: 'not_installed' });
  }, 60_000);
});
