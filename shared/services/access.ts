import { can, POLICY_REASON_TEXT, type Action, type Actor, type MembershipRole, type PolicyContext } from '../domain';
import { RadslagError } from '../errors/catalog';
import type { Meeting } from '../domain';
import type { Repositories } from '../ports/store';

const ACTION_TEXT: Partial<Record<Action, { sv: string; en: string }>> = {};

/** Throws FORBIDDEN with the policy's reason in both languages when the actor may not act. */
export function authorize(actor: Actor, action: Action, ctx: PolicyContext): void {
  const decision = can(actor, action, ctx);
  if (decision.allowed) return;
  const reason = decision.reason ? POLICY_REASON_TEXT[decision.reason] : undefined;
  const what = ACTION_TEXT[action];
  throw new RadslagError(
    'FORBIDDEN',
    { action: what?.en ?? action, reasonSv: reason?.sv, reasonEn: reason?.en },
    { action, reason: decision.reason, reasonSv: reason?.sv, reasonEn: reason?.en },
  );
}

/** The actor's roles on the given bodies, from the roster. */
export async function rolesOn(repos: Repositories, personId: string | null, bodyIds: readonly string[]): Promise<MembershipRole[]> {
  if (!personId) return [];
  const memberships = await repos.memberships.findBy({ personId });
  return memberships.filter((m) => bodyIds.includes(m.bodyId)).map((m) => m.role);
}

/** Policy facts for acting on a meeting. The current chair is resolved by the agenda services later. */
export async function meetingPolicyContext(
  repos: Repositories,
  actor: Actor,
  meeting: Meeting,
  extra: Partial<PolicyContext> = {},
): Promise<PolicyContext> {
  const roles = await rolesOn(repos, actor.personId, meeting.bodyIds);
  return {
    roles,
    isMeetingSecretary: actor.personId !== null && meeting.secretaryPersonIds.includes(actor.personId),
    isCurrentChair: actor.personId !== null && meeting.chairPersonId === actor.personId,
    isJusterare: actor.personId !== null && meeting.justerarePersonIds.includes(actor.personId),
    ...extra,
  };
}
