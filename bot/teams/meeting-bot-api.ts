/** The secretary's HTTP-facing use cases of issue 4 (kallelse, call-in chain, attendance, guests, link). */
import type { Meeting } from '../../shared/domain';
import type { DomainEvent, EventBus } from '../../shared/ports/events';
import type { Clock, IdGenerator, Store } from '../../shared/ports/store';
import { authorize, meetingPolicyContext } from '../../shared/services/access';
import { attendanceList, classifyGuest, correctAttendance, type AttendanceCorrection } from '../../shared/services/attendance-service';
import { linkMeeting } from '../../shared/services/binding-service';
import type { BotEnv } from '../../shared/services/bot-env';
import { callInChains, overrideCallIn, setCallInTimeout, DEFAULT_CALL_IN_TIMEOUT_MINUTES } from '../../shared/services/call-in-service';
import type { RequestContext } from '../../shared/services/context';
import { sendKallelse } from '../../shared/services/kallelse-service';
import type { Action } from '../../shared/domain';
import { RadslagError } from '../../shared/errors/catalog';

export class MeetingBotApi {
  constructor(private readonly deps: { store: Store; clock: Clock; ids: IdGenerator; events: EventBus; afterCommit: () => void }) {}

  private async run<T>(ctx: RequestContext, meetingId: string, action: Action, fn: (env: BotEnv, meeting: Meeting) => Promise<T>): Promise<T> {
    const events: DomainEvent[] = [];
    const out = await this.deps.store.transaction(async (tx) => {
      const meeting = await tx.meetings.require(meetingId);
      authorize(ctx.actor, action, await meetingPolicyContext(tx, ctx.actor, meeting));
      const env: BotEnv = { tx, clock: this.deps.clock, ids: this.deps.ids, tenantId: this.deps.store.tenantId, correlationId: ctx.correlationId, events };
      return fn(env, meeting);
    });
    for (const e of events) await this.deps.events.publish(e);
    this.deps.afterCommit();
    return out;
  }

  sendKallelse(ctx: RequestContext, meetingId: string) {
    return this.run(ctx, meetingId, 'kallelse.send', (env, m) => sendKallelse(env, m, ctx.actor.personId));
  }

  async callIns(ctx: RequestContext, meetingId: string) {
    return this.run(ctx, meetingId, 'meeting.read', async (env, m) => {
      const [s] = await env.tx.meetingBotSettings.findBy({ meetingId: m.id });
      return { timeoutMinutes: s?.callInTimeoutMinutes ?? DEFAULT_CALL_IN_TIMEOUT_MINUTES, chains: await callInChains(env, m.id) };
    });
  }

  overrideCallIn(ctx: RequestContext, meetingId: string, callInId: string, input: { personId: string; mode: 'assign' | 'ask' }) {
    return this.run(ctx, meetingId, 'callin.manage', async (env, m) => {
      const callIn = await env.tx.callIns.require(callInId);
      if (callIn.meetingId !== m.id) throw new RadslagError('NOT_FOUND', { entity: 'Inkallelsen / The call-in' });
      const saved = await overrideCallIn(env, callInId, input.personId, input.mode);
      await env.tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'callin.override', entity: 'call_in', entityId: callInId, details: input, correlationId: ctx.correlationId });
      return saved;
    });
  }

  setCallInTimeout(ctx: RequestContext, meetingId: string, minutes: number) {
    return this.run(ctx, meetingId, 'callin.manage', async (env, m) => {
      await setCallInTimeout(env, m.id, minutes);
      await env.tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'callin.timeout_set', entity: 'meeting', entityId: m.id, details: { minutes }, correlationId: ctx.correlationId });
      return { timeoutMinutes: minutes };
    });
  }

  attendance(ctx: RequestContext, meetingId: string) {
    return this.run(ctx, meetingId, 'meeting.read', (env, m) => attendanceList(env, m));
  }

  correctAttendance(ctx: RequestContext, meetingId: string, c: AttendanceCorrection) {
    return this.run(ctx, meetingId, 'attendance.correct', (env, m) => correctAttendance(env, m, c, ctx.actor.personId));
  }

  classifyGuest(ctx: RequestContext, meetingId: string, personId: string, input: { title?: string | null; bodyId?: string | null; samePersonId?: string | null }) {
    return this.run(ctx, meetingId, 'attendance.correct', (env, m) => classifyGuest(env, m, personId, input, ctx.actor.personId));
  }

  linkTeamsMeeting(ctx: RequestContext, meetingId: string, input: { teamsMeetingId: string; joinUrl?: string | null; chatId?: string | null; version: number }) {
    return this.run(ctx, meetingId, 'meeting.manage', (env, m) => linkMeeting(env, m.id, input.version, { meetingId: input.teamsMeetingId, joinUrl: input.joinUrl ?? null, chatId: input.chatId ?? null }, ctx.actor.personId));
  }
}
