import { TeamsActivityHandler, TurnContext, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue } from 'botbuilder';
import type { Meeting, Person } from '../../shared/domain';
import type { ConversationRef } from '../../shared/ports/store';
import { meetingEnded, meetingStarted, participantJoined, participantLeft } from '../../shared/services/attendance-service';
import { bindingChoices, suggestMeeting } from '../../shared/services/binding-service';
import { receiveChatMessage } from '../../shared/services/chat-message-service';
import { actorFor } from '../../shared/services/lookups';
import { enqueueSend } from '../../shared/services/outbox';
import { systemActor, type UseCaseContext } from '../../shared/usecase/context';
import type { Config } from '../config';
import { rscPermission } from '../../manifest/permissions';
import type { Logger } from '../logger';
import type { UseCaseRunner } from '../usecase/run-use-case';
import type { CardActionRegistry } from './card-action-dispatch';
import { channelOf, referencesFrom, replyKeyFor, teamsMeetingIdOf, tenantOf } from './conversation-references';
import { checkinModel } from './attendance/attendance-card-actions';

/** Teams delivers these events only to an app granted these resource-specific permissions (the manifest asks for them). */
const MEETING_EVENT_PERMISSIONS = [rscPermission('OnlineMeeting.ReadBasic.Chat'), rscPermission('ChannelMeeting.ReadBasic.Group')] as const;
const PARTICIPANT_EVENT_PERMISSIONS = [rscPermission('OnlineMeetingParticipant.Read.Chat')] as const;

/** Whether a stored conversation reference already says what this activity teaches (key order aside). */
function sameRef(a: ConversationRef, b: ConversationRef): boolean {
  const canon = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([p], [q]) => p.localeCompare(q))) : x));
  return a.kind === b.kind && (a.personId ?? null) === (b.personId ?? null) && (a.bodyId ?? null) === (b.bodyId ?? null) && (a.meetingId ?? null) === (b.meetingId ?? null) && canon(a.reference) === canon(b.reference);
}

/**
 * When a message was written, from Teams' own stamps: `timestamp` (UTC) and `localTimestamp` (the same instant in
 * the sender's offset). A förhinder is read as of then, however late it is processed; the offset gives the
 * sender's own "idag"/"imorgon".
 */
export function writtenAt(a: TurnContext['activity']): { sentAt?: string; senderUtcOffsetMinutes?: number } {
  const raw = a as { rawTimestamp?: string; rawLocalTimestamp?: string; timestamp?: unknown; localTimestamp?: unknown };
  const stamp = raw.rawTimestamp ?? raw.timestamp;
  const at = stamp ? new Date(stamp as string) : null;
  const local = raw.rawLocalTimestamp ?? (typeof raw.localTimestamp === 'string' ? raw.localTimestamp : undefined);
  const offset = local ? /(?:([+-])(\d{2}):?(\d{2})|Z)$/.exec(local) : null;
  return {
    ...(at && !Number.isNaN(at.getTime()) ? { sentAt: at.toISOString() } : {}),
    ...(offset ? { senderUtcOffsetMinutes: offset[1] ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0 } : {}),
  };
}

export function isEnglish(context: TurnContext): boolean {
  return /^en/i.test(context.activity.locale ?? '');
}

export interface RadslagBotDeps {
  config: Config;
  logger: Logger;
  runner: UseCaseRunner;
  cardActions: CardActionRegistry;
}

/**
 * The activity handler: maps each activity to use cases run through the runner under the key
 * `activity:<conversation id>:<activity id>`, so a redelivered activity finds the key and does nothing (no
 * write, no send). Replies and proactive messages are `teams.send` jobs enqueued in that same transaction, so
 * the HTTP answer to Teams is quick (well under 2 s) and a send is never lost or doubled.
 */
export class RadslagBot extends TeamsActivityHandler {
  constructor(private readonly deps: RadslagBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onConversationUpdate(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) await this.handleInstalled(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.runActivity(context, async () => undefined);
      await next();
    });
    this.onTeamsMeetingStartEvent(async (meeting, context, next) => {
      this.deps.logger.debug({ grantedBy: MEETING_EVENT_PERMISSIONS }, 'meeting start event');
      await this.handleMeetingStart(context, meeting.startTime ? new Date(meeting.startTime as unknown as string).toISOString() : this.at(context), meeting.joinUrl ?? null);
      await next();
    });
    this.onTeamsMeetingEndEvent(async (meeting, context, next) => {
      const at = meeting.endTime ? new Date(meeting.endTime as unknown as string).toISOString() : this.at(context);
      await this.withLinkedMeeting(context, (ctx, m) => meetingEnded(ctx, m, at));
      await next();
    });
    this.onTeamsMeetingParticipantsJoinEvent(async (details, context, next) => {
      this.deps.logger.debug({ grantedBy: PARTICIPANT_EVENT_PERMISSIONS, count: details.members?.length ?? 0 }, 'participants joined');
      await this.withLinkedMeeting(context, async (ctx, m, sender) => {
        for (const member of details.members ?? []) {
          const aad = member.user?.aadObjectId;
          if (aad) await participantJoined(ctx, m, { aadObjectId: aad, name: member.user?.name ?? '' }, this.at(context), sender);
        }
      });
      await next();
    });
    this.onTeamsMeetingParticipantsLeaveEvent(async (details, context, next) => {
      await this.withLinkedMeeting(context, async (ctx, m, sender) => {
        for (const member of details.members ?? []) {
          const aad = member.user?.aadObjectId;
          if (aad) await participantLeft(ctx, m, { aadObjectId: aad, name: member.user?.name ?? '' }, this.at(context), sender);
        }
      });
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, _value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const response = await this.deps.cardActions.dispatch(context.activity, { config: this.deps.config, runner: this.deps.runner, logger: this.deps.logger });
    return response as unknown as AdaptiveCardInvokeResponse;
  }

  /** The activity's own time (Teams stamps it), else the clock. */
  private at(context: TurnContext): string {
    const ts = context.activity.timestamp;
    const d = ts ? new Date(ts as unknown as string) : null;
    return d && !Number.isNaN(d.getTime()) ? d.toISOString() : this.deps.runner.clock.now().toISOString();
  }

  private tenantAllowed(context: TurnContext): boolean {
    if (this.deps.config.mode !== 'production') return true;
    const ok = tenantOf(context.activity) === this.deps.config.tenantId;
    if (!ok) this.deps.logger.warn({ activityId: context.activity.id }, 'bot: activity from another tenant ignored');
    return ok;
  }

  /**
   * One activity as one use case: the runner claims the activity's key in the transaction of its effects;
   * the sender's roster person is read, and what the activity teaches about conversations is stored, before
   * fn runs with the sender as actor.
   */
  private async runActivity(context: TurnContext, fn: (ctx: UseCaseContext, person: Person | null) => Promise<unknown>): Promise<void> {
    if (!this.tenantAllowed(context)) return;
    const a = context.activity;
    const key = `activity:${a.conversation?.id ?? ''}:${a.id ?? ''}`;
    const caller = { actor: systemActor(this.deps.runner.tenantId), correlationId: key, locale: isEnglish(context) ? ('en' as const) : ('sv' as const), idempotencyKey: key };
    await this.deps.runner.run(
      caller,
      async (uc: UseCaseContext) => {
        const person = a.from?.aadObjectId ? await uc.tx.people.findByAadObjectId(a.from.aadObjectId) : null;
        for (const ref of referencesFrom(a, person?.id ?? null)) {
          const existing = await uc.tx.conversationRefs.get(ref.key);
          const next = { ...ref, bodyId: ref.bodyId ?? existing?.bodyId ?? null, meetingId: ref.meetingId ?? existing?.meetingId ?? null, personId: ref.personId ?? existing?.personId ?? null };
          // Most activities come from a conversation we already know as it is: skip the write.
          if (existing && sameRef(existing, next)) continue;
          await uc.tx.conversationRefs.upsert(next);
        }
        await fn({ ...uc, actor: actorFor(person, uc.tenantId) }, person);
        // Nothing to return: the claimed key alone says "handled" (a redelivery only asks whether it exists).
        return undefined;
      },
      undefined,
    );
  }

  private async reply(ctx: UseCaseContext, context: TurnContext, message: Parameters<typeof enqueueSend>[1]['message'], suffix = ''): Promise<void> {
    const key = replyKeyFor(context.activity);
    if (!key) return;
    await enqueueSend(ctx, { to: { conversationKey: key }, message, purpose: 'reply', dedupeKey: `reply:${context.activity.conversation?.id}:${context.activity.id}${suffix}` });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const a = context.activity;
    const type = a.conversation?.conversationType ?? 'personal';
    // In a channel or group chat Teams sends us only messages that @mention the bot; strip the mention.
    const text = (type === 'personal' ? a.text ?? '' : TurnContext.removeRecipientMention(a) ?? a.text ?? '').replace(/<at>[^<]*<\/at>/g, '').trim();
    const aad = a.from?.aadObjectId;
    const replyKey = replyKeyFor(a);
    const channel = type === 'channel' ? channelOf(a) : null;
    await this.runActivity(context, async (ctx, person) => {
      if (!aad) return;
      await receiveChatMessage(ctx, {
        sender: { aadObjectId: aad, name: a.from?.name ?? '', person },
        text,
        locale: isEnglish(context) ? 'en' : 'sv',
        teamsMeetingId: teamsMeetingIdOf(a),
        channel: channel ? { teamId: channel.teamId, channelId: channel.channelId } : null,
        replyTo: replyKey ? { conversationKey: replyKey } : null,
        activityKey: `${a.conversation?.id}:${a.id}`,
        ...writtenAt(a),
      });
    });
  }

  private async handleInstalled(context: TurnContext): Promise<void> {
    const a = context.activity;
    const locale = isEnglish(context) ? 'en' : 'sv';
    const type = a.conversation?.conversationType ?? 'personal';
    await this.runActivity(context, async (ctx) => {
      if (type === 'personal') {
        await this.reply(ctx, context, { card: 'welcome', model: { locale, scope: 'personal' } });
        return;
      }
      const channel = channelOf(a);
      if (type === 'channel' && channel) {
        const key = `channel:${channel.channelId}`;
        const bound = (await ctx.tx.bodies.findBy({ teamsTeamId: channel.teamId }))[0];
        await enqueueSend(ctx, { to: { conversationKey: key }, purpose: 'install.welcome', dedupeKey: `install:${a.id}:welcome`, message: { card: 'welcome', model: { locale, scope: 'team', name: bound?.name ?? channel.teamName } } });
        if (!bound) {
          const choices = await bindingChoices(ctx, channel.teamName);
          await enqueueSend(ctx, {
            to: { conversationKey: key },
            purpose: 'install.binding',
            dedupeKey: `install:${a.id}:binding`,
            message: { card: 'bindingChooser', model: { locale, cardId: `binding-${channel.teamId}`, teamId: channel.teamId, channelId: channel.channelId, teamName: channel.teamName, ...choices } },
          });
        }
        return;
      }
      const teamsMeetingId = teamsMeetingIdOf(a);
      await this.reply(ctx, context, { card: 'welcome', model: { locale, scope: teamsMeetingId ? 'meeting' : 'team' } });
      if (teamsMeetingId) await this.offerLink(ctx, context, teamsMeetingId, ctx.clock.now().toISOString());
    });
  }

  /** Suggest the Rådslag meeting for an unlinked Teams meeting; the secretary confirms on the card. */
  private async offerLink(ctx: UseCaseContext, context: TurnContext, teamsMeetingId: string, at: string): Promise<void> {
    if (await ctx.tx.meetings.findByTeamsMeetingId(teamsMeetingId)) return;
    const suggestion = await suggestMeeting(ctx, at, null);
    if (!suggestion) return;
    const body = await ctx.tx.bodies.get(suggestion.bodyIds[0]!);
    await enqueueSend(ctx, {
      to: { conversationKey: `meeting:${teamsMeetingId}` },
      purpose: 'meeting.link',
      dedupeKey: `link:${teamsMeetingId}:${suggestion.id}`,
      message: {
        card: 'meetingLinkConfirm',
        model: { locale: isEnglish(context) ? 'en' : 'sv', cardId: `link-${teamsMeetingId}`, teamsMeetingId, meeting: { id: suggestion.id, version: suggestion.version, bodyName: body?.name ?? '', startsAt: suggestion.startsAt, timeZone: suggestion.timeZone } },
      },
    });
  }

  private async handleMeetingStart(context: TurnContext, at: string, joinUrl: string | null): Promise<void> {
    const teamsMeetingId = teamsMeetingIdOf(context.activity);
    if (!teamsMeetingId) return;
    await this.runActivity(context, async (ctx) => {
      const meeting = await ctx.tx.meetings.findByTeamsMeetingId(teamsMeetingId);
      if (!meeting) {
        await this.offerLink(ctx, context, teamsMeetingId, at);
        return;
      }
      const started = await meetingStarted(ctx, meeting, at);
      if (joinUrl && !started.teams?.joinUrl) await ctx.tx.meetings.update({ ...started, teams: { ...(started.teams ?? {}), joinUrl } });
      // People in the room check in with a card in the meeting chat.
      await enqueueSend(ctx, {
        to: { conversationKey: `meeting:${teamsMeetingId}` },
        purpose: 'meeting.checkin',
        dedupeKey: `checkin:${meeting.id}`,
        // No button in the message itself: each expected person gets their own view by refresh.
        message: { card: 'checkin', model: { ...(await checkinModel(ctx.tx, started, isEnglish(context) ? 'en' : 'sv')) } },
      });
    });
  }

  private async withLinkedMeeting(context: TurnContext, fn: (ctx: UseCaseContext, meeting: Meeting, sender: Person | null) => Promise<unknown>): Promise<void> {
    const teamsMeetingId = teamsMeetingIdOf(context.activity);
    if (!teamsMeetingId) return;
    await this.runActivity(context, async (ctx, sender) => {
      const meeting = await ctx.tx.meetings.findByTeamsMeetingId(teamsMeetingId);
      if (!meeting) {
        this.deps.logger.info({ teamsMeetingId }, 'bot: meeting event for a Teams meeting not linked to Rådslag');
        return;
      }
      await fn(ctx, meeting, sender);
    });
  }
}
