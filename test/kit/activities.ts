/**
 * Incoming Teams activities shaped as Teams sends them to a bot (Microsoft Learn: "Conversation
 * events in your Teams bot", "Meeting apps APIs", "Universal Actions for Adaptive Cards"), plus a
 * helper that delivers one to the bot endpoint with a Bot Framework token from the Entra stand-in.
 * Every builder takes the fake connector's URL as serviceUrl, the tenant, the sender and an
 * optional activity id (pass the same id twice to test redelivery).
 */
import { randomUUID } from 'node:crypto';
import type { EntraStandIn } from './entra-stand-in';

export interface TeamsUser {
  aadObjectId: string;
  name: string;
  /** Teams user id ("29:…"); derived from aadObjectId when omitted. */
  id?: string;
}

export type TeamsScope =
  | { kind: 'personal'; conversationId?: string }
  | { kind: 'channel'; teamId: string; teamName?: string; channelId: string; channelName?: string; aadGroupId?: string; rootMessageId?: string }
  | { kind: 'groupChat'; chatId: string }
  | { kind: 'meeting'; chatId: string; meetingId: string };

export interface ActivityBase {
  serviceUrl: string;
  botAppId: string;
  botName?: string;
  tenantId: string;
  from: TeamsUser;
  locale?: string;
  id?: string;
  timestamp?: Date;
  /** The sender's UTC offset in minutes for localTimestamp (default 60, CET). */
  utcOffsetMinutes?: number;
}

export type TeamsActivity = Record<string, unknown> & {
  type: string;
  id: string;
  channelId: 'msteams';
  serviceUrl: string;
  conversation: { id: string; conversationType: string; tenantId: string; isGroup?: boolean; name?: string };
  from: { id: string; name: string; aadObjectId: string };
  recipient: { id: string; name: string };
  channelData: Record<string, unknown>;
};

export const teamsUserId = (u: TeamsUser): string => u.id ?? `29:1${u.aadObjectId.replace(/-/g, '')}`;
export const botChannelAccountId = (botAppId: string): string => `28:${botAppId}`;
/** The personal (1:1) conversation id the kit uses for a user, stable per user and bot. */
export const personalConversationId = (botAppId: string, u: TeamsUser): string => `a:1${Buffer.from(`${botAppId}|${u.aadObjectId}`).toString('base64url')}`;

function conversationFor(base: ActivityBase, scope: TeamsScope, messageId: string): TeamsActivity['conversation'] {
  switch (scope.kind) {
    case 'personal':
      return { conversationType: 'personal', tenantId: base.tenantId, id: scope.conversationId ?? personalConversationId(base.botAppId, base.from) };
    case 'channel':
      // A channel message's conversation id carries the thread root: "<channel>;messageid=<root>".
      return { isGroup: true, conversationType: 'channel', tenantId: base.tenantId, id: `${scope.channelId};messageid=${scope.rootMessageId ?? messageId}` };
    case 'groupChat':
      return { isGroup: true, conversationType: 'groupChat', tenantId: base.tenantId, id: scope.chatId };
    case 'meeting':
      return { isGroup: true, conversationType: 'groupChat', tenantId: base.tenantId, id: scope.chatId };
  }
}

function channelDataFor(base: ActivityBase, scope: TeamsScope): Record<string, unknown> {
  const tenant = { id: base.tenantId };
  switch (scope.kind) {
    case 'channel':
      return {
        teamsChannelId: scope.channelId,
        teamsTeamId: scope.teamId,
        channel: { id: scope.channelId, ...(scope.channelName ? { name: scope.channelName } : {}) },
        team: { id: scope.teamId, ...(scope.teamName ? { name: scope.teamName } : {}), ...(scope.aadGroupId ? { aadGroupId: scope.aadGroupId } : {}) },
        tenant,
      };
    case 'meeting':
      return { tenant, meeting: { id: scope.meetingId } };
    default:
      return { tenant };
  }
}

function localTimestamp(at: Date, offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return new Date(at.getTime() + offsetMinutes * 60_000).toISOString().replace('Z', zone);
}

function envelope(type: string, base: ActivityBase, scope: TeamsScope, extra: Record<string, unknown> = {}): TeamsActivity {
  const id = base.id ?? String(Date.now()) + String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const locale = base.locale ?? 'sv-SE';
  const at = base.timestamp ?? new Date();
  const activity: TeamsActivity = {
    type,
    id,
    timestamp: at.toISOString(),
    // The same instant written in the client's offset (CET unless the test says otherwise), as Teams sends it.
    localTimestamp: localTimestamp(at, base.utcOffsetMinutes ?? 60),
    channelId: 'msteams',
    serviceUrl: base.serviceUrl,
    from: { id: teamsUserId(base.from), name: base.from.name, aadObjectId: base.from.aadObjectId },
    conversation: conversationFor(base, scope, id),
    recipient: { id: botChannelAccountId(base.botAppId), name: base.botName ?? 'Rådslag' },
    locale,
    channelData: channelDataFor(base, scope),
    ...extra,
  };
  return activity;
}

const clientInfo = (locale: string): Record<string, unknown> => ({ type: 'clientInfo', locale, country: locale.split('-')[1] ?? 'SE', platform: 'Web', timezone: 'Europe/Stockholm' });

/** A 1:1 chat message from a user to the bot. */
export function personalMessage(base: ActivityBase & { text: string; conversationId?: string }): TeamsActivity {
  return envelope('message', base, { kind: 'personal', ...(base.conversationId ? { conversationId: base.conversationId } : {}) }, {
    text: base.text,
    textFormat: 'plain',
    attachments: [],
    entities: [clientInfo(base.locale ?? 'sv-SE')],
  });
}

/** A channel message that @mentions the bot, with channelData.team/channel/tenant. */
export function channelMessage(base: ActivityBase & { text: string; scope: Extract<TeamsScope, { kind: 'channel' }>; mentionBot?: boolean }): TeamsActivity {
  const botName = base.botName ?? 'Rådslag';
  const mention = `<at>${botName}</at>`;
  const mentioned = base.mentionBot ?? true;
  return envelope('message', base, base.scope, {
    text: mentioned ? `${mention} ${base.text}` : base.text,
    textFormat: 'plain',
    attachments: [{ contentType: 'text/html', content: `<div><div>${mentioned ? `<span itemtype="http://schema.skype.com/Mention" itemscope="" itemid="0">${botName}</span> ` : ''}${base.text}</div></div>` }],
    entities: [
      ...(mentioned ? [{ type: 'mention', text: mention, mentioned: { id: botChannelAccountId(base.botAppId), name: botName } }] : []),
      clientInfo(base.locale ?? 'sv-SE'),
    ],
  });
}

/** A message in a meeting's chat (groupChat conversation with channelData.meeting.id). */
export function meetingChatMessage(base: ActivityBase & { text: string; chatId: string; meetingId: string }): TeamsActivity {
  return envelope('message', base, { kind: 'meeting', chatId: base.chatId, meetingId: base.meetingId }, {
    text: base.text,
    textFormat: 'plain',
    attachments: [],
    entities: [clientInfo(base.locale ?? 'sv-SE')],
  });
}

/** A message in an ordinary group chat. */
export function groupChatMessage(base: ActivityBase & { text: string; chatId: string }): TeamsActivity {
  return envelope('message', base, { kind: 'groupChat', chatId: base.chatId }, { text: base.text, textFormat: 'plain', attachments: [], entities: [clientInfo(base.locale ?? 'sv-SE')] });
}

/** conversationUpdate with the bot in membersAdded: the app was installed in a team. */
export function botInstalledInTeam(base: ActivityBase & { teamId: string; teamName: string; aadGroupId?: string; selectedChannelId?: string }): TeamsActivity {
  const scope: TeamsScope = { kind: 'channel', teamId: base.teamId, teamName: base.teamName, channelId: base.teamId, ...(base.aadGroupId ? { aadGroupId: base.aadGroupId } : {}) };
  const a = envelope('conversationUpdate', base, scope, { membersAdded: [{ id: botChannelAccountId(base.botAppId) }] });
  // The team's General channel has the team id; installation updates carry no thread root.
  a.conversation = { isGroup: true, conversationType: 'channel', tenantId: base.tenantId, id: base.teamId };
  a.channelData = {
    team: { id: base.teamId, name: base.teamName, ...(base.aadGroupId ? { aadGroupId: base.aadGroupId } : {}) },
    eventType: 'teamMemberAdded',
    tenant: { id: base.tenantId },
    settings: { selectedChannel: { id: base.selectedChannelId ?? base.teamId } },
  };
  return a;
}

/** conversationUpdate with the bot in membersAdded in a 1:1 chat (personal install). */
export function botInstalledPersonal(base: ActivityBase & { conversationId?: string }): TeamsActivity {
  return envelope('conversationUpdate', base, { kind: 'personal', ...(base.conversationId ? { conversationId: base.conversationId } : {}) }, {
    membersAdded: [{ id: botChannelAccountId(base.botAppId) }],
  });
}

/** conversationUpdate with the bot in membersAdded in a group chat (or a meeting chat with meetingId). */
export function botInstalledInGroupChat(base: ActivityBase & { chatId: string; meetingId?: string }): TeamsActivity {
  const scope: TeamsScope = base.meetingId ? { kind: 'meeting', chatId: base.chatId, meetingId: base.meetingId } : { kind: 'groupChat', chatId: base.chatId };
  return envelope('conversationUpdate', base, scope, { membersAdded: [{ id: botChannelAccountId(base.botAppId) }] });
}

/** conversationUpdate: users (not the bot) added to or removed from a team / chat. */
export function membersChanged(base: ActivityBase & { scope: TeamsScope; added?: TeamsUser[]; removed?: TeamsUser[] }): TeamsActivity {
  const a = envelope('conversationUpdate', base, base.scope, {
    ...(base.added ? { membersAdded: base.added.map((u) => ({ id: teamsUserId(u), aadObjectId: u.aadObjectId })) } : {}),
    ...(base.removed ? { membersRemoved: base.removed.map((u) => ({ id: teamsUserId(u), aadObjectId: u.aadObjectId })) } : {}),
  });
  if (base.scope.kind === 'channel') {
    a.conversation = { isGroup: true, conversationType: 'channel', tenantId: base.tenantId, id: base.scope.channelId };
    a.channelData = { ...a.channelData, eventType: base.removed ? 'teamMemberRemoved' : 'teamMemberAdded' };
  }
  return a;
}

/** installationUpdate: action add / remove (and the -upgrade variants) in a given scope. */
export function installationUpdate(base: ActivityBase & { action: 'add' | 'remove' | 'add-upgrade' | 'remove-upgrade'; scope: TeamsScope }): TeamsActivity {
  const a = envelope('installationUpdate', base, base.scope, { action: base.action });
  if (base.scope.kind === 'channel') {
    a.conversation = { isGroup: true, conversationType: 'channel', tenantId: base.tenantId, id: base.scope.channelId };
    a.channelData = { ...a.channelData, settings: { selectedChannel: { id: base.scope.channelId } }, source: { name: 'message' } };
  } else {
    a.channelData = { ...a.channelData, source: { name: 'message' } };
  }
  return a;
}

export interface MeetingDetails {
  meetingId: string;
  chatId: string;
  title: string;
  joinUrl?: string;
  meetingType?: 'Scheduled' | 'Recurring' | 'MeetNow' | 'Unknown';
}

function meetingEvent(name: string, base: ActivityBase & MeetingDetails, value: Record<string, unknown>): TeamsActivity {
  return envelope('event', base, { kind: 'meeting', chatId: base.chatId, meetingId: base.meetingId }, { name, value });
}

const joinUrlOf = (m: MeetingDetails): string => m.joinUrl ?? `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(m.chatId)}/0`;

/** application/vnd.microsoft.meetingStart; value in Teams' PascalCase (botbuilder's TeamsMeetingStartT). */
export function meetingStart(base: ActivityBase & MeetingDetails & { startTime?: Date }): TeamsActivity {
  return meetingEvent('application/vnd.microsoft.meetingStart', base, {
    Id: base.meetingId,
    MeetingType: base.meetingType ?? 'Scheduled',
    JoinUrl: joinUrlOf(base),
    Title: base.title,
    StartTime: (base.startTime ?? new Date()).toISOString(),
  });
}

/** application/vnd.microsoft.meetingEnd. */
export function meetingEnd(base: ActivityBase & MeetingDetails & { endTime?: Date }): TeamsActivity {
  return meetingEvent('application/vnd.microsoft.meetingEnd', base, {
    Id: base.meetingId,
    MeetingType: base.meetingType ?? 'Scheduled',
    JoinUrl: joinUrlOf(base),
    Title: base.title,
    EndTime: (base.endTime ?? new Date()).toISOString(),
  });
}

export interface ParticipantChange {
  user: TeamsUser;
  role?: 'Organizer' | 'Presenter' | 'Attendee';
}

function participantsValue(base: ActivityBase, members: ParticipantChange[], inMeeting: boolean): Record<string, unknown> {
  return {
    members: members.map((m) => ({
      user: { tenantId: base.tenantId, objectId: m.user.aadObjectId, id: teamsUserId(m.user), name: m.user.name, aadObjectId: m.user.aadObjectId },
      meeting: { inMeeting, role: m.role ?? 'Attendee' },
    })),
  };
}

/** application/vnd.microsoft.meetingParticipantJoin with value.members[{user, meeting:{inMeeting:true, role}}]. */
export function meetingParticipantJoin(base: ActivityBase & MeetingDetails & { members: ParticipantChange[] }): TeamsActivity {
  return meetingEvent('application/vnd.microsoft.meetingParticipantJoin', base, participantsValue(base, base.members, true));
}

/** application/vnd.microsoft.meetingParticipantLeave with value.members[{user, meeting:{inMeeting:false, role}}]. */
export function meetingParticipantLeave(base: ActivityBase & MeetingDetails & { members: ParticipantChange[] }): TeamsActivity {
  return meetingEvent('application/vnd.microsoft.meetingParticipantLeave', base, participantsValue(base, base.members, false));
}

/** invoke adaptiveCard/action (Universal Actions): value.action {type:'Action.Execute', verb, data}, value.trigger. */
export function adaptiveCardAction(
  base: ActivityBase & { scope: TeamsScope; verb: string; data?: Record<string, unknown>; trigger?: 'manual' | 'automatic'; replyToId?: string; actionId?: string },
): TeamsActivity {
  return envelope('invoke', { ...base, id: base.id ?? `f:${randomUUID()}` }, base.scope, {
    name: 'adaptiveCard/action',
    ...(base.replyToId ? { replyToId: base.replyToId } : {}),
    value: {
      action: { type: 'Action.Execute', ...(base.actionId ? { id: base.actionId } : {}), verb: base.verb, data: base.data ?? {} },
      trigger: base.trigger ?? 'manual',
    },
    entities: [clientInfo(base.locale ?? 'sv-SE')],
  });
}

/**
 * POSTs an activity to the bot's messaging endpoint as the Teams channel would: with a Bot Framework
 * token minted by the Entra stand-in (aud = bot app id, serviceurl = the activity's serviceUrl).
 * Without `entra` no Authorization header is sent (local mode).
 */
export async function deliverToBot(
  endpoint: string,
  activity: TeamsActivity,
  opts: { entra?: EntraStandIn; botAppId?: string; token?: string } = {},
): Promise<{ status: number; body: unknown; text: string }> {
  let token = opts.token;
  if (!token && opts.entra) {
    token = await opts.entra.mintBotFrameworkToken({ appId: opts.botAppId ?? activity.recipient.id.replace(/^28:/, ''), serviceUrl: activity.serviceUrl });
  }
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    // Not JSON: keep the text.
  }
  return { status: res.status, body, text };
}
