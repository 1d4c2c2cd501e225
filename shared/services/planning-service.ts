/**
 * Planning beyond one meeting: a series of meetings on the dates the council set under "Kommande möten",
 * created all or none, and the list of those dates for the council page.
 */
import { localDate } from '../absence/zoned';
import { createMeetingSeriesInput, type CreateMeetingSeriesInput } from '../contracts/meeting';
import type { MeetingSeriesResult, UpcomingDateView } from '../contracts/planning-views';
import { RadslagError } from '../errors/catalog';
import { nowIso, readOnly, type UseCaseContext } from '../usecase/context';
import { authorize, rolesOn } from './access';
import { createMeeting } from './meeting-service';

const STOCKHOLM = 'Europe/Stockholm';

/**
 * Creates one meeting per occasion through the same use case as a single meeting. Everything runs in the
 * runner's one transaction, so a refused date (one already planned, a clash within the series) leaves no
 * meeting of the series behind.
 */
export async function createMeetingSeries(ctx: UseCaseContext, raw: CreateMeetingSeriesInput): Promise<MeetingSeriesResult> {
  const input = createMeetingSeriesInput.parse(raw);
  authorize(ctx.actor, 'meeting.manage', { roles: await rolesOn(ctx.tx, ctx.actor.personId, input.bodyIds) });
  const existing = await ctx.tx.meetings.listForBodies(input.bodyIds);
  const taken = new Set(existing.filter((m) => m.status !== 'cancelled').map((m) => Date.parse(m.startsAt)));
  const clash = input.occasions.find((o) => taken.has(Date.parse(o.startsAt)));
  if (clash) {
    const day = localDate(clash.startsAt, input.timeZone);
    throw new RadslagError('VALIDATION_FAILED', { detailSv: `ett möte är redan planerat ${day} vid samma tid`, detailEn: `a meeting is already planned on ${day} at that time` });
  }
  const { occasions, ...common } = input;
  const meetingIds: string[] = [];
  for (const o of [...occasions].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))) {
    const created = await createMeeting(ctx, { ...common, ...o, secretaryPersonIds: [], items: [] });
    meetingIds.push(created.meeting.id);
  }
  await ctx.tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'meeting.create_series', entity: 'body', entityId: input.bodyIds[0]!, details: { meetingIds }, correlationId: ctx.correlationId });
  return { meetingIds };
}

/**
 * The dates the council's minutes list under "Kommande möten" from today on, each once, and whether a
 * meeting of the council is already planned that day (the planning form offers the others).
 */
export const bodyUpcomingDates = readOnly(async (ctx, { bodyId }: { bodyId: string }): Promise<UpcomingDateView[]> => {
  authorize(ctx.actor, 'body.read', { roles: await rolesOn(ctx.tx, ctx.actor.personId, [bodyId]) });
  const today = localDate(nowIso(ctx), STOCKHOLM);
  const meetings = await ctx.tx.meetings.listForBodies([bodyId]);
  const plannedDays = new Set(meetings.filter((m) => m.status !== 'cancelled').map((m) => localDate(m.startsAt, m.timeZone)));
  const byDate = new Map<string, UpcomingDateView>();
  for (const m of meetings) {
    for (const u of await ctx.tx.upcomingDates.findBy({ meetingId: m.id })) {
      if (u.date < today) continue;
      // A later meeting's list is the more recent word on a date's note.
      byDate.set(u.date, { date: u.date, note: u.note ?? byDate.get(u.date)?.note ?? null, planned: plannedDays.has(u.date) });
    }
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
});
