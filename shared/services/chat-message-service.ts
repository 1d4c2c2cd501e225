/**
 * A member writes to the bot (1:1, a channel thread, the meeting chat). Who they are on the roster is
 * found first; an unknown Teams user gets the "is this you?" card or is told to ask the secretary. A known
 * member's text is read as a förhinder (absence-service) against the meeting or body of the conversation.
 */
import type { Person } from '../domain';
import type { UseCaseContext } from '../usecase/context';
import { handleAbsenceMessage } from './absence-service';
import { resolveTeamsUser } from './binding-service';
import { localeOf } from './lookups';
import { enqueueSend, type Recipient } from './outbox';

export interface ChatMessageInput {
  /** The sender as Teams names them; the roster person (if linked) is looked up by the object id. */
  sender: { aadObjectId: string; name: string; person: Person | null };
  text: string;
  locale: 'sv' | 'en' | null;
  /** The conversation's Teams meeting and channel, when it is a meeting chat or a channel thread. */
  teamsMeetingId: string | null;
  channel: { teamId: string; channelId: string } | null;
  /** Where the answer goes; null when Teams gave no conversation to answer in (nothing is read then). */
  replyTo: Recipient | null;
  /** Unique per incoming message: the reply's dedupe key. */
  activityKey: string;
  /** When it was written (Teams' timestamp) and the sender's UTC offset then (localTimestamp): see absence-service. */
  sentAt?: string;
  senderUtcOffsetMinutes?: number;
}

export async function receiveChatMessage(ctx: UseCaseContext, input: ChatMessageInput): Promise<void> {
  const { tx } = ctx;
  const locale = input.locale ?? localeOf(input.sender.person);
  let who = input.sender.person;
  if (!who) {
    const resolved = await resolveTeamsUser(ctx, { aadObjectId: input.sender.aadObjectId, name: input.sender.name });
    if (resolved && 'person' in resolved) who = resolved.person;
    else if (resolved) {
      const org = resolved.suggestion.organisationId ? await tx.organisations.get(resolved.suggestion.organisationId) : null;
      const [m] = await tx.memberships.findBy({ personId: resolved.suggestion.id });
      const body = m ? await tx.bodies.get(m.bodyId) : null;
      await reply(ctx, input, {
        card: 'matchConfirm',
        model: { kind: 'self', locale, cardId: `match-${resolved.matchId}`, matchId: resolved.matchId, person: { id: resolved.suggestion.id, name: resolved.suggestion.name, organisation: org?.name ?? '', role: m?.role ?? '', bodyName: body?.name ?? '' } },
      });
      return;
    } else {
      await reply(ctx, input, { text: locale === 'en' ? 'I do not recognise you on any roster yet. Ask the secretary to add you.' : 'Jag hittar dig inte i någon ledamotslista ännu. Be sekreteraren lägga till dig.' });
      return;
    }
  }
  if (!input.replyTo) return;
  const contextMeeting = input.teamsMeetingId ? await tx.meetings.findByTeamsMeetingId(input.teamsMeetingId) : null;
  const contextBody = input.channel ? ((await tx.bodies.findBy({ teamsChannelId: input.channel.channelId }))[0] ?? (await tx.bodies.findBy({ teamsTeamId: input.channel.teamId }))[0]) : undefined;
  await handleAbsenceMessage(ctx, {
    person: who,
    text: input.text,
    locale,
    ...(contextMeeting ? { contextMeetingId: contextMeeting.id } : {}),
    ...(contextBody ? { contextBodyId: contextBody.id } : {}),
    replyTo: input.replyTo,
    activityKey: input.activityKey,
    ...(input.sentAt ? { sentAt: input.sentAt } : {}),
    ...(input.senderUtcOffsetMinutes !== undefined ? { senderUtcOffsetMinutes: input.senderUtcOffsetMinutes } : {}),
  });
}

async function reply(ctx: UseCaseContext, input: ChatMessageInput, message: Parameters<typeof enqueueSend>[1]['message']): Promise<void> {
  if (input.replyTo) await enqueueSend(ctx, { to: input.replyTo, message, purpose: 'reply', dedupeKey: `reply:${input.activityKey}` });
}
