import type { MeetingPanelView } from '../contracts/meeting-views';
import type { Me } from '../contracts/caller-views';
import { readOnly } from '../usecase/context';
import { viewAgenda } from './agenda-service';
import { attendanceList } from './attendance-service';
import { callInOverviewOf } from './call-in-service';
import { describeCaller } from './council-service';
import { decisionsIn } from './decision-service';

/**
 * What a meeting surface shows first, in one answer: the agenda view, the caller, the meeting's decisions
 * (with votes), tasks, attendance, call-in chains, its bodies' seats and the people all of these name. It
 * composes the read use cases each part has on its own (same authorisation: meeting.read, checked first by
 * the agenda view), so the panel needs one round trip where it needed a dozen, and never loads the region's
 * list of people.
 */
export const meetingPanelView = readOnly(async (ctx, { meetingId, identity }: { meetingId: string; identity: Me['identity'] }): Promise<MeetingPanelView> => {
  // First: it authorises the caller for the meeting (meeting.read) before anything else is read. The parts
  // below need the same right, so they take the scene it read instead of each reading and checking it again
  // (that was 4 more reads of the meeting, its items, handovers and the caller's seats per panel load).
  const agenda = await viewAgenda(ctx, { meetingId });
  const meeting = agenda.meeting;
  // One transaction, one connection: the reads run one after another anyway, so no Promise.all.
  const me = await describeCaller(ctx, identity);
  const decisions = await decisionsIn(ctx.tx, agenda);
  const tasks = await ctx.tx.tasks.findBy({ meetingId: meeting.id });
  const attendance = await attendanceList(ctx, meeting, { items: agenda.items });
  const callIns = (await callInOverviewOf(ctx, meeting)).chains;
  // The seats of the meeting's own bodies: everyone who may read the meeting sees its rosters (the minutes list them).
  const memberships = await ctx.tx.memberships.findIn('bodyId', meeting.bodyIds, 'role');
  const bodies = (await ctx.tx.bodies.findIn('id', meeting.bodyIds)).map((b) => ({ id: b.id, name: b.name, shortName: b.shortName ?? null }));
  const named = new Set<string>();
  const add = (id: string | null | undefined) => {
    if (id) named.add(id);
  };
  for (const m of memberships) [m.personId, m.substituteForPersonId].forEach(add);
  [meeting.chairPersonId, ...meeting.secretaryPersonIds, ...meeting.justerarePersonIds, agenda.currentChairPersonId].forEach(add);
  for (const h of agenda.handovers) add(h.personId);
  for (const r of attendance) [r.attendance.personId, r.attendance.replacesPersonId].forEach(add);
  for (const c of callIns) [c.callIn.absentPersonId, c.callIn.namedSubstitutePersonId, c.callIn.filledByPersonId, ...c.steps.map((s) => s.personId)].forEach(add);
  for (const t of tasks) add(t.ownerPersonId);
  const people = (await ctx.tx.people.findIn('id', [...named], 'name')).map((p) => ({ id: p.id, name: p.name, title: p.title ?? null, organisationId: p.organisationId ?? null }));
  return { agenda, me, people, memberships, bodies, decisions, tasks, attendance, callIns };
});
