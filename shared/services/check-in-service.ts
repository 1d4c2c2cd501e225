/**
 * "Jag är på plats" and its undo, on the server: the rule of check-in-rule.ts applied to what the store
 * holds, so the tab and the check-in card are refused exactly when the panel would not offer the button.
 */
import type { Attendance, Meeting } from '../domain';
import { RadslagError } from '../errors/catalog';
import { isoDateInZone, longSwedishDate } from '../minutes/swedish-time';
import type { Repositories } from '../ports/store';
import type { UseCaseContext } from '../usecase/context';
import { bodyMembershipsOf } from './agenda-access';
import { checkInRefusal, checkInUndoable, isExpectedAt } from './check-in-rule';
import { meetingFor, nowIso } from './lookups';

/** Throws the catalog's refusal when the person may not check in to the meeting now. */
export async function assertMayCheckIn(ctx: UseCaseContext, meeting: Meeting, personId: string): Promise<void> {
  const [memberships, attendance] = await Promise.all([bodyMembershipsOf(ctx.tx, meeting), ctx.tx.attendance.findBy({ meetingId: meeting.id, personId })]);
  const refusal = checkInRefusal({ meeting, personId, memberships, attendance, now: nowIso(ctx) });
  if (refusal === null) return;
  if (refusal === 'not_expected') throw new RadslagError('CHECKIN_NOT_EXPECTED', {}, { reason: refusal });
  if (refusal === 'not_meeting_day') {
    const day = isoDateInZone(meeting.startsAt, meeting.timeZone);
    throw new RadslagError('CHECKIN_NOT_MEETING_DAY', { dateSv: longSwedishDate(day), dateEn: day }, { reason: refusal, date: day });
  }
  if (refusal === 'cancelled') throw new RadslagError('CONFLICT_STATE', { detailSv: 'mötet är inställt', detailEn: 'the meeting is cancelled' }, { reason: refusal });
  throw new RadslagError('CONFLICT_STATE', { detailSv: 'mötet är avslutat', detailEn: 'the meeting has ended' }, { reason: refusal });
}

/**
 * "Ångra": a check-in pressed by mistake is taken back. Only what the check-in wrote changes: rows whose
 * presence came from the check-in go back to expected (a called-in ersättare's back to the call-in), and
 * the open check-in interval is removed. Presence from Teams or the secretary's word is not touched.
 * Refused once the meeting has ended.
 */
export async function undoCheckIn(ctx: UseCaseContext, { meetingId }: { meetingId: string }): Promise<Attendance[]> {
  const personId = ctx.actor.personId;
  if (!personId) throw new RadslagError('FORBIDDEN', { reasonSv: 'du finns inte i någon deltagarlista', reasonEn: 'you are not on any roster' }, { reason: 'not_member' });
  const meeting = await meetingFor(ctx, meetingId, 'attendance.checkin', { isSelf: true });
  if (!checkInUndoable(meeting)) throw new RadslagError('CHECKIN_UNDO_AFTER_END', {}, { reason: 'meeting_over' });
  const rows = (await ctx.tx.attendance.findBy({ meetingId: meeting.id, personId })).filter((a) => a.source === 'check_in' && a.state === 'present');
  if (rows.length === 0) throw new RadslagError('CHECKIN_NOT_CHECKED_IN');
  const saved: Attendance[] = [];
  for (const a of rows) saved.push(await ctx.tx.attendance.update({ ...a, state: 'expected', source: a.replacesPersonId ? 'call_in' : 'check_in', updatedAt: nowIso(ctx), updatedBy: personId }));
  for (const iv of await ctx.tx.attendanceIntervals.findBy({ meetingId: meeting.id, personId })) if (iv.source === 'check_in' && iv.to === null) await ctx.tx.attendanceIntervals.delete(iv.id);
  await ctx.tx.audit.record({ actorPersonId: personId, action: 'attendance.checkin_undone', entity: 'attendance', entityId: saved[0]!.id, correlationId: ctx.correlationId });
  ctx.events.push({ type: 'attendance.changed', meetingId: meeting.id, data: { personId } });
  return saved;
}

/** What the check-in card shows one person: the button exactly when the server would take the press. */
export type CheckInCardView = 'offer' | 'checkedIn' | 'notExpected' | 'closed' | 'cancelled';

/**
 * Whom the check-in card in the meeting chat lists for their own view: the people expected at the meeting by
 * the check-in rule first (secretaries, then the rosters in order, then those called in), then everyone else on
 * the rosters. The card is posted once, when the meeting starts; an ersättare called in later must still get the
 * button by refresh, and the view decides per person (checkInCardView), so listing them early costs nothing.
 */
export async function checkInCardAudience(repos: Repositories, meeting: Meeting): Promise<string[]> {
  const [memberships, attendance] = [await bodyMembershipsOf(repos, meeting), await repos.attendance.findBy({ meetingId: meeting.id })];
  const candidates = [...new Set([...meeting.secretaryPersonIds, ...memberships.flatMap((m) => (m.personId ? [m.personId] : [])), ...attendance.map((a) => a.personId)])];
  const expected = candidates.filter((personId) => isExpectedAt({ meeting, personId, memberships, attendance }));
  return [...expected, ...candidates.filter((personId) => !expected.includes(personId))];
}

/** The person's own view of the check-in card (null: someone Rådslag does not know). */
export async function checkInCardView(ctx: UseCaseContext, meeting: Meeting, personId: string | null): Promise<CheckInCardView> {
  if (!personId) return 'notExpected';
  const [memberships, attendance] = [await bodyMembershipsOf(ctx.tx, meeting), await ctx.tx.attendance.findBy({ meetingId: meeting.id, personId })];
  if (attendance.some((a) => a.source === 'check_in' && a.state === 'present')) return 'checkedIn';
  const refusal = checkInRefusal({ meeting, personId, memberships, attendance, now: nowIso(ctx) });
  return refusal === null ? 'offer' : refusal === 'cancelled' ? 'cancelled' : refusal === 'not_expected' ? 'notExpected' : 'closed';
}
