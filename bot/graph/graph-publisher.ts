import type { Client } from '@microsoft/microsoft-graph-client';
import { graphScope } from '../../manifest/permissions';
import type { Meeting } from '../../shared/domain';
import { RadslagError } from '../../shared/errors/catalog';
import { escapeHtml, isSafeUrl } from '../../shared/minutes/escape-html';
import { renderChannelPost, TEAMS_MESSAGE_LIMIT_BYTES } from '../../shared/minutes/render-html';
import type { AttendanceReportRecord, GraphPort } from '../../shared/ports/graph';
import type { Clock, Store } from '../../shared/ports/store';
import type { GraphPublication, GraphPublicationSteps } from '../../shared/domain/minutes-records';
import { bindCreatedTeamsMeeting, importAttendanceReport } from '../../shared/services/publication-service';
import type { TypedJobHandler } from '../jobs/job-handlers';
import { PermanentJobError, RetryLaterError, backoffMs } from '../jobs/job-runner';
import type { UseCaseRunner } from '../usecase/run-use-case';
import type { Logger } from '../logger';
import { renderMinutesDocx } from '../minutes/render-docx';
import { GraphCallError, type ActingUser, type GraphAccess } from './graph-access';

/** How a published draft is marked in the channel post (subject and first line). */
export const DRAFT_MARK = 'Utkast';

/** Upload-session chunks: a multiple of 320 KiB, as Graph requires (simple upload up to 4 MB: GraphAccess). */
export const UPLOAD_CHUNK_BYTES = 10 * 320 * 1024;

export interface GraphPublisherDeps {
  store: Store;
  graph: GraphAccess;
  clock: Clock;
  runner: UseCaseRunner;
}

/** The Graph port the publication use cases see: whether publishing is on, and sealing a sign-in. */
export function graphPortOf(graph: GraphAccess): GraphPort {
  return {
    get enabled() {
      return graph.enabled;
    },
    get disabledReason() {
      return graph.disabledReason;
    },
    sealAssertion: (assertion, clientRef) => (graph.crypto ? graph.crypto.encrypt(assertion, `assertion:${clientRef}`) : null),
  };
}

const safeFileName = (s: string): string => s.replace(/["*:<>?/\\|#%{}~&]/g, '-').replace(/\s+/g, ' ').trim();

/**
 * The `graph.publish` job: carries out a publication requested through the use cases of
 * shared/services/publication-service.ts. It acts for the secretary who asked (on-behalf-of with the stored,
 * encrypted assertion), is retried with backoff honouring Retry-After on 429/5xx/timeouts, and continues from
 * the recorded steps after a restart: an upload is to a fixed name (replace), a post is checked for in the
 * channel by its client reference before it is repeated after an answer that never came.
 */
export class GraphPublisher {
  constructor(private readonly deps: GraphPublisherDeps) {}

  // ------------------------------------------------------------------ the job

  handler(): TypedJobHandler<'graph.publish'> {
    return async ({ publicationId: id }, { job, logger, signal }) => {
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
    // An unjusterat draft the secretary chose to publish says so before anything else, in the post and its subject.
    const head = version.status === 'draft' ? `<p><b>${DRAFT_MARK}</b> – ${escapeHtml(`version ${version.number} är inte justerad och kan ändras.`)}</p>` : '';
    const post = renderChannelPost(version.model, { docxUrl, limitBytes: TEAMS_MESSAGE_LIMIT_BYTES - Buffer.byteLength(tail) - Buffer.byteLength(head) - 64 });
    await this.patch(pub.id, {}, { postAttemptedAt: this.deps.clock.now().toISOString() });
    const sent = (await graph.call(() =>
      client.api(`/teams/${encodeURIComponent(channel.teamId)}/channels/${encodeURIComponent(channel.channelId)}/messages`).post({
        subject: `${version.status === 'draft' ? `${DRAFT_MARK}: ` : ''}${version.model.header.documentKindLabel} ${version.model.header.date} (version ${version.number})`,
        body: { contentType: 'html', content: head + post.html + tail },
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
    await this.deps.runner.run(this.deps.runner.system(`graph:${pub.id}`), bindCreatedTeamsMeeting, { meetingId: meeting.id, joinUrl, onlineMeetingId });
    return steps;
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
    const { store, graph, clock } = this.deps;
    const meeting = await store.read.meetings.require(pub.meetingId);
    const onlineMeetingId = meeting.teams?.onlineMeetingId;
    if (!onlineMeetingId) throw new PermanentJobError('mötet har inget Teams-möte kopplat (onlineMeetingId saknas) / the meeting has no Teams meeting bound');
    const client = await graph.clientFor(user, [graphScope('OnlineMeetingArtifact.Read.All')], signal);
    const base = `/me/onlineMeetings/${encodeURIComponent(onlineMeetingId)}/attendanceReports`;
    const list = (await graph.call(() => client.api(base).get())) as { value: { id: string }[] };
    const records: AttendanceReportRecord[] = [];
    for (const r of list.value) {
      const report = (await graph.call(() => client.api(`${base}/${encodeURIComponent(r.id)}`).expand('attendanceRecords').get())) as { attendanceRecords?: AttendanceReportRecord[] };
      records.push(...(report.attendanceRecords ?? []));
    }
    const { matched, unmatched } = await this.deps.runner.run(this.deps.runner.system(`graph:${pub.id}`), importAttendanceReport, { meetingId: meeting.id, actingPersonId: pub.actingPersonId, records });
    return (await this.patch(pub.id, {}, { attendance: { reports: list.value.length, records: records.length, matched, unmatched, at: clock.now().toISOString() } })).steps;
  }
}
