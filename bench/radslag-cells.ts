/**
 * The Rådslag cells: each seeds what it needs through the API, proves with one probe request that the
 * feature really does its work (a stored effect, not just a 200), and then builds the i-th request.
 * A cell whose feature is missing says so; the bench never prints a number for it.
 */
import { randomUUID } from 'node:crypto';
import { adaptiveCardAction, meetingParticipantJoin, meetingParticipantLeave, personalMessage, type ActivityBase, type TeamsActivity } from '../test/kit/activities';
import type { BotConnector } from '../test/kit/bot-connector';
import type { LoadRequest } from './load';
import { BenchApi, seedCouncil, type SeededCouncil } from './seed';

export const BOT_APP_ID = '00000000-0000-4000-8000-00000000b07b';
export const BENCH_TENANT = '00000000-0000-4000-8000-0000000000aa';

export type BaselineKey = 'echo-message' | 'echo-invoke' | 'echo-event';

export interface CellContext {
  url: string;
  connector: BotConnector;
  api: BenchApi;
  /** Meeting size for this preparation (people on the roster). */
  people: number;
}

export interface PreparedCell {
  next(i: number): LoadRequest;
  /** What the probe proved, for the report. */
  proof: string;
}

export interface RadslagCell {
  key: 'absence' | 'decision' | 'participants' | 'side-panel-lookup';
  label: string;
  baseline: BaselineKey | 'express';
  prepare(ctx: CellContext): Promise<PreparedCell | { missing: string }>;
}

const jsonPost = (path: string, body: unknown, headers: Record<string, string> = {}): LoadRequest => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

export const botPost = (activity: TeamsActivity): LoadRequest => jsonPost('/api/messages', activity);

function base(ctx: CellContext, from: { aadObjectId: string; name: string }, id?: string): ActivityBase {
  return { serviceUrl: ctx.connector.url, botAppId: BOT_APP_ID, tenantId: BENCH_TENANT, from, id, locale: 'sv-SE' };
}

/** The baselines' requests: the same activity shapes the Rådslag cells send. */
export function baselineRequest(kind: BaselineKey, connectorUrl: string, i: number): LoadRequest {
  const from = { aadObjectId: '00000000-0000-4000-8000-000000000001', name: 'Anna Bench' };
  const b: ActivityBase = { serviceUrl: connectorUrl, botAppId: BOT_APP_ID, tenantId: BENCH_TENANT, from, id: `b${i}`, locale: 'sv-SE' };
  if (kind === 'echo-message') return botPost(personalMessage({ ...b, text: `Förhinder ${i}` }));
  if (kind === 'echo-invoke') return botPost(adaptiveCardAction({ ...b, id: `f:b${i}`, scope: { kind: 'personal' }, verb: 'decision.confirm', data: { decisionId: `d${i}` } }));
  const meeting = { meetingId: 'MCMxOTptZWV0aW5nX2JlbmNoQHRocmVhZC52MiMw', chatId: '19:meeting_bench@thread.v2', title: 'Bench' };
  const members = [{ user: from }];
  return botPost(i % 2 ? meetingParticipantLeave({ ...b, ...meeting, members }) : meetingParticipantJoin({ ...b, ...meeting, members }));
}

async function withSeed(ctx: CellContext, meetings: number): Promise<SeededCouncil> {
  return seedCouncil(ctx.api, { people: ctx.people, meetings });
}

/**
 * The side panel's first data (GET /api/v1/meetings/:id/views/panel): the one request a panel waits for when it
 * opens, so what every member's panel costs at a meeting's start.
 */
export const sidePanelLookup: RadslagCell = {
  key: 'side-panel-lookup',
  label: 'API: side panel view (GET)',
  baseline: 'express',
  async prepare(ctx) {
    const seed = await withSeed(ctx, 1);
    const m = seed.meetings[0]!;
    const person = seed.people[1] ?? seed.secretary;
    const path = `/api/v1/meetings/${encodeURIComponent(m.id)}/views/panel`;
    const view = await ctx.api.call<{ agenda: { meeting: { id: string } }; people: unknown[] }>('GET', path.replace('/api/v1', ''), undefined, person.email);
    if (view.agenda.meeting.id !== m.id) return { missing: 'the panel view answered another meeting' };
    return {
      proof: `a member's panel view names the meeting and its ${view.people.length} people`,
      // Side panels of many members (the API rate-limits each user: one user hammering would measure the limiter).
      next: (i) => ({ method: 'GET', path, headers: { 'X-Radslag-Dev-User': seed.people[1 + (i % (seed.people.length - 1))]!.email } }),
    };
  },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`probe: ${what} not seen within ${ms} ms`);
    await sleep(100);
  }
}

interface AttendanceRow {
  personId: string;
  state: string;
  intervals?: unknown[];
}

async function attendanceOf(ctx: CellContext, meetingId: string, personId: string, as: string): Promise<AttendanceRow | null> {
  const list = await ctx.api.call<unknown>('GET', `/meetings/${meetingId}/attendance`, undefined, as);
  const rows = (Array.isArray(list) ? list : ((list as { attendance?: unknown[]; rows?: unknown[] }).attendance ?? (list as { rows?: unknown[] }).rows ?? [])) as AttendanceRow[];
  // Rows are {attendance: {personId, state}, intervals} (attendance-service's attendanceList).
  const flat = (rows as unknown as { attendance?: AttendanceRow; intervals?: unknown[]; personId?: string; state?: string }[]).map((r) => (r.attendance ? { ...r.attendance, intervals: r.intervals } : (r as AttendanceRow)));
  return flat.find((r) => r.personId === personId) ?? null;
}

/** Swedish day/month of a meeting's start in Stockholm ("2/3"), as a member would write it. */
function dayMonth(iso: string): string {
  const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', day: 'numeric', month: 'numeric' }).formatToParts(new Date(iso));
  return `${parts.find((p) => p.type === 'day')!.value}/${parts.find((p) => p.type === 'month')!.value}`;
}

/**
 * A förhinder in a 1:1 chat: parsed, recorded as attendance, answered (the reply is a teams.send job the
 * server's job runner delivers to the connector). Each request is a new person/meeting pair while they last.
 */
export const absenceMessage: RadslagCell = {
  key: 'absence',
  label: 'förhinder message (parsed, stored, reply sent)',
  baseline: 'echo-message',
  async prepare(ctx) {
    // Ten upcoming meetings: about what a council member has in the parser's 400-day window.
    const seed = await withSeed(ctx, 10);
    const members = seed.people.slice(1);
    const probePerson = members[0]!;
    const probeMeeting = seed.meetings[0]!;
    ctx.connector.clear();
    const probe = personalMessage({ ...base(ctx, { aadObjectId: probePerson.aadObjectId, name: probePerson.name }, `probe-${randomUUID()}`), text: `Jag har förhinder ${dayMonth(probeMeeting.startsAt)}` });
    const res = await fetch(`${ctx.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(probe) });
    if (res.status !== 200) return { missing: `probe message answered ${res.status}` };
    await until('the reply at the connector', async () => ctx.connector.sent.find((s) => s.conversationId === probe.conversation.id));
    const row = await until('the förhinder in the attendance list', async () => {
      const r = await attendanceOf(ctx, probeMeeting.id, probePerson.id, seed.secretary.email);
      return r && r.state === 'förhinder' ? r : null;
    });
    ctx.connector.clear();
    // Pairs after the probe's: person k, meeting m; once all are used a message repeats an earlier one.
    return {
      proof: `a förhinder was stored as attendance state '${row.state}' and a reply reached the connector`,
      next: (i) => {
        const k = (i + 1) % members.length;
        const m = Math.floor((i + 1) / members.length) % seed.meetings.length;
        const p = members[k]!;
        return botPost(personalMessage({ ...base(ctx, { aadObjectId: p.aadObjectId, name: p.name }, `abs-${i}-${randomUUID().slice(0, 8)}`), text: `Jag har förhinder ${dayMonth(seed.meetings[m]!.startsAt)}` }));
      },
    };
  },
};

/** The secretary confirms a proposed decision on its card: adaptiveCard/action, verb decision.confirm. */
export const decisionConfirm: RadslagCell = {
  key: 'decision',
  label: 'decision confirm (adaptiveCard/action invoke)',
  baseline: 'echo-invoke',
  async prepare(ctx) {
    const seed = await withSeed(ctx, 1);
    const meeting = seed.meetings[0]!;
    const agenda = await ctx.api.call<{ meeting: { id: string }; items: { id: string }[] }>('GET', `/meetings/${meeting.id}`);
    const itemIds = agenda.items.map((it) => it.id);
    // Proposed decisions in bulk through the bench-only seeding route (one transaction), one per request.
    const res = await fetch(`${ctx.url}/__bench/decisions`, { method: 'POST', body: JSON.stringify({ meetingId: meeting.id, itemIds, count: 3000, proposedBy: seed.secretary.id }) });
    if (!res.ok) return { missing: `seeding decisions failed: ${res.status} ${await res.text()}` };
    const pool = (await res.json()) as { id: string; version: number }[];
    const sec = { aadObjectId: seed.secretary.aadObjectId, name: seed.secretary.name };
    const invoke = (d: { id: string; version: number }, id: string) =>
      botPost(adaptiveCardAction({ ...base(ctx, sec, id), scope: { kind: 'personal' }, verb: 'decision.confirm', data: { cardId: `decision:${d.id}`, decisionId: d.id, version: d.version } }));
    const probeDecision = pool[0]!;
    const probe = invoke(probeDecision, `f:probe-${randomUUID()}`);
    const r = await fetch(`${ctx.url}/api/messages`, { method: "POST", headers: probe.headers, body: String(probe.body) });
    const text = await r.text();
    if (r.status !== 200 || !/adaptive/i.test(text)) return { missing: `probe invoke answered ${r.status}: ${text.slice(0, 200)}` };
    const d = await ctx.api.call<{ status?: string; decision?: { status: string } }>('GET', `/decisions/${probeDecision.id}`, undefined, seed.secretary.email);
    const status = d.decision?.status ?? d.status;
    if (status !== 'confirmed') return { missing: `probe decision is '${status}', not confirmed` };
    return {
      proof: 'the invoke answered with a card and the decision is stored as confirmed',
      next: (i) => invoke(pool[(i + 1) % pool.length]!, `f:dec-${i}-${randomUUID().slice(0, 8)}`),
    };
  },
};

/** Participants joining and leaving a linked Teams meeting: each event one person, join then leave. */
export const participantEvents: RadslagCell = {
  key: 'participants',
  label: 'participant join/leave event burst',
  baseline: 'echo-event',
  async prepare(ctx) {
    const seed = await withSeed(ctx, 1);
    const meeting = seed.meetings[0]!;
    const members = seed.people.slice(1);
    const details = { meetingId: meeting.teamsMeetingId, chatId: meeting.chatId, title: 'Samverkansrådet' };
    const event = (i: number) => {
      const p = members[i % members.length]!;
      const user = { aadObjectId: p.aadObjectId, name: p.name };
      const b = base(ctx, user, `ev-${i}-${randomUUID().slice(0, 8)}`);
      const leave = Math.floor(i / members.length) % 2 === 1;
      return leave ? meetingParticipantLeave({ ...b, ...details, members: [{ user }] }) : meetingParticipantJoin({ ...b, ...details, members: [{ user }] });
    };
    const probe = event(0);
    const r = await fetch(`${ctx.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(probe) });
    if (r.status >= 300) return { missing: `probe event answered ${r.status}` };
    const row = await until('the join in the attendance list', async () => {
      const a = await attendanceOf(ctx, meeting.id, members[0]!.id, seed.secretary.email);
      return a && (a.intervals?.length ?? 0) > 0 ? a : null;
    }, 5000).catch((e: Error) => e);
    if (row instanceof Error) return { missing: row.message };
    return {
      proof: `a join was stored as an attendance interval (state '${row.state}')`,
      // Index 0 was the probe's join: continue with the next event for the same sequence.
      next: (i) => botPost(event(i + members.length * 2)),
    };
  },
};

export function radslagCells(): RadslagCell[] {
  return [absenceMessage, decisionConfirm, participantEvents, sidePanelLookup];
}

