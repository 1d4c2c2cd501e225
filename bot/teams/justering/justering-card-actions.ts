/**
 * Card actions of justering: "Justera" and "Begär ändring" on the 1:1 card each justerare gets, and the
 * card's refresh. The use cases run in the action's transaction, so a redelivered invoke (same idempotency
 * key) gets the stored card back and signs nothing twice; their events go out only after the commit.
 */
import type { Meeting } from '../../../shared/domain';
import type { Repositories } from '../../../shared/ports/store';
import { requestMinutesChange, signMinutes } from '../../../shared/services/justering-service';
import { lockOf, versionsOf } from '../../../shared/services/minutes-service';
import type { AppLinks } from '../../../shared/usecase/context';
import type { CardActionRegistry } from '../card-action-dispatch';
import type { AdaptiveCardJson } from '../cards/card-kit';
import { justeringCard } from './justering-card';

/** The card as the viewer should see it now: who signed, who not, and whether they still may sign. */
export async function justeringCardFor(tx: Repositories, links: AppLinks, meeting: Meeting, number: number, viewerPersonId: string | null, locale: 'sv' | 'en'): Promise<AdaptiveCardJson> {
  const v = (await versionsOf(tx, meeting.id)).find((x) => x.number === number);
  const sigs = v ? await tx.justeringSignatures.findBy({ minutesVersionId: v.id }) : [];
  const names = new Map<string, string>();
  for (const id of meeting.justerarePersonIds) names.set(id, (await tx.people.get(id))?.name ?? '');
  const lock = await lockOf(tx, meeting.id);
  const host = await tx.bodies.get(meeting.bodyIds[0]!);
  const signed = new Set(sigs.map((s) => s.personId));
  return justeringCard({
    locale,
    cardId: `justering:${v?.id ?? meeting.id}:${viewerPersonId ?? 'x'}`,
    meeting: { id: meeting.id, bodyName: host?.name ?? '', startsAt: meeting.startsAt, timeZone: meeting.timeZone },
    minutes: { version: number, url: links.minutesUrl(meeting.id, number) },
    signedNames: meeting.justerarePersonIds.filter((id) => signed.has(id)).map((id) => names.get(id) ?? ''),
    pendingNames: meeting.justerarePersonIds.filter((id) => !signed.has(id)).map((id) => names.get(id) ?? ''),
    viewerMaySign: !!viewerPersonId && meeting.justerarePersonIds.includes(viewerPersonId) && !signed.has(viewerPersonId) && !lock?.locked,
  });
}

export function registerJusteringCardActions(registry: CardActionRegistry): void {
  registry.register('justering.sign', async (data, ctx) => {
    await signMinutes(ctx, { meetingId: data.meetingId, number: data.minutesVersion });
    const meeting = await ctx.tx.meetings.require(data.meetingId);
    return justeringCardFor(ctx.tx, ctx.links, meeting, data.minutesVersion, ctx.actor.personId, ctx.locale);
  });
  registry.register('justering.request_change', async (data, ctx) => {
    await requestMinutesChange(ctx, { meetingId: data.meetingId, number: data.minutesVersion, comment: data.changeComment });
    const meeting = await ctx.tx.meetings.require(data.meetingId);
    return justeringCardFor(ctx.tx, ctx.links, meeting, data.minutesVersion, ctx.actor.personId, ctx.locale);
  });
}
