/**
 * Kallelse: the secretary sends it; the body's channel gets the kallelse card, every ledamot and
 * ersättare a 1:1 card with "Jag kommer" / "Förhinder" / "Delvis". Members the bot cannot reach in Teams are
 * listed for the secretary. Moving or cancelling the meeting tells everyone; a förhinder stays attached to
 * the meeting (so it follows it to the new time) and the person is told so, a cancellation stops call-ins.
 */
import { formatMeetingTime, interpretAbsenceMessage, meetingPhrase, own, phrase } from '../absence';
import type { Attendance, Meeting, Person } from '../domain';
import { RadslagError } from '../errors/catalog';
import { recordAbsence, withdrawAbsence, candidateMeetings } from './absence-service';
import { bodyName, localeOf, meetingFor, nowIso } from './lookups';
import { personSummary, writePersonAttendance } from './attendance-rows';
import type { UseCaseContext } from '../usecase/context';
import { tellSecretaries, withdrawCallIns } from './call-in-service';
import { enqueueSend, personalReachOf } from './outbox';
import { cardDelivery, UNREACHABLE_TEXT, type UnreachableReason } from './delivery-failure';
import type { KallelseOverview } from '../contracts/planning-views';
import { readOnly } from '../usecase/context';

const INVITED_ROLES = ['ordförande', 'vice_ordförande', 'ledamot', 'ersättare'];

export interface KallelseResult {
  meetingId: string;
  channelPosted: boolean;
  sent: Array<{ personId: string; name: string }>;
  /** Those the bot cannot even try to reach in Teams, and why. */
  unreachable: Array<{ personId: string; name: string; email: string | null; reason: UnreachableReason; reasonSv: string; reasonEn: string }>;
}

const rsvpKeyPrefix = (meetingId: string) => `kallelse-rsvp:${meetingId}:`;
/** The 1:1 card of one kallelse round: a round is the meeting's start it was sent for (a move starts a new one). */
const rsvpKey = (meetingId: string, roundStartsAt: string, personId: string) => `${rsvpKeyPrefix(meetingId)}${roundStartsAt}:${personId}`;

async function invitees(ctx: UseCaseContext, meeting: Meeting): Promise<Person[]> {
  const out: Person[] = [];
  for (const bodyId of meeting.bodyIds)
    for (const m of await ctx.tx.memberships.findBy({ bodyId }, 'role'))
      if (m.personId && INVITED_ROLES.includes(m.role) && !out.some((p) => p.id === m.personId)) out.push(await ctx.tx.people.require(m.personId));
  return out;
}

async function channelCardModel(ctx: UseCaseContext, meeting: Meeting, locale: 'sv' | 'en'): Promise<Record<string, unknown>> {
  const host = await ctx.tx.bodies.require(meeting.bodyIds[0]!);
  const items = await ctx.tx.agendaItems.findBy({ meetingId: meeting.id }, 'number');
  return {
    locale,
    bodyName: host.name,
    meeting: {
      title: meeting.title ?? null,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      timeZone: meeting.timeZone,
      place: meeting.place ?? null,
      joinUrl: meeting.teams?.joinUrl ?? null,
      status: meeting.status,
      movedFromStartsAt: meeting.movedFromStartsAt ?? null,
    },
    agenda: items.map((i) => ({ number: i.number, title: i.title, presenters: i.presenters.map((p) => p.name), attachments: i.attachments.map((a) => ({ title: a.title, url: a.url })), plannedMinutes: i.plannedMinutes ?? null })),
    absenceContact: host.absenceContact ?? null,
  };
}

export async function rsvpCardModel(ctx: UseCaseContext, meeting: Meeting, person: Person, attendance: Attendance | null): Promise<Record<string, unknown>> {
  const answer = !attendance || attendance.source === 'call_in' ? null : attendance.state === 'förhinder' ? 'forhinder' : attendance.partOfMeeting ? 'delvis' : attendance.source === 'kallelse_card' ? 'kommer' : null;
  return {
    locale: localeOf(person),
    cardId: `rsvp-${meeting.id}-${person.id}`,
    meeting: { id: meeting.id, bodyName: await bodyName(ctx, meeting.bodyIds[0]!), startsAt: meeting.startsAt, timeZone: meeting.timeZone },
    personId: person.id,
    current: answer ? { answer, note: attendance?.partOfMeeting ? attendance.note ?? null : null } : null,
    answerVersion: attendance?.version ?? 0,
  };
}

export async function sendKallelse(ctx: UseCaseContext, meeting: Meeting, actorPersonId: string | null): Promise<KallelseResult> {
  if (meeting.status === 'cancelled') throw new RadslagError('CONFLICT_STATE', { detailSv: 'mötet är inställt', detailEn: 'the meeting is cancelled' });
  const stamp = meeting.startsAt;
  let channelPosted = false;
  for (const bodyId of meeting.bodyIds) {
    const body = await ctx.tx.bodies.require(bodyId);
    if (!body.teamsChannelId) continue;
    const ref = await ctx.tx.conversationRefs.get(`channel:${body.teamsChannelId}`);
    if (!ref) continue;
    await enqueueSend(ctx, { to: { conversationKey: ref.key }, purpose: 'kallelse.channel', dedupeKey: `kallelse-channel:${meeting.id}:${stamp}:${bodyId}`, message: { card: 'kallelseChannel', model: await channelCardModel(ctx, meeting, 'sv') } });
    channelPosted = true;
  }
  const result: KallelseResult = { meetingId: meeting.id, channelPosted, sent: [], unreachable: [] };
  const people = await invitees(ctx, meeting);
  const reachOf = await personalReachOf(ctx.tx, people);
  for (const person of people) {
    // Not only people with a stored 1:1 chat: the send job opens the chat for anyone Teams knows. Listed here
    // are those it cannot even try for; a refusal by Teams shows on the send job (kallelseOverview).
    const reason = reachOf(person.id);
    const [delivery] = await ctx.tx.kallelseDeliveries.findBy({ meetingId: meeting.id, personId: person.id });
    const status = reason ? 'unreachable' : 'sent';
    if (delivery) await ctx.tx.kallelseDeliveries.update({ ...delivery, status });
    else await ctx.tx.kallelseDeliveries.insert({ id: ctx.ids.next(), meetingId: meeting.id, personId: person.id, status, version: 1 });
    if (reason) {
      result.unreachable.push({ personId: person.id, name: person.name, email: person.email ?? null, reason, reasonSv: UNREACHABLE_TEXT[reason].sv, reasonEn: UNREACHABLE_TEXT[reason].en });
      continue;
    }
    const [attendance] = personSummary(await ctx.tx.attendance.findBy({ meetingId: meeting.id, personId: person.id }));
    await enqueueSend(ctx, { to: { personId: person.id }, purpose: 'kallelse.rsvp', dedupeKey: rsvpKey(meeting.id, stamp, person.id), message: { card: 'kallelseRsvp', model: await rsvpCardModel(ctx, meeting, person, attendance ?? null) } });
    result.sent.push({ personId: person.id, name: person.name });
  }
  if (result.unreachable.length > 0)
    await tellSecretaries(ctx, meeting, 'kallelse-unreachable', `${meeting.id}:${stamp}`, async (l) =>
      l === 'en' ? `The invitation could not reach ${result.unreachable.length} member(s) in Teams; send it by e-mail:` : `Kallelsen nådde inte ${result.unreachable.length} ledamot/ersättare i Teams; skicka den med e-post:`,
      result.unreachable.map((u) => `${u.email ? `${u.name} <${u.email}>` : u.name} (${u.reasonSv})`),
    );
  const [settings] = await ctx.tx.meetingBotSettings.findBy({ meetingId: meeting.id });
  if (settings) await ctx.tx.meetingBotSettings.update({ ...settings, kallelseSentAt: nowIso(ctx), kallelseSentForStartsAt: meeting.startsAt });
  else await ctx.tx.meetingBotSettings.insert({ id: ctx.ids.next(), meetingId: meeting.id, callInTimeoutMinutes: 24 * 60, kallelseSentAt: nowIso(ctx), kallelseSentForStartsAt: meeting.startsAt, version: 1 });
  await ctx.tx.audit.record({ actorPersonId, action: 'kallelse.send', entity: 'meeting', entityId: meeting.id, details: { sent: result.sent.length, unreachable: result.unreachable.length }, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'kallelse.sent', meetingId: meeting.id });
  return result;
}

/** A press on the 1:1 kallelse card. Returns the card to show again, with the new answer. */
export async function answerRsvp(ctx: UseCaseContext, meeting: Meeting, person: Person, answer: 'kommer' | 'forhinder' | 'delvis', note: string | undefined): Promise<Record<string, unknown>> {
  if (answer === 'forhinder') {
    await recordAbsence(ctx, meeting, person, { source: 'kallelse_card', updatedBy: person.id, note: null });
    // Which meeting, by body and day; only the names are escaped on the card (a Phrase), not the bot's words.
    const where = { bodyName: await bodyName(ctx, meeting.bodyIds[0]!), startsAt: meeting.startsAt, timeZone: meeting.timeZone };
    await tellSecretaries(ctx, meeting, 'absence-notice', `rsvp:${meeting.id}:${person.id}:${nowIso(ctx)}`, async (l) =>
      l === 'en' ? phrase`${person.name}${own(' cannot attend: ')}${meetingPhrase(where, 'en')}` : phrase`${person.name}${own(' har förhinder: ')}${meetingPhrase(where, 'sv')}`,
    );
  } else if (answer === 'delvis') {
    const meetings = await candidateMeetings(ctx, person.id);
    const read = interpretAbsenceMessage(note ?? '', { now: nowIso(ctx), timeZone: 'Europe/Stockholm', locale: localeOf(person), meetings, resolvedMeetingId: meeting.id });
    const partial = read.kind === 'absence' && read.partial ? read.partial : {};
    await recordAbsence(ctx, meeting, person, { source: 'kallelse_card', updatedBy: person.id, note: note ?? null, partial });
  } else {
    const rows = await ctx.tx.attendance.findBy({ meetingId: meeting.id, personId: person.id });
    if (rows.some((a) => a.state === 'förhinder' || a.partOfMeeting)) await withdrawAbsence(ctx, meeting, person, person.id);
    // "Kommer": expected in every body the person sits in (a joint meeting keeps a row per body).
    await writePersonAttendance(ctx, meeting, person.id, undefined, () => ({ state: 'expected', source: 'kallelse_card', updatedAt: nowIso(ctx), updatedBy: person.id }));
  }
  const [after] = personSummary(await ctx.tx.attendance.findBy({ meetingId: meeting.id, personId: person.id }));
  return rsvpCardModel(ctx, meeting, person, after ?? null);
}

/** The meeting was moved or cancelled after the kallelse went out: everyone invited is told. */
export async function notifyMeetingChanged(ctx: UseCaseContext, meeting: Meeting): Promise<number> {
  const [settings] = await ctx.tx.meetingBotSettings.findBy({ meetingId: meeting.id });
  if (!settings?.kallelseSentAt) return 0;
  const stamp = `${meeting.status}:${meeting.startsAt}`;
  if (meeting.status === 'cancelled') for (const c of await ctx.tx.callIns.findBy({ meetingId: meeting.id })) if (c.status !== 'cancelled') await withdrawCallIns(ctx, meeting.id, c.absentPersonId);
  let told = 0;
  // Everyone told is read once for the whole list (it was three reads per person invited).
  const sent = (await ctx.tx.kallelseDeliveries.findBy({ meetingId: meeting.id })).filter((d) => d.status === 'sent');
  const people = new Map((await ctx.tx.people.findIn('id', sent.map((d) => d.personId))).map((p) => [p.id, p]));
  const attendance = await ctx.tx.attendance.findBy({ meetingId: meeting.id });
  const name = sent.length ? await bodyName(ctx, meeting.bodyIds[0]!) : '';
  for (const d of sent) {
    const person = people.get(d.personId);
    if (!person) throw new RadslagError('NOT_FOUND', { entity: 'Personen / The person' });
    const l = localeOf(person);
    const a = attendance.find((x) => x.personId === person.id);
    // One time format in every message ("fredag 14 mars 2025 kl. 09.00").
    const when = formatMeetingTime(meeting.startsAt, l, meeting.timeZone);
    let text: string;
    if (meeting.status === 'cancelled') text = l === 'en' ? `The meeting of ${name} is cancelled.` : `Mötet i ${name} är inställt.`;
    else {
      text = l === 'en' ? `The meeting of ${name} has moved to ${when}.` : `Mötet i ${name} är flyttat till ${when}.`;
      if (a?.state === 'förhinder')
        text += l === 'en' ? ' Your notice of absence still applies; write "I can attend after all" if you can come now.' : ' Ditt förhinder gäller fortfarande; skriv "jag kan ändå komma" om du kan nu.';
    }
    await enqueueSend(ctx, { to: { personId: person.id }, purpose: 'meeting.changed', dedupeKey: `meeting-changed:${meeting.id}:${stamp}:${person.id}`, message: { text } });
    told += 1;
  }
  for (const bodyId of meeting.bodyIds) {
    const body = await ctx.tx.bodies.get(bodyId);
    const ref = body?.teamsChannelId ? await ctx.tx.conversationRefs.get(`channel:${body.teamsChannelId}`) : null;
    if (ref) await enqueueSend(ctx, { to: { conversationKey: ref.key }, purpose: 'meeting.changed.channel', dedupeKey: `meeting-changed-channel:${meeting.id}:${stamp}:${bodyId}`, message: { card: 'kallelseChannel', model: await channelCardModel(ctx, meeting, 'sv') } });
  }
  return told;
}

/** The secretary sends the kallelse: a card in each bound channel and a 1:1 RSVP card to everyone called. */
export async function sendMeetingKallelse(ctx: UseCaseContext, { meetingId }: { meetingId: string }): Promise<KallelseResult> {
  return sendKallelse(ctx, await meetingFor(ctx, meetingId, 'kallelse.send'), ctx.actor.personId);
}

/** The job after a meeting was moved or cancelled (meeting-service.queueChangeNotices). */
export async function sendMeetingChangeNotices(ctx: UseCaseContext, { meetingId }: { meetingId: string }): Promise<{ told: number }> {
  const meeting = await ctx.tx.meetings.get(meetingId);
  if (!meeting || (meeting.status !== 'moved' && meeting.status !== 'cancelled')) return { told: 0 };
  return { told: await notifyMeetingChanged(ctx, meeting) };
}

/**
 * Who the kallelse reached: per person called, whether the 1:1 card went out, is on its way, or cannot
 * reach them and why (no Teams account known, no contact with Teams yet, or Teams refused the chat).
 */
export const kallelseOverview = readOnly(async (ctx, { meetingId }: { meetingId: string }): Promise<KallelseOverview> => {
  const meeting = await meetingFor(ctx, meetingId, 'kallelse.send');
  const [settings] = await ctx.tx.meetingBotSettings.findBy({ meetingId });
  const deliveries = new Map((await ctx.tx.kallelseDeliveries.findBy({ meetingId })).map((d) => [d.personId, d]));
  // Only the latest round counts: a card delivered for the start before a move says nothing about the resend.
  const round = settings?.kallelseSentForStartsAt ?? meeting.startsAt;
  const jobs = deliveries.size ? await ctx.tx.jobs.list({ kind: 'teams.send', dedupeKeyPrefix: `${rsvpKeyPrefix(meetingId)}${round}:`, limit: 1000 }) : [];
  const people: KallelseOverview['people'] = [];
  const called = await invitees(ctx, meeting);
  const reachOf = await personalReachOf(ctx.tx, called.filter((p) => deliveries.get(p.id)?.status === 'unreachable'));
  for (const person of called) {
    const d = deliveries.get(person.id);
    let delivery: KallelseOverview['people'][number]['delivery'] = null;
    if (d?.status === 'unreachable') {
      const reason = reachOf(person.id) ?? 'no_teams_contact';
      delivery = { state: 'unreachable', reason, reasonSv: UNREACHABLE_TEXT[reason].sv, reasonEn: UNREACHABLE_TEXT[reason].en };
    } else if (d) delivery = cardDelivery(jobs.filter((j) => j.dedupeKey === rsvpKey(meetingId, round, person.id))) ?? { state: 'sending' };
    people.push({ personId: person.id, name: person.name, email: person.email ?? null, delivery });
  }
  return { meetingId, sentAt: settings?.kallelseSentAt ?? null, people };
});
