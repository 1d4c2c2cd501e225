/**
 * View models for the meeting's cards (items, decisions, votes, tools) from what the store holds: names, the viewer's role on the card, the
 * quorum line and the refresh list. The server still checks the policy on every action; a view only
 * decides which buttons a person sees.
 */
import { randomUUID } from 'node:crypto';
import { isSecretary, type Actor, type AgendaItem, type Decision, type Meeting, type Membership, type Person, type PolicyContext, type StandardDecisionKey } from '../../../shared/domain';
import type { Repositories } from '../../../shared/ports/store';
import { personSummary } from '../../../shared/services/attendance-rows';
import { currentChairFor } from '../../../shared/services/agenda-chair';
import { loadScene, policyOn, servingAt, type MeetingScene, type ServingFacts } from '../../../shared/services/agenda-access';
import { tallyOf } from '../../../shared/services/vote-service';
import { chairVersionOf } from '../../../shared/services/agenda-service';
import { REFRESH_USER_LIMIT, type AdaptiveCardJson, type CardViewer } from '../cards/card-kit';
import { chairHandoverCard } from './chair-handover-card';
import { decisionCard } from '../decisions/decision-card';
import { evaluationCard } from './evaluation-card';
import { itemCard } from './item-card';
import { recusalCard } from '../decisions/recusal-card';
import { reservationCard } from '../decisions/reservation-card';
import { standardDecisionCard } from '../decisions/standard-decision-card';
import { taskCard } from './task-card';
import { voteCard } from '../decisions/vote-card';
import type { CardViewContext } from './card-context';

export const newCardId = (kind: string): string => `${kind}:${randomUUID()}`;

export async function nameOf(repos: Repositories, personId: string | null | undefined): Promise<string> {
  if (!personId) return '—';
  return (await repos.people.get(personId))?.name ?? '—';
}

/** Names of several people in one query (unknown or missing ids read '—'). */
export async function namesOf(repos: Repositories, personIds: ReadonlyArray<string | null | undefined>, known: readonly Person[] = []): Promise<Map<string, string>> {
  const names = new Map(known.map((p) => [p.id, p.name]));
  const ids = [...new Set(personIds.filter((id): id is string => !!id && !names.has(id)))];
  const people = ids.length === 0 ? [] : ids.length === 1 ? [await repos.people.get(ids[0]!)] : await repos.people.findIn('id', ids);
  for (const p of people) if (p) names.set(p.id, p.name);
  return names;
}

const nameIn = (names: Map<string, string>, personId: string | null | undefined): string => (personId ? (names.get(personId) ?? '—') : '—');

/** The view from policy facts already computed for the item (the service's authorize used the same facts). */
export function viewerFromPolicy(actor: Actor, policy: PolicyContext): CardViewer {
  if (isSecretary(actor, policy)) return 'secretary';
  if (policy.isCurrentChair) return 'chair';
  return policy.roles.length > 0 ? 'member' : 'observer';
}

/** Secretary, the item's current chair, a member of the bodies, or an observer. */
export async function viewerFor(repos: Repositories, actor: Actor, scene: MeetingScene, itemNumber: number): Promise<CardViewer> {
  return viewerFromPolicy(actor, await policyOn(repos, actor, scene, itemNumber));
}

/**
 * Whom a card lists for refresh: the presser, the secretaries, the item's chair, then the serving members
 * and everyone else present, at most 60 (Teams' limit).
 */
export async function refreshUsers(repos: Repositories, ctx: CardViewContext, scene: MeetingScene, item: AgendaItem | null, roster?: ServingFacts): Promise<string[]> {
  const chair = currentChairFor(scene.meeting, scene.handovers, item?.number ?? 1);
  // The card's own serving facts when it has them: same transaction, same rows, no second load.
  const facts = roster ?? (await servingAt(repos, scene.meeting, item, undefined, scene.items));
  const present = facts.attendance.filter((a) => a.state === 'present').map((a) => a.personId);
  const { serving } = facts;
  const ordered = [...scene.meeting.secretaryPersonIds, ...(chair ? [chair] : []), ...serving.map((s) => s.personId), ...present];
  const ids = [...new Set(ordered)];
  const resolved = ctx.teamsUserIdsFor ? await ctx.teamsUserIdsFor(ids).catch(() => [] as string[]) : [];
  return [...new Set([ctx.userId, ...resolved])].filter((id) => id.length > 0).slice(0, REFRESH_USER_LIMIT);
}

export async function itemCardFor(repos: Repositories, ctx: CardViewContext, scene: MeetingScene, item: AgendaItem, cardId: string, viewer?: CardViewer): Promise<AdaptiveCardJson> {
  const roster = await servingAt(repos, scene.meeting, item, undefined, scene.items);
  const { quorum } = roster;
  return itemCard({
    locale: ctx.locale,
    cardId,
    meetingId: scene.meeting.id,
    item: {
      id: item.id,
      version: item.version,
      status: item.status,
      number: item.number,
      title: item.title,
      presenters: await Promise.all(item.presenters.map(async (p) => (p.personId ? await nameOf(repos, p.personId) : p.name))),
      attachments: item.attachments,
      plannedMinutes: item.plannedMinutes ?? null,
    },
    quorum: item.kind === 'beslut' || item.status === 'active' ? { present: quorum.present, total: quorum.total } : null,
    viewer: viewer ?? (await viewerFor(repos, ctx.actor, scene, item.number)),
    refreshUserIds: await refreshUsers(repos, ctx, scene, item, roster),
  });
}

/**
 * `loaded`: the meeting scene (and the bodies' memberships) the caller already read in this transaction (a
 * confirm's service call), so the card does not read them again.
 */
export async function decisionCardFor(
  repos: Repositories,
  ctx: CardViewContext,
  d: Decision,
  cardId: string,
  viewer?: CardViewer,
  loaded?: { scene?: MeetingScene; memberships?: Membership[] },
): Promise<AdaptiveCardJson> {
  const reuse = loaded?.scene?.meeting.id === d.meetingId ? loaded : undefined;
  const scene = reuse?.scene ?? (await loadScene(repos, d.meetingId));
  const item = scene.items.find((i) => i.id === d.itemId)!;
  const roster = await servingAt(repos, scene.meeting, item, reuse?.memberships, scene.items);
  const { quorum } = roster;
  const names = await namesOf(repos, [d.proposedBy, d.confirmedBy, ...d.reservations.map((r) => r.personId)], ctx.knownPeople);
  return decisionCard({
    locale: ctx.locale,
    cardId,
    timeZone: scene.meeting.timeZone,
    item: { number: item.number, title: item.title },
    decision: {
      id: d.id,
      version: d.version,
      text: d.text,
      status: d.status,
      postponed: d.postponed,
      proposedByName: nameIn(names, d.proposedBy),
      proposedAt: d.proposedAt,
      confirmedByName: d.confirmedBy ? nameIn(names, d.confirmedBy) : null,
      confirmedAt: d.confirmedAt ?? null,
      reservations: d.reservations.map((r) => ({ name: nameIn(names, r.personId), text: r.text ?? null })),
      hasVote: !!d.vote,
    },
    quorum: { present: quorum.present, total: quorum.total },
    viewer: viewer ?? (await viewerFor(repos, ctx.actor, scene, item.number)),
    refreshUserIds: await refreshUsers(repos, ctx, scene, item, roster),
  });
}

export async function voteCardFor(repos: Repositories, ctx: CardViewContext, d: Decision, cardId: string): Promise<AdaptiveCardJson> {
  const scene = await loadScene(repos, d.meetingId);
  const item = scene.items.find((i) => i.id === d.itemId)!;
  const vote = d.vote!;
  const me = ctx.actor.personId;
  return voteCard({
    locale: ctx.locale,
    cardId,
    decision: { id: d.id, version: d.version },
    question: vote.question,
    status: vote.closedAt ? 'closed' : 'open',
    tally: tallyOf(d),
    eligibleCount: vote.eligiblePersonIds.length,
    viewer: await viewerFor(repos, ctx.actor, scene, item.number),
    viewerIsServing: me !== null && vote.eligiblePersonIds.includes(me),
    viewerVote: vote.votes.find((v) => v.personId === me)?.choice ?? null,
    refreshUserIds: await refreshUsers(repos, ctx, scene, item),
  });
}

/** Which one-tap decisions fit an item: its standard key decides; content items get noted / postponed. */
export function standardKeysFor(item: AgendaItem): StandardDecisionKey[] {
  switch (item.standardKey) {
    case 'agenda':
      return ['agenda_approved'];
    case 'justerare':
      return ['justerare_elected'];
    case 'previous_minutes':
      return ['minutes_filed'];
    case 'reports':
      return ['information_noted'];
    case 'open':
    case 'close':
    case 'upcoming':
    case 'evaluation':
      return [];
    default:
      return item.kind === 'information' ? ['information_noted', 'postponed'] : ['postponed', 'information_noted'];
  }
}

async function presentPeople(repos: Repositories, meeting: Meeting): Promise<Array<{ personId: string; name: string }>> {
  // Each person once, though a joint meeting keeps a row per body for someone with several seats.
  const present = personSummary(await repos.attendance.findBy({ meetingId: meeting.id })).filter((a) => a.state === 'present');
  const names = await namesOf(repos, present.map((a) => a.personId));
  const out = present.map((a) => ({ personId: a.personId, name: nameIn(names, a.personId) }));
  return out.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

export async function standardCardFor(repos: Repositories, ctx: CardViewContext, scene: MeetingScene, item: AgendaItem, cardId: string): Promise<AdaptiveCardJson | null> {
  const offered = standardKeysFor(item);
  if (offered.length === 0) return null;
  return standardDecisionCard({ locale: ctx.locale, cardId, meetingId: scene.meeting.id, item: { id: item.id, number: item.number, title: item.title }, present: await presentPeople(repos, scene.meeting), offered });
}

export async function taskFormFor(repos: Repositories, ctx: CardViewContext, scene: MeetingScene, item: AgendaItem | null, cardId: string): Promise<AdaptiveCardJson> {
  return taskCard({ mode: 'form', locale: ctx.locale, cardId, meetingId: scene.meeting.id, itemId: item?.id ?? null, people: await presentPeople(repos, scene.meeting) });
}

export async function recusalCardFor(repos: Repositories, ctx: CardViewContext, scene: MeetingScene, item: AgendaItem, cardId: string): Promise<AdaptiveCardJson> {
  const recused = await repos.recusals.findBy({ itemId: item.id });
  return recusalCard({
    locale: ctx.locale,
    cardId,
    meetingId: scene.meeting.id,
    item: { id: item.id, number: item.number, title: item.title },
    people: await presentPeople(repos, scene.meeting),
    recusedNames: await Promise.all(recused.map((r) => nameOf(repos, r.personId))),
  });
}

export async function handoverCardFor(repos: Repositories, ctx: CardViewContext, scene: MeetingScene, itemNumber: number, cardId: string): Promise<AdaptiveCardJson> {
  return chairHandoverCard({
    locale: ctx.locale,
    cardId,
    // The card's version is the chair version: only another handover makes this form stale.
    meeting: { id: scene.meeting.id, version: chairVersionOf(scene) },
    currentChairName: await nameOf(repos, currentChairFor(scene.meeting, scene.handovers, itemNumber)),
    people: await presentPeople(repos, scene.meeting),
    currentItemNumber: itemNumber,
  });
}

export async function reservationCardFor(ctx: CardViewContext, item: AgendaItem, d: Decision, cardId: string): Promise<AdaptiveCardJson> {
  return reservationCard({ locale: ctx.locale, cardId, item: { number: item.number }, decision: { id: d.id, text: d.text } });
}

export function evaluationCardFor(ctx: CardViewContext, meetingId: string, cardId: string, submitted = false): AdaptiveCardJson {
  return evaluationCard({ locale: ctx.locale, cardId, meetingId, submitted });
}
