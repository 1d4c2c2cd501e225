/**
 * Meeting events and attendance (issue 4 §5): Teams meeting start/end and participant join/leave become
 * attendance intervals per person; unknown participants are kept as unclassified guests for the secretary;
 * people in the room check in; the secretary corrects anything; partial attendance per item is derived from
 * the intervals and the items' start/end times (shared/minutes/derive-item-range).
 */
import type { Attendance, AttendanceSource, AttendanceState, ItemRange, Meeting, Person } from '../domain';
import { RadslagError } from '../errors/catalog';
import { deriveItemRange } from '../minutes/derive-item-range';
import { nowIso, type BotEnv } from './bot-env';

export interface TeamsParticipant {
  aadObjectId: string;
  name: string;
}

async function upsertPresent(env: BotEnv, meeting: Meeting, person: Person, source: AttendanceSource, opts: { guest?: boolean; existing?: Attendance | null } = {}): Promise<Attendance> {
  // The caller may have read the row already in this transaction (null: there is none).
  const existing = opts.existing !== undefined ? (opts.existing ?? undefined) : (await env.tx.attendance.findBy({ meetingId: meeting.id, personId: person.id }))[0];
  if (existing) {
    // A secretary's correction stands; an event does not overwrite it.
    if (existing.source === 'secretary' || existing.state === 'present') return existing;
    return env.tx.attendance.update({ ...existing, state: 'present', source, updatedAt: nowIso(env), updatedBy: null });
  }
  const ms = await env.tx.memberships.findBy({ personId: person.id });
  return env.tx.attendance.insert({
    id: env.ids.next(),
    tenantId: env.tenantId,
    meetingId: meeting.id,
    personId: person.id,
    bodyId: meeting.bodyIds.find((b) => ms.some((m) => m.bodyId === b)) ?? null,
    state: 'present',
    source,
    replacesPersonId: null,
    itemRange: null,
    partOfMeeting: false,
    note: null,
    unclassifiedGuest: opts.guest ?? false,
    updatedAt: nowIso(env),
    updatedBy: null,
    version: 1,
  });
}

/** A Teams participant as a person: known by Entra object id, else kept as a new guest person. */
async function participantPerson(env: BotEnv, p: TeamsParticipant, sender?: Person | null): Promise<{ person: Person; guest: boolean }> {
  // The activity's sender was read already when it is the participant (issue 10: one read less per event).
  const known = sender && sender.aadObjectId === p.aadObjectId ? sender : await env.tx.people.findByAadObjectId(p.aadObjectId);
  if (known) return { person: known, guest: false };
  const person = await env.tx.people.insert({
    id: env.ids.next(),
    tenantId: env.tenantId,
    name: p.name.slice(0, 200) || 'Gäst',
    email: null,
    aadObjectId: p.aadObjectId,
    userPrincipalName: null,
    title: null,
    organisationId: null,
    isAdmin: false,
    locale: null,
    version: 1,
  });
  return { person, guest: true };
}

export async function meetingStarted(env: BotEnv, meeting: Meeting, at: string): Promise<Meeting> {
  if (meeting.startedAt) return meeting;
  const saved = await env.tx.meetings.update({ ...meeting, startedAt: at });
  await env.tx.audit.record({ actorPersonId: null, actorLabel: 'teams', action: 'meeting.started', entity: 'meeting', entityId: meeting.id, correlationId: env.correlationId });
  env.events.push({ type: 'meeting.updated', meetingId: meeting.id, data: { version: saved.version } });
  return saved;
}

export async function meetingEnded(env: BotEnv, meeting: Meeting, at: string): Promise<Meeting> {
  for (const iv of await env.tx.attendanceIntervals.findBy({ meetingId: meeting.id }))
    if (iv.to === null) await env.tx.attendanceIntervals.update({ ...iv, to: at });
  const saved = meeting.endedAt ? meeting : await env.tx.meetings.update({ ...meeting, endedAt: at, status: meeting.status === 'cancelled' ? 'cancelled' : 'held' });
  // Partial attendance per item, now that every interval is closed.
  const items = await env.tx.agendaItems.findBy({ meetingId: meeting.id }, 'number');
  const intervals = await env.tx.attendanceIntervals.findBy({ meetingId: meeting.id });
  for (const a of await env.tx.attendance.findBy({ meetingId: meeting.id })) {
    if (a.state !== 'present' || a.source === 'secretary') continue;
    const range = deriveItemRange(intervals.filter((i) => i.personId === a.personId), items, at);
    if (range && (a.itemRange?.from !== range.from || a.itemRange?.to !== range.to))
      await env.tx.attendance.update({ ...a, itemRange: range, partOfMeeting: true, updatedAt: nowIso(env) });
  }
  await env.tx.audit.record({ actorPersonId: null, actorLabel: 'teams', action: 'meeting.ended', entity: 'meeting', entityId: meeting.id, correlationId: env.correlationId });
  env.events.push({ type: 'meeting.updated', meetingId: meeting.id, data: { version: saved.version } });
  return saved;
}

export async function participantJoined(env: BotEnv, meeting: Meeting, p: TeamsParticipant, at: string, sender?: Person | null): Promise<{ person: Person; guest: boolean }> {
  const { person, guest } = await participantPerson(env, p, sender);
  const open = (await env.tx.attendanceIntervals.findBy({ meetingId: meeting.id, personId: person.id })).find((i) => i.to === null);
  if (!open) await env.tx.attendanceIntervals.insert({ id: env.ids.next(), meetingId: meeting.id, personId: person.id, from: at, to: null, source: 'teams_event' });
  const [existing] = await env.tx.attendance.findBy({ meetingId: meeting.id, personId: person.id });
  await upsertPresent(env, meeting, person, 'teams_event', { guest: guest || (existing?.unclassifiedGuest ?? false), existing: existing ?? null });
  env.events.push({ type: 'attendance.changed', meetingId: meeting.id, data: { personId: person.id } });
  return { person, guest };
}

export async function participantLeft(env: BotEnv, meeting: Meeting, p: TeamsParticipant, at: string, sender?: Person | null): Promise<void> {
  const person = sender && sender.aadObjectId === p.aadObjectId ? sender : await env.tx.people.findByAadObjectId(p.aadObjectId);
  if (!person) return;
  for (const iv of await env.tx.attendanceIntervals.findBy({ meetingId: meeting.id, personId: person.id }))
    if (iv.to === null) await env.tx.attendanceIntervals.update({ ...iv, to: at });
  env.events.push({ type: 'attendance.changed', meetingId: meeting.id, data: { personId: person.id } });
}

/** "Jag är på plats": present from now, by check-in. */
export async function checkIn(env: BotEnv, meeting: Meeting, person: Person): Promise<Attendance> {
  if (meeting.status === 'cancelled') throw new RadslagError('CONFLICT_STATE', { detailSv: 'mötet är inställt', detailEn: 'the meeting is cancelled' });
  const at = nowIso(env);
  const open = (await env.tx.attendanceIntervals.findBy({ meetingId: meeting.id, personId: person.id })).find((i) => i.to === null);
  if (!open) await env.tx.attendanceIntervals.insert({ id: env.ids.next(), meetingId: meeting.id, personId: person.id, from: at, to: null, source: 'check_in' });
  const a = await upsertPresent(env, meeting, person, 'check_in');
  await env.tx.audit.record({ actorPersonId: person.id, action: 'attendance.checkin', entity: 'attendance', entityId: a.id, correlationId: env.correlationId });
  env.events.push({ type: 'attendance.changed', meetingId: meeting.id, data: { personId: person.id } });
  return a;
}

export interface AttendanceCorrection {
  personId: string;
  state: AttendanceState;
  itemRange?: ItemRange | null;
  partOfMeeting?: boolean;
  note?: string | null;
  replacesPersonId?: string | null;
  bodyId?: string | null;
  /** Optimistic concurrency: the version the secretary saw (absent for a new row). */
  version?: number;
}

export async function correctAttendance(env: BotEnv, meeting: Meeting, c: AttendanceCorrection, actorPersonId: string | null): Promise<Attendance> {
  await env.tx.people.require(c.personId);
  const [existing] = await env.tx.attendance.findBy({ meetingId: meeting.id, personId: c.personId });
  const fields = {
    state: c.state,
    source: 'secretary' as const,
    ...(c.itemRange !== undefined ? { itemRange: c.itemRange } : {}),
    ...(c.partOfMeeting !== undefined ? { partOfMeeting: c.partOfMeeting } : {}),
    ...(c.note !== undefined ? { note: c.note } : {}),
    ...(c.replacesPersonId !== undefined ? { replacesPersonId: c.replacesPersonId } : {}),
    ...(c.bodyId !== undefined ? { bodyId: c.bodyId } : {}),
    updatedAt: nowIso(env),
    updatedBy: actorPersonId,
  };
  let saved: Attendance;
  if (existing) {
    saved = await env.tx.attendance.update({ ...existing, ...fields, version: c.version ?? existing.version });
  } else {
    saved = await env.tx.attendance.insert({
      id: env.ids.next(),
      tenantId: env.tenantId,
      meetingId: meeting.id,
      personId: c.personId,
      bodyId: null,
      replacesPersonId: null,
      itemRange: null,
      partOfMeeting: false,
      note: null,
      unclassifiedGuest: false,
      version: 1,
      ...fields,
    });
  }
  await env.tx.audit.record({ actorPersonId, action: 'attendance.correct', entity: 'attendance', entityId: saved.id, details: { state: c.state }, correlationId: env.correlationId });
  env.events.push({ type: 'attendance.changed', meetingId: meeting.id, data: { personId: c.personId } });
  return saved;
}

/** The secretary says who a guest is: a kept guest (övrig/tjänsteperson with a title), or a roster person. */
export async function classifyGuest(
  env: BotEnv,
  meeting: Meeting,
  guestPersonId: string,
  input: { title?: string | null; bodyId?: string | null; samePersonId?: string | null },
  actorPersonId: string | null,
): Promise<Attendance> {
  const [a] = await env.tx.attendance.findBy({ meetingId: meeting.id, personId: guestPersonId });
  if (!a) throw new RadslagError('NOT_FOUND', { entity: 'Närvaron / The attendance' });
  if (input.samePersonId) {
    // The guest is someone on the roster who joined with another account: move the facts to them.
    const target = await env.tx.people.require(input.samePersonId);
    for (const iv of await env.tx.attendanceIntervals.findBy({ meetingId: meeting.id, personId: guestPersonId }))
      await env.tx.attendanceIntervals.update({ ...iv, personId: target.id });
    await env.tx.attendance.delete(a.id);
    const moved = await upsertPresent(env, meeting, target, a.source);
    await env.tx.audit.record({ actorPersonId, action: 'attendance.guest_merged', entity: 'attendance', entityId: moved.id, details: { guestPersonId }, correlationId: env.correlationId });
    env.events.push({ type: 'attendance.changed', meetingId: meeting.id, data: { personId: target.id } });
    return moved;
  }
  if (input.title !== undefined) {
    const guest = await env.tx.people.require(guestPersonId);
    await env.tx.people.update({ ...guest, title: input.title });
  }
  const saved = await env.tx.attendance.update({ ...a, unclassifiedGuest: false, bodyId: input.bodyId ?? a.bodyId, updatedAt: nowIso(env), updatedBy: actorPersonId });
  await env.tx.audit.record({ actorPersonId, action: 'attendance.guest_classified', entity: 'attendance', entityId: saved.id, correlationId: env.correlationId });
  env.events.push({ type: 'attendance.changed', meetingId: meeting.id, data: { personId: guestPersonId } });
  return saved;
}

export interface AttendanceRow {
  attendance: Attendance;
  personName: string;
  intervals: Array<{ from: string; to: string | null; source: string }>;
  /** Items attended as derived from intervals × item times (null: all, none, or not derivable). */
  derivedItemRange: ItemRange | null;
}

export async function attendanceList(env: BotEnv, meeting: Meeting): Promise<AttendanceRow[]> {
  const items = await env.tx.agendaItems.findBy({ meetingId: meeting.id }, 'number');
  const intervals = await env.tx.attendanceIntervals.findBy({ meetingId: meeting.id }, 'from');
  const rows: AttendanceRow[] = [];
  for (const a of await env.tx.attendance.findBy({ meetingId: meeting.id }, 'personId')) {
    const mine = intervals.filter((i) => i.personId === a.personId);
    rows.push({
      attendance: a,
      personName: (await env.tx.people.get(a.personId))?.name ?? '',
      intervals: mine.map((i) => ({ from: i.from, to: i.to, source: i.source })),
      derivedItemRange: deriveItemRange(mine, items, meeting.endedAt ?? nowIso(env)),
    });
  }
  return rows;
}
