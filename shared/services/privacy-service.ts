import type { Meeting, Person } from '../domain';
import { RadslagError } from '../errors/catalog';
import type { AuditRecord, Repositories } from '../ports/store';
import { authorize } from './access';
import { readOnly, type UseCaseContext } from '../usecase/context';
import { lockOf } from './minutes-service';

/** The name an erased person gets when no public record names them. */
export const ERASED_NAME = 'Raderad person';

/**
 * What Rådslag does with a person's data on request (GDPR art. 15/17), written once here and in the
 * README. Justerade protokoll are allmänna handlingar (public records under offentlighetsprincipen and the
 * archives act); GDPR art. 17.3 b/d lets them stay. So:
 *
 * KEPT — the record of meetings that were held or whose minutes are justerade (a justerad meeting stays a
 *   held meeting's record even if it was later marked cancelled): attendance state, join/leave times, jäv,
 *   votes, reservations, proposals, justering signatures, chair handovers and tasks, the stored minutes
 *   versions, and the person's NAME when any of those name them. The audit log stays (who did what is
 *   itself an accountability record; it holds ids, not contact data).
 * ERASED — contact and identity data (e-mail, Entra object id, UPN, title, language, admin flag), roster
 *   seats, everything about meetings not yet held (attendance, kallelse deliveries, call-in steps, jäv),
 *   free texts that are not part of the minutes (förhinder chat texts and their reasons — also of justerade
 *   meetings, the lock lets exactly that be cleared —, evaluation authorship), and every copy outside the
 *   domain tables (personal-data-repository): jobs of any state that mention the person (payload, result,
 *   error; a queued one is cancelled), Teams conversation references, idempotency results, stream tickets,
 *   name-matching records, pasted rosters, the Graph token cache. With no held meeting naming them, the
 *   name is replaced by "Raderad person" too.
 */
export const RETENTION_RULES = {
  kept: [
    'attendance, join/leave, jäv, votes, reservations, proposals, justering signatures, handovers and tasks of held or justerade meetings',
    'minutes versions (drafts, final, rättelser) and their hashes',
    'the name, when a held meeting names the person',
    'the audit log (ids and actions)',
  ],
  erased: [
    'e-mail, Entra object id, UPN, title, language, administrator flag',
    'roster seats (memberships)',
    'attendance, kallelse deliveries, call-in steps and jäv of meetings not yet held',
    'förhinder chat texts and reasons, attendance notes, evaluation authorship (also of justerade meetings)',
    'Teams conversation references, name-matching records',
    'every job (any state) that mentions the person, idempotency results, stream tickets, pasted rosters, the Graph token cache',
    'the name, when no held meeting names the person',
  ],
} as const;

export interface PersonExport {
  exportedAt: string;
  person: Person;
  memberships: unknown[];
  meetingRoles: { meetingId: string; title: string; startsAt: string; roles: string[] }[];
  attendance: unknown[];
  attendanceIntervals: unknown[];
  absenceRequests: unknown[];
  callInsAsAbsent: unknown[];
  callInSteps: unknown[];
  kallelseDeliveries: unknown[];
  personMatches: unknown[];
  recusals: unknown[];
  evaluations: unknown[];
  tasks: unknown[];
  decisionsProposed: unknown[];
  votes: { decisionId: string; meetingId: string; choice: string; at: string }[];
  reservations: { decisionId: string; meetingId: string; text: string | null; at: string }[];
  justeringSignatures: unknown[];
  justeringChangeRequests: unknown[];
  auditByPerson: AuditRecord[];
  auditAboutPerson: AuditRecord[];
  retention: typeof RETENTION_RULES;
}

export interface ErasureReport {
  personId: string;
  nameKept: boolean;
  erased: Record<string, number>;
  kept: Record<string, number>;
}

/**
 * A meeting counts as held once it started (or is marked held); its record is then kept. A meeting whose
 * minutes were justerade is a public record whatever its status says (it may have been marked cancelled
 * afterwards, before the lock covered the meeting row).
 */
function isHeld(meeting: Meeting | undefined, now: Date, justerad = false): boolean {
  if (!meeting) return false;
  if (justerad) return true;
  if (meeting.status === 'cancelled') return false;
  return meeting.status === 'held' || Date.parse(meeting.startsAt) <= now.getTime();
}

/* Personal data export (JSON) and erasure, as allowed by the policy: export for oneself or an admin, erasure by an admin. */

export async function exportPersonalData(ctx: UseCaseContext, { personId }: { personId: string }): Promise<PersonExport> {
  authorize(ctx.actor, 'person.export', { roles: [], isSelf: ctx.actor.personId === personId });
  const r = ctx.tx;
  const person = await r.people.require(personId);
  const collected = await collect(r, person);
  await r.audit.record({ actorPersonId: ctx.actor.personId, action: 'person.export', entity: 'person', entityId: personId, correlationId: ctx.correlationId });
  return {
    exportedAt: ctx.clock.now().toISOString(),
    person,
    memberships: collected.memberships,
    meetingRoles: collected.meetingRoles,
    attendance: collected.attendance,
    attendanceIntervals: collected.intervals,
    absenceRequests: collected.absenceRequests,
    callInsAsAbsent: collected.callIns,
    callInSteps: collected.callInSteps,
    kallelseDeliveries: collected.kallelseDeliveries,
    personMatches: collected.personMatches,
    recusals: collected.recusals,
    evaluations: collected.evaluations,
    tasks: collected.tasks,
    decisionsProposed: collected.decisionsProposed,
    votes: collected.votes,
    reservations: collected.reservations,
    justeringSignatures: collected.signatures,
    justeringChangeRequests: collected.changeRequests,
    auditByPerson: await r.audit.list({ actorPersonId: personId, limit: 1000 }),
    auditAboutPerson: await r.audit.list({ entity: 'person', entityId: personId, limit: 1000 }),
    retention: RETENTION_RULES,
  };
}

/** The audit log, newest first (administrators). */
export const listAuditLog = readOnly(async (ctx, filter: { entity?: string | undefined; entityId?: string | undefined; actorPersonId?: string | undefined; limit?: number | undefined }): Promise<AuditRecord[]> => {
  authorize(ctx.actor, 'audit.read', { roles: [] });
  return ctx.tx.audit.list({ ...filter, limit: Math.min(filter.limit ?? 200, 1000) });
});

async function collect(r: Repositories, person: Person) {
  const personId = person.id;
  const memberships = await r.memberships.findBy({ personId });
  const attendance = await r.attendance.findBy({ personId });
  const intervals = await r.attendanceIntervals.findBy({ personId });
  const recusals = await r.recusals.findBy({ personId });
  const evaluations = await r.evaluations.findBy({ personId });
  const signatures = await r.justeringSignatures.findBy({ personId });
  const changeRequests = await r.justeringChangeRequests.findBy({ personId });
  const callInSteps = await r.callInSteps.findBy({ personId });
  const callIns = await r.callIns.findBy({ absentPersonId: personId });
  const tasks = await r.tasks.findBy({ ownerPersonId: personId });
  const decisionsProposed = await r.decisions.findBy({ proposedBy: personId });
  const absenceRequests = await r.absenceRequests.findBy({ personId });
  const kallelseDeliveries = await r.kallelseDeliveries.findBy({ personId });
  const personMatches = await r.personMatches.findBy({ personId });

  // Meetings the person may appear in: their bodies' meetings and every meeting a record points to.
  const meetings = new Map<string, Meeting>();
  const bodyIds = [...new Set(memberships.map((m) => m.bodyId))];
  if (bodyIds.length) for (const m of await r.meetings.listForBodies(bodyIds)) meetings.set(m.id, m);
  const pointed = new Set<string>([...attendance, ...intervals, ...recusals, ...signatures, ...callIns, ...tasks, ...decisionsProposed].map((x) => x.meetingId));
  for (const s of callInSteps) {
    const callIn = await r.callIns.get(s.callInId);
    if (callIn) pointed.add(callIn.meetingId);
  }
  for (const id of pointed) if (!meetings.has(id)) {
    const m = await r.meetings.get(id);
    if (m) meetings.set(id, m);
  }

  const meetingRoles: PersonExport['meetingRoles'] = [];
  const votes: PersonExport['votes'] = [];
  const reservations: PersonExport['reservations'] = [];
  for (const m of meetings.values()) {
    const roles = [
      ...(m.chairPersonId === personId ? ['ordförande'] : []),
      ...(m.secretaryPersonIds.includes(personId) ? ['sekreterare'] : []),
      ...(m.justerarePersonIds.includes(personId) ? ['justerare'] : []),
    ];
    if (roles.length) meetingRoles.push({ meetingId: m.id, title: m.title ?? '', startsAt: m.startsAt, roles });
    for (const d of await r.decisions.findBy({ meetingId: m.id })) {
      for (const v of d.vote?.votes ?? []) if (v.personId === personId) votes.push({ decisionId: d.id, meetingId: m.id, choice: v.choice, at: v.at });
      for (const res of d.reservations ?? []) if (res.personId === personId) reservations.push({ decisionId: d.id, meetingId: m.id, text: res.text ?? null, at: res.at });
    }
  }
  return { memberships, attendance, intervals, recusals, evaluations, signatures, changeRequests, callInSteps, callIns, tasks, decisionsProposed, absenceRequests, kallelseDeliveries, personMatches, meetings, meetingRoles, votes, reservations };
}

/**
 * What identifies the person or is their own text, as it may be copied into jobs, references and rosters:
 * e-mail, Entra object id, UPN, name, the Teams user and 1:1 conversation ids, every förhinder text (whole,
 * and its first 60 characters: notices quote a shortened text).
 */
async function needlesOf(r: Repositories, person: Person, c: Awaited<ReturnType<typeof collect>>): Promise<string[]> {
  const texts = [...c.attendance.map((a) => a.note), ...c.absenceRequests.map((a) => a.text)].filter((t): t is string => !!t?.trim());
  const ref = await r.conversationRefs.findForPerson(person.id);
  const refIds = ref ? [(ref.reference.user as { id?: string } | undefined)?.id, (ref.reference.conversation as { id?: string } | undefined)?.id] : [];
  return [
    person.email,
    person.aadObjectId,
    person.userPrincipalName,
    person.name === ERASED_NAME ? null : person.name,
    ...refIds,
    ...texts,
    ...texts.map((t) => t.trim().slice(0, 60)),
  ].filter((n): n is string => typeof n === 'string' && n.trim().length >= 4);
}

/**
 * Erases what no legal record requires keeping (see RETENTION_RULES), in one transaction, and says what
 * was erased and what was kept. Administrators only; the erasure itself is audited (without the name).
 */
export async function erasePersonalData(ctx: UseCaseContext, { personId }: { personId: string }): Promise<ErasureReport> {
  const { tx } = ctx;
  authorize(ctx.actor, 'person.erase', { roles: [] });
  if (ctx.actor.personId === personId) throw new RadslagError('CONFLICT_STATE', { detailSv: 'en administratör kan inte radera sig själv', detailEn: 'an administrator cannot erase themselves' });
  const now = ctx.clock.now();
  const person = await tx.people.require(personId);
  const c = await collect(tx, person);
  const justerade = new Set<string>();
  for (const id of c.meetings.keys()) if (await lockOf(tx, id)) justerade.add(id);
  const held = (meetingId: string) => isHeld(c.meetings.get(meetingId), now, justerade.has(meetingId));
  const erased: Record<string, number> = {};
  const kept: Record<string, number> = {};
  const count = (bag: Record<string, number>, key: string, n = 1) => {
    if (n > 0) bag[key] = (bag[key] ?? 0) + n;
  };

  for (const m of c.memberships) await tx.memberships.delete(m.id);
  count(erased, 'memberships', c.memberships.length);

  for (const a of c.attendance) {
    if (held(a.meetingId)) {
      count(kept, 'attendance');
      // The reason ("sjuk") is not part of the minutes; the state is. The lock of justerade minutes lets
      // exactly this be cleared (migration 0920).
      if (a.note) {
        await tx.attendance.update({ ...a, note: null });
        count(erased, 'attendanceNotes');
      }
    } else {
      await tx.attendance.delete(a.id);
      count(erased, 'attendance');
    }
  }
  for (const i of c.intervals) {
    if (held(i.meetingId)) count(kept, 'attendanceIntervals');
    else {
      await tx.attendanceIntervals.delete(i.id);
      count(erased, 'attendanceIntervals');
    }
  }
  for (const x of c.recusals) {
    if (held(x.meetingId)) count(kept, 'recusals');
    else {
      await tx.recusals.delete(x.id);
      count(erased, 'recusals');
    }
  }
  for (const e of c.evaluations) {
    await tx.evaluations.update({ ...e, personId: null });
    count(erased, 'evaluationAuthorship');
  }
  for (const s of c.callInSteps) {
    const callIn = await tx.callIns.get(s.callInId);
    if (callIn && held(callIn.meetingId)) count(kept, 'callInSteps');
    else {
      await tx.callInSteps.delete(s.id);
      count(erased, 'callInSteps');
    }
  }
  for (const a of c.absenceRequests) await tx.absenceRequests.delete(a.id);
  count(erased, 'absenceRequests', c.absenceRequests.length);
  for (const k of c.kallelseDeliveries) await tx.kallelseDeliveries.delete(k.id);
  count(erased, 'kallelseDeliveries', c.kallelseDeliveries.length);
  for (const p of c.personMatches) await tx.personMatches.delete(p.id);
  count(erased, 'personMatches', c.personMatches.length);
  // Every copy outside the domain tables, found by the person's id and by what identifies them or they
  // wrote: jobs, conversation references, idempotency results, tickets, matches, pasted rosters.
  const traces = await tx.personalData.eraseTraces({ personId, needles: await needlesOf(tx, person, c) });
  for (const [key, n] of Object.entries(traces)) count(erased, key, n);
  for (const m of c.meetings.values()) {
    if (held(m.id)) continue;
    const roles = { chairPersonId: m.chairPersonId === personId ? null : m.chairPersonId, secretaryPersonIds: m.secretaryPersonIds.filter((p) => p !== personId), justerarePersonIds: m.justerarePersonIds.filter((p) => p !== personId) };
    if (roles.chairPersonId !== m.chairPersonId || roles.secretaryPersonIds.length !== m.secretaryPersonIds.length || roles.justerarePersonIds.length !== m.justerarePersonIds.length) {
      await tx.meetings.update({ ...m, ...roles });
      count(erased, 'meetingRoles');
    }
  }
  count(kept, 'justeringSignatures', c.signatures.length);
  count(kept, 'votes', c.votes.filter((v) => held(v.meetingId)).length);
  count(kept, 'reservations', c.reservations.filter((v) => held(v.meetingId)).length);
  count(kept, 'decisionsProposed', c.decisionsProposed.length);
  count(kept, 'tasks', c.tasks.length);

  const namedInHeldMeeting =
    c.attendance.some((a) => held(a.meetingId)) ||
    c.signatures.length > 0 ||
    c.votes.some((v) => held(v.meetingId)) ||
    c.decisionsProposed.some((d) => held(d.meetingId)) ||
    c.meetingRoles.some((m) => held(m.meetingId)) ||
    c.recusals.some((x) => held(x.meetingId)) ||
    c.tasks.some((t) => held(t.meetingId));
  await tx.people.update({
    ...person,
    name: namedInHeldMeeting ? person.name : ERASED_NAME,
    email: null,
    aadObjectId: null,
    userPrincipalName: null,
    title: null,
    locale: null,
    isAdmin: false,
  });
  count(erased, 'contactData');
  if (!namedInHeldMeeting) count(erased, 'name');
  else count(kept, 'name');
  await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'person.erase', entity: 'person', entityId: personId, details: { erased, kept }, correlationId: ctx.correlationId });
  const report = { personId, nameKept: namedInHeldMeeting, erased, kept };
  ctx.events.push({ type: 'person.erased', data: { personId } });
  return report;
}
