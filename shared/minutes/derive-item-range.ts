import type { AgendaItem, AttendanceInterval, ItemRange } from '../domain';

type TimedItem = Pick<AgendaItem, 'number' | 'startedAt' | 'endedAt'>;
type Interval = Pick<AttendanceInterval, 'from' | 'to'>;

/**
 * Which agenda items a person attended, from their join/leave intervals and the items' start/end times.
 * An item counts as attended when the person was there for at least half of it (a brief drop-out or a
 * late join by a minute should not remove an item). Returns the first–last attended item when that is
 * a strict part of the timed items, null when the person was there for all of them, none of them, or
 * when no item has times (then nothing can be derived).
 * `meetingEnd` closes intervals still open (`to: null`).
 */
export function deriveItemRange(intervals: readonly Interval[], items: readonly TimedItem[], meetingEnd?: string | null): ItemRange | null {
  const timed = items
    .filter((i) => i.startedAt && i.endedAt && Date.parse(i.endedAt) >= Date.parse(i.startedAt))
    .slice()
    .sort((a, b) => a.number - b.number);
  if (timed.length === 0 || intervals.length === 0) return null;
  const openEnd = meetingEnd ? Date.parse(meetingEnd) : Number.POSITIVE_INFINITY;
  const spans = intervals.map((iv) => [Date.parse(iv.from), iv.to ? Date.parse(iv.to) : openEnd] as const);

  const attended: number[] = [];
  for (const item of timed) {
    const s = Date.parse(item.startedAt as string);
    const e = Date.parse(item.endedAt as string);
    if (e === s) {
      if (spans.some(([a, b]) => a <= s && s <= b)) attended.push(item.number);
      continue;
    }
    // Overlapping intervals (Teams event + attendance report) must not count twice: merge first.
    const clipped = spans
      .map(([a, b]) => [Math.max(a, s), Math.min(b, e)] as const)
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0]);
    let covered = 0;
    let curA = -Infinity;
    let curB = -Infinity;
    for (const [a, b] of clipped) {
      if (a > curB) {
        if (curB > curA) covered += curB - curA;
        curA = a;
        curB = b;
      } else if (b > curB) curB = b;
    }
    if (curB > curA) covered += curB - curA;
    if (covered * 2 >= e - s) attended.push(item.number);
  }
  if (attended.length === 0 || attended.length === timed.length) return null;
  return { from: Math.min(...attended), to: Math.max(...attended) };
}
