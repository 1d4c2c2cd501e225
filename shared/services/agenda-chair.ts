/**
 * Who chairs which item. Pure: the chair at the start is meeting.chairPersonId; a handover ("Siw Lunander
 * tog över som mötesordförande" from item 11, to the end or to a given item) covers a range of items,
 * and the latest handover covering an item wins.
 */
import type { AgendaItem, ChairHandover, Id, Meeting } from '../domain';

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
