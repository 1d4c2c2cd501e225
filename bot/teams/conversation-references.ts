/**
 * Conversation references stored from incoming activities so the bot can message people, channels and
 * meeting chats proactively. Keys: `personal:<aadObjectId>` (1:1), `channel:<channelId>`, `meeting:<teams
 * meeting id>`, `chat:<chat id>`, and `thread:<conversation id>` for replies in a channel thread.
 */
import type { Activity } from 'botbuilder';
import type { ConversationRef } from '../../shared/ports/store';

export interface StoredReference {
  serviceUrl: string;
  tenantId: string;
  /** Missing for a member known from the team roster who has not chatted with the bot yet. */
  conversationId?: string;
  /** Teams user id ("29:…") to open a 1:1 conversation with. */
  userId?: string;
  aadObjectId?: string;
  conversationType?: string;
}

export function tenantOf(activity: Partial<Activity>): string | null {
  const cd = activity.channelData as { tenant?: { id?: string } } | undefined;
  return cd?.tenant?.id ?? (activity.conversation as { tenantId?: string } | undefined)?.tenantId ?? null;
}

export function teamsMeetingIdOf(activity: Partial<Activity>): string | null {
  return (activity.channelData as { meeting?: { id?: string } } | undefined)?.meeting?.id ?? null;
}

export function channelOf(activity: Partial<Activity>): { teamId: string; teamName: string; channelId: string } | null {
  const cd = activity.channelData as { team?: { id?: string; name?: string }; channel?: { id?: string }; settings?: { selectedChannel?: { id?: string } } } | undefined;
  if (!cd?.team?.id) return null;
  const channelId = cd.channel?.id ?? cd.settings?.selectedChannel?.id ?? cd.team.id;
  return { teamId: cd.team.id, teamName: cd.team.name ?? '', channelId };
}

/** The references one activity teaches us: the conversation itself, and the sender's personal chat. */
export function referencesFrom(activity: Partial<Activity>, personId: string | null): ConversationRef[] {
  const serviceUrl = activity.serviceUrl ?? '';
  const tenantId = tenantOf(activity) ?? '';
  const conv = activity.conversation;
  if (!conv?.id || !serviceUrl) return [];
  const type = conv.conversationType ?? 'personal';
  const base = { serviceUrl, tenantId, conversationType: type };
  const refs: ConversationRef[] = [];
  if (type === 'personal' && activity.from?.aadObjectId) {
    refs.push({ key: `personal:${activity.from.aadObjectId}`, kind: 'personal', personId, reference: { ...base, conversationId: conv.id, userId: activity.from.id, aadObjectId: activity.from.aadObjectId } });
  } else if (type === 'channel') {
    const ch = channelOf(activity);
    if (ch) refs.push({ key: `channel:${ch.channelId}`, kind: 'channel', reference: { ...base, conversationId: ch.channelId } });
    if (conv.id.includes(';messageid=')) refs.push({ key: `thread:${conv.id}`, kind: 'channel', reference: { ...base, conversationId: conv.id } });
  } else {
    const meetingId = teamsMeetingIdOf(activity);
    if (meetingId) refs.push({ key: `meeting:${meetingId}`, kind: 'meeting', reference: { ...base, conversationId: conv.id } });
    else refs.push({ key: `chat:${conv.id}`, kind: 'groupChat', reference: { ...base, conversationId: conv.id } });
  }
  return refs;
}

/** Where to answer this activity: the 1:1 chat, the thread, the meeting chat or the group chat. */
export function replyKeyFor(activity: Partial<Activity>): string | null {
  const conv = activity.conversation;
  if (!conv?.id) return null;
  const type = conv.conversationType ?? 'personal';
  if (type === 'personal') return activity.from?.aadObjectId ? `personal:${activity.from.aadObjectId}` : null;
  if (type === 'channel') return conv.id.includes(';messageid=') ? `thread:${conv.id}` : channelOf(activity) ? `channel:${channelOf(activity)!.channelId}` : null;
  const meetingId = teamsMeetingIdOf(activity);
  return meetingId ? `meeting:${meetingId}` : `chat:${conv.id}`;
}
