import { describe, expect, it } from 'vitest';
import { TeamsActivityHandler, TestAdapter, TurnContext, type AdaptiveCardInvokeValue, type AdaptiveCardInvokeResponse } from 'botbuilder';
import {
  adaptiveCardAction,
  botInstalledInGroupChat,
  botInstalledInTeam,
  botInstalledPersonal,
  channelMessage,
  installationUpdate,
  meetingChatMessage,
  meetingEnd,
  meetingParticipantJoin,
  meetingParticipantLeave,
  meetingStart,
  personalMessage,
  type TeamsActivity,
} from '../../kit/activities';

const TENANT = '11111111-2222-3333-4444-555555555555';
const BOT_APP = 'b0b0b0b0-0000-0000-0000-000000000001';
const anna = { aadObjectId: 'aaaa0000-0000-0000-0000-00000000a001', name: 'Anna Andersson' };
const base = { serviceUrl: 'http://127.0.0.1:9/', botAppId: BOT_APP, tenantId: TENANT, from: anna, locale: 'sv-SE' };
const meeting = { meetingId: 'MCMxOTptZWV0aW5nX2FiY0B0aHJlYWQudjIjMA==', chatId: '19:meeting_abc@thread.v2', title: 'Chefsgruppen' };
const team = { kind: 'channel' as const, teamId: '19:team@thread.tacv2', teamName: 'Samverkansråd', channelId: '19:ch@thread.tacv2', channelName: 'Protokoll', aadGroupId: '0d6e1f0e-0000-0000-0000-00000000beef' };

/** Records which botbuilder Teams handler each fixture reaches and what it extracts. */
class Recorder extends TeamsActivityHandler {
  readonly seen: [string, unknown][] = [];
  constructor() {
    super();
    this.onMessage(async (ctx, next) => {
      this.seen.push(['message', { text: ctx.activity.text, conversationType: ctx.activity.conversation.conversationType, team: ctx.activity.channelData?.team?.id, meeting: ctx.activity.channelData?.meeting?.id, mentions: TurnContext.getMentions(ctx.activity) }]);
      await next();
    });
    this.onTeamsMembersAddedEvent(async (members, teamInfo, _ctx, next) => {
      this.seen.push(['membersAdded', { ids: members.map((m) => m.id), team: teamInfo?.id ?? null }]);
      await next();
    });
    this.onInstallationUpdateAdd(async (ctx, next) => {
      this.seen.push(['installationAdd', ctx.activity.conversation.conversationType]);
      await next();
    });
    this.onTeamsMeetingStartEvent(async (m, _ctx, next) => {
      this.seen.push(['meetingStart', { id: m.id, title: m.title, startTime: m.startTime instanceof Date && !Number.isNaN(m.startTime.getTime()) }]);
      await next();
    });
    this.onTeamsMeetingEndEvent(async (m, _ctx, next) => {
      this.seen.push(['meetingEnd', { id: m.id, endTime: m.endTime instanceof Date && !Number.isNaN(m.endTime.getTime()) }]);
      await next();
    });
    this.onTeamsMeetingParticipantsJoinEvent(async (d, _ctx, next) => {
      this.seen.push(['participantsJoin', d.members.map((m) => [m.user.aadObjectId, m.meeting.role, m.meeting.inMeeting])]);
      await next();
    });
    this.onTeamsMeetingParticipantsLeaveEvent(async (d, _ctx, next) => {
      this.seen.push(['participantsLeave', d.members.map((m) => [m.user.aadObjectId, m.meeting.inMeeting])]);
      await next();
    });
  }
  protected override async onAdaptiveCardInvoke(ctx: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    // botbuilder's parsed value keeps only action/authentication/state; trigger stays on the raw value.
    this.seen.push(['adaptiveCardAction', { verb: value.action.verb, type: value.action.type, data: value.action.data, trigger: (ctx.activity.value as { trigger?: string }).trigger }]);
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'ok' as unknown as Record<string, unknown> };
  }
}

async function run(activity: TeamsActivity): Promise<[string, unknown][]> {
  const handler = new Recorder();
  const adapter = new TestAdapter();
  await adapter.processActivity(activity as never, (ctx) => handler.run(ctx));
  return handler.seen;
}

describe('Teams activity fixtures reach the right botbuilder Teams handlers', () => {
  it('1:1 message', async () => {
    const a = personalMessage({ ...base, text: 'förhinder 3/4', id: '1732300000001' });
    expect(a).toMatchObject({ id: '1732300000001', channelId: 'msteams', conversation: { conversationType: 'personal', tenantId: TENANT }, from: { aadObjectId: anna.aadObjectId }, recipient: { id: `28:${BOT_APP}` }, channelData: { tenant: { id: TENANT } }, locale: 'sv-SE' });
    expect(await run(a)).toEqual([['message', expect.objectContaining({ text: 'förhinder 3/4', conversationType: 'personal' })]]);
  });

  it('channel message with an <at> mention of the bot', async () => {
    const a = channelMessage({ ...base, text: 'protokoll', scope: team });
    expect(a.conversation.id).toBe(`${team.channelId};messageid=${a.id}`);
    expect(a.channelData).toMatchObject({ team: { id: team.teamId, name: 'Samverkansråd' }, channel: { id: team.channelId }, tenant: { id: TENANT } });
    const [[kind, seen]] = (await run(a)) as [[string, { text: string; team: string; mentions: { mentioned: { id: string } }[] }]];
    expect(kind).toBe('message');
    expect(seen.text).toBe('<at>Rådslag</at> protokoll');
    expect(seen.team).toBe(team.teamId);
    expect(seen.mentions.map((m) => m.mentioned.id)).toEqual([`28:${BOT_APP}`]);
  });

  it('meeting chat message', async () => {
    const a = meetingChatMessage({ ...base, text: 'hej', ...meeting });
    expect(await run(a)).toEqual([['message', expect.objectContaining({ conversationType: 'groupChat', meeting: meeting.meetingId })]]);
  });

  it('installation by conversationUpdate in team, personal and group chat', async () => {
    expect(await run(botInstalledInTeam({ ...base, teamId: team.teamId, teamName: team.teamName }))).toEqual([['membersAdded', { ids: [`28:${BOT_APP}`], team: team.teamId }]]);
    expect(await run(botInstalledPersonal(base))).toEqual([['membersAdded', { ids: [`28:${BOT_APP}`], team: null }]]);
    expect(await run(botInstalledInGroupChat({ ...base, chatId: meeting.chatId, meetingId: meeting.meetingId }))).toEqual([['membersAdded', { ids: [`28:${BOT_APP}`], team: null }]]);
  });

  it('installationUpdate add', async () => {
    expect(await run(installationUpdate({ ...base, action: 'add', scope: team }))).toEqual([['installationAdd', 'channel']]);
    expect(await run(installationUpdate({ ...base, action: 'add', scope: { kind: 'personal' } }))).toEqual([['installationAdd', 'personal']]);
  });

  it('meeting start / end events parse with botbuilder’s own schema', async () => {
    expect(await run(meetingStart({ ...base, ...meeting }))).toEqual([['meetingStart', { id: meeting.meetingId, title: 'Chefsgruppen', startTime: true }]]);
    expect(await run(meetingEnd({ ...base, ...meeting }))).toEqual([['meetingEnd', { id: meeting.meetingId, endTime: true }]]);
  });

  it('participant join / leave events', async () => {
    const bo = { aadObjectId: 'bbbb', name: 'Bo' };
    expect(await run(meetingParticipantJoin({ ...base, ...meeting, members: [{ user: anna, role: 'Organizer' }, { user: bo }] }))).toEqual([
      ['participantsJoin', [[anna.aadObjectId, 'Organizer', true], ['bbbb', 'Attendee', true]]],
    ]);
    expect(await run(meetingParticipantLeave({ ...base, ...meeting, members: [{ user: bo }] }))).toEqual([['participantsLeave', [['bbbb', false]]]]);
  });

  it('adaptiveCard/action invoke with Action.Execute', async () => {
    const a = adaptiveCardAction({ ...base, scope: { kind: 'meeting', chatId: meeting.chatId, meetingId: meeting.meetingId }, verb: 'decision.confirm', data: { decisionId: 'd1' }, replyToId: '1732300000009' });
    expect(a.replyToId).toBe('1732300000009');
    expect(await run(a)).toEqual([['adaptiveCardAction', { verb: 'decision.confirm', type: 'Action.Execute', data: { decisionId: 'd1' }, trigger: 'manual' }]]);
  });
});
