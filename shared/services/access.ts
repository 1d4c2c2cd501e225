import { can, POLICY_REASON_TEXT, type Action, type Actor, type MembershipRole, type PolicyContext } from '../domain';
import { RadslagError } from '../errors/catalog';
import type { Meeting, Membership } from '../domain';
import type { Repositories } from '../ports/store';
import { currentItemNumber, leadsItem } from './agenda-chair';

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

/** The person's roles on the given bodies from memberships already loaded (those of the bodies, or more). */
export function rolesIn(memberships: readonly Membership[], personId: string | null, bodyIds: readonly string[]): MembershipRole[] {
  if (!personId) return [];
  return memberships.filter((m) => m.personId === personId && bodyIds.includes(m.bodyId)).map((m) => m.role);
}

/** The actor's roles on the given bodies, from the roster. */
export async function rolesOn(repos: Repositories, personId: string | null, bodyIds: readonly string[]): Promise<MembershipRole[]> {
  if (!personId) return [];
  const memberships = await repos.memberships.findBy({ personId });
  return memberships.filter((m) => bodyIds.includes(m.bodyId)).map((m) => m.role);
}

/**
 * Policy facts for acting on a meeting. The current chair is the chair of the item the meeting is at, after
 * chair handovers (agenda-chair.ts); callers acting on one item pass `isCurrentChair` for that item.
 */
export async function meetingPolicyContext(
  repos: Repositories,
  actor: Actor,
  meeting: Meeting,
  extra: Partial<PolicyContext> = {},
  /** The meeting's bodies' memberships when the caller has them: the roles come from them, no query. */
  bodyMemberships?: readonly Membership[],
): Promise<PolicyContext> {
  const roles = bodyMemberships ? rolesIn(bodyMemberships, actor.personId, meeting.bodyIds) : await rolesOn(repos, actor.personId, meeting.bodyIds);
  return {
    roles,
    isMeetingSecretary: actor.personId !== null && meeting.secretaryPersonIds.includes(actor.personId),
    isCurrentChair: extra.isCurrentChair ?? (actor.personId !== null && (await leadsNow(repos, meeting, actor.personId, roles))),
    isJusterare: actor.personId !== null && meeting.justerarePersonIds.includes(actor.personId),
    ...extra,
  };
}

/** Whether the person leads the item the meeting is at now (its chair after handovers; in a joint meeting each council's chair too). */
async function leadsNow(repos: Repositories, meeting: Meeting, personId: string, roles: readonly MembershipRole[]): Promise<boolean> {
  const handovers = await repos.chairHandovers.findBy({ meetingId: meeting.id });
  if (handovers.length === 0) return meeting.chairPersonId === personId || (meeting.bodyIds.length > 1 && roles.includes('ordförande'));
  const items = await repos.agendaItems.findBy({ meetingId: meeting.id }, 'number');
  return leadsItem(meeting, handovers, currentItemNumber(items), personId, roles);
}
