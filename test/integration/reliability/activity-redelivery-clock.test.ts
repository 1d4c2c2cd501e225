import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { startBotConnector, type BotConnector } from '../../kit/bot-connector';
import {
  botInstalledInTeam,
  botInstalledPersonal,
  channelMessage,
  installationUpdate,
  meetingEnd,
  meetingParticipantJoin,
  meetingParticipantLeave,
  meetingStart,
  membersChanged,
  personalMessage,
  type TeamsActivity,
} from '../../kit/activities';
import { changedTables, dbDigest } from '../security/db-digest';

const ADMIN = 'admin@radslag.local';
const BOT = '00000000-0000-0000-0000-0000000000b0';

/**
 * Teams redelivers an activity when our answer is late or lost, typically after ~15 s and again later. Every
 * kind of activity the bot acts on is delivered once, then again with the same id with the injected clock
 * 15 s and 30 s later (so anything time-based — a dedupe window, a lease, a "recent" check — is past):
 * no table changes and nothing more is sent. (Issue 4's redelivery.test.ts replays a whole scripted meeting
 * immediately; this adds the delay.)
 */
describe('activity redelivery after 15 s and 30 s', () => {
  let t: TestApp;
  let connector: BotConnector;
  let now = Date.now();
  const clock = { now: () => new Date(now) };
  const anna = { aadObjectId: randomUUID(), name: 'Anna Ledamot' };
  const sara = { aadObjectId: randomUUID(), name: 'Sara Sekreterare' };
  const TEAM = '19:team-redeliver@thread.tacv2';
  const MT = 'MCMxOTptZWV0aW5nX3JlZGVsaXZlcl9jbG9jaw==';
  const CHAT = '19:meeting_redeliver_clock@thread.v2';

  beforeAll(async () => {
    connector = await startBotConnector();
    t = await startTestApp({ clock, runJobs: false });
    const post = async (path: string, json: unknown, method = 'POST') => {
      const res = await t.api(path, { method, as: ADMIN, json });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${text}`);
      return JSON.parse(text) as Record<string, any>;
    };
    const body = await post('/api/v1/bodies', { name: 'Redelivery-rådet', kind: 'råd' });
    const pa = await post('/api/v1/people', { name: anna.name, email: `anna.${randomUUID().slice(0, 6)}@kumla.se`, aadObjectId: anna.aadObjectId });
    const ps = await post('/api/v1/people', { name: sara.name, email: `sara.${randomUUID().slice(0, 6)}@region.se`, aadObjectId: sara.aadObjectId });
    await post(`/api/v1/bodies/${body.id}/memberships`, { personId: pa.id, role: 'ledamot' });
    await post(`/api/v1/bodies/${body.id}/memberships`, { personId: ps.id, role: 'sekreterare' });
    const m = await post('/api/v1/meetings', { bodyIds: [body.id], startsAt: new Date(now + 86_400_000).toISOString(), endsAt: new Date(now + 90_000_000).toISOString(), secretaryPersonIds: [ps.id] });
    await post(`/api/v1/meetings/${m.meeting.id}/teams-link`, { teamsMeetingId: MT, chatId: CHAT, version: m.meeting.version }, 'PUT');
  });
  afterAll(async () => {
    await t?.close();
    await connector?.close();
  });

  const deliver = async (a: TeamsActivity) => {
    const res = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(a) });
    await res.arrayBuffer();
    return res.status;
  };

  it('no second effect, nothing sent twice', async () => {
    let n = 0;
    const base = (from: typeof anna) => ({ serviceUrl: connector.url, botAppId: BOT, tenantId: 'local', from, id: `clock-${(n += 1)}` });
    const details = { meetingId: MT, chatId: CHAT, title: 'Redelivery-rådet' };
    const script: TeamsActivity[] = [
      botInstalledPersonal({ ...base(anna) }),
      botInstalledInTeam({ ...base(sara), teamId: TEAM, teamName: 'Rådet' }),
      installationUpdate({ ...base(sara), action: 'add', scope: { kind: 'personal' } }),
      membersChanged({ ...base(sara), scope: { kind: 'channel', teamId: TEAM, channelId: TEAM }, added: [anna] }),
      personalMessage({ ...base(anna), text: 'Hej' }),
      personalMessage({ ...base(anna), text: 'Förhinder till nästa möte, jag är sjuk' }),
      channelMessage({ ...base(sara), text: 'Rådslag hjälp', scope: { kind: 'channel', teamId: TEAM, channelId: TEAM }, mentionBot: true }),
      meetingStart({ ...base(sara), ...details }),
      meetingParticipantJoin({ ...base(sara), ...details, members: [{ user: anna }, { user: sara }] }),
      meetingParticipantLeave({ ...base(sara), ...details, members: [{ user: anna }] }),
      meetingEnd({ ...base(sara), ...details }),
    ];
    for (const a of script) {
      expect(await deliver(a)).toBe(200);
      now += 1000;
      await t.app.jobs.runDue();
    }
    for (let i = 0; i < 3; i++) await t.app.jobs.runDue();
    const before = await dbDigest(t.app.database.db);
    const sent = connector.sent.length;
    expect(sent).toBeGreaterThan(0);
    for (const delay of [15_000, 15_000]) {
      now += delay;
      for (const a of script) expect(await deliver(a)).toBe(200);
      for (let i = 0; i < 3; i++) await t.app.jobs.runDue();
    }
    expect(changedTables(before, await dbDigest(t.app.database.db))).toEqual([]);
    expect(connector.sent.length).toBe(sent);
  });
});
