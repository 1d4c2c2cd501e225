import { MEMBERSHIP_ROLES, type Id, type MembershipRole } from './council';

/**
 * Who may do what. Pure functions over what the server knows about the actor; every route and card
 * action asks here, the UI only mirrors it.
 */
export const ACTIONS = [
  'body.read',
  'body.manage',
  'roster.manage',
  'meeting.read',
  'meeting.manage',
  'kallelse.send',
  'agenda.edit',
  'agenda.run',
  'chair.handover',
  'notes.edit',
  'decision.propose',
  'decision.confirm',
  'decision.reopen',
  'decision.withdraw',
  'decision.move',
  'vote.open',
  'vote.cast',
  'reservation.add',
  'reservation.record',
  'recusal.record',
  'task.manage',
  'attendance.correct',
  'attendance.checkin',
  'absence.report_own',
  'absence.report_for_other',
  'callin.manage',
  'callin.answer',
  'evaluation.submit',
  'minutes.read',
  'minutes.read_draft',
  'minutes.generate',
  'minutes.publish',
  'justering.sign',
  'justering.record_external',
  'person.export',
  'person.erase',
  'audit.read',
] as const;
export type Action = (typeof ACTIONS)[number];

export interface Actor {
  personId: Id | null;
  tenantId: string;
  isAdmin: boolean;
}

/** What the server knows about the actor in relation to one meeting (or body when meetingId is absent). */
export interface PolicyContext {
  /** The actor's roles on the bodies involved (for a joint meeting: all its bodies). */
  roles: readonly MembershipRole[];
  /** Meeting-level facts, when the action concerns a meeting. */
  isMeetingSecretary?: boolean;
  isCurrentChair?: boolean;
  isJusterare?: boolean;
  /** Voting member serving at this moment (ledamot present, or ersättare serving for one). */
  isServingMember?: boolean;
  /** The actor is the subject of the action (own attendance, own call-in, own data). */
  isSelf?: boolean;
  /** The meeting's minutes are locked (justerade). */
  minutesLocked?: boolean;
  /** The actor chairs the meeting (its chair, an ordförande of its body, or took the chair at an item). */
  isMeetingChair?: boolean;
  /** Who reads a draft before justering, as the body set it (null/absent: the secretary, chair and justerare). */
  draftReaders?: MinutesDraftReaders | null;
}

/** Who reads unjusterade drafts: 'leads' = the secretary, the chair and the justerare; 'members' = everyone who reads the minutes. */
export const MINUTES_DRAFT_READERS = ['leads', 'members'] as const;
export type MinutesDraftReaders = (typeof MINUTES_DRAFT_READERS)[number];

export interface PolicyDecision {
  allowed: boolean;
  /** Why not, for the refusal message (a key the UI translates). */
  reason?: PolicyReason;
}

export type PolicyReason =
  | 'not_member'
  | 'not_secretary'
  | 'not_chair_or_secretary'
  | 'not_justerare'
  | 'not_serving_member'
  | 'not_self'
  | 'not_admin'
  | 'minutes_locked'
  | 'draft_not_justerad';

const ALLOW: PolicyDecision = { allowed: true };
const deny = (reason: PolicyReason): PolicyDecision => ({ allowed: false, reason });

/** Every seat role counts as a member of the body for reading its meetings. */
const MEMBER_ROLES: readonly MembershipRole[] = MEMBERSHIP_ROLES;

function hasAny(roles: readonly MembershipRole[], wanted: readonly MembershipRole[]): boolean {
  return roles.some((r) => wanted.includes(r));
}

export function isSecretary(actor: Actor, ctx: PolicyContext): boolean {
  return actor.isAdmin || ctx.isMeetingSecretary === true || ctx.roles.includes('sekreterare');
}

export function can(actor: Actor, action: Action, ctx: PolicyContext): PolicyDecision {
  const member = actor.isAdmin || hasAny(ctx.roles, MEMBER_ROLES) || ctx.isMeetingSecretary === true;
  const secretary = isSecretary(actor, ctx);
  const chair = ctx.isCurrentChair === true;
  const lockedMinutes = ctx.minutesLocked === true;

  switch (action) {
    case 'body.read':
    case 'meeting.read':
    case 'minutes.read':
      return member ? ALLOW : deny('not_member');
    case 'minutes.read_draft':
      // A draft is not yet a record: until justerad, only those who prepare or check it read it, unless the body opened drafts to everyone.
      if (!member) return deny('not_member');
      if (secretary || lockedMinutes || ctx.draftReaders === 'members') return ALLOW;
      return ctx.isMeetingChair || ctx.isJusterare ? ALLOW : deny('draft_not_justerad');
    case 'body.manage':
    case 'person.erase':
    case 'audit.read':
      return actor.isAdmin ? ALLOW : deny('not_admin');
    case 'person.export':
      return actor.isAdmin || ctx.isSelf ? ALLOW : deny('not_self');
    case 'roster.manage':
    case 'meeting.manage':
    case 'kallelse.send':
    case 'agenda.edit':
    case 'callin.manage':
    case 'attendance.correct':
    case 'decision.confirm':
    case 'decision.reopen':
    case 'decision.withdraw':
    case 'decision.move':
    case 'reservation.record':
    case 'recusal.record':
    case 'minutes.generate':
    case 'minutes.publish':
    case 'justering.record_external':
    case 'absence.report_for_other':
      if (!secretary) return deny('not_secretary');
      if (lockedMinutes && (action === 'decision.confirm' || action === 'decision.reopen' || action === 'minutes.generate'))
        return deny('minutes_locked');
      return ALLOW;
    case 'notes.edit':
      if (!secretary) return deny('not_secretary');
      return lockedMinutes ? deny('minutes_locked') : ALLOW;
    case 'agenda.run':
    case 'chair.handover':
    case 'vote.open':
      return secretary || chair ? ALLOW : deny('not_chair_or_secretary');
    case 'decision.propose':
    case 'task.manage':
      if (lockedMinutes) return deny('minutes_locked');
      return secretary || chair ? ALLOW : deny('not_chair_or_secretary');
    case 'vote.cast':
    case 'reservation.add':
      return ctx.isServingMember ? ALLOW : deny('not_serving_member');
    case 'attendance.checkin':
    case 'absence.report_own':
    case 'callin.answer':
      if (!member) return deny('not_member');
      return ctx.isSelf !== false ? ALLOW : deny('not_self');
    case 'evaluation.submit':
      return member ? ALLOW : deny('not_member');
    case 'justering.sign':
      if (lockedMinutes) return deny('minutes_locked');
      return ctx.isJusterare ? ALLOW : deny('not_justerare');
  }
}

/** Swedish and English words for a refused action, used in error cards and responses. */
export const POLICY_REASON_TEXT: Record<PolicyReason, { sv: string; en: string }> = {
  not_member: { sv: 'du är inte med i det här organet', en: 'you are not a member of this body' },
  not_secretary: { sv: 'bara sekreteraren får göra det', en: 'only the secretary may do that' },
  not_chair_or_secretary: { sv: 'bara mötesordföranden eller sekreteraren får göra det', en: 'only the chair or the secretary may do that' },
  not_justerare: { sv: 'bara utsedda justerare får justera', en: 'only the appointed verifiers may sign' },
  not_serving_member: { sv: 'bara tjänstgörande ledamöter får rösta eller reservera sig', en: 'only serving members may vote or enter a reservation' },
  not_self: { sv: 'du kan bara göra det för dig själv', en: 'you can only do that for yourself' },
  not_admin: { sv: 'bara en administratör får göra det', en: 'only an administrator may do that' },
  minutes_locked: { sv: 'protokollet är justerat och låst', en: 'the minutes are signed and locked' },
  draft_not_justerad: { sv: 'utkastet är inte justerat ännu; det läses av sekreteraren, ordföranden och justerarna', en: 'the draft is not signed off yet; the secretary, the chair and the verifiers read it' },
};
