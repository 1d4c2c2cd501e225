/**
 * Card actions on attendance: "Jag är på plats" on the check-in card in the meeting chat, and each expected
 * person's own view of that card (Universal Actions refresh): the button only for those the server lets check
 * in now, a status line for everyone else.
 */
import type { Meeting } from '../../../shared/domain';
import { checkInToMeeting } from '../../../shared/services/attendance-service';
import { checkInCardAudience, checkInCardView } from '../../../shared/services/check-in-service';
import type { Repositories } from '../../../shared/ports/store';
import { teamsUserIdsFrom } from '../agenda/card-context';
import { requirePerson, type CardActionRegistry } from '../card-action-dispatch';
import { checkinCard, type CheckinCardModel } from './checkin-card';

/** The card's model for a meeting, with the Teams user ids of those who get their own view (expected first). */
export async function checkinModel(tx: Repositories, meeting: Meeting, locale: CheckinCardModel['locale']): Promise<CheckinCardModel> {
  const refreshUserIds = await teamsUserIdsFrom({ tx })(await checkInCardAudience(tx, meeting));
  return {
    locale,
    cardId: `checkin-${meeting.id}`,
    meeting: { id: meeting.id, bodyName: (await tx.bodies.get(meeting.bodyIds[0]!))?.name ?? '', startsAt: meeting.startsAt, timeZone: meeting.timeZone },
    view: 'everyone',
    refreshUserIds,
  };
}

export function registerAttendanceCardActions(registry: CardActionRegistry): void {
  registry.register('checkin', async (data, ctx) => {
    requirePerson(ctx);
    await checkInToMeeting(ctx, { meetingId: data.meetingId });
    const meeting = await ctx.tx.meetings.require(data.meetingId);
    return checkinCard({ ...(await checkinModel(ctx.tx, meeting, ctx.locale)), cardId: data.cardId, view: 'checkedIn' });
  });

  registry.registerRefresh('checkin', async (meetingId, ctx) => {
    const meeting = await ctx.tx.meetings.require(meetingId);
    return checkinCard({ ...(await checkinModel(ctx.tx, meeting, ctx.locale)), view: await checkInCardView(ctx, meeting, ctx.person?.id ?? null) });
  });
}
