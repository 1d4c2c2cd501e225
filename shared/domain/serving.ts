/**
 * Tjänstgöring per item: who holds each voting seat at each agenda item, by the councils' rules.
 * Pure: the services feed it the roster, the attendance rows, the join/leave facts, the items' start/end times
 * and jäv.
 *
 * - An ersättare takes or gives back a seat only between items: they serve an item when they are there as it
 *   starts and the seat's ledamot is not; a ledamot who arrives during the item takes the seat from the next
 *   item, the ersättare serving to the end of this one. A seat nobody holds at the start of an item is taken at
 *   once by its ledamot when they arrive during it (there is no ersättare to wait for).
 * - A ledamot or ersättare who has served and is gone when a later item starts does not come back in that
 *   meeting, except after jäv: a member with jäv on an item steps out for that item (an ersättare may serve
 *   for them on it) and returns after it.
 * - The ersättare for a seat: the one already serving for it, else the one recorded as replacing the ledamot
 *   (a call-in or the secretary), else their personal ersättare, else one from the same organisation, in the
 *   order they are called in. An ersättare serves one seat per body at a time.
 */
import type { AgendaItem } from './agenda';
import type { Attendance, AttendanceInterval } from './attendance';
import { VOTING_ROLES, type Id, type Membership } from './council';

/** A run of items in which one person held one seat ("Erik König tjänstgör för Caroline Dieker §§ 3–5"). */
export interface ServingPeriod {
  id: Id;
  meetingId: Id;
  bodyId: Id;
  /** The ledamot whose seat it is. */
  seatPersonId: Id;
  /** Who served in it: the ledamot themselves, or an ersättare. */
  servingPersonId: Id;
  fromItem: number;
  toItem: number;
}

/** One seat at one item: who held it, or null when nobody did. */
export interface ItemSeat {
  itemNumber: number;
  bodyId: Id;
  seatPersonId: Id;
  servingPersonId: Id | null;
}

export interface ServingFactsInput {
  bodyIds: readonly Id[];
  memberships: readonly Membership[];
  attendance: readonly Attendance[];
  intervals: readonly Pick<AttendanceInterval, 'personId' | 'from' | 'to'>[];
  items: readonly Pick<AgendaItem, 'number' | 'startedAt' | 'endedAt'>[];
  /** Jäv: who takes no part in which item. */
  recusals: readonly { personId: Id; itemNumber: number }[];
}

/** Someone joining a minute after the chair pressed "Nästa punkt" was there as it started. */
const START_GRACE_MS = 60_000;

type Status = 'not_yet' | 'in' | 'stepped_out' | 'gone';

interface Presence {
  atStart: boolean;
  during: boolean;
}

/** The items in the order they ran; when none has run with times (a meeting recorded afterwards), by number. */
function itemsInRunOrder(items: ServingFactsInput['items']): ServingFactsInput['items'] {
  const timed = items.filter((i) => i.startedAt).slice();
  if (timed.length === 0) return items.slice().sort((a, b) => a.number - b.number);
  return timed.sort((a, b) => Date.parse(a.startedAt!) - Date.parse(b.startedAt!) || a.number - b.number);
}

function rowIn(rows: readonly Attendance[], bodyId: Id): Attendance | undefined {
  return rows.find((a) => a.bodyId === bodyId) ?? rows.find((a) => a.bodyId === null) ?? (rows.length === 1 ? rows[0] : undefined);
}

/** Who holds each voting seat of each body at each item that has run (in run order). */
export function deriveItemSeats(input: ServingFactsInput): ItemSeat[] {
  const rowsOf = group(input.attendance, (a) => a.personId);
  const ivsOf = group(input.intervals, (i) => i.personId);
  const presence = (personId: Id, bodyId: Id, item: ServingFactsInput['items'][number]): Presence => {
    const row = rowIn(rowsOf.get(personId) ?? [], bodyId);
    if (!row || row.state !== 'present') return { atStart: false, during: false };
    const ivs = ivsOf.get(personId) ?? [];
    if (row.source === 'secretary' || ivs.length === 0 || !item.startedAt) {
      // The secretary's word (or no join/leave facts): present for the whole meeting or the range given.
      const inRange = !row.itemRange || (item.number >= row.itemRange.from && item.number <= row.itemRange.to);
      return { atStart: inRange, during: inRange };
    }
    const s = Date.parse(item.startedAt);
    // The item running now has no end yet: whoever is there, or was since it started, was there during it.
    const e = item.endedAt ? Date.parse(item.endedAt) : Number.POSITIVE_INFINITY;
    const spans = ivs.map((i) => [Date.parse(i.from), i.to ? Date.parse(i.to) : Number.POSITIVE_INFINITY] as const);
    return {
      atStart: spans.some(([a, b]) => a <= s + START_GRACE_MS && b > s),
      during: spans.some(([a, b]) => a <= e && b > s),
    };
  };
  const jäv = new Set(input.recusals.map((r) => `${r.itemNumber}:${r.personId}`));
  const out: ItemSeat[] = [];
  for (const bodyId of input.bodyIds) {
    const inBody = input.memberships.filter((m) => m.bodyId === bodyId && m.personId !== null);
    const seats = unique(inBody.filter((m) => VOTING_ROLES.includes(m.role)));
    const seatIds = new Set(seats.map((m) => m.personId!));
    const ersättare = unique(inBody.filter((m) => m.role === 'ersättare' && !seatIds.has(m.personId!))).sort(
      (a, b) => (a.substituteOrder ?? Infinity) - (b.substituteOrder ?? Infinity) || (a.position ?? Infinity) - (b.position ?? Infinity),
    );
    const status = new Map<Id, Status>();
    const holderBefore = new Map<Id, Id>();
    for (const item of itemsInRunOrder(input.items)) {
      const recused = (pid: Id): boolean => jäv.has(`${item.number}:${pid}`);
      const holder = new Map<Id, Id>();
      const late: Membership[] = [];
      // Ledamöter first: there as the item starts, or (below) arriving to a seat nobody holds.
      for (const m of seats) {
        const pid = m.personId!;
        const st = status.get(pid) ?? 'not_yet';
        if (recused(pid)) {
          if (st === 'in') status.set(pid, 'stepped_out');
          continue;
        }
        if (st === 'gone') continue;
        const p = presence(pid, bodyId, item);
        if (p.atStart) {
          status.set(pid, 'in');
          holder.set(pid, pid);
        } else if (st === 'in') status.set(pid, 'gone');
        else if (p.during) late.push(m);
      }
      // Ersättare only as the item starts, for a seat whose ledamot does not hold it.
      const busy = new Set<Id>();
      const ersättareHere = new Set<Id>();
      for (const e of ersättare) {
        const pid = e.personId!;
        const st = status.get(pid) ?? 'not_yet';
        if (st === 'gone' || recused(pid)) continue;
        if (presence(pid, bodyId, item).atStart) ersättareHere.add(pid);
        else if (st === 'in') status.set(pid, 'gone');
      }
      for (const m of seats) {
        const seat = m.personId!;
        if (holder.has(seat)) continue;
        const candidates = ersättareFor(m, ersättare, rowsOf, bodyId, holderBefore.get(seat));
        const e = candidates.find((pid) => ersättareHere.has(pid) && !busy.has(pid));
        if (!e) continue;
        busy.add(e);
        status.set(e, 'in');
        holder.set(seat, e);
      }
      for (const m of late) {
        if (holder.has(m.personId!)) continue;
        status.set(m.personId!, 'in');
        holder.set(m.personId!, m.personId!);
      }
      holderBefore.clear();
      for (const m of seats) {
        const h = holder.get(m.personId!) ?? null;
        if (h) holderBefore.set(m.personId!, h);
        out.push({ itemNumber: item.number, bodyId, seatPersonId: m.personId!, servingPersonId: h });
      }
    }
  }
  return out;
}

/** The ersättare who may take the ledamot's seat, in the order they are asked. */
function ersättareFor(seat: Membership, ersättare: readonly Membership[], rowsOf: ReadonlyMap<Id, Attendance[]>, bodyId: Id, before: Id | undefined): Id[] {
  const ledamot = seat.personId!;
  const replacing = ersättare.filter((e) => rowIn(rowsOf.get(e.personId!) ?? [], bodyId)?.replacesPersonId === ledamot);
  const personal = ersättare.filter((e) => e.substituteForPersonId === ledamot);
  const sameOrg = seat.organisationId ? ersättare.filter((e) => e.organisationId === seat.organisationId && !e.substituteForPersonId) : [];
  const ids = [...(before && before !== ledamot ? [before] : []), ...[...replacing, ...personal, ...sameOrg].map((e) => e.personId!)];
  // An ersättare recorded as replacing another ledamot is not taken for this seat.
  return [...new Set(ids)].filter((pid) => {
    const r = rowIn(rowsOf.get(pid) ?? [], bodyId)?.replacesPersonId;
    return !r || r === ledamot || pid === before;
  });
}

/** The seats as periods: consecutive items (by number) in which one person held one seat. */
export function servingPeriodsFrom(seats: readonly ItemSeat[], meetingId: Id, nextId: () => Id): ServingPeriod[] {
  const held = seats.filter((s) => s.servingPersonId !== null).slice();
  const numbers = [...new Set(seats.map((s) => s.itemNumber))].sort((a, b) => a - b);
  const rank = new Map(numbers.map((n, i) => [n, i]));
  held.sort((a, b) => a.bodyId.localeCompare(b.bodyId) || a.seatPersonId.localeCompare(b.seatPersonId) || a.itemNumber - b.itemNumber);
  const out: ServingPeriod[] = [];
  for (const s of held) {
    const last = out[out.length - 1];
    if (last && last.bodyId === s.bodyId && last.seatPersonId === s.seatPersonId && last.servingPersonId === s.servingPersonId && rank.get(last.toItem)! + 1 === rank.get(s.itemNumber))
      last.toItem = s.itemNumber;
    else out.push({ id: nextId(), meetingId, bodyId: s.bodyId, seatPersonId: s.seatPersonId, servingPersonId: s.servingPersonId!, fromItem: s.itemNumber, toItem: s.itemNumber });
  }
  return out;
}

/** The seats at one item, read back from stored periods. */
export function seatsAtItem(periods: readonly ServingPeriod[], itemNumber: number): ItemSeat[] {
  return periods
    .filter((p) => p.fromItem <= itemNumber && itemNumber <= p.toItem)
    .map((p) => ({ itemNumber, bodyId: p.bodyId, seatPersonId: p.seatPersonId, servingPersonId: p.servingPersonId }));
}

function group<T>(xs: readonly T[], key: (x: T) => Id): Map<Id, T[]> {
  const m = new Map<Id, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}

function unique(ms: Membership[]): Membership[] {
  const seen = new Set<Id>();
  return ms.filter((m) => (seen.has(m.personId!) ? false : (seen.add(m.personId!), true)));
}
