/**
 * Card actions on a förhinder: "Ångra" on the confirmation card, and the answers to a question card — one
 * meeting, all offered ("Båda mötena"), or "Nej, det stämmer inte" (nothing recorded, and the card says so).
 */
import { chooseAbsenceMeeting, declineAbsenceRequest } from '../../../shared/services/absence-questions';
import { undoAbsence } from '../../../shared/services/absence-service';
import type { OutboundMessage } from '../../../shared/services/outbox';
import { requirePerson, secretaryOf, type CardActionRegistry } from '../card-action-dispatch';
import { noteCard } from '../cards/note-card';
import { renderCard } from '../render-message';
import { absenceConfirmationCard } from './absence-confirmation-card';

/** The card that replaces the question: the use case's answer, rendered. */
function answered(message: OutboundMessage | null) {
  return message && 'card' in message ? renderCard(message) : noteCard(message && 'text' in message ? message.text : '');
}

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

  registry.register('absence.choose_meeting', async (data, ctx) => answered((await chooseAbsenceMeeting(ctx, data.requestId, data.meetingId, requirePerson(ctx), ctx.locale)).message));
  registry.register('absence.choose_all', async (data, ctx) => answered((await chooseAbsenceMeeting(ctx, data.requestId, 'all', requirePerson(ctx), ctx.locale)).message));
  registry.register('absence.decline', async (data, ctx) => answered(await declineAbsenceRequest(ctx, data.requestId, requirePerson(ctx), ctx.locale)));
}
