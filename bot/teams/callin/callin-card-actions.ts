/** Card actions of a call-in: the ersättare's answer, and the secretary's view of the chain (refresh). */
import { RadslagError } from '../../../shared/errors/catalog';
import { answerCallIn, callInChains } from '../../../shared/services/call-in-service';
import { requirePerson, secretaryOf, type CardActionRegistry } from '../card-action-dispatch';
import { callInCard } from './callin-card';
import { callInChainCard } from './callin-chain-card';

export function registerCallInCardActions(registry: CardActionRegistry): void {
  registry.register('callin.answer', async (data, ctx) => {
    const person = requirePerson(ctx);
    const { step, callIn } = await answerCallIn(ctx, data.callInId, data.answer, person);
    const meeting = await ctx.tx.meetings.require(callIn.meetingId);
    const absent = await ctx.tx.people.require(callIn.absentPersonId);
    const answered = step.state === 'accepted' ? 'ja' : step.state === 'asked' || step.state === 'waiting' ? null : 'nej';
    return callInCard({
      locale: ctx.locale,
      cardId: data.cardId,
      callIn: { id: step.id, version: step.version },
      absentName: absent.name,
      meeting: { bodyName: (await ctx.tx.bodies.get(callIn.bodyId))?.name ?? '', startsAt: meeting.startsAt, timeZone: meeting.timeZone },
      answered,
    });
  });

  registry.registerRefresh('callin_chain', async (callInId, ctx) => {
    const callIn = await ctx.tx.callIns.require(callInId);
    const meeting = await ctx.tx.meetings.require(callIn.meetingId);
    if (!(await secretaryOf(ctx, meeting))) throw new RadslagError('FORBIDDEN', {}, { reason: 'not_secretary' });
    const chain = (await callInChains(ctx, meeting.id)).find((c) => c.callIn.id === callInId)!;
    return callInChainCard({
      locale: ctx.locale,
      absentName: chain.absentName,
      meeting: { bodyName: (await ctx.tx.bodies.get(callIn.bodyId))?.name ?? '', startsAt: meeting.startsAt, timeZone: meeting.timeZone },
      steps: chain.steps.map((s) => ({ name: s.name, organisation: s.organisation, state: s.state === 'skipped' ? 'absent' : s.state === 'accepted' && s.putInBySecretary ? 'put_in' : s.state })),
      exhausted: callIn.status === 'exhausted',
    });
  });

}
