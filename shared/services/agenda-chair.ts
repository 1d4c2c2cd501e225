/**
 * Who chairs which item. Pure: the chair at the start is meeting.chairPersonId; a handover ("Siw Lunander
 * tog över som mötesordförande" from item 11, to the end or to a given item) covers a range of items,
 * and the latest handover covering an item wins.
 */
import type { AgendaItem, ChairHandover, Id, Meeting, Membership, MembershipRole } from '../domain';

export function handoverCovers(h: Pick<ChairHandover, 'fromItemNumber' | 'toItemNumber'>, itemNumber: number): boolean {
  return itemNumber >= h.fromItemNumber && (h.toItemNumber === null || h.toItemNumber === undefined || itemNumber <= h.toItemNumber);
}

/** The current chair for an item: the latest handover covering it, else the meeting's chair. */
export function currentChairFor(meeting: Pick<Meeting, 'chairPersonId'>, handovers: readonly ChairHandover[], itemNumber: number): Id | null {
  const covering = handovers
    .filter((h) => handoverCovers(h, itemNumber))
    .slice()
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  return covering.length > 0 ? covering[covering.length - 1]!.personId : (meeting.chairPersonId ?? null);
}

/**
 * Whether the person leads the item: whoever chairs it after handovers, and in a joint meeting also the chair
 * (ordförande) of each of its bodies for every item no handover covers. The councils' chairs lead a joint
 * meeting together; a handover still gives one item, or the rest, to one person. `roles`: the person's roles
 * on the meeting's bodies.
 */
export function leadsItem(
  meeting: Pick<Meeting, 'chairPersonId' | 'bodyIds'>,
  handovers: readonly ChairHandover[],
  itemNumber: number,
  personId: Id | null,
  roles: readonly MembershipRole[],
): boolean {
  if (personId === null) return false;
  if (currentChairFor(meeting, handovers, itemNumber) === personId) return true;
  return meeting.bodyIds.length > 1 && roles.includes('ordförande') && !handovers.some((h) => handoverCovers(h, itemNumber));
}

/**
 * Everyone who leads the item by leadsItem: the chair after handovers, and in a joint meeting with no handover
 * covering the item also each body's ordförande ("Ordförande nu: Siw Lunander, Gunnel Ek"). Meeting chair first.
 */
export function itemLeaders(
  meeting: Pick<Meeting, 'chairPersonId' | 'bodyIds'>,
  handovers: readonly ChairHandover[],
  itemNumber: number,
  memberships: readonly Pick<Membership, 'bodyId' | 'personId' | 'role'>[],
): Id[] {
  const chair = currentChairFor(meeting, handovers, itemNumber);
  const out = chair ? [chair] : [];
  if (meeting.bodyIds.length > 1 && !handovers.some((h) => handoverCovers(h, itemNumber)))
    for (const bodyId of meeting.bodyIds)
      for (const m of memberships) if (m.bodyId === bodyId && m.role === 'ordförande' && m.personId && !out.includes(m.personId)) out.push(m.personId);
  return out;
}

/**
 * The item the meeting is at: the active item; otherwise the first pending item after the last one
 * handled; otherwise the first pending item; otherwise the last item (or 1 for an empty agenda).
 */
export function currentItemNumber(items: readonly Pick<AgendaItem, 'number' | 'status'>[]): number {
  const sorted = items.slice().sort((a, b) => a.number - b.number);
  const active = sorted.find((i) => i.status === 'active');
  if (active) return active.number;
  const handled = sorted.filter((i) => i.status === 'done' || i.status === 'postponed');
  const last = handled.length > 0 ? handled[handled.length - 1]!.number : 0;
  const next = sorted.find((i) => i.status === 'pending' && i.number > last) ?? sorted.find((i) => i.status === 'pending');
  if (next) return next.number;
  return sorted.length > 0 ? sorted[sorted.length - 1]!.number : 1;
}
