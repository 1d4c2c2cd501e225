/** Writing an applied roster import: organisations, people, memberships, and attendance of a meeting. */
import type { Id, Meeting, Person } from '../domain';
import type { FieldChange, OrganisationRef, PersonRef, RosterImportPlan, RosterParseResult } from '../roster';
import type { UseCaseContext } from '../usecase/context';
import { writePersonAttendance } from './attendance-rows';
import { STATE_STRENGTH, refuseLockedMinutes, validateHistoryMeeting } from './roster-import-support';
import type { HistoryMeetingInput, RosterApplyResult, RosterImportRecord } from '../domain/roster-records';

/** The plan's steps on the store (the same semantics as applyRosterPlan in shared/roster). */
export async function writeRosterPlan(ctx: UseCaseContext, rec: RosterImportRecord, plan: RosterImportPlan): Promise<RosterApplyResult> {
  const { tx, tenantId } = ctx;
  const counts: RosterApplyResult['counts'] = {
    organisationsCreated: 0,
    peopleCreated: 0,
    peopleUpdated: 0,
    membershipsAdded: 0,
    membershipsUpdated: 0,
    membershipsRemoved: 0,
    attendanceRecorded: 0,
  };
  const orgIds: Record<string, Id> = {};
  for (const o of plan.organisations.create) {
    const org = await tx.organisations.insert({ id: ctx.ids.next(), tenantId, name: o.name, kind: o.kind, aliases: o.aliases, version: 1 });
    orgIds[o.key] = org.id;
    counts.organisationsCreated++;
  }
  const orgId = (ref: OrganisationRef | null | undefined): Id | null => (!ref ? null : ref.kind === 'existing' ? ref.id : (orgIds[ref.key] ?? null));
  const value = (v: FieldChange['to']) => (typeof v === 'string' && v.startsWith('new:') ? (orgIds[v.slice(4)] ?? null) : v);

  const createdPersonIds: Record<string, Id> = {};
  for (const p of plan.people) {
    if (p.action === 'create' && p.ref.kind === 'new') {
      if (createdPersonIds[p.ref.key]) continue;
      const person = await tx.people.insert({
        id: ctx.ids.next(),
        tenantId,
        name: p.name,
        email: p.email ?? null,
        aadObjectId: null,
        userPrincipalName: null,
        title: p.title ?? null,
        organisationId: orgId(p.organisation),
        isAdmin: false,
        locale: null,
        version: 1,
      });
      createdPersonIds[p.ref.key] = person.id;
      counts.peopleCreated++;
    } else if (p.action === 'update' && p.ref.kind === 'existing') {
      const current = await tx.people.require(p.ref.id);
      const next: Record<string, unknown> = { ...current };
      for (const c of p.changes) next[c.field] = value(c.to);
      await tx.people.update(next as unknown as Person);
      counts.peopleUpdated++;
    }
  }
  const personId = (ref: PersonRef | null | undefined): Id | null =>
    !ref ? null : ref.kind === 'existing' ? ref.id : (createdPersonIds[ref.key] ?? null);

  for (const r of plan.memberships.remove) {
    await tx.memberships.delete(r.membershipId);
    counts.membershipsRemoved++;
  }
  for (const u of plan.memberships.update) {
    const current = await tx.memberships.require(u.membershipId);
    const next: Record<string, unknown> = { ...current };
    for (const c of u.changes) next[c.field] = value(c.to);
    await tx.memberships.update(next as unknown as typeof current);
    counts.membershipsUpdated++;
  }
  for (const a of plan.memberships.add) {
    await tx.memberships.insert({
      id: ctx.ids.next(),
      tenantId,
      bodyId: a.bodyId,
      personId: personId(a.person),
      role: a.role,
      organisationId: orgId(a.organisation),
      title: a.title,
      substituteOrder: a.substituteOrder,
      substituteForPersonId: null,
      from: null,
      to: null,
      // Plans stored before the list's order was kept have no position.
      position: a.position ?? null,
      version: 1,
    });
    counts.membershipsAdded++;
  }

  let meetingId: Id | null = rec.options.asAttendanceOfMeetingId ?? null;
  if (meetingId) await refuseLockedMinutes(tx, meetingId);
  if (rec.options.createMeeting) meetingId = (await createHistoryMeeting(ctx, rec.bodyIds, rec.options.createMeeting)).id;
  if (meetingId) counts.attendanceRecorded = await recordAttendance(ctx, meetingId, plan, rec.parsed, personId);
  return { importId: rec.id, createdPersonIds, createdOrganisationIds: orgIds, meetingId, counts };
}

async function createHistoryMeeting(ctx: UseCaseContext, bodyIds: Id[], m: HistoryMeetingInput): Promise<Meeting> {
  const { tx } = ctx;
  const { startsAt, endsAt, timeZone } = validateHistoryMeeting(m);
  const host = await tx.bodies.require(bodyIds[0]!);
  const meeting = await tx.meetings.insert({
    id: ctx.ids.next(),
    tenantId: ctx.tenantId,
    bodyIds,
    title: m.title ?? null,
    documentKind: m.documentKind ?? host.defaultDocumentKind,
    startsAt,
    endsAt,
    timeZone,
    place: m.place ?? null,
    mode: 'room',
    // A meeting brought in from an old protocol has already been held.
    status: Date.parse(endsAt) < ctx.clock.now().getTime() ? 'held' : 'planned',
    startedAt: null,
    endedAt: null,
    movedFromStartsAt: null,
    teams: null,
    chairPersonId: null,
    secretaryPersonIds: [],
    justerarePersonIds: [],
    version: 1,
  });
  await tx.audit.record({
    actorPersonId: ctx.actor.personId,
    action: 'meeting.create',
    entity: 'meeting',
    entityId: meeting.id,
    details: { bodyIds, startsAt, via: 'roster_import' },
    correlationId: ctx.correlationId,
  });
  return meeting;
}

/**
 * The list's marks as attendance of the meeting. A person on one list: one row (a written mark beats an
 * inferred one, then present beats förhinder). A person on several bodies' lists of a joint meeting (the 2024
 * joint protokoll: present on one council's list, struck on the other's): one row per body, each with the
 * state that body's list gives. Returns the number of people recorded.
 */
async function recordAttendance(ctx: UseCaseContext, meetingId: Id, plan: RosterImportPlan, parsed: RosterParseResult, personId: (ref: PersonRef | null | undefined) => Id | null): Promise<number> {
  type Planned = RosterImportPlan['attendance'][number];
  // A mark written on the list (✓, struck, "ersätter", "punkt 2-5") beats one inferred for an unmarked line.
  const explicit = (a: Planned): number => {
    const e = parsed.entries.find((x) => x.lineNo === a.lineNo);
    return e && (e.mark !== 'none' || e.replacesName || e.itemRange || e.partOfMeeting) ? 10 : 0;
  };
  const rank = (a: Planned) => explicit(a) + STATE_STRENGTH[a.state];
  // The strongest mark per person and body.
  const byPerson = new Map<Id, Map<Id, Planned>>();
  for (const a of plan.attendance) {
    const id = personId(a.person);
    if (!id) continue;
    const bodies = byPerson.get(id) ?? new Map<Id, Planned>();
    const seen = bodies.get(a.bodyId);
    if (!seen || rank(a) > rank(seen)) bodies.set(a.bodyId, a);
    byPerson.set(id, bodies);
  }
  const meeting = await ctx.tx.meetings.require(meetingId);
  const now = ctx.clock.now().toISOString();
  const fieldsOf = (a: Planned) => ({
    bodyId: a.bodyId,
    state: a.state,
    source: 'import' as const,
    replacesPersonId: personId(a.replaces),
    itemRange: a.itemRange ?? null,
    partOfMeeting: a.partOfMeeting,
    note: a.replacesName && !a.replaces ? `ersätter ${a.replacesName}` : null,
    updatedAt: now,
    updatedBy: null,
  });
  for (const [pid, bodies] of byPerson) {
    // Weakest first: where the person holds only one seat the one row ends with the strongest mark, as before.
    const marks = [...bodies.values()].sort((x, y) => rank(x) - rank(y));
    const perBody = marks.length > 1 && meeting.bodyIds.length > 1;
    if (!perBody) {
      const best = marks[marks.length - 1]!;
      await writePersonAttendance(ctx, meeting, pid, best.bodyId, () => fieldsOf(best));
      continue;
    }
    for (const a of marks) await writePersonAttendance(ctx, meeting, pid, a.bodyId, () => fieldsOf(a));
  }
  return byPerson.size;
}
