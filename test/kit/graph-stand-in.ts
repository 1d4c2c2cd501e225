import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { JWTPayload } from 'jose';
import { GRAPH_AUDIENCE, type EntraStandIn } from './entra-stand-in';
import { closeServer, delay, listenLoopback, matchPath, readBody, sendJson } from './http-util';
import type { TestCa } from './tls';

/** Graph's own app id: some Graph tokens carry it as `aud` instead of the URL. */
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

export interface GraphRequestContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** Parsed JSON body, when the body is JSON. */
  json: unknown;
  /** Verified token claims (undefined only on the unauthenticated upload URLs). */
  caller: JWTPayload | undefined;
}

export interface GraphResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type GraphHandler = (ctx: GraphRequestContext) => GraphResponse | Promise<GraphResponse>;

export interface GraphRequestRecord {
  method: string;
  path: string;
  query: string;
  status: number;
  at: number;
  authorization: string | undefined;
  caller: JWTPayload | undefined;
  json: unknown;
  bodyBytes: number;
}

export interface StoredChannelMessage {
  teamId: string;
  channelId: string;
  replyToId?: string;
  message: Record<string, unknown>;
  caller: JWTPayload | undefined;
}

export interface StoredFile {
  driveId: string;
  path: string;
  item: Record<string, unknown>;
  content: Buffer;
  /** How the content arrived. */
  via: 'simple' | 'session';
}

export interface AttendanceRecordInput {
  emailAddress?: string;
  displayName: string;
  userId?: string;
  tenantId?: string;
  role?: 'Organizer' | 'Presenter' | 'Attendee';
  intervals: { join: Date; leave: Date }[];
}

export interface GraphFaultOptions {
  retryAfter?: number;
  delayMs?: number;
  /** Only requests matching this method and/or path (substring or RegExp) are affected. */
  method?: string;
  path?: string | RegExp;
}

export interface GraphStandInOptions {
  ca: TestCa;
  entra: EntraStandIn;
  /** Token audiences accepted; default Graph's URL and app id. */
  audiences?: string[];
}

export interface GraphStandIn {
  /** https://127.0.0.1:<port> */
  url: string;
  /** `${url}/v1.0`, for GRAPH_BASE_URL. */
  baseUrl: string;
  readonly requests: GraphRequestRecord[];
  readonly messages: StoredChannelMessage[];
  /** Every completed upload, in order (a re-upload of the same path appears twice). */
  readonly uploads: StoredFile[];
  readonly onlineMeetings: Record<string, unknown>[];
  readonly events: Record<string, unknown>[];
  /** Current file at a drive path ("General/Protokoll.docx"), if any. */
  file(driveId: string, path: string): StoredFile | undefined;
  /** The drive id of a team's (group's) document library. */
  driveIdForGroup(groupId: string): string;
  /** Registers a route; checked before the built-in ones. Pattern: '/v1.0/x/:id' or a RegExp with named groups. */
  route(method: string, pathPattern: string | RegExp, handler: GraphHandler): void;
  setChannelName(teamId: string, channelId: string, displayName: string): void;
  addAttendanceReport(meetingId: string, report: { start: Date; end: Date; records: AttendanceRecordInput[] }): string;
  /** The next n matching requests get `status` (Graph error body); status 0 = only delay, then answer normally. */
  failNext(n: number, status: number, opts?: GraphFaultOptions): void;
  clear(): void;
  close(): Promise<void>;
}

interface GraphFault extends GraphFaultOptions {
  remaining: number;
  status: number;
}

const FAULT_CODES: Record<number, string> = { 429: 'TooManyRequests', 500: 'generalException', 502: 'BadGateway', 503: 'serviceNotAvailable', 504: 'GatewayTimeout', 409: 'conflict', 412: 'preconditionFailed' };

function graphError(status: number, code: string, message: string, headers?: Record<string, string>): GraphResponse {
  return {
    status,
    body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID(), 'client-request-id': randomUUID() } } },
    ...(headers ? { headers } : {}),
  };
}

const callerUser = (caller: JWTPayload | undefined): Record<string, unknown> =>
  caller?.idtyp === 'app'
    ? { application: { '@odata.type': '#microsoft.graph.teamworkApplicationIdentity', id: caller.appid, displayName: null, applicationIdentityType: 'aadApplication' } }
    : { user: { '@odata.type': '#microsoft.graph.teamworkUserIdentity', id: caller?.oid, displayName: caller?.name ?? null, userIdentityType: 'aadUser', tenantId: caller?.tid } };

const isDelegated = (caller: JWTPayload | undefined): boolean => caller?.idtyp !== 'app' && typeof caller?.oid === 'string';

export async function startGraphStandIn(opts: GraphStandInOptions): Promise<GraphStandIn> {
  const audiences = opts.audiences ?? [GRAPH_AUDIENCE, GRAPH_APP_ID];
  const requests: GraphRequestRecord[] = [];
  const messages: StoredChannelMessage[] = [];
  const uploads: StoredFile[] = [];
  const files = new Map<string, StoredFile>();
  const onlineMeetings: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  const reports = new Map<string, Record<string, unknown>[]>();
  const channelNames = new Map<string, string>();
  const folders = new Map<string, { driveId: string; path: string }>();
  const sessions = new Map<string, { driveId: string; path: string; size: number; received: Buffer[]; next: number; conflict: string; expires: string }>();
  const customRoutes: { method: string; pattern: string | RegExp; handler: GraphHandler }[] = [];
  const faults: GraphFault[] = [];
  let url = '';

  const driveIdForGroup = (groupId: string): string => `b!${Buffer.from(`group:${groupId}`).toString('base64url')}`;
  const fileKey = (driveId: string, path: string): string => `${driveId}|${path}`;

  function driveItem(driveId: string, path: string, size: number, created?: string): Record<string, unknown> {
    const name = path.split('/').pop() ?? path;
    const now = new Date().toISOString();
    const id = `01${Buffer.from(fileKey(driveId, path)).toString('base64url').slice(0, 30).toUpperCase()}`;
    return {
      '@odata.context': `${url}/v1.0/$metadata#drives('${driveId}')/items/$entity`,
      id,
      name,
      size,
      createdDateTime: created ?? now,
      lastModifiedDateTime: now,
      eTag: `"{${randomUUID().toUpperCase()}},1"`,
      cTag: `"c:{${randomUUID().toUpperCase()}},1"`,
      webUrl: `https://contoso.sharepoint.com/sites/team/Shared%20Documents/${path.split('/').map(encodeURIComponent).join('/')}`,
      file: { mimeType: name.endsWith('.docx') ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : name.endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream' },
      parentReference: { driveType: 'documentLibrary', driveId, path: `/drives/${driveId}/root:/${path.split('/').slice(0, -1).join('/')}` },
    };
  }

  /** Stores a file honouring @microsoft.graph.conflictBehavior (default replace for simple upload). */
  function storeFile(driveId: string, path: string, content: Buffer, via: 'simple' | 'session', conflict: string): GraphResponse {
    let finalPath = path;
    const existing = files.get(fileKey(driveId, path));
    if (existing && conflict === 'fail') return graphError(409, 'nameAlreadyExists', 'The specified item name already exists.');
    if (existing && conflict === 'rename') {
      const dot = path.lastIndexOf('.');
      for (let i = 1; files.has(fileKey(driveId, finalPath)); i += 1) finalPath = dot > 0 ? `${path.slice(0, dot)} ${i}${path.slice(dot)}` : `${path} ${i}`;
    }
    const replaced = files.get(fileKey(driveId, finalPath));
    const item = driveItem(driveId, finalPath, content.length, replaced?.item.createdDateTime as string | undefined);
    const stored: StoredFile = { driveId, path: finalPath, item, content, via };
    files.set(fileKey(driveId, finalPath), stored);
    uploads.push(stored);
    return { status: replaced ? 200 : 201, body: item };
  }

  // Path-based drive addressing: /groups/{id}/drive/root:/{path}:/content, /drives/{id}/root:/{path}:/…,
  // /drives/{id}/items/{parent-id}:/{name}:/… (content or createUploadSession).
  const driveAddress = /^\/v1\.0\/(?:groups\/(?<groupId>[^/]+)\/drive|drives\/(?<driveId>[^/]+))\/(?:root|items\/(?<itemId>[^/:]+)):\/(?<rel>.+?):\/(?<op>content|createUploadSession)$/;

  function resolveDrivePath(ctx: GraphRequestContext): { driveId: string; path: string } | GraphResponse {
    const { groupId, driveId, itemId, rel } = ctx.params;
    const drive = groupId ? driveIdForGroup(groupId) : (driveId as string);
    let base = '';
    if (itemId) {
      const folder = folders.get(itemId);
      if (!folder || folder.driveId !== drive) return graphError(404, 'itemNotFound', 'The resource could not be found.');
      base = folder.path;
    }
    const path = [base, rel].filter(Boolean).join('/');
    return { driveId: drive, path };
  }

  const builtIn: { method: string; pattern: string | RegExp; handler: GraphHandler }[] = [
    {
      method: 'POST',
      pattern: '/v1.0/teams/:teamId/channels/:channelId/messages',
      handler: (ctx) => postMessage(ctx),
    },
    {
      method: 'POST',
      pattern: '/v1.0/teams/:teamId/channels/:channelId/messages/:messageId/replies',
      handler: (ctx) => postMessage(ctx, ctx.params.messageId),
    },
    {
      method: 'GET',
      pattern: '/v1.0/teams/:teamId/channels/:channelId/messages',
      handler: (ctx) => ({ status: 200, body: { value: messages.filter((m) => m.teamId === ctx.params.teamId && m.channelId === ctx.params.channelId && !m.replyToId).map((m) => m.message) } }),
    },
    {
      method: 'GET',
      pattern: '/v1.0/teams/:teamId/channels/:channelId/filesFolder',
      handler: (ctx) => {
        const { teamId, channelId } = ctx.params as { teamId: string; channelId: string };
        const name = channelNames.get(`${teamId}|${channelId}`) ?? 'General';
        const driveId = driveIdForGroup(teamId);
        const id = `01FOLDER${Buffer.from(`${teamId}|${channelId}`).toString('base64url').slice(0, 24).toUpperCase()}`;
        folders.set(id, { driveId, path: name });
        const childCount = [...files.values()].filter((f) => f.driveId === driveId && f.path.startsWith(`${name}/`)).length;
        return {
          status: 200,
          body: {
            '@odata.context': `${url}/v1.0/$metadata#teams('${teamId}')/channels('${encodeURIComponent(channelId)}')/filesFolder/$entity`,
            id,
            createdDateTime: '2024-01-01T08:00:00Z',
            lastModifiedDateTime: new Date().toISOString(),
            name,
            webUrl: `https://contoso.sharepoint.com/sites/team/Shared%20Documents/${encodeURIComponent(name)}`,
            size: 0,
            parentReference: { driveId, driveType: 'documentLibrary' },
            fileSystemInfo: { createdDateTime: '2024-01-01T08:00:00Z', lastModifiedDateTime: new Date().toISOString() },
            folder: { childCount },
          },
        };
      },
    },
    {
      method: 'PUT',
      pattern: driveAddress,
      handler: (ctx) => {
        if (ctx.params.op !== 'content') return graphError(405, 'invalidRequest', 'Method not allowed.');
        const target = resolveDrivePath(ctx);
        if ('status' in target) return target;
        return storeFile(target.driveId, target.path, ctx.body, 'simple', ctx.query.get('@microsoft.graph.conflictBehavior') ?? 'replace');
      },
    },
    {
      method: 'POST',
      pattern: driveAddress,
      handler: (ctx) => {
        if (ctx.params.op !== 'createUploadSession') return graphError(405, 'invalidRequest', 'Method not allowed.');
        const target = resolveDrivePath(ctx);
        if ('status' in target) return target;
        const item = ((ctx.json as { item?: Record<string, unknown> } | undefined)?.item ?? {}) as Record<string, unknown>;
        const conflict = String(item['@microsoft.graph.conflictBehavior'] ?? 'fail');
        if (conflict === 'fail' && files.has(fileKey(target.driveId, target.path))) return graphError(409, 'nameAlreadyExists', 'The specified item name already exists.');
        const id = randomUUID();
        const expires = new Date(Date.now() + 15 * 60_000).toISOString();
        sessions.set(id, { ...target, size: -1, received: [], next: 0, conflict, expires });
        return { status: 200, body: { '@odata.context': `${url}/v1.0/$metadata#microsoft.graph.uploadSession`, uploadUrl: `${url}/upload/${id}`, expirationDateTime: expires, nextExpectedRanges: ['0-'] } };
      },
    },
    {
      method: 'PUT',
      pattern: '/upload/:sessionId',
      handler: (ctx) => {
        const session = sessions.get(ctx.params.sessionId as string);
        if (!session) return graphError(404, 'itemNotFound', 'The upload session was not found.');
        const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(ctx.headers['content-range'] ?? ''));
        if (!m) return graphError(400, 'invalidRequest', 'Content-Range header is missing or malformed.');
        const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
        if (start !== session.next || end - start + 1 !== ctx.body.length || end >= total || (session.size >= 0 && session.size !== total)) {
          return graphError(416, 'invalidRange', `The uploaded fragment overlaps or does not match. Expected ${session.next}-.`);
        }
        session.size = total;
        session.received.push(ctx.body);
        session.next = end + 1;
        if (session.next < total) return { status: 202, body: { expirationDateTime: session.expires, nextExpectedRanges: [`${session.next}-`] } };
        sessions.delete(ctx.params.sessionId as string);
        return storeFile(session.driveId, session.path, Buffer.concat(session.received), 'session', session.conflict === 'fail' ? 'replace' : session.conflict);
      },
    },
    {
      method: 'DELETE',
      pattern: '/upload/:sessionId',
      handler: (ctx) => (sessions.delete(ctx.params.sessionId as string) ? { status: 204 } : graphError(404, 'itemNotFound', 'The upload session was not found.')),
    },
    { method: 'POST', pattern: '/v1.0/me/onlineMeetings', handler: (ctx) => createOnlineMeeting(ctx) },
    {
      method: 'GET',
      pattern: '/v1.0/me/onlineMeetings',
      handler: (ctx) => {
        const filter = /^JoinWebUrl eq '(.+)'$/i.exec(ctx.query.get('$filter') ?? '');
        if (!filter) return graphError(400, 'BadRequest', 'Filter on JoinWebUrl is required.');
        return { status: 200, body: { value: onlineMeetings.filter((m) => m.joinWebUrl === filter[1]) } };
      },
    },
    {
      method: 'GET',
      pattern: '/v1.0/me/onlineMeetings/:meetingId',
      handler: (ctx) => {
        const meeting = onlineMeetings.find((m) => m.id === ctx.params.meetingId);
        return meeting ? { status: 200, body: meeting } : graphError(404, 'NotFound', 'The onlineMeeting was not found.');
      },
    },
    {
      method: 'GET',
      pattern: '/v1.0/me/onlineMeetings/:meetingId/attendanceReports',
      handler: (ctx) => {
        const list = reports.get(ctx.params.meetingId as string);
        if (!list && !onlineMeetings.some((m) => m.id === ctx.params.meetingId)) return graphError(404, 'NotFound', 'The onlineMeeting was not found.');
        return {
          status: 200,
          body: {
            '@odata.context': `${url}/v1.0/$metadata#users('me')/onlineMeetings('${ctx.params.meetingId}')/attendanceReports`,
            value: (list ?? []).map(({ attendanceRecords: _records, ...summary }) => summary),
          },
        };
      },
    },
    {
      method: 'GET',
      pattern: '/v1.0/me/onlineMeetings/:meetingId/attendanceReports/:reportId',
      handler: (ctx) => {
        const report = reports.get(ctx.params.meetingId as string)?.find((r) => r.id === ctx.params.reportId);
        if (!report) return graphError(404, 'NotFound', 'The attendance report was not found.');
        const expand = (ctx.query.get('$expand') ?? '').split(',').includes('attendanceRecords');
        const { attendanceRecords, ...summary } = report;
        return { status: 200, body: expand ? { ...summary, attendanceRecords } : summary };
      },
    },
    {
      method: 'GET',
      pattern: '/v1.0/me/onlineMeetings/:meetingId/attendanceReports/:reportId/attendanceRecords',
      handler: (ctx) => {
        const report = reports.get(ctx.params.meetingId as string)?.find((r) => r.id === ctx.params.reportId);
        return report ? { status: 200, body: { value: report.attendanceRecords } } : graphError(404, 'NotFound', 'The attendance report was not found.');
      },
    },
    { method: 'POST', pattern: '/v1.0/me/events', handler: (ctx) => createEvent(ctx) },
  ];

  function postMessage(ctx: GraphRequestContext, replyToId?: string): GraphResponse {
    const body = ctx.json as { body?: { contentType?: string; content?: string }; subject?: string; attachments?: unknown[]; importance?: string } | undefined;
    if (!body?.body?.content) return graphError(400, 'BadRequest', 'Message body content is required.');
    const { teamId, channelId } = ctx.params as { teamId: string; channelId: string };
    const id = String(Date.now() * 1000 + messages.length);
    const now = new Date().toISOString();
    const message: Record<string, unknown> = {
      '@odata.context': `${url}/v1.0/$metadata#teams('${teamId}')/channels('${encodeURIComponent(channelId)}')/messages/$entity`,
      id,
      replyToId: replyToId ?? null,
      etag: id,
      messageType: 'message',
      createdDateTime: now,
      lastModifiedDateTime: now,
      lastEditedDateTime: null,
      deletedDateTime: null,
      subject: body.subject ?? null,
      summary: null,
      chatId: null,
      importance: body.importance ?? 'normal',
      locale: 'en-us',
      webUrl: `https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/${id}?groupId=${teamId}&tenantId=${String(ctx.caller?.tid ?? '')}&createdTime=${Date.now()}`,
      policyViolation: null,
      eventDetail: null,
      from: callerUser(ctx.caller),
      body: { contentType: body.body.contentType ?? 'text', content: body.body.content },
      channelIdentity: { teamId, channelId },
      attachments: body.attachments ?? [],
      mentions: [],
      reactions: [],
    };
    messages.push({ teamId, channelId, ...(replyToId ? { replyToId } : {}), message, caller: ctx.caller });
    return { status: 201, body: message };
  }

  function createOnlineMeeting(ctx: GraphRequestContext, fromEvent?: { subject: string; start: string; end: string }): GraphResponse {
    if (!isDelegated(ctx.caller)) return graphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
    const body = (ctx.json ?? {}) as { subject?: string; startDateTime?: string; endDateTime?: string; externalId?: string };
    const id = `MSp${Buffer.from(`${String(ctx.caller?.oid)}*${randomUUID()}`).toString('base64url')}`;
    const thread = `19:meeting_${Buffer.from(randomUUID()).toString('base64url').slice(0, 40)}@thread.v2`;
    const meeting: Record<string, unknown> = {
      '@odata.context': `${url}/v1.0/$metadata#users('${String(ctx.caller?.oid)}')/onlineMeetings/$entity`,
      id,
      creationDateTime: new Date().toISOString(),
      startDateTime: fromEvent?.start ?? body.startDateTime ?? new Date().toISOString(),
      endDateTime: fromEvent?.end ?? body.endDateTime ?? new Date(Date.now() + 3_600_000).toISOString(),
      subject: fromEvent?.subject ?? body.subject ?? null,
      externalId: body.externalId ?? null,
      joinWebUrl: `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(thread)}/0?context=${encodeURIComponent(JSON.stringify({ Tid: ctx.caller?.tid, Oid: ctx.caller?.oid }))}`,
      joinMeetingIdSettings: { isPasscodeRequired: true, joinMeetingId: String(Math.floor(Math.random() * 1e12)).padStart(12, '1'), passcode: 'Abc123' },
      chatInfo: { threadId: thread, messageId: '0', replyChainMessageId: null },
      participants: {
        organizer: { upn: ctx.caller?.upn ?? null, role: 'presenter', identity: { user: { id: ctx.caller?.oid, displayName: null, tenantId: ctx.caller?.tid, identityProvider: 'AAD' } } },
        attendees: [],
      },
      allowedPresenters: 'everyone',
      isEntryExitAnnounced: true,
      lobbyBypassSettings: { scope: 'organization', isDialInBypassEnabled: false },
    };
    onlineMeetings.push(meeting);
    return { status: 201, body: meeting };
  }

  function createEvent(ctx: GraphRequestContext): GraphResponse {
    if (!isDelegated(ctx.caller)) return graphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
    const body = (ctx.json ?? {}) as {
      subject?: string;
      body?: { contentType?: string; content?: string };
      start?: { dateTime: string; timeZone: string };
      end?: { dateTime: string; timeZone: string };
      location?: { displayName?: string };
      attendees?: unknown[];
      isOnlineMeeting?: boolean;
      onlineMeetingProvider?: string;
    };
    if (!body.start?.dateTime || !body.end?.dateTime) return graphError(400, 'ErrorInvalidRequest', 'Start and end are required.');
    let onlineMeeting: Record<string, unknown> | null = null;
    if (body.isOnlineMeeting) {
      const created = createOnlineMeeting({ ...ctx, json: {} }, { subject: body.subject ?? '', start: body.start.dateTime, end: body.end.dateTime }).body as Record<string, unknown>;
      onlineMeeting = { joinUrl: created.joinWebUrl };
    }
    const id = `AAMk${Buffer.from(randomUUID()).toString('base64url')}`;
    const event: Record<string, unknown> = {
      '@odata.context': `${url}/v1.0/$metadata#users('${String(ctx.caller?.oid)}')/events/$entity`,
      '@odata.etag': `W/"${randomUUID()}"`,
      id,
      createdDateTime: new Date().toISOString(),
      lastModifiedDateTime: new Date().toISOString(),
      iCalUId: `040000008200E00074C5B7101A82E008${randomUUID().replace(/-/g, '')}`,
      subject: body.subject ?? '',
      body: body.body ?? { contentType: 'html', content: '' },
      start: body.start,
      end: body.end,
      location: { displayName: body.location?.displayName ?? '', locationType: 'default' },
      attendees: body.attendees ?? [],
      organizer: { emailAddress: { name: ctx.caller?.name ?? '', address: ctx.caller?.upn ?? '' } },
      isOnlineMeeting: Boolean(body.isOnlineMeeting),
      onlineMeetingProvider: body.isOnlineMeeting ? (body.onlineMeetingProvider ?? 'teamsForBusiness') : 'unknown',
      onlineMeeting,
      webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
    };
    events.push(event);
    return { status: 201, body: event };
  }

  async function authenticate(req: IncomingMessage): Promise<{ claims: JWTPayload } | { refused: GraphResponse }> {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (!m?.[1]) return { refused: graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.') };
    try {
      return { claims: await opts.entra.verifyAccessToken(m[1], audiences) };
    } catch (err) {
      const code = (err as { code?: string }).code;
      return { refused: graphError(401, 'InvalidAuthenticationToken', code === 'ERR_JWT_EXPIRED' ? 'Lifetime validation failed, the token is expired.' : 'Access token validation failure. Invalid audience or signature.') };
    }
  }

  function takeGraphFault(method: string, path: string): GraphFault | undefined {
    const i = faults.findIndex((f) => (!f.method || f.method === method) && (!f.path || (typeof f.path === 'string' ? path.includes(f.path) : f.path.test(path))));
    if (i < 0) return undefined;
    const fault = faults[i] as GraphFault;
    fault.remaining -= 1;
    if (fault.remaining <= 0) faults.splice(i, 1);
    return fault;
  }

  async function handle(req: IncomingMessage, record: GraphRequestRecord): Promise<GraphResponse> {
    const parsed = new URL(req.url ?? '/', url);
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    record.bodyBytes = body.length;
    let json: unknown;
    if (/json/.test(String(req.headers['content-type'] ?? '')) && body.length > 0) {
      try {
        json = JSON.parse(body.toString('utf8')) as unknown;
      } catch {
        return graphError(400, 'BadRequest', 'Unable to read JSON request payload.');
      }
    }
    record.json = json;
    const fault = takeGraphFault(method, parsed.pathname);
    if (fault) {
      if (fault.delayMs) await delay(fault.delayMs);
      if (fault.status !== 0) {
        return graphError(fault.status, FAULT_CODES[fault.status] ?? 'generalException', `Injected fault ${fault.status}`, fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : undefined);
      }
    }
    // Upload URLs are pre-authenticated, as in Graph: they take no Authorization header.
    let caller: JWTPayload | undefined;
    if (!parsed.pathname.startsWith('/upload/')) {
      const auth = await authenticate(req);
      if ('refused' in auth) return auth.refused;
      caller = auth.claims;
      record.caller = caller;
    }
    for (const route of [...customRoutes, ...builtIn]) {
      if (route.method !== method) continue;
      let params: Record<string, string> | undefined;
      if (typeof route.pattern === 'string') params = matchPath(route.pattern, parsed.pathname);
      else {
        const m = route.pattern.exec(parsed.pathname);
        if (m) params = Object.fromEntries(Object.entries(m.groups ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => [k, decodeURIComponent(v as string)]));
      }
      if (!params) continue;
      return route.handler({ method, path: parsed.pathname, params, query: parsed.searchParams, headers: req.headers, body, json, caller });
    }
    return graphError(400, 'BadRequest', `Resource not found for the segment '${parsed.pathname.split('/').pop() ?? ''}'.`);
  }

  const server: Server = createServer({ key: opts.ca.serverKeyPem, cert: opts.ca.serverCertPem }, (req, res) => {
    const parsed = new URL(req.url ?? '/', 'https://127.0.0.1');
    const record: GraphRequestRecord = {
      method: req.method ?? '',
      path: parsed.pathname,
      query: parsed.search,
      status: 0,
      at: Date.now(),
      authorization: req.headers.authorization,
      caller: undefined,
      json: undefined,
      bodyBytes: 0,
    };
    requests.push(record);
    handle(req, record)
      .catch((err: unknown) => graphError(500, 'generalException', String(err)))
      .then((out) => {
        record.status = out.status;
        const headers = { 'request-id': randomUUID(), 'client-request-id': String(req.headers['client-request-id'] ?? randomUUID()), ...(out.headers ?? {}) };
        if (out.body === undefined) {
          res.writeHead(out.status, { ...headers, 'content-length': '0' });
          res.end();
        } else sendJson(res, out.status, out.body, headers);
      })
      .catch(() => res.destroy());
  });
  url = `https://127.0.0.1:${await listenLoopback(server)}`;

  return {
    url,
    baseUrl: `${url}/v1.0`,
    requests,
    messages,
    uploads,
    onlineMeetings,
    events,
    file: (driveId, path) => files.get(fileKey(driveId, path)),
    driveIdForGroup,
    route: (method, pathPattern, handler) => void customRoutes.push({ method: method.toUpperCase(), pattern: pathPattern, handler }),
    setChannelName: (teamId, channelId, displayName) => void channelNames.set(`${teamId}|${channelId}`, displayName),
    addAttendanceReport: (meetingId, report) => {
      const id = randomUUID();
      const records = report.records.map((r) => {
        const intervals = r.intervals.map((i) => ({ joinDateTime: i.join.toISOString(), leaveDateTime: i.leave.toISOString(), durationInSeconds: Math.round((i.leave.getTime() - i.join.getTime()) / 1000) }));
        return {
          id: r.userId ?? randomUUID(),
          emailAddress: r.emailAddress ?? null,
          totalAttendanceInSeconds: intervals.reduce((s, i) => s + i.durationInSeconds, 0),
          role: r.role ?? 'Attendee',
          identity: { id: r.userId ?? null, displayName: r.displayName, tenantId: r.tenantId ?? null },
          attendanceIntervals: intervals,
        };
      });
      const list = reports.get(meetingId) ?? [];
      list.push({ id, totalParticipantCount: records.length, meetingStartDateTime: report.start.toISOString(), meetingEndDateTime: report.end.toISOString(), attendanceRecords: records });
      reports.set(meetingId, list);
      return id;
    },
    failNext: (n, status, o = {}) => void faults.push({ remaining: n, status, ...o }),
    clear: () => {
      requests.length = 0;
      messages.length = 0;
      uploads.length = 0;
      faults.length = 0;
    },
    // https.Server extends tls.Server, whose close/closeAllConnections match http.Server's.
    close: () => closeServer(server as unknown as HttpServer),
  };
}
