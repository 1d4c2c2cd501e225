/**
 * The role matrix: every card verb and every API route of the meeting run, tried by every role — secretary,
 * chair, vice chair, ledamot, serving ersättare, non-serving ersättare, tjänsteperson, a member of another
 * body, and an administrator. Each try gets fresh preconditions (set up through the services as the
 * administrator), so an allowed role must actually succeed; a refused one must get 403 FORBIDDEN over HTTP or
 * an error card with the code over Teams, and nothing may change.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { startBotConnector, type BotConnector } from '../../kit/bot-connector';
import type { Caller } from '../../../shared/usecase/context';
import type { UseCase } from '../../../shared/usecase/context';
import { addAgendaItem } from '../../../shared/services/agenda-service';
import { startItem } from '../../../shared/services/agenda-run';
import { confirmDecision, proposeDecision } from '../../../shared/services/decision-service';
import { openVote } from '../../../shared/services/vote-service';
import { createTask } from '../../../shared/services/task-service';
import { planMeeting, recordAttendance, ROLE_NAMES, seedCouncil, type Council, type PlannedMeeting, type RoleName } from './fixture';
import { cardText, isErrorCard, TeamsClient } from './teams-client';

let t: TestApp;
let connector: BotConnector;
let council: Council;
let meeting: PlannedMeeting;
let client: TeamsClient;
let admin: Caller;

beforeAll(async () => {
  connector = await startBotConnector();
  t = await startTestApp();
  council = await seedCouncil(t);
  meeting = await planMeeting(t, council, '2026-05-15T08:00:00.000Z');
  await recordAttendance(t, council, meeting.meetingId);
  client = new TeamsClient(t.url, connector, { chatId: `19:meeting_${randomUUID()}@thread.v2`, teamsMeetingId: `MCM-${randomUUID()}` });
  await client.install([council.people.secretary.teams]);
  admin = { actor: { personId: council.people.admin.id, tenantId: t.app.store.tenantId, isAdmin: true }, correlationId: 'matrix-setup', locale: 'sv' };
}, 60_000);
afterAll(async () => {
  await t?.close();
  await connector?.close();
});

const ALL: RoleName[] = [...ROLE_NAMES];
const MEMBERS: RoleName[] = ALL.filter((r) => r !== 'outsider');
const SECRETARY: RoleName[] = ['secretary', 'admin'];
const RUNNERS: RoleName[] = ['secretary', 'chair', 'admin'];
const SERVING: RoleName[] = ['chair', 'viceChair', 'ledamot', 'servingErsattare'];

const as = <I, O>(caller: Caller, useCase: UseCase<I, O>, input: I): Promise<O> => t.app.runner.run(caller, useCase, input);
const repos = () => t.app.store.read;

/** A fresh content item (so every try starts from the same state). */
async function freshItem(kind: 'beslut' | 'information' = 'beslut') {
  return as(admin, addAgendaItem, { meetingId: meeting.meetingId, title: `Matrisärende ${randomUUID().slice(0, 6)}`, kind });
}
async function freshDecision() {
  const item = await freshItem();
  return (await as(admin, proposeDecision, { meetingId: meeting.meetingId, itemId: item.id, text: 'Rådet beslutar enligt förslaget.' })).decision;
}
async function startedItem() {
  const item = await freshItem();
  return (await as(admin, startItem, { meetingId: meeting.meetingId, itemId: item.id, version: item.version })).item;
}

type Outcome = { ok: boolean; refusedForbidden: boolean; detail: string };

async function api(role: RoleName, method: string, path: string, json?: unknown): Promise<Outcome> {
  const res = await t.api(`/api/v1${path}`, { method, as: council.people[role].email, ...(json !== undefined ? { json } : {}) });
  const text = await res.text();
  const code = res.status >= 400 ? (JSON.parse(text) as { error: { code: string } }).error.code : null;
  return { ok: res.status >= 200 && res.status < 300, refusedForbidden: res.status === 403 && code === 'FORBIDDEN', detail: `${method} ${path} → ${res.status} ${text.slice(0, 200)}` };
}

async function card(role: RoleName, verb: string, data: Record<string, unknown>): Promise<Outcome> {
  const answer = await client.invoke(council.people[role].teams, verb, { cardId: `matrix:${randomUUID()}`, ...data });
  const error = isErrorCard(answer);
  return { ok: !error, refusedForbidden: error && cardText(answer).includes('FORBIDDEN'), detail: `${verb} → ${cardText(answer).slice(0, 300)}` };
}

interface ActionSpec {
  name: string;
  allowed: RoleName[];
  /** Reads write no audit row; every other allowed action leaves at least one. */
  read?: boolean;
  run: (role: RoleName) => Promise<Outcome>;
}

const m = () => meeting.meetingId;
const chairVersion = async () => (await repos().chairHandovers.findBy({ meetingId: m() })).length + 1;
const meetingVersion = async () => (await repos().meetings.require(m())).version;

const CARD_ACTIONS: ActionSpec[] = [
  { name: 'item.start', allowed: RUNNERS, run: async (r) => { const i = await freshItem(); return card(r, 'item.start', { meetingId: m(), itemId: i.id, version: i.version }); } },
  { name: 'item.finish', allowed: RUNNERS, run: async (r) => { const i = await startedItem(); return card(r, 'item.finish', { meetingId: m(), itemId: i.id, version: i.version }); } },
  { name: 'item.back', allowed: RUNNERS, run: async (r) => { const i = await freshItem(); return card(r, 'item.back', { meetingId: m(), itemId: i.id, version: i.version }); } },
  // The chair hands item 1 to themself: the right is exercised without changing who chairs the other tries.
  { name: 'chair.handover', allowed: RUNNERS, run: async (r) => card(r, 'chair.handover', { meetingId: m(), version: await chairVersion(), handoverPersonId: council.people.chair.id, handoverFromItem: '1', handoverToItem: '1' }) },
  { name: 'decision.propose', allowed: RUNNERS, run: async (r) => { const i = await freshItem(); return card(r, 'decision.propose', { meetingId: m(), itemId: i.id, decisionText: 'Rådet noterar.' }); } },
  { name: 'decision.standard', allowed: RUNNERS, run: async (r) => { const i = await freshItem('information'); return card(r, 'decision.standard', { meetingId: m(), itemId: i.id, standardKey: 'information_noted' }); } },
  { name: 'decision.confirm', allowed: SECRETARY, run: async (r) => { const d = await freshDecision(); return card(r, 'decision.confirm', { decisionId: d.id, version: d.version }); } },
  { name: 'decision.edit', allowed: SECRETARY, run: async (r) => { const d = await freshDecision(); return card(r, 'decision.edit', { decisionId: d.id, version: d.version, decisionText: 'Ändrad text.' }); } },
  { name: 'decision.reopen', allowed: SECRETARY, run: async (r) => { const d = (await as(admin, confirmDecision, { decisionId: (await freshDecision()).id, version: 1 })).decision; return card(r, 'decision.reopen', { decisionId: d.id, version: d.version }); } },
  { name: 'vote.open', allowed: RUNNERS, run: async (r) => { const d = await freshDecision(); return card(r, 'vote.open', { decisionId: d.id, version: d.version }); } },
  { name: 'vote.cast', allowed: SERVING, run: async (r) => { const d = (await as(admin, openVote, { decisionId: (await freshDecision()).id, version: 1 })).decision; return card(r, 'vote.cast', { decisionId: d.id, choice: 'ja' }); } },
  { name: 'vote.close', allowed: RUNNERS, run: async (r) => { const d = (await as(admin, openVote, { decisionId: (await freshDecision()).id, version: 1 })).decision; return card(r, 'vote.close', { decisionId: d.id, version: d.version }); } },
  { name: 'reservation.add', allowed: SERVING, run: async (r) => { const d = await freshDecision(); return card(r, 'reservation.add', { decisionId: d.id, reservationText: 'Jag reserverar mig.' }); } },
  { name: 'recusal.add', allowed: SECRETARY, run: async (r) => { const i = await freshItem(); return card(r, 'recusal.add', { meetingId: m(), itemId: i.id, recusalPersonId: council.people.ledamot.id }); } },
  { name: 'task.create', allowed: RUNNERS, run: async (r) => { const i = await freshItem(); return card(r, 'task.create', { meetingId: m(), itemId: i.id, taskText: 'Någon undersöker saken', taskOwnerName: 'Någon' }); } },
  { name: 'evaluation.submit', allowed: MEMBERS, run: async (r) => card(r, 'evaluation.submit', { meetingId: m(), evalWorked: 'Bra', evalScore: '4' }) },
  { name: 'refresh item', allowed: MEMBERS, read: true, run: async (r) => { const i = await freshItem(); return card(r, 'refresh', { cardKind: 'item', entityId: i.id }); } },
  { name: 'refresh decision', allowed: MEMBERS, read: true, run: async (r) => { const d = await freshDecision(); return card(r, 'refresh', { cardKind: 'decision', entityId: d.id }); } },
  { name: 'refresh vote', allowed: MEMBERS, read: true, run: async (r) => { const d = (await as(admin, openVote, { decisionId: (await freshDecision()).id, version: 1 })).decision; return card(r, 'refresh', { cardKind: 'vote', entityId: d.id }); } },
];

const API_ROUTES: ActionSpec[] = [
  { name: 'GET /meetings/:id/agenda', allowed: MEMBERS, read: true, run: (r) => api(r, 'GET', `/meetings/${m()}/agenda`) },
  { name: 'POST /meetings/:id/agenda/items', allowed: SECRETARY, run: (r) => api(r, 'POST', `/meetings/${m()}/agenda/items`, { title: 'Nytt ärende', kind: 'information' }) },
  { name: 'PATCH /meetings/:id/agenda/items/:itemId', allowed: SECRETARY, run: async (r) => { const i = await freshItem(); return api(r, 'PATCH', `/meetings/${m()}/agenda/items/${i.id}`, { version: i.version, presenters: [{ name: 'Linnea Berg' }], kind: 'diskussion' }); } },
  { name: 'DELETE /meetings/:id/agenda/items/:itemId', allowed: SECRETARY, run: async (r) => { const i = await freshItem(); return api(r, 'DELETE', `/meetings/${m()}/agenda/items/${i.id}?version=${i.version}`); } },
  { name: 'POST …/items/:itemId/move', allowed: SECRETARY, run: async (r) => { const i = await freshItem(); return api(r, 'POST', `/meetings/${m()}/agenda/items/${i.id}/move`, { version: i.version, toNumber: 5 }); } },
  { name: 'PUT …/items/:itemId/notes', allowed: SECRETARY, run: async (r) => { const i = await freshItem(); return api(r, 'PUT', `/meetings/${m()}/agenda/items/${i.id}/notes`, { version: i.version, notes: 'Diskuterades.' }); } },
  { name: 'POST …/items/:itemId/start', allowed: RUNNERS, run: async (r) => { const i = await freshItem(); return api(r, 'POST', `/meetings/${m()}/agenda/items/${i.id}/start`, { version: i.version }); } },
  { name: 'POST …/items/:itemId/finish', allowed: RUNNERS, run: async (r) => { const i = await startedItem(); return api(r, 'POST', `/meetings/${m()}/agenda/items/${i.id}/finish`, { version: i.version }); } },
  { name: 'POST …/items/:itemId/back', allowed: RUNNERS, run: async (r) => { const i = await freshItem(); return api(r, 'POST', `/meetings/${m()}/agenda/items/${i.id}/back`, { version: i.version }); } },
  // No earlier meeting of this body: nothing to carry and nothing written (the scripted meeting carries for real).
  { name: 'POST /meetings/:id/agenda/carry-over', allowed: SECRETARY, read: true, run: (r) => api(r, 'POST', `/meetings/${m()}/agenda/carry-over`) },
  { name: 'POST /meetings/:id/chair-handovers', allowed: RUNNERS, run: async (r) => api(r, 'POST', `/meetings/${m()}/chair-handovers`, { version: await meetingVersion(), personId: council.people.chair.id, fromItemNumber: 1, toItemNumber: 1 }) },
  { name: 'GET /meetings/:id/tasks', allowed: MEMBERS, read: true, run: (r) => api(r, 'GET', `/meetings/${m()}/tasks`) },
  { name: 'POST /meetings/:id/tasks', allowed: RUNNERS, run: (r) => api(r, 'POST', `/meetings/${m()}/tasks`, { text: 'Någon gör något', ownerPersonId: council.people.ledamot.id, dueDate: '2026-06-01' }) },
  { name: 'PATCH /tasks/:taskId', allowed: RUNNERS, run: async (r) => { const { task } = await as(admin, createTask, { meetingId: m(), text: 'Uppdrag att stänga' }); return api(r, 'PATCH', `/tasks/${task.id}`, { version: task.version, status: 'done' }); } },
  { name: 'POST /meetings/:id/recusals', allowed: SECRETARY, run: async (r) => { const i = await freshItem(); return api(r, 'POST', `/meetings/${m()}/recusals`, { itemId: i.id, personId: council.people.ledamot.id }); } },
  { name: 'GET /meetings/:id/recusals', allowed: MEMBERS, read: true, run: (r) => api(r, 'GET', `/meetings/${m()}/recusals`) },
  { name: 'POST /meetings/:id/evaluations', allowed: MEMBERS, run: (r) => api(r, 'POST', `/meetings/${m()}/evaluations`, { worked: 'Bra möte', score: 5 }) },
  { name: 'GET /meetings/:id/evaluations/summary', allowed: MEMBERS, read: true, run: (r) => api(r, 'GET', `/meetings/${m()}/evaluations/summary`) },
  { name: 'GET /meetings/:id/decisions', allowed: MEMBERS, read: true, run: (r) => api(r, 'GET', `/meetings/${m()}/decisions`) },
  { name: 'POST …/items/:itemId/decisions', allowed: RUNNERS, run: async (r) => { const i = await freshItem(); return api(r, 'POST', `/meetings/${m()}/agenda/items/${i.id}/decisions`, { text: 'Rådet beslutar.' }); } },
  { name: 'POST …/items/:itemId/standard-decisions', allowed: RUNNERS, run: async (r) => { const i = await freshItem(); return api(r, 'POST', `/meetings/${m()}/agenda/items/${i.id}/standard-decisions`, { standardKey: 'postponed' }); } },
  { name: 'GET /decisions/:id', allowed: MEMBERS, read: true, run: async (r) => api(r, 'GET', `/decisions/${(await freshDecision()).id}`) },
  { name: 'PATCH /decisions/:id', allowed: SECRETARY, run: async (r) => { const d = await freshDecision(); return api(r, 'PATCH', `/decisions/${d.id}`, { version: d.version, text: 'Ny lydelse.' }); } },
  { name: 'POST /decisions/:id/confirm', allowed: SECRETARY, run: async (r) => { const d = await freshDecision(); return api(r, 'POST', `/decisions/${d.id}/confirm`, { version: d.version }); } },
  { name: 'POST /decisions/:id/reopen', allowed: SECRETARY, run: async (r) => { const d = (await as(admin, confirmDecision, { decisionId: (await freshDecision()).id, version: 1 })).decision; return api(r, 'POST', `/decisions/${d.id}/reopen`, { version: d.version }); } },
  { name: 'POST /decisions/:id/vote', allowed: RUNNERS, run: async (r) => { const d = await freshDecision(); return api(r, 'POST', `/decisions/${d.id}/vote`, { version: d.version, question: 'Bifall?' }); } },
  { name: 'POST /decisions/:id/vote/votes', allowed: SERVING, run: async (r) => { const d = (await as(admin, openVote, { decisionId: (await freshDecision()).id, version: 1 })).decision; return api(r, 'POST', `/decisions/${d.id}/vote/votes`, { choice: 'nej' }); } },
  { name: 'POST /decisions/:id/vote/close', allowed: RUNNERS, run: async (r) => { const d = (await as(admin, openVote, { decisionId: (await freshDecision()).id, version: 1 })).decision; return api(r, 'POST', `/decisions/${d.id}/vote/close`, { version: d.version }); } },
  { name: 'POST /decisions/:id/reservations', allowed: SERVING, run: async (r) => { const d = await freshDecision(); return api(r, 'POST', `/decisions/${d.id}/reservations`, { text: 'Reservation.' }); } },
];

async function check(spec: ActionSpec): Promise<void> {
  const wrong: string[] = [];
  for (const role of ALL) {
    const lastAuditId = Math.max(0, ...(await repos().audit.list({ limit: 1000 })).map((a) => Number(a.id)));
    const out = await spec.run(role);
    const allowed = spec.allowed.includes(role);
    if (allowed && !out.ok) wrong.push(`${role} should be allowed: ${out.detail}`);
    if (!allowed && !out.refusedForbidden) wrong.push(`${role} should be refused with FORBIDDEN: ${out.detail}`);
    // Audit rows written by the try itself (the set-up writes with correlation id 'matrix-setup'):
    // an allowed write leaves one, a refusal none.
    const written = (await repos().audit.list({ limit: 1000 })).filter((a) => Number(a.id) > lastAuditId && a.correlationId !== 'matrix-setup');
    if (allowed && !spec.read && written.length === 0) wrong.push(`${role} succeeded but nothing was audited: ${out.detail}`);
    if (!allowed && written.length > 0) wrong.push(`${role} was refused but something was written: ${written.map((a) => a.action).join(', ')}`);
  }
  expect(wrong).toEqual([]);
}

describe('role matrix: card actions (invoke adaptiveCard/action) × roles', () => {
  for (const spec of CARD_ACTIONS) it(`${spec.name}: allowed ${spec.allowed.join(', ')}`, () => check(spec), 60_000);
});

describe('role matrix: API routes × roles', () => {
  for (const spec of API_ROUTES) it(`${spec.name}: allowed ${spec.allowed.join(', ')}`, () => check(spec), 60_000);
});

describe('refusals speak the user’s language', () => {
  it('an English Teams client gets the reason in English, a Swedish one in Swedish', async () => {
    const d = await freshDecision();
    const en = await client.invoke(council.people.ledamot.teams, 'decision.confirm', { cardId: 'lang', decisionId: d.id, version: d.version }, { locale: 'en-GB' });
    expect(cardText(en)).toContain('Not allowed: only the secretary may do that.');
    const sv = await client.invoke(council.people.ledamot.teams, 'decision.confirm', { cardId: 'lang2', decisionId: d.id, version: d.version });
    expect(cardText(sv)).toContain('Det är inte tillåtet: bara sekreteraren får göra det.');
    const res = await t.api(`/api/v1/decisions/${d.id}/confirm`, { method: 'POST', as: council.people.ledamot.email, json: { version: d.version }, headers: { 'accept-language': 'en-GB' } });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { message: string; messageSv: string } };
    expect(body.error.message).toContain('only the secretary may do that');
    expect(body.error.messageSv).toContain('bara sekreteraren får göra det');
    expect((await repos().decisions.require(d.id)).status).toBe('proposed');
  }, 30_000);
});
