/** Card actions of the kallelse: the member's answer on the 1:1 RSVP card, and that card's refresh. */
import { RadslagError } from '../../../shared/errors/catalog';
import { answerRsvp, rsvpCardModel } from '../../../shared/services/kallelse-service';
import { requirePerson, type CardActionRegistry } from '../card-action-dispatch';
import { personSummary } from '../../../shared/services/attendance-rows';
import { kallelseRsvpCard, type KallelseRsvpCardModel } from './kallelse-rsvp-card';

export function registerKallelseCardActions(registry: CardActionRegistry): void {
  registry.register('kallelse.rsvp', async (data, ctx) => {
    const person = requirePerson(ctx);
    if (person.id !== data.personId) throw new RadslagError('FORBIDDEN', { reasonSv: 'kortet gäller någon annan', reasonEn: 'this card is for someone else' }, { reason: 'not_self' });
    const meeting = await ctx.tx.meetings.require(data.meetingId);
    const model = await answerRsvp(ctx, meeting, person, data.answer, data.rsvpNote);
    return kallelseRsvpCard(model as unknown as KallelseRsvpCardModel);
  });

  registry.registerRefresh('kallelse_rsvp', async (meetingId, ctx) => {
    const person = requirePerson(ctx);
    const meeting = await ctx.tx.meetings.require(meetingId);
    const [a] = personSummary(await ctx.tx.attendance.findBy({ meetingId, personId: person.id }));
    return kallelseRsvpCard((await rsvpCardModel(ctx, meeting, person, a ?? null)) as unknown as KallelseRsvpCardModel);
  });
}
