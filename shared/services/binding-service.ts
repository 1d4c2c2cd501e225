/**
 * Installation and binding: a team channel is bound to a body (the secretary picks or creates
 * it); a Teams meeting is linked to the Rådslag meeting suggested from its time (and the team's body),
 * confirmed once by the secretary; Teams users are matched to the roster by Entra object id / UPN / e-mail,
 * else by name — a name match is asked once ("Är det här du?") and only a "Ja" links it.
 */
import type { Body, Meeting, Person } from '../domain';
import { RadslagError } from '../errors/catalog';
import { matchPerson, nameSimilarity } from '../roster/match-people';
import { meetingFor, nowIso } from './lookups';
import { readOnly, type UseCaseContext } from '../usecase/context';
import { authorize, meetingPolicyContext } from './access';

/** Bodies offered on the binding card, unbound first, with a suggestion whose name resembles the team's. */
export async function bindingChoices(ctx: UseCaseContext, teamName: string): Promise<{ bodies: Array<{ id: string; name: string }>; suggestedBodyId: string | null }> {
  const bodies = await ctx.tx.bodies.findBy({}, 'name');
  const sorted = [...bodies].sort((a, b) => Number(!!a.teamsTeamId) - Number(!!b.teamsTeamId));
  let best: { id: string; score: number } | null = null;
  for (const b of bodies) {
    const score = Math.max(nameSimilarity(b.name, teamName), b.shortName ? nameSimilarity(b.shortName, teamName) : 0);
    if (score >= 0.7 && (!best || score > best.score)) best = { id: b.id, score };
  }
  return { bodies: sorted.map((b) => ({ id: b.id, name: b.name })), suggestedBodyId: best?.id ?? null };
}

export async function bindBody(
  ctx: UseCaseContext,
  input: { teamId: string; channelId: string; bodyId?: string; newBodyName?: string },
  actor: { personId: string | null; isAdmin: boolean },
): Promise<Body> {
  let body: Body;
  if (input.newBodyName) {
    if (!actor.isAdmin) throw new RadslagError('FORBIDDEN', { reasonSv: 'bara en administratör får skapa organ', reasonEn: 'only an administrator may create bodies' }, { reason: 'not_admin' });
    body = await ctx.tx.bodies.insert({ id: ctx.ids.next(), tenantId: ctx.tenantId, name: input.newBodyName, kind: 'råd', shortName: null, defaultDocumentKind: 'protokoll', teamsTeamId: input.teamId, teamsChannelId: input.channelId, absenceContact: null, version: 1 });
  } else {
    const current = await ctx.tx.bodies.require(input.bodyId!);
    const roles = actor.personId ? (await ctx.tx.memberships.findBy({ personId: actor.personId, bodyId: current.id })).map((m) => m.role) : [];
    if (!actor.isAdmin && !roles.includes('sekreterare'))
      throw new RadslagError('FORBIDDEN', { reasonSv: 'bara sekreteraren får koppla kanalen', reasonEn: 'only the secretary may bind the channel' }, { reason: 'not_secretary' });
    body = current.teamsTeamId === input.teamId && current.teamsChannelId === input.channelId ? current : await ctx.tx.bodies.update({ ...current, teamsTeamId: input.teamId, teamsChannelId: input.channelId });
  }
  const ref = await ctx.tx.conversationRefs.get(`channel:${input.channelId}`);
  if (ref && ref.bodyId !== body.id) await ctx.tx.conversationRefs.upsert({ ...ref, bodyId: body.id });
  await ctx.tx.audit.record({ actorPersonId: actor.personId, action: 'body.bind_teams', entity: 'body', entityId: body.id, details: { teamId: input.teamId, channelId: input.channelId }, correlationId: ctx.correlationId });
  return body;
}

/** The Rådslag meeting a Teams meeting most likely is: not yet linked, closest in time, same day. */
export async function suggestMeeting(ctx: UseCaseContext, at: string, bodyId: string | null): Promise<Meeting | null> {
  const t = Date.parse(at);
  const bodies = bodyId ? [bodyId] : (await ctx.tx.bodies.findBy({})).map((b) => b.id);
  const near = await ctx.tx.meetings.listForBodies(bodies, { from: new Date(t - 12 * 3600_000).toISOString(), to: new Date(t + 12 * 3600_000).toISOString() });
  const open = near.filter((m) => !m.teams?.meetingId && m.status !== 'cancelled');
  open.sort((a, b) => Math.abs(Date.parse(a.startsAt) - t) - Math.abs(Date.parse(b.startsAt) - t));
  return open[0] ?? null;
}

export async function linkMeeting(ctx: UseCaseContext, meetingId: string, version: number, teams: { meetingId: string; chatId?: string | null; joinUrl?: string | null }, actorPersonId: string | null): Promise<Meeting> {
  const current = await ctx.tx.meetings.require(meetingId);
  if (current.teams?.meetingId === teams.meetingId) return current;
  const other = await ctx.tx.meetings.findByTeamsMeetingId(teams.meetingId);
  if (other && other.id !== meetingId) throw new RadslagError('CONFLICT_STATE', { detailSv: 'Teams-mötet är redan kopplat till ett annat möte', detailEn: 'already linked to another meeting' });
  const saved = await ctx.tx.meetings.update({ ...current, version, teams: { ...(current.teams ?? {}), meetingId: teams.meetingId, chatId: teams.chatId ?? current.teams?.chatId ?? null, joinUrl: teams.joinUrl ?? current.teams?.joinUrl ?? null } });
  const ref = await ctx.tx.conversationRefs.get(`meeting:${teams.meetingId}`);
  if (ref) await ctx.tx.conversationRefs.upsert({ ...ref, meetingId, bodyId: saved.bodyIds[0] ?? null });
  await ctx.tx.audit.record({ actorPersonId, action: 'meeting.link_teams', entity: 'meeting', entityId: meetingId, details: { teamsMeetingId: teams.meetingId }, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'meeting.updated', meetingId, data: { version: saved.version } });
  return saved;
}

export type TeamsIdentity = { aadObjectId: string; name: string; email?: string | null; userPrincipalName?: string | null };

/**
 * Who a Teams user is on the roster. Object id first; a matching UPN/e-mail links the object id at once
 * (identity is proof); a similar name only yields a suggestion to be confirmed once.
 */
export async function resolveTeamsUser(ctx: UseCaseContext, who: TeamsIdentity): Promise<{ person: Person } | { suggestion: Person; matchId: string; created: boolean } | null> {
  const byId = await ctx.tx.people.findByAadObjectId(who.aadObjectId);
  if (byId) return { person: byId };
  for (const mail of [who.userPrincipalName, who.email]) {
    if (!mail) continue;
    const byMail = await ctx.tx.people.findByEmail(mail);
    if (byMail && !byMail.aadObjectId) return { person: await ctx.tx.people.update({ ...byMail, aadObjectId: who.aadObjectId, userPrincipalName: who.userPrincipalName ?? byMail.userPrincipalName ?? null }) };
  }
  const rejected = await ctx.tx.personMatches.findBy({ aadObjectId: who.aadObjectId });
  const open = rejected.find((m) => m.status === 'open');
  if (open) return { suggestion: await ctx.tx.people.require(open.personId), matchId: open.id, created: false };
  const unlinked = (await ctx.tx.people.listAll()).filter((p) => !p.aadObjectId && !rejected.some((r) => r.personId === p.id));
  const m = matchPerson({ name: who.name, email: who.email ?? null, aadObjectId: who.aadObjectId }, unlinked);
  if ((m.kind === 'exact' || m.kind === 'suggested') && m.person) {
    const match = await ctx.tx.personMatches.insert({ id: ctx.ids.next(), aadObjectId: who.aadObjectId, teamsName: who.name.slice(0, 200), personId: m.person.id, status: 'open', version: 1 });
    return { suggestion: m.person, matchId: match.id, created: true };
  }
  return null;
}

/** "Ja"/"Nej" on "Är det här du?" (by the Teams user themselves) or "Är det samma person?" (by the secretary). */
export async function confirmMatch(ctx: UseCaseContext, matchId: string, answer: 'ja' | 'nej', actor: { aadObjectId: string; personId: string | null; isSecretaryOrAdmin: boolean }): Promise<Person | null> {
  const match = await ctx.tx.personMatches.require(matchId);
  if (match.aadObjectId !== actor.aadObjectId && !actor.isSecretaryOrAdmin)
    throw new RadslagError('FORBIDDEN', { reasonSv: 'frågan gällde någon annan', reasonEn: 'the question was for someone else' }, { reason: 'not_self' });
  if (match.status !== 'open') return match.status === 'confirmed' ? ctx.tx.people.require(match.personId) : null;
  await ctx.tx.personMatches.update({ ...match, status: answer === 'ja' ? 'confirmed' : 'rejected' });
  if (answer === 'nej') return null;
  const person = await ctx.tx.people.require(match.personId);
  const linked = person.aadObjectId ? person : await ctx.tx.people.update({ ...person, aadObjectId: match.aadObjectId });
  // The 1:1 reference stored before we knew who this was now belongs to the person.
  const ref = await ctx.tx.conversationRefs.get(`personal:${match.aadObjectId}`);
  if (ref && ref.personId !== linked.id) await ctx.tx.conversationRefs.upsert({ ...ref, personId: linked.id });
  await ctx.tx.audit.record({ actorPersonId: actor.personId, action: 'person.link_teams', entity: 'person', entityId: person.id, details: { via: 'name_confirmed', at: nowIso(ctx) }, correlationId: ctx.correlationId });
  return linked;
}

/** The secretary links the Teams meeting (from the meeting tab's context) to a Rådslag meeting. */
export async function linkTeamsMeeting(ctx: UseCaseContext, { meetingId, teamsMeetingId, joinUrl, chatId, version }: { meetingId: string; teamsMeetingId: string; joinUrl?: string | null | undefined; chatId?: string | null | undefined; version: number }): Promise<Meeting> {
  const meeting = await meetingFor(ctx, meetingId, 'meeting.manage');
  return linkMeeting(ctx, meeting.id, version, { meetingId: teamsMeetingId, joinUrl: joinUrl ?? null, chatId: chatId ?? null }, ctx.actor.personId);
}

/** The Rådslag meeting linked to a Teams meeting (the side panel and stage find their meeting this way). */
export const meetingOfTeamsMeeting = readOnly(async (ctx, { teamsMeetingId }: { teamsMeetingId: string }): Promise<{ meetingId: string }> => {
  const meeting = await ctx.tx.meetings.findByTeamsMeetingId(teamsMeetingId);
  if (!meeting) throw new RadslagError('NOT_FOUND', { entity: 'Mötet / The meeting' });
  authorize(ctx.actor, 'meeting.read', await meetingPolicyContext(ctx.tx, ctx.actor, meeting));
  return { meetingId: meeting.id };
});
