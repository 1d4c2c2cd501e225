/**
 * Meeting events and attendance: Teams meeting start/end and participant join/leave become
 * attendance intervals per person; unknown participants are kept as unclassified guests for the secretary;
 * people in the room check in; the secretary corrects anything; partial attendance per item is derived from
 * the intervals and the items' start/end times (shared/minutes/derive-item-range).
 */
import type { AgendaItem, Attendance, AttendanceSource, AttendanceState, ItemRange, Meeting, Person } from '../domain';
import type { AttendanceRow } from '../contracts/meeting-views';
import { RadslagError } from '../errors/catalog';
import { deriveItemRange } from '../minutes/derive-item-range';
import { meetingFor, nowIso } from './lookups';
import { readOnly, type UseCaseContext } from '../usecase/context';
import { queueMinutesDraftAtMeetingEnd } from './minutes-service';
import { assertMeetingBody, attendanceIn, writePersonAttendance } from './attendance-rows';
import { refreshServingPeriods } from './serving-service';
import { recordAbsence } from './absence-service';
import { absenceOpen } from './absence-report';
import { withdrawCallIns } from './call-in-service';
import { assertMayCheckIn } from './check-in-service';

export interface TeamsParticipant {
  aadObjectId: string;
  name: string;
}

/**
 * Present from now, in the named body or in every body the person sits in (per body in joint meetings).
 * A secretary's correction stands; an event does not overwrite it. Returns the first row written or kept.
 */
async function upsertPresent(
  ctx: UseCaseContext,
  meeting: Meeting,
  person: Person,
  source: AttendanceSource,
  opts: { guest?: boolean; rows?: Attendance[]; bodyId?: string | null } = {},
): Promise<Attendance> {
  // The caller may have read the person's rows already in this transaction.
  const rows = opts.rows ?? (await ctx.tx.attendance.findBy({ meetingId: meeting.id, personId: person.id }));
  // Memberships matter for a new row's body and for a joint meeting's per-body rows (no read otherwise).
  const ms = rows.length === 0 || meeting.bodyIds.length > 1 ? await ctx.tx.memberships.findBy({ personId: person.id }) : [];
  const written = await writePersonAttendance(
    ctx,
    meeting,
    person.id,
    opts.bodyId,
    (existing) => {
      if (existing) {
        if (existing.source === 'secretary' || existing.state === 'present') return null;
        return { state: 'present', source, updatedAt: nowIso(ctx), updatedBy: null };
      }
      return {
        bodyId: meeting.bodyIds.find((b) => ms.some((m) => m.bodyId === b)) ?? null,
        state: 'present',
        source,
        unclassifiedGuest: opts.guest ?? false,
        updatedAt: nowIso(ctx),
        updatedBy: null,
      };
    },
    { rows, memberships: ms },
  );
  return written[0]!;
}

/** A Teams participant as a person: known by Entra object id, else kept as a new guest person. */
async function participantPerson(ctx: UseCaseContext, p: TeamsParticipant, sender?: Person | null): Promise<{ person: Person; guest: boolean }> {
  // The activity's sender was read already when it is the participant (one read less per event).
  const known = sender && sender.aadObjectId === p.aadObjectId ? sender : await ctx.tx.people.findByAadObjectId(p.aadObjectId);
  if (known) return { person: known, guest: false };
  const person = await ctx.tx.people.insert({
    id: ctx.ids.next(),
    tenantId: ctx.tenantId,
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

export async function meetingStarted(ctx: UseCaseContext, meeting: Meeting, at: string): Promise<Meeting> {
  if (meeting.startedAt) return meeting;
  const saved = await ctx.tx.meetings.update({ ...meeting, startedAt: at });
  await ctx.tx.audit.record({ actorPersonId: null, actorLabel: 'teams', action: 'meeting.started', entity: 'meeting', entityId: meeting.id, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'meeting.updated', meetingId: meeting.id, data: { version: saved.version } });
  return saved;
}

export async function meetingEnded(ctx: UseCaseContext, meeting: Meeting, at: string): Promise<Meeting> {
  for (const iv of await ctx.tx.attendanceIntervals.findBy({ meetingId: meeting.id }))
    if (iv.to === null) await ctx.tx.attendanceIntervals.update({ ...iv, to: at });
  const saved = meeting.endedAt ? meeting : await ctx.tx.meetings.update({ ...meeting, endedAt: at, status: meeting.status === 'cancelled' ? 'cancelled' : 'held' });
  // Partial attendance per item, now that every interval is closed.
  const items = await ctx.tx.agendaItems.findBy({ meetingId: meeting.id }, 'number');
  const intervals = await ctx.tx.attendanceIntervals.findBy({ meetingId: meeting.id });
  for (const a of await ctx.tx.attendance.findBy({ meetingId: meeting.id })) {
    if (a.state !== 'present' || a.source === 'secretary') continue;
    const range = deriveItemRange(intervals.filter((i) => i.personId === a.personId), items, at);
    if (range && (a.itemRange?.from !== range.from || a.itemRange?.to !== range.to))
      await ctx.tx.attendance.update({ ...a, itemRange: range, partOfMeeting: true, updatedAt: nowIso(ctx) });
  }
  await refreshServingPeriods(ctx, saved);
  await ctx.tx.audit.record({ actorPersonId: null, actorLabel: 'teams', action: 'meeting.ended', entity: 'meeting', entityId: meeting.id, correlationId: ctx.correlationId });
  // The first minutes draft follows the end: a job of this transaction, so a crash after the commit cannot lose it.
  await queueMinutesDraftAtMeetingEnd(ctx, meeting.id);
  ctx.events.push({ type: 'meeting.updated', meetingId: meeting.id, data: { version: saved.version } });
  return saved;
}

export async function participantJoined(ctx: UseCaseContext, meeting: Meeting, p: TeamsParticipant, at: string, sender?: Person | null): Promise<{ person: Person; guest: boolean }> {
  const { person, guest } = await participantPerson(ctx, p, sender);
  const open = (await ctx.tx.attendanceIntervals.findBy({ meetingId: meeting.id, personId: person.id })).find((i) => i.to === null);
  if (!open) await ctx.tx.attendanceIntervals.insert({ id: ctx.ids.next(), meetingId: meeting.id, personId: person.id, from: at, to: null, source: 'teams_event' });
  const rows = await ctx.tx.attendance.findBy({ meetingId: meeting.id, personId: person.id });
  await upsertPresent(ctx, meeting, person, 'teams_event', { guest: guest || rows.some((a) => a.unclassifiedGuest), rows });
  ctx.events.push({ type: 'attendance.changed', meetingId: meeting.id, data: { personId: person.id } });
  return { person, guest };
}

export async function participantLeft(ctx: UseCaseContext, meeting: Meeting, p: TeamsParticipant, at: string, sender?: Person | null): Promise<void> {
  const person = sender && sender.aadObjectId === p.aadObjectId ? sender : await ctx.tx.people.findByAadObjectId(p.aadObjectId);
  if (!person) return;
  for (const iv of await ctx.tx.attendanceIntervals.findBy({ meetingId: meeting.id, personId: person.id }))
    if (iv.to === null) await ctx.tx.attendanceIntervals.update({ ...iv, to: at });
  ctx.events.push({ type: 'attendance.changed', meetingId: meeting.id, data: { personId: person.id } });
}

/** "Jag är på plats": present from now, by check-in; in every body the person sits in unless one is named. */
export async function checkIn(ctx: UseCaseContext, meeting: Meeting, person: Person, bodyId?: string | null): Promise<Attendance> {
  if (meeting.status === 'cancelled') throw new RadslagError('CONFLICT_STATE', { detailSv: 'mötet är inställt', detailEn: 'the meeting is cancelled' });
  assertMeetingBody(meeting, bodyId);
  const at = nowIso(ctx);
  const open = (await ctx.tx.attendanceIntervals.findBy({ meetingId: meeting.id, personId: person.id })).find((i) => i.to === null);
  if (!open) await ctx.tx.attendanceIntervals.insert({ id: ctx.ids.next(), meetingId: meeting.id, personId: person.id, from: at, to: null, source: 'check_in' });
  const a = await upsertPresent(ctx, meeting, person, 'check_in', bodyId ? { bodyId } : {});
  await ctx.tx.audit.record({ actorPersonId: person.id, action: 'attendance.checkin', entity: 'attendance', entityId: a.id, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'attendance.changed', meetingId: meeting.id, data: { personId: person.id } });
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

/**
 * The secretary's word on one person's attendance. `bodyId` names the body whose list the state is for: for a
 * person with seats in several bodies of a joint meeting only that body's row changes; without it, every body
 * they sit in. For anyone else (one seat, a guest) it says under which body they are listed, as before.
 * Returns the row written for the named body, else the first.
 */
export async function correctAttendance(ctx: UseCaseContext, meeting: Meeting, c: AttendanceCorrection, actorPersonId: string | null): Promise<Attendance> {
  await ctx.tx.people.require(c.personId);
  const fields = {
    state: c.state,
    source: 'secretary' as const,
    ...(c.itemRange !== undefined ? { itemRange: c.itemRange } : {}),
    ...(c.partOfMeeting !== undefined ? { partOfMeeting: c.partOfMeeting } : {}),
    ...(c.note !== undefined ? { note: c.note } : {}),
    ...(c.replacesPersonId !== undefined ? { replacesPersonId: c.replacesPersonId } : {}),
    updatedAt: nowIso(ctx),
    updatedBy: actorPersonId,
  };
  let first = true;
  const written = await writePersonAttendance(ctx, meeting, c.personId, c.bodyId, (existing) => {
    // Optimistic concurrency on the row the secretary saw (the named body's, or the person's first).
    const checked = first && existing && c.version !== undefined;
    first = false;
    return checked ? { ...fields, version: c.version! } : fields;
  });
  const saved = written.find((a) => a.bodyId === (c.bodyId ?? a.bodyId)) ?? written[0]!;
  const bodies = written.length > 1 || c.bodyId ? { bodyIds: written.map((a) => a.bodyId) } : {};
  // The secretary's word may move who served which items.
  if (meeting.startedAt || meeting.endedAt) await refreshServingPeriods(ctx, meeting);
  await ctx.tx.audit.record({ actorPersonId, action: 'attendance.correct', entity: 'attendance', entityId: saved.id, details: { state: c.state, ...bodies }, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'attendance.changed', meetingId: meeting.id, data: { personId: c.personId } });
  return saved;
}

/** The secretary says who a guest is: a kept guest (övrig/tjänsteperson with a title), or a roster person. */
export async function classifyGuest(
  ctx: UseCaseContext,
  meeting: Meeting,
  guestPersonId: string,
  input: { title?: string | null; bodyId?: string | null; samePersonId?: string | null },
  actorPersonId: string | null,
): Promise<Attendance> {
  const [a] = await ctx.tx.attendance.findBy({ meetingId: meeting.id, personId: guestPersonId });
  if (!a) throw new RadslagError('NOT_FOUND', { entity: 'Närvaron / The attendance' });
  if (input.samePersonId) {
    // The guest is someone on the roster who joined with another account: move the facts to them.
    const target = await ctx.tx.people.require(input.samePersonId);
    for (const iv of await ctx.tx.attendanceIntervals.findBy({ meetingId: meeting.id, personId: guestPersonId }))
      await ctx.tx.attendanceIntervals.update({ ...iv, personId: target.id });
    await ctx.tx.attendance.delete(a.id);
    const moved = await upsertPresent(ctx, meeting, target, a.source);
    await ctx.tx.audit.record({ actorPersonId, action: 'attendance.guest_merged', entity: 'attendance', entityId: moved.id, details: { guestPersonId }, correlationId: ctx.correlationId });
    ctx.events.push({ type: 'attendance.changed', meetingId: meeting.id, data: { personId: target.id } });
    return moved;
  }
  if (input.title !== undefined) {
    const guest = await ctx.tx.people.require(guestPersonId);
    await ctx.tx.people.update({ ...guest, title: input.title });
  }
  const saved = await ctx.tx.attendance.update({ ...a, unclassifiedGuest: false, bodyId: input.bodyId ?? a.bodyId, updatedAt: nowIso(ctx), updatedBy: actorPersonId });
  await ctx.tx.audit.record({ actorPersonId, action: 'attendance.guest_classified', entity: 'attendance', entityId: saved.id, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'attendance.changed', meetingId: meeting.id, data: { personId: guestPersonId } });
  return saved;
}

export type { AttendanceRow } from '../contracts/meeting-views';

/** The attendance list of a meeting; `items` when the caller has read them already (the panel's view). */
export async function attendanceList(ctx: UseCaseContext, meeting: Meeting, known: { items?: readonly AgendaItem[] } = {}): Promise<AttendanceRow[]> {
  const items = known.items ?? (await ctx.tx.agendaItems.findBy({ meetingId: meeting.id }, 'number'));
  const intervals = await ctx.tx.attendanceIntervals.findBy({ meetingId: meeting.id }, 'from');
  const rows: AttendanceRow[] = [];
  // A person with seats in several bodies of a joint meeting has a row per body: in the meeting's body order.
  const bodyRank = (b: string | null): number => (b === null ? -1 : meeting.bodyIds.indexOf(b));
  const all = (await ctx.tx.attendance.findBy({ meetingId: meeting.id }, 'personId')).sort((x, y) => (x.personId < y.personId ? -1 : x.personId > y.personId ? 1 : bodyRank(x.bodyId) - bodyRank(y.bodyId)));
  // Everyone's name in one read (it was one read per row: 60 round trips for a council on PostgreSQL).
  const names = new Map((await ctx.tx.people.findIn('id', all.map((a) => a.personId))).map((p) => [p.id, p.name]));
  for (const a of all) {
    const mine = intervals.filter((i) => i.personId === a.personId);
    rows.push({
      attendance: a,
      personName: names.get(a.personId) ?? '',
      intervals: mine.map((i) => ({ from: i.from, to: i.to, source: i.source })),
      derivedItemRange: deriveItemRange(mine, items, meeting.endedAt ?? nowIso(ctx)),
    });
  }
  return rows;
}

/** The secretary's attendance list: each person with join/leave intervals and the derived item range. */
export const meetingAttendance = readOnly(async (ctx, { meetingId }: { meetingId: string }): Promise<AttendanceRow[]> => attendanceList(ctx, await meetingFor(ctx, meetingId, 'meeting.read')));

/** The secretary corrects one person's attendance (the secretary's word stands over events). */
export async function correctMeetingAttendance(ctx: UseCaseContext, { meetingId, ...correction }: { meetingId: string } & AttendanceCorrection): Promise<Attendance> {
  const meeting = await meetingFor(ctx, meetingId, 'attendance.correct');
  const before = await ctx.tx.attendance.findBy({ meetingId: meeting.id, personId: correction.personId });
  // A full förhinder marked by the secretary is the same förhinder as one given in chat: the ersättare is called in.
  if (correction.state === 'förhinder' && !correction.partOfMeeting && !correction.itemRange && !correction.replacesPersonId && absenceOpen(meeting, ctx.clock.now())) {
    const seen = attendanceIn(before, correction.personId, correction.bodyId ?? null);
    if (correction.version !== undefined && seen && seen.version !== correction.version) throw new RadslagError('CONFLICT_STALE', {});
    return recordAbsence(ctx, meeting, await ctx.tx.people.require(correction.personId), {
      source: 'secretary',
      note: correction.note ?? null,
      updatedBy: ctx.actor.personId,
      rows: before,
      ...(correction.bodyId ? { bodyId: correction.bodyId } : {}),
    });
  }
  const saved = await correctAttendance(ctx, meeting, correction, ctx.actor.personId);
  // The person comes after all (the förhinder taken back, or there now): the call-in stops and a serving
  // ersättare gives the seat back. "Frånvarande" is not coming either: the ersättare keeps the seat.
  if (correction.state === 'expected' || correction.state === 'present') {
    const chains = (await ctx.tx.callIns.findBy({ meetingId: meeting.id, absentPersonId: correction.personId })).filter((c) => c.status !== 'cancelled');
    const still = (await ctx.tx.attendance.findBy({ meetingId: meeting.id, personId: correction.personId })).some((a) => a.state === 'förhinder' || a.state === 'absent');
    if (chains.length && !still) await withdrawCallIns(ctx, meeting.id, correction.personId);
  }
  return saved;
}

export async function classifyMeetingGuest(
  ctx: UseCaseContext,
  { meetingId, personId, ...input }: { meetingId: string; personId: string; title?: string | null | undefined; bodyId?: string | null | undefined; samePersonId?: string | null | undefined },
): Promise<Attendance> {
  return classifyGuest(ctx, await meetingFor(ctx, meetingId, 'attendance.correct'), personId, input, ctx.actor.personId);
}

/** "Jag är på plats" from the tab or the check-in card: the caller is present from now. */
export async function checkInToMeeting(ctx: UseCaseContext, { meetingId, bodyId }: { meetingId: string; bodyId?: string | null | undefined }): Promise<Attendance> {
  if (!ctx.actor.personId) throw new RadslagError('FORBIDDEN', { reasonSv: 'du finns inte i någon deltagarlista', reasonEn: 'you are not on any roster' }, { reason: 'not_member' });
  const meeting = await meetingFor(ctx, meetingId, 'attendance.checkin', { isSelf: true });
  // Only people expected at the meeting, only on its day (the same rule the side panel offers the button by).
  await assertMayCheckIn(ctx, meeting, ctx.actor.personId);
  return checkIn(ctx, meeting, await ctx.tx.people.require(ctx.actor.personId), bodyId ?? null);
}
