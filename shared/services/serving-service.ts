/**
 * Tjänstgöring per item, recorded: the serving periods of a meeting ("Erik König tjänstgör för Caroline Dieker
 * §§ 3–5") are derived from the facts (roster, attendance rows, join/leave intervals, the items' start/end
 * times, jäv) by shared/domain/serving and rewritten in the same transaction as the change that moves them:
 * an item starting or finishing, the meeting ending, jäv recorded, the secretary correcting attendance.
 * Join/leave events alone do not rewrite them: a seat changes hands only between items, so the next item's
 * start records it (and the live quorum derives it on read).
 */
import { servingPeriodsFrom, type ItemSeat, type Meeting, type Membership, type ServingPeriod } from '../domain';
import type { QuorumCount, BodyQuorum } from '../contracts/meeting-views';
import { readOnly, type UseCaseContext } from '../usecase/context';
import { bodyMembershipsOf, itemSeatsOf } from './agenda-access';
import { meetingFor } from './lookups';
import { quorumAtItem, quorumPerBodyAtItem } from './quorum';

const sameAs = (a: ServingPeriod, b: ServingPeriod): boolean =>
  a.bodyId === b.bodyId && a.seatPersonId === b.seatPersonId && a.servingPersonId === b.servingPersonId && a.fromItem === b.fromItem && a.toItem === b.toItem;

/** Rewrites the meeting's serving periods from the facts; only the periods that changed are written. */
export async function refreshServingPeriods(ctx: Pick<UseCaseContext, 'tx' | 'ids'>, meeting: Meeting): Promise<ServingPeriod[]> {
  const seats = await itemSeatsOf(ctx.tx, meeting);
  const wanted = servingPeriodsFrom(seats, meeting.id, () => ctx.ids.next());
  const stored = await ctx.tx.servingPeriods.findBy({ meetingId: meeting.id });
  for (const old of stored) if (!wanted.some((w) => sameAs(w, old))) await ctx.tx.servingPeriods.delete(old.id);
  const kept: ServingPeriod[] = [];
  for (const w of wanted) {
    const old = stored.find((s) => sameAs(w, s));
    kept.push(old ?? (await ctx.tx.servingPeriods.insert(w)));
  }
  return kept;
}

export interface ItemQuorum {
  itemNumber: number;
  quorum: QuorumCount;
  quorumPerBody: BodyQuorum[];
}

export interface MeetingServing {
  periods: ServingPeriod[];
  /** Quorum of each item that has run, from who served in it. */
  items: ItemQuorum[];
}

/** The quorum of each item from stored periods (the minutes and the API read it so). */
export function quorumPerItem(periods: readonly ServingPeriod[], itemNumbers: readonly number[], bodyIds: readonly string[], memberships: readonly Membership[]): ItemQuorum[] {
  const seats: ItemSeat[] = periods.flatMap((p) =>
    itemNumbers.filter((n) => n >= p.fromItem && n <= p.toItem).map((n) => ({ itemNumber: n, bodyId: p.bodyId, seatPersonId: p.seatPersonId, servingPersonId: p.servingPersonId })),
  );
  const ran = itemNumbers.filter((n) => seats.some((s) => s.itemNumber === n));
  return ran.map((n) => ({ itemNumber: n, quorum: quorumAtItem(seats, n, bodyIds, memberships), quorumPerBody: quorumPerBodyAtItem(seats, n, bodyIds, memberships) }));
}

/** Who served in which seat per item range, and the quorum of each item (read-only). */
export const meetingServing = readOnly(async (ctx, { meetingId }: { meetingId: string }): Promise<MeetingServing> => {
  const meeting = await meetingFor(ctx, meetingId, 'meeting.read');
  const periods = (await ctx.tx.servingPeriods.findBy({ meetingId: meeting.id })).sort((a, b) => a.fromItem - b.fromItem || a.seatPersonId.localeCompare(b.seatPersonId));
  const items = await ctx.tx.agendaItems.findBy({ meetingId: meeting.id }, 'number');
  const memberships = await bodyMembershipsOf(ctx.tx, meeting);
  return { periods, items: quorumPerItem(periods, items.map((i) => i.number), meeting.bodyIds, memberships) };
});
