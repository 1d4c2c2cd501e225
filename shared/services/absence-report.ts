/**
 * Förhinder from the tab. Every door runs the same recording as a förhinder in chat (recordAbsence): a member
 * from "Mina möten" for themself, the secretary for someone on the roster. A full förhinder of a voting seat
 * starts the same call-in chain; a withdrawal stops it and gives the seat back.
 */
import { can, type Attendance, type AttendanceState, type Meeting, type Membership, type Person } from '../domain';
import type { MyMeeting } from '../contracts/absence';
import { meetingPhrase, own, phrase } from '../absence';
import { RadslagError } from '../errors/catalog';
import { readOnly, type UseCaseContext } from '../usecase/context';
import { recordAbsence, withdrawAbsence } from './absence-service';
import { rolesIn } from './access';
import { tellSecretaries } from './call-in-service';
import { bodyName, meetingFor } from './lookups';

/** A förhinder can be given (or taken back) until the meeting is over, never for a cancelled one. */
export function absenceOpen(meeting: Pick<Meeting, 'status' | 'endsAt' | 'endedAt'>, now: Date): boolean {
  return meeting.status !== 'cancelled' && !meeting.endedAt && Date.parse(meeting.endsAt) > now.getTime();
}

/** Who the förhinder is for, and that the change is allowed: one's own, or the secretary's for someone else. */
async function subjectOf(ctx: UseCaseContext, meetingId: string, personId: string | undefined): Promise<{ meeting: Meeting; person: Person; self: boolean; seats: Membership[] }> {
  const self = !personId || personId === ctx.actor.personId;
  const subjectId = personId ?? ctx.actor.personId;
  if (!subjectId) throw new RadslagError('FORBIDDEN', { reasonSv: 'du finns inte i någon deltagarlista', reasonEn: 'you are not on any roster' }, { reason: 'not_member' });
  const meeting = await meetingFor(ctx, meetingId, self ? 'absence.report_own' : 'absence.report_for_other', self ? { isSelf: true } : {});
  const seats = (await ctx.tx.memberships.findBy({ personId: subjectId })).filter((m) => meeting.bodyIds.includes(m.bodyId));
  if (seats.length === 0)
    throw new RadslagError(
      'FORBIDDEN',
      { reasonSv: self ? 'du har ingen plats i mötets deltagarlista' : 'personen har ingen plats i mötets deltagarlista', reasonEn: self ? 'you have no seat on the meeting’s roster' : 'the person has no seat on the meeting’s roster' },
      { reason: 'not_member' },
    );
  if (!absenceOpen(meeting, ctx.clock.now())) throw new RadslagError('CONFLICT_STATE', { detailSv: meeting.status === 'cancelled' ? 'mötet är inställt' : 'mötet är redan över', detailEn: meeting.status === 'cancelled' ? 'the meeting is cancelled' : 'the meeting is over' });
  return { meeting, person: await ctx.tx.people.require(subjectId), self, seats };
}

/** "Anmäl förhinder" in the tab: recorded as from chat, the ersättare called in, the secretary told. */
export async function reportMeetingAbsence(ctx: UseCaseContext, input: { meetingId: string; personId?: string | undefined; bodyId?: string | null | undefined; note?: string | null | undefined }): Promise<Attendance> {
  const { meeting, person, self, seats } = await subjectOf(ctx, input.meetingId, input.personId);
  const attendance = await recordAbsence(ctx, meeting, person, {
    source: self ? 'tab' : 'secretary',
    note: input.note ?? null,
    updatedBy: ctx.actor.personId,
    memberships: seats,
    ...(input.bodyId ? { bodyId: input.bodyId } : {}),
  });
  // The member's own förhinder is news to the secretary (the secretary's own marking is not).
  if (self) {
    const where = { bodyName: await bodyName(ctx, input.bodyId ?? seats[0]!.bodyId), startsAt: meeting.startsAt, timeZone: meeting.timeZone };
    await tellSecretaries(ctx, meeting, 'absence-notice', `${attendance.id}:${attendance.version}`, async (l) =>
      l === 'en' ? phrase`${person.name}${own(' sends apologies: ')}${meetingPhrase(where, 'en')}` : phrase`${person.name}${own(' har förhinder: ')}${meetingPhrase(where, 'sv')}`,
    );
  }
  return attendance;
}

/** "Ångra förhinder": back to expected, the call-in stopped, a serving ersättare told. */
export async function withdrawMeetingAbsence(ctx: UseCaseContext, input: { meetingId: string; personId?: string | undefined; bodyId?: string | null | undefined }): Promise<Attendance | null> {
  const { meeting, person } = await subjectOf(ctx, input.meetingId, input.personId);
  return withdrawAbsence(ctx, meeting, person, ctx.actor.personId, input.bodyId ?? null);
}

const RANK: Record<AttendanceState, number> = { förhinder: 3, present: 2, absent: 1, expected: 0 };

/** "Mina möten": the meetings of the caller's bodies, each with the caller's own state and whether they may give förhinder. */
export const myMeetings = readOnly(async (ctx): Promise<MyMeeting[]> => {
  const personId = ctx.actor.personId;
  const memberships = personId ? await ctx.tx.memberships.findBy({ personId }) : [];
  const bodyIds = ctx.actor.isAdmin ? (await ctx.tx.bodies.findBy({})).map((b) => b.id) : [...new Set(memberships.map((m) => m.bodyId))];
  const meetings = await ctx.tx.meetings.listForBodies(bodyIds, {});
  const rows = personId ? await ctx.tx.attendance.findBy({ personId }) : [];
  const now = ctx.clock.now();
  const out: MyMeeting[] = [];
  for (const meeting of meetings) {
    const roles = rolesIn(memberships, personId, meeting.bodyIds);
    const mine = rows.filter((a) => a.meetingId === meeting.id);
    const strongest = mine.reduce<Attendance | null>((best, a) => (!best || RANK[a.state] > RANK[best.state] ? a : best), null);
    const replaces = mine.find((a) => a.replacesPersonId)?.replacesPersonId ?? null;
    const allowed = roles.length > 0 && absenceOpen(meeting, now) && can(ctx.actor, 'absence.report_own', { roles, isSelf: true, isMeetingSecretary: !!personId && meeting.secretaryPersonIds.includes(personId) }).allowed;
    out.push({
      meeting,
      myState: roles.length ? (strongest?.state ?? 'expected') : null,
      partOfMeeting: mine.some((a) => a.partOfMeeting),
      replacesName: replaces ? ((await ctx.tx.people.get(replaces))?.name ?? null) : null,
      canReportAbsence: allowed,
    });
  }
  return out;
});
