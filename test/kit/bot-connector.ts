import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { JWTPayload } from 'jose';
import { BOT_CONNECTOR_AUDIENCE, type EntraStandIn } from './entra-stand-in';
import { closeServer, delay, listenLoopback, matchPath, parseJson, readBody, sendJson, takeFault, waitForItem, type Fault } from './http-util';

/** Minimal Bot Framework activity shape as the connector sees it (the body is kept whole). */
export type ConnectorActivity = Record<string, unknown> & { type?: string; text?: string; id?: string; replyToId?: string };

export type ConnectorOperation = 'send' | 'reply' | 'update' | 'delete' | 'createConversation';

export interface SentActivity {
  operation: ConnectorOperation;
  conversationId: string;
  /** The id the connector assigned (send, reply, createConversation) or the one addressed (update, delete). */
  activityId: string;
  /** For replies: the activity id from the URL. */
  replyToId?: string;
  /** The parsed body; for delete, `{}`. For createConversation, the initial `activity` if one was given. */
  activity: ConnectorActivity;
  at: number;
  /** Claims of the bearer token, when the connector checks auth. */
  caller?: JWTPayload;
}

export interface CreatedConversation {
  id: string;
  parameters: Record<string, unknown>;
  at: number;
}

export interface ConnectorRequest {
  method: string;
  path: string;
  status: number;
  at: number;
  authorization: string | undefined;
}

export interface TeamsMember {
  id: string;
  name: string;
  aadObjectId: string;
  givenName?: string;
  surname?: string;
  email?: string;
  userPrincipalName?: string;
  tenantId?: string;
  userRole?: 'user' | 'guest' | 'anonymous';
}

export type MeetingRole = 'Organizer' | 'Presenter' | 'Attendee';

export interface BotConnectorOptions {
  /** When given, every request needs a Bearer token the stand-in issued for the Bot Connector audience. */
  entra?: EntraStandIn;
  /** With `entra`: the token's appid/azp must be this bot app id. */
  botAppId?: string;
}

export interface BotConnector {
  url: string;
  /** Activities sent, replied, updated or deleted, and conversations created, in order. */
  readonly sent: SentActivity[];
  readonly conversations: CreatedConversation[];
  readonly requests: ConnectorRequest[];
  /** Number of recorded operations (all, or those matching). */
  count(predicate?: (s: SentActivity) => boolean): number;
  waitFor(predicate: (s: SentActivity) => boolean, timeoutMs?: number): Promise<SentActivity>;
  /** Waits until at least n operations match, and returns them. */
  waitForCount(n: number, predicate?: (s: SentActivity) => boolean, timeoutMs?: number): Promise<SentActivity[]>;
  clear(): void;
  /** The next n requests get `status` (429, 412, 502, 504, …) with an optional Retry-After (seconds) and delay. */
  failNext(n: number, status: number, opts?: { retryAfter?: number; delayMs?: number }): void;
  setMembers(conversationId: string, members: TeamsMember[]): void;
  setTeamChannels(teamId: string, channels: { id: string; name?: string }[], teamName?: string): void;
  setMeetingParticipant(meetingId: string, aadObjectId: string, role: MeetingRole, opts?: { inMeeting?: boolean; member?: TeamsMember; conversationId?: string }): void;
  /**
   * Teams refuses to open a 1:1 chat with this user (member id or Entra object id), as it does when the app
   * is installed neither for them nor in a team of theirs: 403 with the connector's error body.
   */
  refuseConversationWith(userIdOrAadObjectId: string): void;
  close(): Promise<void>;
}

function connectorError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error: { code, message } }, headers);
}

const FAULT_CODES: Record<number, string> = {
  412: 'PreconditionFailed',
  429: 'TooManyRequests',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

export async function startBotConnector(opts: BotConnectorOptions = {}): Promise<BotConnector> {
  const sent: SentActivity[] = [];
  const conversations: CreatedConversation[] = [];
  const requests: ConnectorRequest[] = [];
  const faults: Fault[] = [];
  const members = new Map<string, TeamsMember[]>();
  const teams = new Map<string, { name?: string; channels: { id: string; name?: string }[] }>();
  const refused = new Set<string>();
  const participants = new Map<string, { role: MeetingRole; inMeeting: boolean; member?: TeamsMember; conversationId?: string }>();
  let sequence = 0;
  // Teams message ids are millisecond timestamps; keep them unique and increasing.
  const nextId = (): string => String(Date.now() * 1000 + (sequence += 1));

  async function authorize(req: IncomingMessage): Promise<JWTPayload | undefined | 'denied'> {
    if (!opts.entra) return undefined;
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (!m?.[1]) return 'denied';
    try {
      const claims = await opts.entra.verifyAccessToken(m[1], BOT_CONNECTOR_AUDIENCE);
      if (opts.botAppId && claims.appid !== opts.botAppId && claims.azp !== opts.botAppId) return 'denied';
      return claims;
    } catch {
      return 'denied';
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const body = await readBody(req);

    const fault = takeFault(faults);
    if (fault) {
      if (fault.delayMs) await delay(fault.delayMs);
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
      return connectorError(res, fault.status, FAULT_CODES[fault.status] ?? 'ServiceError', `Injected fault ${fault.status}`, headers);
    }
    const caller = await authorize(req);
    if (caller === 'denied') return sendJson(res, 401, { message: 'Authorization has been denied for this request.' });

    let json: unknown;
    try {
      json = parseJson(body);
    } catch {
      return connectorError(res, 400, 'BadSyntax', 'Request body is not valid JSON.');
    }
    const record = (s: Omit<SentActivity, 'at' | 'caller'>): void => {
      sent.push({ ...s, at: Date.now(), ...(caller ? { caller } : {}) });
    };
    const activity = (json ?? {}) as ConnectorActivity;
    let p: Record<string, string> | undefined;

    if (method === 'POST' && (p = matchPath('/v3/conversations', path))) {
      const params = activity as Record<string, unknown>;
      const isGroup = params.isGroup === true;
      const paramMembers = (params.members as TeamsMember[] | undefined) ?? [];
      const tenantId = (params.tenantId as string | undefined) ?? ((params.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id);
      if (!isGroup && paramMembers.length !== 1) return connectorError(res, 400, 'BadArgument', 'A 1:1 conversation needs exactly one member.');
      if (!tenantId) return connectorError(res, 400, 'BadArgument', 'Tenant id is required.');
      const who = paramMembers[0];
      if (!isGroup && who && (refused.has(who.id) || (who.aadObjectId && refused.has(who.aadObjectId))))
        return connectorError(res, 403, 'Forbidden', 'The bot is not installed for the user and cannot start a conversation with them.');
      // Teams answers a 1:1 creation with the stable personal conversation id ("a:…") for that user.
      const id = isGroup ? `19:${nextId()}@thread.v2` : `a:1${Buffer.from(`${tenantId}|${paramMembers[0]?.id ?? ''}`).toString('base64url')}`;
      conversations.push({ id, parameters: params, at: Date.now() });
      if (!members.has(id)) members.set(id, paramMembers);
      const initial = params.activity as ConnectorActivity | undefined;
      const activityId = initial ? nextId() : '';
      record({ operation: 'createConversation', conversationId: id, activityId, activity: initial ?? {} });
      return sendJson(res, 201, { id, ...(initial ? { activityId } : {}) });
    }
    if (method === 'POST' && (p = matchPath('/v3/conversations/:conversationId/activities', path))) {
      const activityId = nextId();
      record({ operation: 'send', conversationId: p.conversationId as string, activityId, activity });
      return sendJson(res, 201, { id: activityId });
    }
    if (method === 'POST' && (p = matchPath('/v3/conversations/:conversationId/activities/:activityId', path))) {
      const activityId = nextId();
      record({ operation: 'reply', conversationId: p.conversationId as string, activityId, replyToId: p.activityId as string, activity });
      return sendJson(res, 201, { id: activityId });
    }
    if (method === 'PUT' && (p = matchPath('/v3/conversations/:conversationId/activities/:activityId', path))) {
      record({ operation: 'update', conversationId: p.conversationId as string, activityId: p.activityId as string, activity });
      return sendJson(res, 200, { id: p.activityId });
    }
    if (method === 'DELETE' && (p = matchPath('/v3/conversations/:conversationId/activities/:activityId', path))) {
      record({ operation: 'delete', conversationId: p.conversationId as string, activityId: p.activityId as string, activity: {} });
      res.writeHead(200, { 'content-length': '0' });
      return void res.end();
    }
    if (method === 'GET' && (p = matchPath('/v3/conversations/:conversationId/members', path))) {
      const list = members.get(p.conversationId as string);
      if (!list) return connectorError(res, 404, 'ConversationNotFound', 'Conversation not found.');
      return sendJson(res, 200, list);
    }
    if (method === 'GET' && (p = matchPath('/v3/conversations/:conversationId/members/:memberId', path))) {
      const member = members.get(p.conversationId as string)?.find((m) => m.id === p?.memberId || m.aadObjectId === p?.memberId);
      if (!member) return connectorError(res, 404, 'MemberNotFoundInConversation', 'The member was not found in the conversation.');
      return sendJson(res, 200, member);
    }
    if (method === 'GET' && (p = matchPath('/v3/conversations/:conversationId/pagedmembers', path))) {
      const list = members.get(p.conversationId as string);
      if (!list) return connectorError(res, 404, 'ConversationNotFound', 'Conversation not found.');
      const pageSize = Math.max(1, Number(url.searchParams.get('pageSize') ?? 200) || 200);
      const start = Number(url.searchParams.get('continuationToken') ?? 0) || 0;
      const page = list.slice(start, start + pageSize);
      const next = start + pageSize < list.length ? String(start + pageSize) : undefined;
      return sendJson(res, 200, { members: page, ...(next ? { continuationToken: next } : {}) });
    }
    if (method === 'GET' && (p = matchPath('/v3/teams/:teamId/conversations', path))) {
      const team = teams.get(p.teamId as string);
      if (!team) return connectorError(res, 404, 'NotFound', 'Team not found.');
      return sendJson(res, 200, { conversations: team.channels });
    }
    if (method === 'GET' && (p = matchPath('/v3/teams/:teamId', path))) {
      const team = teams.get(p.teamId as string);
      if (!team) return connectorError(res, 404, 'NotFound', 'Team not found.');
      return sendJson(res, 200, { id: p.teamId, name: team.name ?? '', aadGroupId: p.teamId, channelCount: team.channels.length, memberCount: 0 });
    }
    if (method === 'GET' && (p = matchPath('/v1/meetings/:meetingId/participants/:participantId', path))) {
      if (!url.searchParams.get('tenantId')) return connectorError(res, 400, 'BadArgument', 'tenantId is required.');
      const entry = participants.get(`${p.meetingId}|${p.participantId}`);
      if (!entry) return connectorError(res, 404, 'NotFound', 'Participant not found in meeting.');
      return sendJson(res, 200, {
        user: entry.member ?? { id: `29:${p.participantId}`, aadObjectId: p.participantId, name: '', tenantId: url.searchParams.get('tenantId') },
        meeting: { role: entry.role, inMeeting: entry.inMeeting },
        conversation: { isGroup: true, conversationType: 'groupChat', id: entry.conversationId ?? '' },
      });
    }
    return connectorError(res, 404, 'NotFound', `${method} ${path} is not served by the Bot Connector stand-in`);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const at = Date.now();
    res.on('finish', () => requests.push({ method: req.method ?? '', path: url.pathname, status: res.statusCode, at, authorization: req.headers.authorization }));
    handle(req, res, url).catch((err: unknown) => {
      if (!res.headersSent) connectorError(res, 500, 'ServiceError', String(err));
    });
  });
  const url = `http://127.0.0.1:${await listenLoopback(server)}/`;

  return {
    // Trailing slash as Teams sends serviceUrl ("https://smba.trafficmanager.net/emea/").
    url,
    sent,
    conversations,
    requests,
    count: (predicate) => (predicate ? sent.filter(predicate).length : sent.length),
    waitFor: (predicate, timeoutMs = 5000) => waitForItem(() => sent, predicate, timeoutMs, 'a matching connector operation'),
    waitForCount: async (n, predicate = () => true, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const matching = sent.filter(predicate);
        if (matching.length >= n) return matching;
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${n} connector operations (have ${matching.length})`);
        await delay(20);
      }
    },
    clear: () => {
      sent.length = 0;
      conversations.length = 0;
      requests.length = 0;
      faults.length = 0;
    },
    failNext: (n, status, o = {}) => void faults.push({ remaining: n, status, ...o }),
    setMembers: (conversationId, list) => void members.set(conversationId, list),
    setTeamChannels: (teamId, channels, teamName) => void teams.set(teamId, { channels, ...(teamName ? { name: teamName } : {}) }),
    setMeetingParticipant: (meetingId, aadObjectId, role, o = {}) =>
      void participants.set(`${meetingId}|${aadObjectId}`, { role, inMeeting: o.inMeeting ?? true, ...(o.member ? { member: o.member } : {}), ...(o.conversationId ? { conversationId: o.conversationId } : {}) }),
    refuseConversationWith: (id) => void refused.add(id),
    close: () => closeServer(server),
  };
}
