import type { Client } from '@microsoft/microsoft-graph-client';
import { graphScope } from '../../manifest/permissions';
import type { Attendance, Meeting } from '../../shared/domain';
import { RadslagError } from '../../shared/errors/catalog';
import { escapeHtml, isSafeUrl } from '../../shared/minutes/escape-html';
import { renderChannelPost, TEAMS_MESSAGE_LIMIT_BYTES } from '../../shared/minutes/render-html';
import type { Clock, IdGenerator, Job, Store } from '../../shared/ports/store';
import { authorize, meetingPolicyContext } from '../../shared/services/access';
import type { RequestContext } from '../../shared/services/context';
import type { GraphPublication, GraphPublicationKind, GraphPublicationSteps, MinutesVersion } from '../../shared/services/minutes-records';
import { lockOf, requireVersion } from '../../shared/services/minutes-service';
import { PermanentJobError, RetryLaterError, backoffMs, type JobHandler } from '../jobs/job-runner';
import type { Logger } from '../logger';
import { renderMinutesDocx } from '../minutes/render-docx';
import { GraphCallError, type ActingUser, type GraphAccess } from './graph-access';

export const GRAPH_PUBLISH_JOB = 'graph.publish';
/** Upload-session chunks: a multiple of 320 KiB, as Graph requires (simple upload up to 4 MB: GraphAccess). */
export const UPLOAD_CHUNK_BYTES = 10 * 320 * 1024;

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

export interface GraphPublisherDeps {
  store: Store;
  graph: GraphAccess;
  logger: Logger;
  clock: Clock;
  ids: IdGenerator;
  publicUrl: string;
}

const safeFileName = (s: string): string => s.replace(/["*:<>?/\\|#%{}~&]/g, '-').replace(/\s+/g, ' ').trim();

/**
 * The Graph outbox. Each publication (post the minutes with the .docx, create the Teams meeting with its
 * invitation, import the attendance report) is a row with its progress steps plus one durable job. The job
 * acts for the secretary who asked (on-behalf-of with the stored, encrypted assertion), is retried with
 * backoff honouring Retry-After on 429/5xx/timeouts, and continues from the recorded steps after a restart:
 * an upload is to a fixed name (replace), a post is checked for in the channel by its client reference
 * before it is repeated after an answer that never came.
 */
export class GraphPublisher {
  constructor(private readonly deps: GraphPublisherDeps) {}

  // ------------------------------------------------------------------ requests (API)

  async request(
    ctx: RequestContext,
    meetingId: string,
    kind: GraphPublicationKind,
    opts: { versionNumber?: number; assertion?: string | null } = {},
  ): Promise<OutboxEntry> {
    const { store, graph, logger, clock, ids } = this.deps;
    const assertion = opts.assertion ?? null;
    const created = await store.transaction(async (tx) => {
      const meeting = await tx.meetings.require(meetingId);
      authorize(ctx.actor, kind === 'meeting.create' ? 'meeting.manage' : kind === 'attendance.import' ? 'attendance.correct' : 'minutes.publish', await meetingPolicyContext(tx, ctx.actor, meeting));
      let version: MinutesVersion | null = null;
      if (kind === 'minutes.post') {
        if (!opts.versionNumber) throw new RadslagError('VALIDATION_FAILED', { detailSv: 'versionsnummer saknas', detailEn: 'the version number is missing' });
        version = await requireVersion(tx, meetingId, opts.versionNumber);
      }
      const now = clock.now().toISOString();
      // One post per version, one Teams meeting per planned start; an import may run again (it merges).
      const clientRef =
        kind === 'minutes.post' ? `rs-${version!.id}` : kind === 'meeting.create' ? `rs-meeting-${meetingId}-${Date.parse(meeting.startsAt)}` : `rs-${kind}-${ids.next()}`;
      const [existing] = await tx.graphPublications.findBy({ clientRef });
      // A failed or skipped publication may be asked for again (e.g. once credentials are configured);
      // it continues from the steps already done.
      if (existing && existing.state !== 'failed' && existing.state !== 'skipped') return { pub: existing, isNew: false };
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
        assertionCiphertext: assertion && graph.crypto ? graph.crypto.encrypt(assertion, `assertion:${clientRef}`) : null,
        clientRef,
        state: (skip ? 'skipped' : 'queued') as GraphPublication['state'],
        steps,
        lastError: null,
        requestedAt: now,
        doneAt: skip ? now : null,
      };
      let pub: GraphPublication = existing
        ? await tx.graphPublications.update({ ...existing, ...base, steps: { ...existing.steps, ...steps } })
        : await tx.graphPublications.insert({ id: ids.next(), tenantId: meeting.tenantId, jobId: null, ...base, version: 1 });
      if (!skip) {
        const job = await tx.jobs.enqueue({ kind: GRAPH_PUBLISH_JOB, payload: { publicationId: pub.id }, runAt: now, dedupeKey: `graph.publish:${pub.id}:${existing ? existing.version + 1 : 1}`, maxAttempts: 12 });
        pub = await tx.graphPublications.update({ ...pub, jobId: job.id });
      }
      await tx.audit.record({ actorPersonId: ctx.actor.personId, action: `graph.${kind}.request`, entity: 'graph_publication', entityId: pub.id, details: { meetingId, clientRef, skipped: skip ?? undefined }, correlationId: ctx.correlationId });
      return { pub, isNew: true };
    });
    if (created.pub.state === 'skipped' && created.isNew) logger.warn({ meetingId, kind, publication: created.pub.id, reason: created.pub.steps.skippedReason }, 'graph: nothing sent to Teams');
    return this.entry(created.pub);
  }

  async outbox(ctx: RequestContext, meetingId: string): Promise<{ meetingId: string; graphEnabled: boolean; disabledReason: string | null; entries: OutboxEntry[] }> {
    const repos = this.deps.store.read;
    const meeting = await repos.meetings.require(meetingId);
    authorize(ctx.actor, 'minutes.publish', await meetingPolicyContext(repos, ctx.actor, meeting));
    const pubs = await repos.graphPublications.findBy({ meetingId });
    pubs.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
    return { meetingId, graphEnabled: this.deps.graph.enabled, disabledReason: this.deps.graph.disabledReason, entries: await Promise.all(pubs.map((p) => this.entry(p))) };
  }

  private async entry(p: GraphPublication): Promise<OutboxEntry> {
    const job = p.jobId ? await this.deps.store.read.jobs.get(p.jobId) : null;
    const v = p.minutesVersionId ? await this.deps.store.read.minutesVersions.get(p.minutesVersionId) : null;
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

  // ------------------------------------------------------------------ the job

  handler(): JobHandler {
    return async (job: Job, { logger, signal }) => {
      const id = String(job.payload.publicationId ?? '');
      const pub = await this.deps.store.read.graphPublications.get(id);
      if (!pub) throw new PermanentJobError(`publication ${id} not found`);
      if (pub.state === 'done' || pub.state === 'skipped') return { publicationId: id, state: pub.state };
      await this.patch(id, { state: 'running', lastError: null });
      try {
        const user = this.actingUser(pub);
        const steps = await this.run(pub, user, logger, signal);
        // Done: the stored sign-in is no longer needed (kept only while a retry might have to act).
        await this.patch(id, { state: 'done', doneAt: this.deps.clock.now().toISOString(), lastError: null, assertionCiphertext: null }, steps);
        logger.info({ publication: id, kind: pub.kind, steps }, 'graph: publication done');
        return { publicationId: id, steps };
      } catch (e) {
        // Our own refusals (a locked meeting: SQLSTATE RSLCK, a catalog error) will not change on a retry.
        const own = (e as { code?: string })?.code === 'RSLCK' || e instanceof RadslagError;
        const err =
          e instanceof GraphCallError || e instanceof PermanentJobError || e instanceof RetryLaterError
            ? e
            : own
              ? new PermanentJobError(String((e as Error).message))
              : new GraphCallError(String((e as Error)?.message ?? e), 0, null, null, false);
        const message = err.message.slice(0, 500);
        const last = job.attempts + 1 >= job.maxAttempts;
        if (err instanceof GraphCallError) {
          const retryable = err.status === 429 || err.status >= 500 || err.status <= 0 || err.status === 408;
          if (retryable && !last) {
            await this.patch(id, { state: 'queued', lastError: message });
            throw new RetryLaterError(message, err.retryAfterMs ?? backoffMs(job.attempts));
          }
          await this.patch(id, { state: 'failed', lastError: message });
          throw new PermanentJobError(message);
        }
        await this.patch(id, { state: err instanceof RetryLaterError && !last ? 'queued' : 'failed', lastError: message });
        throw err;
      }
    };
  }

  private actingUser(pub: GraphPublication): ActingUser {
    const crypto = this.deps.graph.crypto;
    const assertion = pub.assertionCiphertext && crypto ? crypto.decrypt(pub.assertionCiphertext, `assertion:${pub.clientRef}`) : null;
    if (!assertion || !pub.actingPersonId) throw new PermanentJobError('the stored sign-in cannot be read (app secret rotated?); publish again from the tab');
    return { personId: pub.actingPersonId, assertion };
  }

  /** Re-reads the row and writes a change (steps merged): each step commits on its own. */
  private async patch(id: string, change: Partial<GraphPublication>, steps?: GraphPublicationSteps): Promise<GraphPublication> {
    const repo = this.deps.store.read.graphPublications;
    for (let i = 0; ; i++) {
      const cur = await repo.require(id);
      try {
        return await repo.update({ ...cur, ...change, steps: { ...cur.steps, ...(change.steps ?? {}), ...(steps ?? {}) } });
      } catch (e) {
        if (i < 3 && (e as RadslagError).code === 'CONFLICT_STALE') continue;
        throw e;
      }
    }
  }

  private async run(pub: GraphPublication, user: ActingUser, logger: Logger, signal: AbortSignal): Promise<GraphPublicationSteps> {
    switch (pub.kind) {
      case 'minutes.post':
        return this.postMinutes(pub, user, logger, signal);
      case 'meeting.create':
        return this.createTeamsMeeting(pub, user, signal);
      case 'attendance.import':
        return this.importAttendance(pub, user, signal);
      default:
        throw new PermanentJobError(`unknown publication kind ${pub.kind}`);
    }
  }

  // ------------------------------------------------------------------ minutes: upload + post

  private async postMinutes(pub: GraphPublication, user: ActingUser, logger: Logger, signal: AbortSignal): Promise<GraphPublicationSteps> {
    const { store, graph } = this.deps;
    const version = await store.read.minutesVersions.require(pub.minutesVersionId!);
    const meeting = await store.read.meetings.require(pub.meetingId);
    const body = await store.read.bodies.require(meeting.bodyIds[0]!);
    if (!body.teamsTeamId || !body.teamsChannelId) throw new PermanentJobError(`${body.name} är inte kopplat till en Teams-kanal / is not bound to a Teams channel`);
    const channel = { teamId: body.teamsTeamId, channelId: body.teamsChannelId };
    let steps = (await store.read.graphPublications.require(pub.id)).steps;

    if (!steps.upload) {
      const files = await graph.clientFor(user, [graphScope('Files.ReadWrite.All')], signal);
      const docx = await renderMinutesDocx(version.model);
      const name = safeFileName(`${version.model.header.documentKindLabel} ${body.shortName ?? body.name} ${version.model.header.date} version ${version.number}.docx`);
      const item = await this.upload(files, channel, name, docx, signal);
      steps = (await this.patch(pub.id, {}, { channel, upload: { ...item, bytes: docx.length, at: this.deps.clock.now().toISOString() } })).steps;
      logger.info({ publication: pub.id, path: item.path, bytes: docx.length }, 'graph: minutes uploaded');
    }
    if (steps.post) return steps;

    const client = await graph.clientFor(user, [graphScope('ChannelMessage.Send')], signal);
    if (steps.postAttemptedAt) {
      // The last POST got no answer: look for our reference in the channel before posting again.
      const reader = await graph.clientFor(user, [graphScope('ChannelMessage.Read.All')], signal);
      const found = await this.findPosted(reader, channel, pub.clientRef);
      if (found) {
        logger.warn({ publication: pub.id, messageId: found.id }, 'graph: earlier post did arrive; not posting again');
        return (await this.patch(pub.id, {}, { post: { messageId: found.id, webUrl: found.webUrl, at: this.deps.clock.now().toISOString(), summarised: false } })).steps;
      }
    }
    const docxUrl = steps.upload?.webUrl ?? null;
    const tail = `${docxUrl && isSafeUrl(docxUrl) ? `<p>Word-fil: <a href="${escapeHtml(docxUrl)}">${escapeHtml(steps.upload!.path.split('/').pop() ?? 'protokoll.docx')}</a></p>` : ''}<p><i>Rådslag ${escapeHtml(pub.clientRef)}</i></p>`;
    const post = renderChannelPost(version.model, { docxUrl, limitBytes: TEAMS_MESSAGE_LIMIT_BYTES - Buffer.byteLength(tail) - 64 });
    await this.patch(pub.id, {}, { postAttemptedAt: this.deps.clock.now().toISOString() });
    const sent = (await graph.call(() =>
      client.api(`/teams/${encodeURIComponent(channel.teamId)}/channels/${encodeURIComponent(channel.channelId)}/messages`).post({
        subject: `${version.model.header.documentKindLabel} ${version.model.header.date} (version ${version.number}${version.status === 'draft' ? ', utkast' : ''})`,
        body: { contentType: 'html', content: post.html + tail },
      }),
    )) as { id: string; webUrl?: string };
    return (await this.patch(pub.id, {}, { post: { messageId: sent.id, webUrl: sent.webUrl ?? null, at: this.deps.clock.now().toISOString(), summarised: post.summarised } })).steps;
  }

  private async findPosted(client: Client, channel: { teamId: string; channelId: string }, clientRef: string): Promise<{ id: string; webUrl: string | null } | null> {
    // If ChannelMessage.Read.All has not been consented the check fails and the job stops rather than risk a
    // second post (the secretary sees why in the outbox).
    let url: string | null = `/teams/${encodeURIComponent(channel.teamId)}/channels/${encodeURIComponent(channel.channelId)}/messages?$top=50`;
    for (let page = 0; url && page < 5; page++) {
      let res: { value: { id: string; webUrl?: string; body?: { content?: string } }[]; '@odata.nextLink'?: string };
      try {
        res = await this.deps.graph.call(() => client.api(url!).get());
      } catch (e) {
        const err = e as GraphCallError;
        if (err.status === 403 || err.status === 401) throw new PermanentJobError(`cannot check whether the earlier post arrived (${err.message}); not posting twice — check the channel and publish again`);
        throw e;
      }
      const hit = res.value.find((m) => (m.body?.content ?? '').includes(clientRef));
      if (hit) return { id: hit.id, webUrl: hit.webUrl ?? null };
      url = res['@odata.nextLink'] ?? null;
    }
    return null;
  }

  private async upload(client: Client, channel: { teamId: string; channelId: string }, name: string, content: Buffer, signal: AbortSignal): Promise<{ driveItemId: string; webUrl: string; path: string }> {
    const { graph } = this.deps;
    const folder = (await graph.call(() => client.api(`/teams/${encodeURIComponent(channel.teamId)}/channels/${encodeURIComponent(channel.channelId)}/filesFolder`).get())) as {
      id: string;
      name: string;
      parentReference: { driveId: string };
    };
    const driveId = folder.parentReference.driveId;
    const target = `/drives/${encodeURIComponent(driveId)}/items/${encodeURIComponent(folder.id)}:/${encodeURIComponent(name)}:`;
    let item: { id: string; webUrl: string; name: string };
    if (content.length <= graph.simpleUploadMaxBytes) {
      // A fixed name and "replace": uploading again after a lost answer leaves one file, not two.
      item = (await graph.call(() => client.api(`${target}/content`).query({ '@microsoft.graph.conflictBehavior': 'replace' }).header('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document').put(content))) as typeof item;
    } else {
      const session = (await graph.call(() => client.api(`${target}/createUploadSession`).post({ item: { '@microsoft.graph.conflictBehavior': 'replace', name } }))) as { uploadUrl: string };
      // The upload URL is pre-authenticated: it must not get the Authorization header.
      let res: Response | null = null;
      for (let start = 0; start < content.length; start += UPLOAD_CHUNK_BYTES) {
        const end = Math.min(start + UPLOAD_CHUNK_BYTES, content.length) - 1;
        const chunk = content.subarray(start, end + 1);
        try {
          res = await graph.fetch(session.uploadUrl, { method: 'PUT', headers: { 'Content-Range': `bytes ${start}-${end}/${content.length}`, 'Content-Length': String(chunk.length) }, body: new Uint8Array(chunk), signal });
        } catch (e) {
          throw new GraphCallError(`upload session: ${(e as Error).message}`, 0, null, null, true);
        }
        if (!res.ok && res.status !== 202) {
          const retryAfter = res.headers.get('retry-after');
          throw new GraphCallError(`upload session chunk ${start}-${end}: HTTP ${res.status}`, res.status, null, retryAfter ? Number(retryAfter) * 1000 : null, false);
        }
      }
      item = (await res!.json()) as typeof item;
    }
    return { driveItemId: item.id, webUrl: item.webUrl, path: `${folder.name}/${name}` };
  }

  // ------------------------------------------------------------------ Teams meeting with invitation

  private async createTeamsMeeting(pub: GraphPublication, user: ActingUser, signal: AbortSignal): Promise<GraphPublicationSteps> {
    const { store, graph } = this.deps;
    let steps = (await store.read.graphPublications.require(pub.id)).steps;
    const meeting = await store.read.meetings.require(pub.meetingId);
    if (!steps.event) {
      const client = await graph.clientFor(user, [graphScope('Calendars.ReadWrite')], signal);
      const attendees = await this.invitees(meeting);
      const items = await store.read.agendaItems.findBy({ meetingId: meeting.id }, 'number');
      const bodies = await Promise.all(meeting.bodyIds.map((id) => store.read.bodies.require(id)));
      const subject = meeting.title?.trim() || bodies.map((b) => b.name).join(' och ');
      const agenda = `<p><b>Dagordning</b></p><ol>${items.map((i) => `<li>${escapeHtml(i.title)}</li>`).join('')}</ol>`;
      await this.patch(pub.id, {}, { eventAttemptedAt: this.deps.clock.now().toISOString() });
      const event = (await graph.call(() =>
        client.api('/me/events').post({
          subject,
          body: { contentType: 'html', content: agenda },
          start: { dateTime: meeting.startsAt.replace(/Z$/, ''), timeZone: 'UTC' },
          end: { dateTime: meeting.endsAt.replace(/Z$/, ''), timeZone: 'UTC' },
          location: { displayName: meeting.place ?? '' },
          attendees: attendees.map((a) => ({ emailAddress: { address: a.email, name: a.name }, type: 'required' })),
          isOnlineMeeting: true,
          onlineMeetingProvider: 'teamsForBusiness',
          allowNewTimeProposals: false,
          // Graph's own guard against a repeated POST of the same event (client retries).
          transactionId: pub.clientRef,
        }),
      )) as { id: string; onlineMeeting?: { joinUrl?: string } | null };
      steps = (await this.patch(pub.id, {}, { event: { eventId: event.id, joinUrl: event.onlineMeeting?.joinUrl ?? null, onlineMeetingId: null, at: this.deps.clock.now().toISOString() } })).steps;
    }
    const joinUrl = steps.event?.joinUrl ?? null;
    let onlineMeetingId = steps.event?.onlineMeetingId ?? null;
    if (joinUrl && !onlineMeetingId) {
      // The onlineMeeting id (for the attendance report) is found by the join URL.
      const client = await graph.clientFor(user, [graphScope('OnlineMeetings.ReadWrite')], signal);
      // The client does not encode query values; Graph wants the join URL URL-encoded inside the filter.
      const filter = encodeURIComponent(`JoinWebUrl eq '${joinUrl.replace(/'/g, "''")}'`);
      const found = (await graph.call(() => client.api('/me/onlineMeetings').filter(filter).get())) as { value: { id: string }[] };
      onlineMeetingId = found.value[0]?.id ?? null;
      steps = (await this.patch(pub.id, {}, { event: { ...steps.event!, onlineMeetingId } })).steps;
    }
    await this.bindTeamsMeeting(meeting.id, { joinUrl, onlineMeetingId });
    return steps;
  }

  private async bindTeamsMeeting(meetingId: string, link: { joinUrl: string | null; onlineMeetingId: string | null }): Promise<void> {
    await this.deps.store.transaction(async (tx) => {
      const m = await tx.meetings.require(meetingId);
      const teams = { ...(m.teams ?? {}), joinUrl: link.joinUrl ?? m.teams?.joinUrl ?? null, onlineMeetingId: link.onlineMeetingId ?? m.teams?.onlineMeetingId ?? null };
      if (teams.joinUrl === m.teams?.joinUrl && teams.onlineMeetingId === m.teams?.onlineMeetingId) return;
      await tx.meetings.update({ ...m, teams });
      await tx.audit.record({ actorPersonId: null, actorLabel: 'graph', action: 'meeting.teams_bound', entity: 'meeting', entityId: meetingId, details: { onlineMeetingId: teams.onlineMeetingId } });
    });
  }

  private async invitees(meeting: Meeting): Promise<{ email: string; name: string }[]> {
    const repos = this.deps.store.read;
    const out = new Map<string, { email: string; name: string }>();
    for (const bodyId of meeting.bodyIds) {
      for (const m of await repos.memberships.findBy({ bodyId })) {
        if (!m.personId || m.role === 'ersättare') continue; // ersättare are called in, not invited
        const p = await repos.people.get(m.personId);
        if (p?.email) out.set(p.email.toLowerCase(), { email: p.email, name: p.name });
      }
    }
    return [...out.values()];
  }

  // ------------------------------------------------------------------ attendance report import

  private async importAttendance(pub: GraphPublication, user: ActingUser, signal: AbortSignal): Promise<GraphPublicationSteps> {
    const { store, graph, clock, ids } = this.deps;
    const meeting = await store.read.meetings.require(pub.meetingId);
    const onlineMeetingId = meeting.teams?.onlineMeetingId;
    if (!onlineMeetingId) throw new PermanentJobError('mötet har inget Teams-möte kopplat (onlineMeetingId saknas) / the meeting has no Teams meeting bound');
    const client = await graph.clientFor(user, [graphScope('OnlineMeetingArtifact.Read.All')], signal);
    const base = `/me/onlineMeetings/${encodeURIComponent(onlineMeetingId)}/attendanceReports`;
    const list = (await graph.call(() => client.api(base).get())) as { value: { id: string }[] };
    type GraphRecord = { emailAddress?: string | null; identity?: { id?: string | null; displayName?: string }; attendanceIntervals: { joinDateTime: string; leaveDateTime: string }[] };
    const records: GraphRecord[] = [];
    for (const r of list.value) {
      const report = (await graph.call(() => client.api(`${base}/${encodeURIComponent(r.id)}`).expand('attendanceRecords').get())) as { attendanceRecords?: GraphRecord[] };
      records.push(...(report.attendanceRecords ?? []));
    }
    const people = await store.read.people.listAll();
    const byAad = new Map(people.filter((p) => p.aadObjectId).map((p) => [p.aadObjectId!, p]));
    const byEmail = new Map(people.filter((p) => p.email).map((p) => [p.email!.toLowerCase(), p]));
    const unmatched: string[] = [];
    let matched = 0;
    // Merge in one transaction: intervals already known (from join/leave events) within two minutes are
    // the same stay; a person who joined becomes present unless the secretary already set their state.
    await store.transaction(async (tx) => {
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
          const row = await tx.attendanceIntervals.insert({ id: ids.next(), meetingId: meeting.id, personId: person.id, from, to, source: 'graph_report' });
          known.push(row);
        }
        const [att] = await tx.attendance.findBy({ meetingId: meeting.id, personId: person.id });
        const now = clock.now().toISOString();
        if (!att) {
          await tx.attendance.insert({ id: ids.next(), tenantId: meeting.tenantId, meetingId: meeting.id, personId: person.id, bodyId: null, state: 'present', source: 'graph_report', partOfMeeting: false, updatedAt: now, version: 1 } as Attendance);
        } else if (att.state === 'expected' || (att.state !== 'present' && att.source !== 'secretary')) {
          await tx.attendance.update({ ...att, state: 'present', source: 'graph_report', updatedAt: now });
        }
      }
      await tx.audit.record({ actorPersonId: pub.actingPersonId, action: 'attendance.import_report', entity: 'meeting', entityId: meeting.id, details: { records: records.length, matched, unmatched } });
    });
    return (await this.patch(pub.id, {}, { attendance: { reports: list.value.length, records: records.length, matched, unmatched, at: clock.now().toISOString() } })).steps;
  }
}
