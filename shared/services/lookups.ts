/** Small lookups the conversational use cases share: who acts, a body's name, a meeting as cards show it. */
import type { Action, Actor, Meeting, Person, PolicyContext } from '../domain';
import { authorize, meetingPolicyContext } from './access';
import type { UseCaseContext } from '../usecase/context';

export { nowIso } from '../usecase/context';

export function actorFor(person: Person | null, tenantId: string): Actor {
  return { personId: person?.id ?? null, tenantId, isAdmin: person?.isAdmin ?? false };
}

export async function bodyName(ctx: Pick<UseCaseContext, 'tx'>, bodyId: string): Promise<string> {
  return (await ctx.tx.bodies.get(bodyId))?.name ?? '';
}

/** The small meeting summary every card shows. */
export async function meetingSummary(ctx: Pick<UseCaseContext, 'tx'>, meeting: Meeting): Promise<{ id: string; bodyName: string; startsAt: string; timeZone: string }> {
  return { id: meeting.id, bodyName: await bodyName(ctx, meeting.bodyIds[0]!), startsAt: meeting.startsAt, timeZone: meeting.timeZone };
}

export function localeOf(person: Person | null | undefined, fallback: 'sv' | 'en' = 'sv'): 'sv' | 'en' {
  return person?.locale ?? fallback;
}

/** The meeting, once the actor is allowed the action on it (FORBIDDEN otherwise). */
export async function meetingFor(ctx: Pick<UseCaseContext, 'tx' | 'actor'>, meetingId: string, action: Action, extra: Partial<PolicyContext> = {}): Promise<Meeting> {
  const meeting = await ctx.tx.meetings.require(meetingId);
  authorize(ctx.actor, action, await meetingPolicyContext(ctx.tx, ctx.actor, meeting, extra));
  return meeting;
}
