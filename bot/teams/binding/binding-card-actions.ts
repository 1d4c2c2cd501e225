/**
 * Card actions that tie Teams to the roster: binding a team's channel to a body, linking a Teams meeting to
 * a Rådslag meeting, and a member confirming "this is me".
 */
import { RadslagError } from '../../../shared/errors/catalog';
import { bindBody, confirmMatch, linkMeeting } from '../../../shared/services/binding-service';
import { secretaryOf, type CardActionContext, type CardActionRegistry } from '../card-action-dispatch';
import { noteCard } from '../cards/note-card';
import { welcomeCard } from './welcome-card';

export function registerBindingCardActions(registry: CardActionRegistry): void {
  const bind = async (ctx: CardActionContext, input: { teamId: string; channelId?: string; bodyId?: string; newBodyName?: string }) => {
    const body = await bindBody(ctx, { teamId: input.teamId, channelId: input.channelId ?? input.teamId, ...(input.bodyId ? { bodyId: input.bodyId } : {}), ...(input.newBodyName ? { newBodyName: input.newBodyName } : {}) }, ctx.actor);
    // Match the team's members to the roster in the background (Bot Connector roster call).
    const serviceUrl = ctx.activity.serviceUrl ?? '';
    if (serviceUrl) await ctx.enqueue('teams.sync_members', { teamId: input.teamId, serviceUrl, tenantId: ctx.tenantId, bodyId: body.id, locale: ctx.locale }, { dedupeKey: `sync-members:${input.teamId}:${body.id}` });
    return welcomeCard({ locale: ctx.locale, scope: 'team', name: body.name });
  };
  registry.register('binding.confirm', (data, ctx) => bind(ctx, { teamId: data.teamId, ...(data.channelId ? { channelId: data.channelId } : {}), bodyId: data.bodyId }));
  registry.register('binding.choose_body', (data, ctx) =>
    bind(ctx, { teamId: data.teamId, ...(data.channelId ? { channelId: data.channelId } : {}), ...(data.bindingBodyId ? { bodyId: data.bindingBodyId } : {}), ...(data.bindingNewBodyName ? { newBodyName: data.bindingNewBodyName } : {}) }),
  );

  registry.register('meeting.link_confirm', async (data, ctx) => {
    const meeting = await ctx.tx.meetings.require(data.meetingId);
    if (!(await secretaryOf(ctx, meeting))) throw new RadslagError('FORBIDDEN', {}, { reason: 'not_secretary' });
    if (data.answer === 'nej') return noteCard(ctx.locale === 'en' ? 'Not linked. The secretary can link the meeting in the Rådslag tab.' : 'Inte kopplat. Sekreteraren kan koppla mötet i Rådslag-fliken.');
    const chatId = ctx.activity.conversation?.id ?? null;
    const linked = await linkMeeting(ctx, meeting.id, data.version, { meetingId: data.teamsMeetingId, chatId }, ctx.actor.personId);
    const body = (await ctx.tx.bodies.get(linked.bodyIds[0]!))?.name ?? '';
    return noteCard(ctx.locale === 'en' ? `Linked: this Teams meeting is ${body}'s meeting.` : `Kopplat: det här Teams-mötet är ${body}s möte.`);
  });

  registry.register('person.match_confirm', async (data, ctx) => {
    const linked = await confirmMatch(ctx, data.matchId, data.answer, { aadObjectId: ctx.aadObjectId, personId: ctx.actor.personId, isSecretaryOrAdmin: ctx.actor.isAdmin });
    if (!linked) return noteCard(ctx.locale === 'en' ? 'Thanks — the secretary will link you to the roster.' : 'Tack — sekreteraren kopplar dig till ledamotslistan.');
    return noteCard(ctx.locale === 'en' ? `Thanks, ${linked.name}: you are linked. Write to me when you cannot attend.` : `Tack, ${linked.name}: du är kopplad. Skriv till mig när du inte kan komma.`);
  });

}
