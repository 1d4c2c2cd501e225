/**
 * At meeting end (Teams meetingEnd event over the bot endpoint) the first draft is written and the bot
 * posts "Utkast klart …" with a link in the council's channel; a second meetingEnd changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverToBot, meetingEnd } from '../../kit/activities';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { planMeeting, seedCouncil, type Council, type PlannedMeeting } from '../agenda/fixture';

const CHANNEL = '19:radslag-council@thread.tacv2';
const TEAMS_MEETING = 'MCMeetingEndTest';
let t: TestApp;
let council: Council;
let meeting: PlannedMeeting;

async function until<T>(fn: () => Promise<T | null | undefined>, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  t = await startTestApp({ runJobs: false });
  council = await seedCouncil(t);
  meeting = await planMeeting(t, council, '2025-05-16T07:00:00.000Z');
  // Setup: the council bound to its channel, the meeting to its Teams meeting (what binding and the
  // meeting link confirmation store in production).
  const { store } = t.app;
  const body = await store.read.bodies.require(council.bodyId);
  await store.read.bodies.update({ ...body, teamsTeamId: 'team-1', teamsChannelId: CHANNEL });
  const m = await store.read.meetings.require(meeting.meetingId);
  await store.read.meetings.update({ ...m, teams: { meetingId: TEAMS_MEETING, chatId: '19:meeting_chat@thread.v2' }, secretaryPersonIds: [council.people.secretary.id] });
  await store.read.conversationRefs.upsert({ key: `channel:${CHANNEL}`, kind: 'channel', bodyId: council.bodyId, reference: { serviceUrl: 'http://127.0.0.1:9/', conversationId: CHANNEL, tenantId: store.tenantId, botId: '28:radslag-local' } });
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('meeting end', () => {
  const end = () =>
    deliverToBot(
      `${t.url}/api/messages`,
      meetingEnd({ serviceUrl: 'http://127.0.0.1:9/', botAppId: 'radslag-local', tenantId: t.app.store.tenantId, from: council.people.chair.teams, meetingId: TEAMS_MEETING, chatId: '19:meeting_chat@thread.v2', title: 'Samverkansrådet', endTime: new Date('2025-05-16T10:05:00.000Z') }),
    );

  it('writes the first draft and posts "Utkast klart" with a link in the channel, once', async () => {
    expect((await end()).status).toBeLessThan(300);
    const job = await until(async () => (await t.app.store.read.jobs.list({ kind: 'minutes.meeting_end' }))[0]);
    expect(job.payload).toEqual({ meetingId: meeting.meetingId });
    await t.app.jobs.runDue();
    const versions = await t.app.store.read.minutesVersions.findBy({ meetingId: meeting.meetingId });
    expect(versions.map((v) => [v.number, v.status, v.createdBy])).toEqual([[1, 'draft', null]]);
    const sends = (await t.app.store.read.jobs.list({ kind: 'teams.send', limit: 100 })).map((j) => j.payload as { to: { conversationKey?: string }; message: { text?: string } });
    const notice = sends.filter((s) => s.to.conversationKey === `channel:${CHANNEL}`);
    expect(notice).toHaveLength(1);
    expect(notice[0]!.message.text).toMatch(/^Utkast klart: protokoll för Samverkansrådet .* 2025-05-16 \(version 1\)\. Sara Sekreterare: granska och skicka för justering: http/);
    expect(notice[0]!.message.text).toContain(`meetingId=${meeting.meetingId}`);

    // Teams may deliver meetingEnd again: no second draft, no second post.
    await end();
    await new Promise((r) => setTimeout(r, 200));
    await t.app.jobs.runDue();
    expect(await t.app.store.read.minutesVersions.findBy({ meetingId: meeting.meetingId })).toHaveLength(1);
    const again = (await t.app.store.read.jobs.list({ kind: 'teams.send', limit: 100 })).filter((j) => (j.payload as { to: { conversationKey?: string } }).to.conversationKey === `channel:${CHANNEL}`);
    expect(again).toHaveLength(1);
  });
});
