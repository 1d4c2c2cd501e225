/**
 * Tjänstgöring in the minutes' attendance list: a serving ersättare is listed with whom they served for and
 * in which items, as a protokoll numbers them ("tjänstgör för Annica Sjöqvist §§ 1–4"; "§ 3" for one item;
 * "§§ 1–2, 5" for several runs), from the meeting's stored serving periods.
 */
import type { Id, ServingPeriod } from '../domain';

/** "§ 3", "§§ 3–5", "§§ 1–2, 5". */
export function paragraphText(ranges: readonly { fromItem: number; toItem: number }[]): string {
  const sorted = ranges.slice().sort((a, b) => a.fromItem - b.fromItem);
  const parts = sorted.map((r) => (r.fromItem === r.toItem ? `${r.fromItem}` : `${r.fromItem}–${r.toItem}`));
  const single = sorted.length === 1 && sorted[0]!.fromItem === sorted[0]!.toItem;
  return `${single ? '§' : '§§'} ${parts.join(', ')}`;
}

/**
 * What the person's line says about serving for someone else in the body (null body: in any body), or null
 * when they served for nobody. Several ledamöter: "tjänstgör för A § 3, för B §§ 4–6".
 */
export function servingText(periods: readonly ServingPeriod[], personId: Id, bodyId: Id | null, nameOf: (id: Id) => string): string | null {
  const mine = periods.filter((p) => p.servingPersonId === personId && p.seatPersonId !== personId && (bodyId === null || p.bodyId === bodyId));
  if (mine.length === 0) return null;
  const seats = [...new Set(mine.map((p) => p.seatPersonId))].sort((a, b) => firstItem(mine, a) - firstItem(mine, b));
  return `tjänstgör ${seats.map((s) => `för ${nameOf(s)} ${paragraphText(mine.filter((p) => p.seatPersonId === s))}`).join(', ')}`;
}

function firstItem(periods: readonly ServingPeriod[], seat: Id): number {
  return Math.min(...periods.filter((p) => p.seatPersonId === seat).map((p) => p.fromItem));
}

/**
 * For a ledamot who held their own seat in only some of the items that ran: "tjänstgör §§ 5–14" (arrived
 * during item 4), "tjänstgör §§ 1–2, 4–14" (jäv on item 3). Null when they held it throughout, or never.
 */
export function ownSeatText(periods: readonly ServingPeriod[], personId: Id, bodyId: Id | null): string | null {
  const inBody = periods.filter((p) => bodyId === null || p.bodyId === bodyId);
  const own = inBody.filter((p) => p.seatPersonId === personId && p.servingPersonId === personId);
  if (own.length === 0) return null;
  const ran = new Set(inBody.flatMap((p) => Array.from({ length: p.toItem - p.fromItem + 1 }, (_, i) => p.fromItem + i)));
  const held = own.reduce((n, p) => n + p.toItem - p.fromItem + 1, 0);
  return held >= ran.size ? null : `tjänstgör ${paragraphText(own)}`;
}
