/**
 * Kallelse (issue 4 §2): the secretary sends it; the body's channel gets the kallelse card, every ledamot and
 * ersättare a 1:1 card with "Jag kommer" / "Förhinder" / "Delvis". Members the bot cannot reach in Teams are
 * listed for the secretary. Moving or cancelling the meeting tells everyone; a förhinder stays attached to
 * the meeting (so it follows it to the new time) and the person is told so, a cancellation stops call-ins.
 */
import { formatMeetingTime, interpretAbsenceMessage } from '../absence';
import type { Attendance, Meeting, Person } from '../domain';
import { RadslagError } from '../errors/catalog';
import { recordAbsence, withdrawAbsence, candidateMeetings } from './absence-service';
import { bodyName, localeOf, nowIso, type BotEnv } from './bot-env';
import { tellSecretaries, withdrawCallIns } from './call-in-service';
import { enqueueSend } from './outbox';

const INVITED_ROLES = ['ordförande', 'vice_ordförande', 'ledamot', 'ersättare'];

export interface KallelseResult {
  meetingId: string;
  channelPosted: boolean;
  sent: Array<{ personId: string; name: string }>;
  unreachable: Array<{ personId: string; name: string; email: string | null }>;
}

async function invitees(env: BotEnv, meeting: Meeting): Promise<Person[]> {
  const out: Person[] = [];
  for (const bodyId of meeting.bodyIds)
    for (const m of await env.tx.memberships.findBy({ bodyId }, 'role'))
      if (m.personId && INVITED_ROLES.includes(m.role) && !out.some((p) => p.id === m.personId)) out.push(await env.tx.people.require(m.personId));
  return out;
}

async function channelCardModel(env: BotEnv, meeting: Meeting, locale: 'sv' | 'en'): Promise<Record<string, unknown>> {
  const host = await env.tx.bodies.require(meeting.bodyIds[0]!);
  const items = await env.tx.agendaItems.findBy({ meetingId: meeting.id }, 'number');
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

export async function rsvpCardModel(env: BotEnv, meeting: Meeting, person: Person, attendance: Attendance | null): Promise<Record<string, unknown>> {
  const answer = !attendance || attendance.source === 'call_in' ? null : attendance.state === 'förhinder' ? 'forhinder' : attendance.partOfMeeting ? 'delvis' : attendance.source === 'kallelse_card' ? 'kommer' : null;
  return {
    locale: localeOf(person),
    cardId: `rsvp-${meeting.id}-${person.id}`,
    meeting: { id: meeting.id, bodyName: await bodyName(env, meeting.bodyIds[0]!), startsAt: meeting.startsAt, timeZone: meeting.timeZone },
    personId: person.id,
    current: answer ? { answer, note: attendance?.partOfMeeting ? attendance.note ?? null : null } : null,
    answerVersion: attendance?.version ?? 0,
  };
}

export async function sendKallelse(env: BotEnv, meeting: Meeting, actorPersonId: string | null): Promise<KallelseResult> {
  if (meeting.status === 'cancelled') throw new RadslagError('CONFLICT_STATE', { detailSv: 'mötet är inställt', detailEn: 'the meeting is cancelled' });
  const stamp = meeting.startsAt;
  let channelPosted = false;
  for (const bodyId of meeting.bodyIds) {
    const body = await env.tx.bodies.require(bodyId);
    if (!body.teamsChannelId) continue;
    const ref = await env.tx.conversationRefs.get(`channel:${body.teamsChannelId}`);
    if (!ref) continue;
    await enqueueSend(env.tx, env.clock, { to: { conversationKey: ref.key }, purpose: 'kallelse.channel', dedupeKey: `kallelse-channel:${meeting.id}:${stamp}:${bodyId}`, message: { card: 'kallelseChannel', model: await channelCardModel(env, meeting, 'sv') } });
    channelPosted = true;
  }
  const result: KallelseResult = { meetingId: meeting.id, channelPosted, sent: [], unreachable: [] };
  for (const person of await invitees(env, meeting)) {
    const ref = await env.tx.conversationRefs.findForPerson(person.id);
    const [delivery] = await env.tx.kallelseDeliveries.findBy({ meetingId: meeting.id, personId: person.id });
    const status = ref ? 'sent' : 'unreachable';
    if (delivery) await env.tx.kallelseDeliveries.update({ ...delivery, status });
    else await env.tx.kallelseDeliveries.insert({ id: env.ids.next(), meetingId: meeting.id, personId: person.id, status, version: 1 });
    if (!ref) {
      result.unreachable.push({ personId: person.id, name: person.name, email: person.email ?? null });
      continue;
    }
    const [attendance] = await env.tx.attendance.findBy({ meetingId: meeting.id, personId: person.id });
    await enqueueSend(env.tx, env.clock, { to: { personId: person.id }, purpose: 'kallelse.rsvp', dedupeKey: `kallelse-rsvp:${meeting.id}:${stamp}:${person.id}`, message: { card: 'kallelseRsvp', model: await rsvpCardModel(env, meeting, person, attendance ?? null) } });
    result.sent.push({ personId: person.id, name: person.name });
  }
  if (result.unreachable.length > 0)
    await tellSecretaries(env, meeting, 'kallelse-unreachable', `${meeting.id}:${stamp}`, async (l) =>
      l === 'en' ? `The invitation could not reach ${result.unreachable.length} member(s) in Teams; send it by e-mail:` : `Kallelsen nådde inte ${result.unreachable.length} ledamot/ersättare i Teams; skicka den med e-post:`,
      result.unreachable.map((u) => (u.email ? `${u.name} <${u.email}>` : u.name)),
    );
  const [settings] = await env.tx.meetingBotSettings.findBy({ meetingId: meeting.id });
  if (settings) await env.tx.meetingBotSettings.update({ ...settings, kallelseSentAt: nowIso(env), kallelseSentForStartsAt: meeting.startsAt });
  else await env.tx.meetingBotSettings.insert({ id: env.ids.next(), meetingId: meeting.id, callInTimeoutMinutes: 24 * 60, kallelseSentAt: nowIso(env), kallelseSentForStartsAt: meeting.startsAt, version: 1 });
  await env.tx.audit.record({ actorPersonId, action: 'kallelse.send', entity: 'meeting', entityId: meeting.id, details: { sent: result.sent.length, unreachable: result.unreachable.length }, correlationId: env.correlationId });
  env.events.push({ type: 'kallelse.sent', meetingId: meeting.id });
  return result;
}

/** A press on the 1:1 kallelse card. Returns the card to show again, with the new answer. */
export async function answerRsvp(env: BotEnv, meeting: Meeting, person: Person, answer: 'kommer' | 'forhinder' | 'delvis', note: string | undefined): Promise<Record<string, unknown>> {
  if (answer === 'forhinder') {
    await recordAbsence(env, meeting, person, { source: 'kallelse_card', updatedBy: person.id, note: null });
    await tellSecretaries(env, meeting, 'absence-notice', `rsvp:${meeting.id}:${person.id}:${nowIso(env)}`, async (l) => (l === 'en' ? `${person.name} cannot attend (${await bodyName(env, meeting.bodyIds[0]!)})` : `${person.name} har förhinder (${await bodyName(env, meeting.bodyIds[0]!)})`));
  } else if (answer === 'delvis') {
    const meetings = await candidateMeetings(env, person.id);
    const read = interpretAbsenceMessage(note ?? '', { now: nowIso(env), timeZone: 'Europe/Stockholm', locale: localeOf(person), meetings, resolvedMeetingId: meeting.id });
    const partial = read.kind === 'absence' && read.partial ? read.partial : {};
    await recordAbsence(env, meeting, person, { source: 'kallelse_card', updatedBy: person.id, note: note ?? null, partial });
  } else {
    const [existing] = await env.tx.attendance.findBy({ meetingId: meeting.id, personId: person.id });
    if (existing && (existing.state === 'förhinder' || existing.partOfMeeting)) await withdrawAbsence(env, meeting, person, person.id);
    const [now] = await env.tx.attendance.findBy({ meetingId: meeting.id, personId: person.id });
    if (now) await env.tx.attendance.update({ ...now, state: 'expected', source: 'kallelse_card', updatedAt: nowIso(env), updatedBy: person.id });
    else
      await env.tx.attendance.insert({ id: env.ids.next(), tenantId: env.tenantId, meetingId: meeting.id, personId: person.id, bodyId: null, state: 'expected', source: 'kallelse_card', replacesPersonId: null, itemRange: null, partOfMeeting: false, note: null, unclassifiedGuest: false, updatedAt: nowIso(env), updatedBy: person.id, version: 1 });
  }
  const [after] = await env.tx.attendance.findBy({ meetingId: meeting.id, personId: person.id });
  return rsvpCardModel(env, meeting, person, after ?? null);
}

/** The meeting was moved or cancelled after the kallelse went out: everyone invited is told. */
export async function notifyMeetingChanged(env: BotEnv, meeting: Meeting): Promise<number> {
  const [settings] = await env.tx.meetingBotSettings.findBy({ meetingId: meeting.id });
  if (!settings?.kallelseSentAt) return 0;
  const stamp = `${meeting.status}:${meeting.startsAt}`;
  if (meeting.status === 'cancelled') for (const c of await env.tx.callIns.findBy({ meetingId: meeting.id })) if (c.status !== 'cancelled') await withdrawCallIns(env, meeting.id, c.absentPersonId);
  let told = 0;
  for (const d of await env.tx.kallelseDeliveries.findBy({ meetingId: meeting.id })) {
    if (d.status !== 'sent') continue;
    const person = await env.tx.people.require(d.personId);
    const l = localeOf(person);
    const [a] = await env.tx.attendance.findBy({ meetingId: meeting.id, personId: person.id });
    const name = await bodyName(env, meeting.bodyIds[0]!);
    // One time format in every message ("fredag 14 mars 2025 kl. 09.00").
    const when = formatMeetingTime(meeting.startsAt, l, meeting.timeZone);
    let text: string;
    if (meeting.status === 'cancelled') text = l === 'en' ? `The meeting of ${name} is cancelled.` : `Mötet i ${name} är inställt.`;
    else {
      text = l === 'en' ? `The meeting of ${name} has moved to ${when}.` : `Mötet i ${name} är flyttat till ${when}.`;
      if (a?.state === 'förhinder')
        text += l === 'en' ? ' Your notice of absence still applies; write "I can attend after all" if you can come now.' : ' Ditt förhinder gäller fortfarande; skriv "jag kan ändå komma" om du kan nu.';
    }
    await enqueueSend(env.tx, env.clock, { to: { personId: person.id }, purpose: 'meeting.changed', dedupeKey: `meeting-changed:${meeting.id}:${stamp}:${person.id}`, message: { text } });
    told += 1;
  }
  for (const bodyId of meeting.bodyIds) {
    const body = await env.tx.bodies.get(bodyId);
    const ref = body?.teamsChannelId ? await env.tx.conversationRefs.get(`channel:${body.teamsChannelId}`) : null;
    if (ref) await enqueueSend(env.tx, env.clock, { to: { conversationKey: ref.key }, purpose: 'meeting.changed.channel', dedupeKey: `meeting-changed-channel:${meeting.id}:${stamp}:${bodyId}`, message: { card: 'kallelseChannel', model: await channelCardModel(env, meeting, 'sv') } });
  }
  return told;
}
