/**
 * What every agenda, decision, vote and task use case needs before it acts: the meeting, its items and
 * chair handovers, the policy facts for the actor (with the current chair resolved per item and the
 * serving members when a vote or reservation asks).
 */
import { deriveItemSeats, type Action, type AgendaItem, type Attendance, type ChairHandover, type Decision, type ItemSeat, type Meeting, type Membership, type PolicyContext, type Actor } from '../domain';
import { RadslagError } from '../errors/catalog';
import type { Repositories } from '../ports/store';
import { authorize, meetingPolicyContext } from './access';
import { currentChairFor, currentItemNumber, leadsItem } from './agenda-chair';
import { quorumAtItem, quorumFor, quorumPerBody, quorumPerBodyAtItem, servingFromSeats, servingMembers, type BodyQuorum, type QuorumCount, type ServingMember } from './quorum';

export interface MeetingScene {
  meeting: Meeting;
  items: AgendaItem[];
  handovers: ChairHandover[];
}

export async function loadScene(repos: Repositories, meetingId: string): Promise<MeetingScene> {
  const meeting = await repos.meetings.require(meetingId);
  const items = await repos.agendaItems.findBy({ meetingId }, 'number');
  const handovers = await repos.chairHandovers.findBy({ meetingId });
  return { meeting, items, handovers };
}

export function requireItem(scene: MeetingScene, itemId: string): AgendaItem {
  const item = scene.items.find((i) => i.id === itemId);
  if (!item) throw new RadslagError('NOT_FOUND', { entity: 'Ärendet / The agenda item' });
  return item;
}

/**
 * Policy facts on a meeting. `isCurrentChair` comes from the handovers: the chair of `itemNumber` when
 * the action concerns one item, else of the item the meeting is at.
 */
export async function policyOn(
  repos: Repositories,
  actor: Actor,
  scene: MeetingScene,
  itemNumber?: number | null,
  extra: Partial<PolicyContext> = {},
  bodyMemberships?: readonly Membership[],
): Promise<PolicyContext> {
  const n = itemNumber ?? currentItemNumber(scene.items);
  const chair = currentChairFor(scene.meeting, scene.handovers, n);
  const policy = await meetingPolicyContext(repos, actor, scene.meeting, { isCurrentChair: actor.personId !== null && chair === actor.personId, ...extra }, bodyMemberships);
  // A joint meeting: each council's chair leads the items no handover covers (agenda-chair.ts, leadsItem).
  if (extra.isCurrentChair === undefined && !policy.isCurrentChair && leadsItem(scene.meeting, scene.handovers, n, actor.personId, policy.roles)) return { ...policy, isCurrentChair: true };
  return policy;
}

/**
 * The start of every change to one agenda item: the meeting, the item, the actor authorized for `action` at
 * that item, and, given `version`, the item still at the version the person saw (else CONFLICT_STALE with it).
 */
export async function itemInScene(repos: Repositories, actor: Actor, meetingId: string, itemId: string, action: Action, version?: number): Promise<{ scene: MeetingScene; item: AgendaItem }> {
  const scene = await loadScene(repos, meetingId);
  const item = requireItem(scene, itemId);
  authorize(actor, action, await policyOn(repos, actor, scene, item.number));
  if (version !== undefined && item.version !== version) throw new RadslagError('CONFLICT_STALE', {}, item);
  return { scene, item };
}

export interface DecisionInScene {
  decision: Decision;
  scene: MeetingScene;
  item: AgendaItem;
}

/**
 * The start of every change to one decision: the decision, its meeting and item, and the actor authorized
 * for `action` at that item. `facts` adds policy facts that need the decision first (who serves, who may vote).
 */
export async function decisionInScene(
  repos: Repositories,
  actor: Actor,
  decisionId: string,
  action: Action,
  facts?: (found: DecisionInScene) => Promise<Partial<PolicyContext>>,
): Promise<DecisionInScene> {
  const decision = await repos.decisions.require(decisionId);
  const scene = await loadScene(repos, decision.meetingId);
  const item = requireItem(scene, decision.itemId);
  const found = { decision, scene, item };
  authorize(actor, action, await policyOn(repos, actor, scene, item.number, facts ? await facts(found) : {}));
  return found;
}

export interface RosterFacts {
  memberships: Membership[];
  attendance: Attendance[];
}

/** Every membership of the meeting's bodies: one IN query for a joint meeting, in the meeting's body order. */
export async function bodyMembershipsOf(repos: Repositories, meeting: Meeting): Promise<Membership[]> {
  const rank = new Map(meeting.bodyIds.map((b, i) => [b, i]));
  return (await repos.memberships.findIn('bodyId', meeting.bodyIds)).sort((a, b) => (rank.get(a.bodyId) ?? 0) - (rank.get(b.bodyId) ?? 0));
}

/** `memberships`: the bodies' memberships when the caller already read them in this transaction. */
export async function rosterFacts(repos: Repositories, meeting: Meeting, memberships?: Membership[]): Promise<RosterFacts> {
  memberships ??= await bodyMembershipsOf(repos, meeting);
  const attendance = await repos.attendance.findBy({ meetingId: meeting.id });
  return { memberships, attendance };
}

export interface ServingFacts {
  serving: ServingMember[];
  quorum: QuorumCount;
  /** A joint meeting: each body's quorum from its own list (one entry for a single body). */
  quorumPerBody: BodyQuorum[];
  /** The meeting's attendance the answer was computed from (callers listing who is present reuse it). */
  attendance: Attendance[];
}

/**
 * Who held each seat at each item that has run, from the stored facts (tjänstgöring per item). `known`: what
 * the caller read already in this transaction.
 */
export async function itemSeatsOf(
  repos: Repositories,
  meeting: Meeting,
  known: { memberships?: Membership[]; items?: AgendaItem[]; attendance?: Attendance[] } = {},
): Promise<ItemSeat[]> {
  const memberships = known.memberships ?? (await bodyMembershipsOf(repos, meeting));
  const items = known.items ?? (await repos.agendaItems.findBy({ meetingId: meeting.id }, 'number'));
  const attendance = known.attendance ?? (await repos.attendance.findBy({ meetingId: meeting.id }));
  const intervals = await repos.attendanceIntervals.findBy({ meetingId: meeting.id });
  const numberOf = new Map(items.map((i) => [i.id, i.number]));
  const recusals = (await repos.recusals.findBy({ meetingId: meeting.id })).flatMap((r) => (numberOf.has(r.itemId) ? [{ personId: r.personId, itemNumber: numberOf.get(r.itemId)! }] : []));
  return deriveItemSeats({ bodyIds: meeting.bodyIds, memberships, attendance, intervals, items, recusals });
}

/**
 * Serving members and quorum at an item, jäv taken into account. An item that has started reads who holds
 * each seat at it by the councils' rules (an ersättare takes or gives back a seat only between items); an
 * item not yet started, or none, reads the attendance states as they stand.
 * `items`: the meeting's items when the caller has them (one read less).
 */
export async function servingAt(repos: Repositories, meeting: Meeting, item: AgendaItem | null, memberships?: Membership[], items?: AgendaItem[]): Promise<ServingFacts> {
  const facts = await rosterFacts(repos, meeting, memberships);
  if (item?.startedAt) {
    const seats = await itemSeatsOf(repos, meeting, { memberships: facts.memberships, attendance: facts.attendance, ...(items ? { items } : {}) });
    const args = [seats, item.number, meeting.bodyIds] as const;
    return { serving: servingFromSeats(...args), quorum: quorumAtItem(...args, facts.memberships), quorumPerBody: quorumPerBodyAtItem(...args, facts.memberships), attendance: facts.attendance };
  }
  const recused = item ? (await repos.recusals.findBy({ itemId: item.id })).map((r) => r.personId) : [];
  const input = { bodyIds: meeting.bodyIds, memberships: facts.memberships, attendance: facts.attendance, itemNumber: item?.number ?? null, recusedPersonIds: recused };
  return { serving: servingMembers(input), quorum: quorumFor(input), quorumPerBody: quorumPerBody(input), attendance: facts.attendance };
}

export function stateError(sv: string, en: string): RadslagError {
  return new RadslagError('CONFLICT_STATE', { detailSv: sv, detailEn: en }, { sv, en });
}
