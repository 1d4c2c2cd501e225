/** Card actions on attendance: "Jag är på plats" on the check-in card in the meeting chat. */
import { checkInToMeeting } from '../../../shared/services/attendance-service';
import { requirePerson, type CardActionRegistry } from '../card-action-dispatch';
import { checkinCard } from './checkin-card';

export function registerAttendanceCardActions(registry: CardActionRegistry): void {
  registry.register('checkin', async (data, ctx) => {
    requirePerson(ctx);
    await checkInToMeeting(ctx, { meetingId: data.meetingId });
    const meeting = await ctx.tx.meetings.require(data.meetingId);
    return checkinCard({ locale: ctx.locale, cardId: data.cardId, meeting: { id: meeting.id, bodyName: (await ctx.tx.bodies.get(meeting.bodyIds[0]!))?.name ?? '', startsAt: meeting.startsAt, timeZone: meeting.timeZone }, checkedIn: true });
  });

}
