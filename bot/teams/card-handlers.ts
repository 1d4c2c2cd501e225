/** Issue 4's card actions: kallelse RSVP, förhinder undo / which meeting, call-in answers, binding, link, check-in, match. */
import { isSecretary } from '../../shared/domain';
import { RadslagError } from '../../shared/errors/catalog';
import { chooseAbsenceMeeting, declineAbsenceRequest } from '../../shared/services/absence-questions';
import { undoAbsence } from '../../shared/services/absence-service';
import { meetingPolicyContext } from '../../shared/services/access';
import { checkIn } from '../../shared/services/attendance-service';
import { bindBody, confirmMatch, linkMeeting } from '../../shared/services/binding-service';
import { answerCallIn, callInChains } from '../../shared/services/call-in-service';
import { answerRsvp, rsvpCardModel } from '../../shared/services/kallelse-service';
import type { Meeting, Person } from '../../shared/domain';
import type { CardActionContext, CardActionRegistry } from './card-action-dispatch';
import { absenceConfirmationCard } from './cards/absence-confirmation-card';
import { adaptiveCard, safeTextBlock } from './cards/card-kit';
import { callInCard } from './cards/callin-card';
import { callInChainCard } from './cards/callin-chain-card';
import { checkinCard } from './cards/checkin-card';
import { kallelseRsvpCard, type KallelseRsvpCardModel } from './cards/kallelse-rsvp-card';
import { welcomeCard } from './cards/welcome-card';
import { escapeCardText } from './cards/escape-card-text';
import { renderCard } from './render-message';
import { SYNC_MEMBERS_JOB, type SyncMembersPayload } from './sync-members';

function requirePerson(ctx: CardActionContext): Person {
  if (!ctx.person) throw new RadslagError('FORBIDDEN', { reasonSv: 'du är inte kopplad till någon i ledamotslistan ännu', reasonEn: 'you are not linked to anyone on the roster yet' }, { reason: 'not_member' });
  return ctx.person;
}

async function secretaryOf(ctx: CardActionContext, meeting: Meeting): Promise<boolean> {
  return isSecretary(ctx.actor, await meetingPolicyContext(ctx.tx, ctx.actor, meeting));
}

const note = (text: string) => adaptiveCard([safeTextBlock(escapeCardText(text))]);

export function registerIssue4CardActions(registry: CardActionRegistry): void {
  registry.register('kallelse.rsvp', async (data, ctx) => {
    const person = requirePerson(ctx);
    if (person.id !== data.personId) throw new RadslagError('FORBIDDEN', { reasonSv: 'kortet gäller någon annan', reasonEn: 'this card is for someone else' }, { reason: 'not_self' });
    const meeting = await ctx.tx.meetings.require(data.meetingId);
    const model = await answerRsvp(ctx.env, meeting, person, data.answer, data.rsvpNote);
    return kallelseRsvpCard(model as unknown as KallelseRsvpCardModel);
  });

  registry.register('absence.undo', async (data, ctx) => {
    const person = requirePerson(ctx);
    const { meeting, person: absent } = await undoAbsence(ctx.env, data.attendanceId, person, (m) => secretaryOf(ctx, m));
    return absenceConfirmationCard({
      locale: ctx.locale,
      cardId: data.cardId,
      personName: absent.name,
      meeting: { bodyName: (await ctx.tx.bodies.get(meeting.bodyIds[0]!))?.name ?? '', startsAt: meeting.startsAt, timeZone: meeting.timeZone },
      attendance: { id: data.attendanceId, version: data.version },
      withdrawn: true,
    });
  });

  // A question card's answers: one meeting, all offered, or "Nej, det stämmer inte" (nothing recorded).
  const answered = (message: Awaited<ReturnType<typeof declineAbsenceRequest>> | null) =>
    message && 'card' in message ? renderCard(message) : note(message && 'text' in message ? message.text : '');
  registry.register('absence.choose_meeting', async (data, ctx) => answered((await chooseAbsenceMeeting(ctx.env, data.requestId, data.meetingId, requirePerson(ctx), ctx.locale)).message));
  registry.register('absence.choose_all', async (data, ctx) => answered((await chooseAbsenceMeeting(ctx.env, data.requestId, 'all', requirePerson(ctx), ctx.locale)).message));
  registry.register('absence.decline', async (data, ctx) => answered(await declineAbsenceRequest(ctx.env, data.requestId, requirePerson(ctx), ctx.locale)));

  registry.register('callin.answer', async (data, ctx) => {
    const person = requirePerson(ctx);
    const { step, callIn } = await answerCallIn(ctx.env, data.callInId, data.answer, person);
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

  const bind = async (ctx: CardActionContext, input: { teamId: string; channelId?: string; bodyId?: string; newBodyName?: string }) => {
    const body = await bindBody(ctx.env, { teamId: input.teamId, channelId: input.channelId ?? input.teamId, ...(input.bodyId ? { bodyId: input.bodyId } : {}), ...(input.newBodyName ? { newBodyName: input.newBodyName } : {}) }, ctx.actor);
    // Match the team's members to the roster in the background (Bot Connector roster call).
    const payload: SyncMembersPayload = { teamId: input.teamId, serviceUrl: ctx.activity.serviceUrl ?? '', tenantId: ctx.env.tenantId, bodyId: body.id, locale: ctx.locale };
    if (payload.serviceUrl)
      await ctx.tx.jobs.enqueue({ kind: SYNC_MEMBERS_JOB, payload: payload as unknown as Record<string, unknown>, runAt: ctx.env.clock.now().toISOString(), dedupeKey: `sync-members:${input.teamId}:${body.id}` });
    return welcomeCard({ locale: ctx.locale, scope: 'team', name: body.name });
  };
  registry.register('binding.confirm', (data, ctx) => bind(ctx, { teamId: data.teamId, ...(data.channelId ? { channelId: data.channelId } : {}), bodyId: data.bodyId }));
  registry.register('binding.choose_body', (data, ctx) =>
    bind(ctx, { teamId: data.teamId, ...(data.channelId ? { channelId: data.channelId } : {}), ...(data.bindingBodyId ? { bodyId: data.bindingBodyId } : {}), ...(data.bindingNewBodyName ? { newBodyName: data.bindingNewBodyName } : {}) }),
  );

  registry.register('meeting.link_confirm', async (data, ctx) => {
    const meeting = await ctx.tx.meetings.require(data.meetingId);
    if (!(await secretaryOf(ctx, meeting))) throw new RadslagError('FORBIDDEN', {}, { reason: 'not_secretary' });
    if (data.answer === 'nej') return note(ctx.locale === 'en' ? 'Not linked. The secretary can link the meeting in the Rådslag tab.' : 'Inte kopplat. Sekreteraren kan koppla mötet i Rådslag-fliken.');
    const chatId = ctx.activity.conversation?.id ?? null;
    const linked = await linkMeeting(ctx.env, meeting.id, data.version, { meetingId: data.teamsMeetingId, chatId }, ctx.actor.personId);
    const body = (await ctx.tx.bodies.get(linked.bodyIds[0]!))?.name ?? '';
    return note(ctx.locale === 'en' ? `Linked: this Teams meeting is ${body}'s meeting.` : `Kopplat: det här Teams-mötet är ${body}s möte.`);
  });

  registry.register('checkin', async (data, ctx) => {
    const person = requirePerson(ctx);
    const meeting = await ctx.tx.meetings.require(data.meetingId);
    const roles = await meetingPolicyContext(ctx.tx, ctx.actor, meeting);
    if (roles.roles.length === 0 && !roles.isMeetingSecretary && !ctx.actor.isAdmin) throw new RadslagError('FORBIDDEN', {}, { reason: 'not_member' });
    await checkIn(ctx.env, meeting, person);
    return checkinCard({ locale: ctx.locale, cardId: data.cardId, meeting: { id: meeting.id, bodyName: (await ctx.tx.bodies.get(meeting.bodyIds[0]!))?.name ?? '', startsAt: meeting.startsAt, timeZone: meeting.timeZone }, checkedIn: true });
  });

  registry.register('person.match_confirm', async (data, ctx) => {
    const linked = await confirmMatch(ctx.env, data.matchId, data.answer, { aadObjectId: ctx.aadObjectId, personId: ctx.actor.personId, isSecretaryOrAdmin: ctx.actor.isAdmin });
    if (!linked) return note(ctx.locale === 'en' ? 'Thanks — the secretary will link you to the roster.' : 'Tack — sekreteraren kopplar dig till ledamotslistan.');
    return note(ctx.locale === 'en' ? `Thanks, ${linked.name}: you are linked. Write to me when you cannot attend.` : `Tack, ${linked.name}: du är kopplad. Skriv till mig när du inte kan komma.`);
  });

  registry.registerRefresh('callin_chain', async (callInId, ctx) => {
    const callIn = await ctx.tx.callIns.require(callInId);
    const meeting = await ctx.tx.meetings.require(callIn.meetingId);
    if (!(await secretaryOf(ctx, meeting))) throw new RadslagError('FORBIDDEN', {}, { reason: 'not_secretary' });
    const chain = (await callInChains(ctx.env, meeting.id)).find((c) => c.callIn.id === callInId)!;
    return callInChainCard({
      locale: ctx.locale,
      absentName: chain.absentName,
      meeting: { bodyName: (await ctx.tx.bodies.get(callIn.bodyId))?.name ?? '', startsAt: meeting.startsAt, timeZone: meeting.timeZone },
      steps: chain.steps.map((s) => ({ name: s.name, organisation: s.organisation, state: s.state === 'skipped' ? 'absent' : s.state })),
      exhausted: callIn.status === 'exhausted',
    });
  });

  registry.registerRefresh('kallelse_rsvp', async (meetingId, ctx) => {
    const person = requirePerson(ctx);
    const meeting = await ctx.tx.meetings.require(meetingId);
    const [a] = await ctx.tx.attendance.findBy({ meetingId, personId: person.id });
    return kallelseRsvpCard((await rsvpCardModel(ctx.env, meeting, person, a ?? null)) as unknown as KallelseRsvpCardModel);
  });
}
