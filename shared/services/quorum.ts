/**
 * Who serves as a voting member at a given item, and whether the body is quorate. Pure: the services
 * feed it the roster, the attendance and the recusals they read.
 *
 * Rules (kommunallagens ordning, as the councils use it):
 * - a ledamot (ordförande, vice ordförande, ledamot) who is present for the item serves;
 * - an ersättare who is present and recorded as replacing a ledamot who is not present serves for them
 *   (one ersättare per absent ledamot);
 * - a member with jäv on the item takes no part (neither votes nor counts towards quorum);
 * - quorum: more than half of the ledamöter (filled voting seats, vacancies not counted) serve.
 */
import { VOTING_ROLES, type Attendance, type Id, type ItemSeat, type Membership } from '../domain';
import { attendanceIn } from './attendance-rows';
import type { BodyQuorum, QuorumCount } from '../contracts/meeting-views';

export interface ServingMember {
  personId: Id;
  bodyId: Id;
  /** For a serving ersättare: the absent ledamot they replace. */
  servingForPersonId: Id | null;
}

export interface ServingInput {
  bodyIds: readonly Id[];
  memberships: readonly Membership[];
  attendance: readonly Attendance[];
  /** The item the question concerns; partial attendance ("punkt 2–5") is checked against it. */
  itemNumber?: number | null;
  /** People with jäv on the item. */
  recusedPersonIds?: readonly Id[];
}

export type { BodyQuorum, QuorumCount } from '../contracts/meeting-views';

function presentFor(a: Attendance | undefined, itemNumber: number | null | undefined): boolean {
  if (!a || a.state !== 'present') return false;
  if (!a.itemRange || itemNumber === null || itemNumber === undefined) return true;
  return itemNumber >= a.itemRange.from && itemNumber <= a.itemRange.to;
}

/** The voting members serving at the item, ledamöter first, each person once. */
export function servingMembers(input: ServingInput): ServingMember[] {
  const inBodies = input.memberships.filter((m) => m.personId !== null && input.bodyIds.includes(m.bodyId));
  // A joint meeting keeps a row per body for a person with several seats: each seat reads its own body's row.
  const rowsOf = new Map<Id, Attendance[]>();
  for (const a of input.attendance) rowsOf.set(a.personId, [...(rowsOf.get(a.personId) ?? []), a]);
  const stateIn = (pid: Id, bodyId: Id): Attendance | undefined => attendanceIn(rowsOf.get(pid) ?? [], pid, bodyId);
  const recused = new Set(input.recusedPersonIds ?? []);
  const out: ServingMember[] = [];
  const seen = new Set<Id>();
  const voting = inBodies.filter((m) => VOTING_ROLES.includes(m.role));
  const votingIds = new Set(voting.map((m) => m.personId!));
  for (const m of voting) {
    const pid = m.personId!;
    if (seen.has(pid) || !presentFor(stateIn(pid, m.bodyId), input.itemNumber)) continue;
    seen.add(pid);
    out.push({ personId: pid, bodyId: m.bodyId, servingForPersonId: null });
  }
  const replaced = new Set<Id>();
  for (const m of inBodies.filter((x) => x.role === 'ersättare')) {
    const pid = m.personId!;
    const a = stateIn(pid, m.bodyId);
    if (seen.has(pid) || !presentFor(a, input.itemNumber)) continue;
    const forId = a?.replacesPersonId ?? null;
    // Serving only for a ledamot of these bodies who is not there, and only one ersättare per seat.
    if (!forId || !votingIds.has(forId) || seen.has(forId) || replaced.has(forId)) continue;
    replaced.add(forId);
    seen.add(pid);
    out.push({ personId: pid, bodyId: m.bodyId, servingForPersonId: forId });
  }
  return out.filter((s) => !recused.has(s.personId));
}

/** Filled voting seats of the bodies (each person once). */
export function votingSeats(bodyIds: readonly Id[], memberships: readonly Membership[]): number {
  const ids = new Set<Id>();
  for (const m of memberships) if (m.personId && bodyIds.includes(m.bodyId) && VOTING_ROLES.includes(m.role)) ids.add(m.personId);
  return ids.size;
}

export function quorumFor(input: ServingInput): QuorumCount {
  const present = servingMembers(input).length;
  const total = votingSeats(input.bodyIds, input.memberships);
  return { present, total, quorate: total > 0 && present * 2 > total };
}

/**
 * Quorum of each body of a (joint) meeting from its own list: a person on two councils' lists counts in each
 * body by their state in that body (present on one list, förhinder on the other).
 */
export function quorumPerBody(input: ServingInput): BodyQuorum[] {
  return input.bodyIds.map((bodyId) => ({ bodyId, ...quorumFor({ ...input, bodyIds: [bodyId] }) }));
}

/** The voting members serving at an item that has run, from the seats held at it (tjänstgöring per item). */
export function servingFromSeats(seats: readonly ItemSeat[], itemNumber: number, bodyIds: readonly Id[], recusedPersonIds: readonly Id[] = []): ServingMember[] {
  const recused = new Set(recusedPersonIds);
  const out: ServingMember[] = [];
  const seen = new Set<Id>();
  for (const s of seats) {
    if (s.itemNumber !== itemNumber || !s.servingPersonId || !bodyIds.includes(s.bodyId)) continue;
    // A person on two councils' lists serves once in the meeting's count, as servingMembers has it.
    if (seen.has(s.servingPersonId) || recused.has(s.servingPersonId)) continue;
    seen.add(s.servingPersonId);
    out.push({ personId: s.servingPersonId, bodyId: s.bodyId, servingForPersonId: s.servingPersonId === s.seatPersonId ? null : s.seatPersonId });
  }
  return out;
}

/** Quorum at an item from who served in it: more than half of the filled voting seats. */
export function quorumAtItem(seats: readonly ItemSeat[], itemNumber: number, bodyIds: readonly Id[], memberships: readonly Membership[], recusedPersonIds: readonly Id[] = []): QuorumCount {
  const present = servingFromSeats(seats, itemNumber, bodyIds, recusedPersonIds).length;
  const total = votingSeats(bodyIds, memberships);
  return { present, total, quorate: total > 0 && present * 2 > total };
}

/** Each body's quorum at an item from its own seats. */
export function quorumPerBodyAtItem(seats: readonly ItemSeat[], itemNumber: number, bodyIds: readonly Id[], memberships: readonly Membership[], recusedPersonIds: readonly Id[] = []): BodyQuorum[] {
  return bodyIds.map((bodyId) => ({ bodyId, ...quorumAtItem(seats, itemNumber, [bodyId], memberships, recusedPersonIds) }));
}
