/**
 * The Graph outbox, as use cases. Each publication (post the minutes with the .docx, create the Teams
 * meeting with its invitation, import the attendance report) is a row with its progress steps plus one
 * durable `graph.publish` job written in the same transaction; the job (bot/graph/graph-publisher.ts) acts
 * for the secretary who asked and records each step, so a restart continues where it stopped.
 */
import { can } from '../domain';
import { RadslagError } from '../errors/catalog';
import type { AttendanceReportRecord, GraphPort } from '../ports/graph';
import type { Repositories } from '../ports/store';
import { readOnly, type UseCaseContext } from '../usecase/context';
import { authorize, meetingPolicyContext } from './access';
import type { GraphPublication, GraphPublicationKind, GraphPublicationSteps, MinutesVersion } from '../domain/minutes-records';
import { lockOf, requireVersion } from './minutes-service';
import { writePersonAttendance } from './attendance-rows';
import { refreshServingPeriods } from './serving-service';

export interface OutboxEntry {
  id: string;
  kind: GraphPublicationKind;
  version: number | null;
  state: GraphPublication['state'];
  clientRef: string;
  steps: GraphPublicationSteps;
  lastError: string | null;
  requestedAt: string;
  doneAt: string | null;
  job: { state: string; attempts: number; maxAttempts: number; runAt: string; lastError: string | null } | null;
}

export interface Outbox {
  meetingId: string;
  graphEnabled: boolean;
  disabledReason: string | null;
  entries: OutboxEntry[];
}

export interface PublicationRequest {
  meetingId: string;
  kind: GraphPublicationKind;
  versionNumber?: number;
  /** The caller's SSO token, to act for them (on-behalf-of); null: nobody to act as (the request is skipped). */
  assertion: string | null;
  /** The secretary confirmed publishing a version that is not justerad (a draft); required for a draft. */
  confirmDraft?: boolean;
}

const ACTION_FOR: Record<GraphPublicationKind, 'meeting.manage' | 'attendance.correct' | 'minutes.publish'> = {
  'meeting.create': 'meeting.manage',
  'attendance.import': 'attendance.correct',
  'minutes.post': 'minutes.publish',
};

/** The publication use cases, bound to the Graph port they ask whether publishing is on. */
export function publicationUseCases(graph: GraphPort) {
  /** Asks for a publication; a failed or skipped one may be asked for again and continues from its steps. */
  async function requestPublication(ctx: UseCaseContext, { meetingId, kind, versionNumber, assertion, confirmDraft }: PublicationRequest): Promise<{ entry: OutboxEntry; created: boolean }> {
    const { tx } = ctx;
    const meeting = await tx.meetings.require(meetingId);
    authorize(ctx.actor, ACTION_FOR[kind], await meetingPolicyContext(tx, ctx.actor, meeting));
    let version: MinutesVersion | null = null;
    if (kind === 'minutes.post') {
      if (!versionNumber) throw new RadslagError('VALIDATION_FAILED', { detailSv: 'versionsnummer saknas', detailEn: 'the version number is missing' });
      version = await requireVersion(tx, meetingId, versionNumber);
      // An unjusterat draft in the council's channel is a deliberate choice, so the server asks for it whatever the client did.
      if (version.status === 'draft' && confirmDraft !== true) throw new RadslagError('MINUTES_DRAFT_NOT_CONFIRMED', {}, { version: version.number, status: version.status });
    }
    const now = ctx.clock.now().toISOString();
    // One post per version, one Teams meeting per planned start; an import may run again (it merges).
    const clientRef = kind === 'minutes.post' ? `rs-${version!.id}` : kind === 'meeting.create' ? `rs-meeting-${meetingId}-${Date.parse(meeting.startsAt)}` : `rs-${kind}-${ctx.ids.next()}`;
    const [existing] = await tx.graphPublications.findBy({ clientRef });
    // A failed or skipped publication may be asked for again (e.g. once credentials are configured);
    // it continues from the steps already done.
    if (existing && existing.state !== 'failed' && existing.state !== 'skipped') return { entry: await outboxEntry(tx, existing), created: false };
    if (kind === 'attendance.import' && (await lockOf(tx, meetingId))?.locked) throw new RadslagError('LOCKED_FINAL');
    if (kind === 'meeting.create' && meeting.status !== 'planned' && meeting.status !== 'moved')
      throw new RadslagError('CONFLICT_STATE', { detailSv: 'ett Teams-möte skapas bara för ett planerat möte', detailEn: 'a Teams meeting is created only for a planned meeting' });
    const skip = !graph.enabled ? graph.disabledReason : !assertion ? 'ingen inloggning att agera med (SSO-token saknas) / no sign-in to act with (no SSO token)' : null;
    const steps: GraphPublicationSteps = skip ? { skippedReason: skip } : {};
    const base = {
      meetingId,
      kind,
      minutesVersionId: version?.id ?? null,
      actingPersonId: ctx.actor.personId,
      assertionCiphertext: assertion ? graph.sealAssertion(assertion, clientRef) : null,
      clientRef,
      state: (skip ? 'skipped' : 'queued') as GraphPublication['state'],
      steps,
      lastError: null,
      requestedAt: now,
      doneAt: skip ? now : null,
    };
    let pub: GraphPublication = existing
      ? await tx.graphPublications.update({ ...existing, ...base, steps: { ...existing.steps, ...steps } })
      : await tx.graphPublications.insert({ id: ctx.ids.next(), tenantId: meeting.tenantId, jobId: null, ...base, version: 1 });
    if (!skip) {
      const job = await ctx.enqueue('graph.publish', { publicationId: pub.id }, { dedupeKey: `graph.publish:${pub.id}:${existing ? existing.version + 1 : 1}`, maxAttempts: 12 });
      pub = await tx.graphPublications.update({ ...pub, jobId: job.id });
    }
    await tx.audit.record({ actorPersonId: ctx.actor.personId, action: `graph.${kind}.request`, entity: 'graph_publication', entityId: pub.id, details: { meetingId, clientRef, skipped: skip ?? undefined }, correlationId: ctx.correlationId });
    return { entry: await outboxEntry(tx, pub), created: true };
  }

  /** The meeting's publications and their jobs (the secretary's). */
  const publicationOutbox = readOnly(async (ctx, { meetingId }: { meetingId: string }): Promise<Outbox> => {
    const meeting = await ctx.tx.meetings.require(meetingId);
    authorize(ctx.actor, 'minutes.publish', await meetingPolicyContext(ctx.tx, ctx.actor, meeting));
    return outboxOf(ctx.tx, meetingId);
  });

  /** The outbox when the actor may publish, else null (members read the minutes without it). */
  const outboxIfPublisher = readOnly(async (ctx, { meetingId }: { meetingId: string }): Promise<Outbox | null> => {
    const meeting = await ctx.tx.meetings.require(meetingId);
    if (!can(ctx.actor, 'minutes.publish', await meetingPolicyContext(ctx.tx, ctx.actor, meeting)).allowed) return null;
    return outboxOf(ctx.tx, meetingId);
  });

  async function outboxOf(tx: Repositories, meetingId: string): Promise<Outbox> {
    const pubs = await tx.graphPublications.findBy({ meetingId });
    pubs.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
    return { meetingId, graphEnabled: graph.enabled, disabledReason: graph.disabledReason, entries: await Promise.all(pubs.map((p) => outboxEntry(tx, p))) };
  }

  return { requestPublication, publicationOutbox, outboxIfPublisher };
}

export type PublicationUseCases = ReturnType<typeof publicationUseCases>;

async function outboxEntry(tx: Repositories, p: GraphPublication): Promise<OutboxEntry> {
  const job = p.jobId ? await tx.jobs.get(p.jobId) : null;
  const v = p.minutesVersionId ? await tx.minutesVersions.get(p.minutesVersionId) : null;
  return {
    id: p.id,
    kind: p.kind,
    version: v?.number ?? null,
    state: p.state,
    clientRef: p.clientRef,
    steps: p.steps,
    lastError: p.lastError,
    requestedAt: p.requestedAt,
    doneAt: p.doneAt,
    job: job ? { state: job.state, attempts: job.attempts, maxAttempts: job.maxAttempts, runAt: job.runAt, lastError: job.lastError } : null,
  };
}

/**
 * Merges a Teams attendance report into the meeting's attendance, in one transaction: intervals already
 * known (from join/leave events) within two minutes are the same stay; a person who joined becomes present
 * unless the secretary already set their state.
 */
export async function importAttendanceReport(
  ctx: UseCaseContext,
  { meetingId, actingPersonId, records }: { meetingId: string; actingPersonId: string | null; records: AttendanceReportRecord[] },
): Promise<{ records: number; matched: number; unmatched: string[] }> {
  const { tx } = ctx;
  const meeting = await tx.meetings.require(meetingId);
  const people = await tx.people.listAll();
  const byAad = new Map(people.filter((p) => p.aadObjectId).map((p) => [p.aadObjectId!, p]));
  const byEmail = new Map(people.filter((p) => p.email).map((p) => [p.email!.toLowerCase(), p]));
  const unmatched: string[] = [];
  let matched = 0;
  for (const rec of records) {
    const person = (rec.identity?.id ? byAad.get(rec.identity.id) : undefined) ?? (rec.emailAddress ? byEmail.get(rec.emailAddress.toLowerCase()) : undefined);
    if (!person) {
      unmatched.push(rec.identity?.displayName ?? rec.emailAddress ?? '?');
      continue;
    }
    matched++;
    const known = await tx.attendanceIntervals.findBy({ meetingId: meeting.id, personId: person.id });
    for (const iv of rec.attendanceIntervals) {
      const from = new Date(iv.joinDateTime).toISOString();
      const to = new Date(iv.leaveDateTime).toISOString();
      const same = known.find((k) => Math.abs(Date.parse(k.from) - Date.parse(from)) < 120_000);
      if (same) {
        if (!same.to) await tx.attendanceIntervals.update({ ...same, to });
        continue;
      }
      known.push(await tx.attendanceIntervals.insert({ id: ctx.ids.next(), meetingId: meeting.id, personId: person.id, from, to, source: 'graph_report' }));
    }
    const now = ctx.clock.now().toISOString();
    // Present in every body the person sits in; a secretary's correction or a present row stays as it is.
    await writePersonAttendance({ tx, ids: ctx.ids, tenantId: meeting.tenantId }, meeting, person.id, undefined, (att) =>
      !att ? { state: 'present', source: 'graph_report', updatedAt: now } : att.state === 'expected' || (att.state !== 'present' && att.source !== 'secretary') ? { state: 'present', source: 'graph_report', updatedAt: now } : null,
    );
  }
  // The report's join/leave times may move who served which items.
  if (matched > 0) await refreshServingPeriods(ctx, meeting);
  await tx.audit.record({ actorPersonId: actingPersonId, action: 'attendance.import_report', entity: 'meeting', entityId: meeting.id, details: { records: records.length, matched, unmatched } });
  return { records: records.length, matched, unmatched };
}

/** The Teams meeting a publication created is bound to the Rådslag meeting (its join link and online id). */
export async function bindCreatedTeamsMeeting(ctx: UseCaseContext, { meetingId, joinUrl, onlineMeetingId }: { meetingId: string; joinUrl: string | null; onlineMeetingId: string | null }): Promise<void> {
  const m = await ctx.tx.meetings.require(meetingId);
  const teams = { ...(m.teams ?? {}), joinUrl: joinUrl ?? m.teams?.joinUrl ?? null, onlineMeetingId: onlineMeetingId ?? m.teams?.onlineMeetingId ?? null };
  if (teams.joinUrl === m.teams?.joinUrl && teams.onlineMeetingId === m.teams?.onlineMeetingId) return;
  await ctx.tx.meetings.update({ ...m, teams });
  await ctx.tx.audit.record({ actorPersonId: null, actorLabel: 'graph', action: 'meeting.teams_bound', entity: 'meeting', entityId: meetingId, details: { onlineMeetingId: teams.onlineMeetingId } });
}
