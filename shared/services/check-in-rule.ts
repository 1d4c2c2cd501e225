/**
 * Who is offered "Jag är på plats", and when. Pure, so the side panel offers exactly what the server allows:
 * - only people expected at the meeting: anyone holding a seat in one of its bodies (ledamöter, ordförande,
 *   tjänstepersoner, the secretary …) unless every one of their rows says förhinder or frånvarande, and
 *   ersättare only once they are called in (an attendance row that replaces someone);
 * - only on the meeting's own day in the meeting's time zone (or the day it was opened), never after it ended.
 * Whether the person attends remotely (the meeting is held in Teams only, or they are in the Teams meeting
 * now) does not refuse the check-in; it only means the panel does not make it the primary action.
 */
import type { Attendance, AttendanceInterval, Meeting, Membership } from '../domain';
import { isoDateInZone } from '../minutes/swedish-time';

export type CheckInRefusal = 'not_expected' | 'not_meeting_day' | 'meeting_over' | 'cancelled';

export interface CheckInFacts {
  meeting: Pick<Meeting, 'bodyIds' | 'startsAt' | 'timeZone' | 'status' | 'startedAt' | 'endedAt' | 'secretaryPersonIds'>;
  personId: string;
  /** Memberships of the meeting's bodies (others are ignored). */
  memberships: readonly Pick<Membership, 'bodyId' | 'personId' | 'role'>[];
  /** The meeting's attendance rows (others' rows are ignored). */
  attendance: readonly Pick<Attendance, 'personId' | 'state' | 'replacesPersonId'>[];
  now: string;
}

/** Whether the person is expected at the meeting (see the module comment). */
export function isExpectedAt(f: Omit<CheckInFacts, 'now'>): boolean {
  const rows = f.attendance.filter((a) => a.personId === f.personId);
  if (rows.length > 0 && rows.every((a) => a.state === 'förhinder' || a.state === 'absent')) return false;
  if (rows.some((a) => a.replacesPersonId)) return true;
  if (f.meeting.secretaryPersonIds.includes(f.personId)) return true;
  return f.memberships.some((m) => m.personId === f.personId && f.meeting.bodyIds.includes(m.bodyId) && m.role !== 'ersättare');
}

/** Why the person may not check in now, or null when they may. */
export function checkInRefusal(f: CheckInFacts): CheckInRefusal | null {
  if (f.meeting.status === 'cancelled') return 'cancelled';
  if (!isExpectedAt(f)) return 'not_expected';
  if (f.meeting.endedAt) return 'meeting_over';
  // The planned day, or the day it was actually opened (a meeting run past midnight, or opened on another day).
  const today = isoDateInZone(f.now, f.meeting.timeZone);
  const days = [f.meeting.startsAt, f.meeting.startedAt].filter((d): d is string => !!d).map((d) => isoDateInZone(d, f.meeting.timeZone));
  if (!days.includes(today)) return 'not_meeting_day';
  return null;
}

/**
 * Whether a check-in may still be taken back ("Ångra"): only while the meeting has not ended, since after the
 * end the attendance is what the minutes record and only the secretary corrects it.
 */
export function checkInUndoable(meeting: Pick<Meeting, 'endedAt'>): boolean {
  return !meeting.endedAt;
}

/**
 * The person takes part remotely as far as Rådslag knows: the meeting is held in Teams only, or they are in
 * the Teams meeting right now (an open interval from Teams' join events).
 */
export function attendsRemotely(meeting: Pick<Meeting, 'mode'>, intervals: readonly { to: AttendanceInterval['to']; source: string }[]): boolean {
  return meeting.mode === 'teams' || intervals.some((i) => i.to === null && i.source === 'teams_event');
}
