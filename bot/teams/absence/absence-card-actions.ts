/** Card actions on a förhinder: "Ångra" on the confirmation card, and the answer to "which meeting?". */
import { chooseAbsenceMeeting, undoAbsence } from '../../../shared/services/absence-service';
import { requirePerson, secretaryOf, type CardActionRegistry } from '../card-action-dispatch';
import { noteCard } from '../cards/note-card';
import { renderCard } from '../render-message';
import { absenceConfirmationCard } from './absence-confirmation-card';

export function registerAbsenceCardActions(registry: CardActionRegistry): void {
  registry.register('absence.undo', async (data, ctx) => {
    const person = requirePerson(ctx);
    const { meeting, person: absent } = await undoAbsence(ctx, data.attendanceId, person, (m) => secretaryOf(ctx, m));
    return absenceConfirmationCard({
      locale: ctx.locale,
      cardId: data.cardId,
      personName: absent.name,
      meeting: { bodyName: (await ctx.tx.bodies.get(meeting.bodyIds[0]!))?.name ?? '', startsAt: meeting.startsAt, timeZone: meeting.timeZone },
      attendance: { id: data.attendanceId, version: data.version },
      withdrawn: true,
    });
  });

  registry.register('absence.choose_meeting', async (data, ctx) => {
    const person = requirePerson(ctx);
    const { message } = await chooseAbsenceMeeting(ctx, data.requestId, data.meetingId, person, ctx.locale);
    if (message && 'card' in message) return renderCard(message);
    return noteCard(message && 'text' in message ? message.text : '');
  });

}
