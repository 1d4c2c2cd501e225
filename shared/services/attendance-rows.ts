/**
 * Attendance per body in joint meetings. A person who holds seats in several bodies of a
 * meeting has one attendance row per body (meeting, person, body): present on one council's list and struck
 * on the other's, as the 2024 joint protokoll shows. Everyone else keeps exactly one row per meeting, as
 * before (its bodyId says under which body the person is listed, or null).
 *
 * Writers go through `writePersonAttendance`: with a body named, only that body's row changes; without one,
 * every body the person sits in. A row stored before per-body rows existed (one row for a person with two
 * seats) is split into one row per seat the first time someone writes to it, so no old state is lost.
 * Readers go through `attendanceIn` (the row that speaks for the person in a body).
 */
import type { Attendance, Id, Meeting, Membership } from '../domain';
import { RadslagError } from '../errors/catalog';
import type { UseCaseContext } from '../usecase/context';

/** The meeting's bodies in which the person holds a seat (the meeting's body order). */
export function seatBodiesOf(meeting: Pick<Meeting, 'bodyIds'>, personId: Id, memberships: readonly Membership[]): Id[] {
  return meeting.bodyIds.filter((b) => memberships.some((m) => m.personId === personId && m.bodyId === b));
}

/**
 * The row that speaks for the person in the body: that body's own row, else the row listed under no body,
 * else the person's only row (a single-body meeting, or a row stored before per-body rows).
 */
export function attendanceIn(rows: readonly Attendance[], personId: Id, bodyId: Id | null): Attendance | undefined {
  const mine = rows.filter((a) => a.personId === personId);
  if (bodyId === null) return mine.find((a) => a.bodyId === null) ?? mine[0];
  return mine.find((a) => a.bodyId === bodyId) ?? mine.find((a) => a.bodyId === null) ?? (mine.length === 1 ? mine[0] : undefined);
}

/** One row per person for readers that ask "is the person here at all": present in any body wins, then förhinder. */
export function personSummary(rows: readonly Attendance[]): Attendance[] {
  const rank: Record<Attendance['state'], number> = { present: 3, förhinder: 2, absent: 1, expected: 0 };
  const out = new Map<Id, Attendance>();
  for (const a of rows) {
    const seen = out.get(a.personId);
    if (!seen || rank[a.state] > rank[seen.state]) out.set(a.personId, a);
  }
  return [...out.values()];
}

export function assertMeetingBody(meeting: Pick<Meeting, 'bodyIds'>, bodyId: Id | null | undefined): void {
  if (bodyId && !meeting.bodyIds.includes(bodyId))
    throw new RadslagError('VALIDATION_FAILED', { detail: 'organet deltar inte i mötet / the body does not take part in the meeting' });
}

export interface AttendanceTarget {
  /** The body the row is for (null: a person without seats, or a single-body meeting's row listed under none). */
  bodyId: Id | null;
  existing: Attendance | undefined;
}

/**
 * The rows a write touches, splitting a legacy one-row-for-two-seats into one row per seat first.
 * `bodyId` undefined/null: all the person's bodies; a body id: that body only.
 */
export async function attendanceTargets(
  ctx: Pick<UseCaseContext, 'tx' | 'ids'>,
  meeting: Meeting,
  personId: Id,
  bodyId?: Id | null,
  known?: { memberships?: readonly Membership[]; rows?: readonly Attendance[] },
): Promise<AttendanceTarget[]> {
  assertMeetingBody(meeting, bodyId);
  // A single-body meeting has one row per person whatever the seats: no memberships needed.
  const memberships = meeting.bodyIds.length < 2 ? [] : (known?.memberships ?? (await ctx.tx.memberships.findBy({ personId })));
  let rows = [...(known?.rows ?? (await ctx.tx.attendance.findBy({ meetingId: meeting.id, personId })))].filter((a) => a.personId === personId && a.meetingId === meeting.id);
  const seats = seatBodiesOf(meeting, personId, memberships);
  if (seats.length < 2) {
    // One row per person, exactly as before per-body rows: a named body says under which body they are listed.
    const existing = rows[0];
    return [{ bodyId: bodyId ?? existing?.bodyId ?? null, existing }];
  }
  // Several seats: one row per seat. A row that is not yet per body (null body, or a lone row from before)
  // is copied to each seat body it does not have, so the state it held stays true in every body.
  let template = rows.find((a) => a.bodyId === null) ?? (rows.length === 1 ? rows[0] : undefined);
  if (template) {
    for (const b of seats) {
      if (rows.some((a) => a.bodyId === b)) continue;
      if (template.bodyId === null) {
        // The row listed under no body becomes the first seat's row; the next seats get copies of it.
        const moved: Attendance = await ctx.tx.attendance.update({ ...template, bodyId: b });
        rows = rows.map((a) => (a.id === moved.id ? moved : a));
        template = moved;
        continue;
      }
      rows.push(await ctx.tx.attendance.insert({ ...template, id: ctx.ids.next(), bodyId: b, version: 1 }));
    }
  }
  const wanted = bodyId ? [bodyId] : seats;
  return wanted.map((b) => ({ bodyId: b, existing: rows.find((a) => a.bodyId === b) }));
}

/**
 * Writes the person's attendance in the meeting: `build` gets each target row (or undefined) and returns the
 * row to store, or null to leave it. Returns the stored rows (the first is the one a single-body caller wants).
 */
export async function writePersonAttendance(
  ctx: Pick<UseCaseContext, 'tx' | 'ids' | 'tenantId'>,
  meeting: Meeting,
  personId: Id,
  bodyId: Id | null | undefined,
  build: (existing: Attendance | undefined, bodyId: Id | null) => Partial<Attendance> | null,
  known?: { memberships?: readonly Membership[]; rows?: readonly Attendance[] },
): Promise<Attendance[]> {
  const out: Attendance[] = [];
  for (const t of await attendanceTargets(ctx, meeting, personId, bodyId, known)) {
    const fields = build(t.existing, t.bodyId);
    if (fields === null) {
      if (t.existing) out.push(t.existing);
      continue;
    }
    const listed = t.bodyId ?? fields.bodyId ?? t.existing?.bodyId ?? null;
    if (t.existing) out.push(await ctx.tx.attendance.update({ ...t.existing, ...fields, bodyId: listed }));
    else
      out.push(
        await ctx.tx.attendance.insert({
          id: ctx.ids.next(),
          tenantId: ctx.tenantId,
          meetingId: meeting.id,
          personId,
          state: 'expected',
          source: 'secretary',
          replacesPersonId: null,
          itemRange: null,
          partOfMeeting: false,
          note: null,
          unclassifiedGuest: false,
          updatedAt: new Date(0).toISOString(),
          updatedBy: null,
          version: 1,
          ...fields,
          bodyId: listed,
        }),
      );
  }
  return out;
}
