/**
 * The secretary's corrections to decisions over the API: withdraw a proposal, move it to another item of the
 * meeting, record a serving member's reservation. Each is the secretary's alone (the chair and a member are
 * refused by the server), a stale version gets 409 with the fresh decision, and after justering the store's
 * lock refuses them (LOCKED_FINAL).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { startBotConnector, type BotConnector } from '../../kit/bot-connector';
import { json, justeradMeeting, type JusteradMeeting } from '../minutes/justerad-fixture';
import { itemSection } from './minutes-sections';
import { cardText, isErrorCard, TeamsClient } from './teams-client';
import { planMeeting, recordAttendance, seedCouncil, type Council, type PlannedMeeting } from './fixture';

let now = new Date('2025-03-24T09:00:00.000Z');
const clock = { now: () => new Date(now) };
let t: TestApp;
let council: Council;
let meeting: PlannedMeeting;
let locked: JusteradMeeting;
let lockedProposalId: string;
let connector: BotConnector;
let client: TeamsClient;

const sec = () => council.people.secretary.email;
const item = (title: string) => meeting.items.find((i) => i.title === title)!;

async function propose(text: string, itemTitle = 'Budget för samverkansrådet'): Promise<{ id: string; version: number; itemId: string }> {
  return json(await t.api(`/api/v1/meetings/${meeting.meetingId}/agenda/items/${item(itemTitle).id}/decisions`, { method: 'POST', as: sec(), json: { text } }), 201);
}

async function draftMinutesHtml(meetingId: string): Promise<string> {
  const v = await json(await t.api(`/api/v1/meetings/${meetingId}/minutes/versions`, { method: 'POST', as: sec() }), 201);
  return (await json(await t.api(`/api/v1/meetings/${meetingId}/minutes/versions/${v.number}`, { as: sec() }), 200)).html as string;
}

beforeAll(async () => {
  connector = await startBotConnector();
  t = await startTestApp({ clock, runJobs: false });
  council = await seedCouncil(t);
  client = new TeamsClient(t.url, connector, { chatId: `19:meeting_${randomUUID()}@thread.v2`, teamsMeetingId: `MCM-${randomUUID()}` });
  await client.install([council.people.secretary.teams]);
  meeting = await planMeeting(t, council, '2025-04-10T08:00:00.000Z');
  await recordAttendance(t, council, meeting.meetingId);
  locked = await justeradMeeting(
    t,
    council,
    '2025-03-27T08:00:00.000Z',
    clock.now,
    () => {
      now = new Date('2025-03-28T09:00:00.000Z');
    },
    async (id) => {
      const budget = (await json(await t.api(`/api/v1/meetings/${id}`, { as: sec() }), 200)).items.find((i: { title: string }) => i.title === 'Handlingsplan för folkhälsa 2025');
      lockedProposalId = (await json(await t.api(`/api/v1/meetings/${id}/agenda/items/${budget.id}/decisions`, { method: 'POST', as: sec(), json: { text: 'Ett förslag som aldrig bekräftades.' } }), 201)).id;
    },
  );
}, 120_000);

afterAll(async () => {
  await t?.close();
  await connector?.close();
});

describe('moving a proposed decision to another item', () => {
  it('is the secretary’s: the chair and a member are refused, a stale version gets 409 with the fresh decision, and the minutes file it under the new item', async () => {
    const d = await propose('Rådet beslutar att anta handlingsplanen för folkhälsa 2025.');
    const target = item('Handlingsplan för folkhälsa 2025');
    for (const who of [council.people.chair.email, council.people.ledamot.email]) {
      const body = await json(await t.api(`/api/v1/decisions/${d.id}/move`, { method: 'POST', as: who, json: { version: d.version, itemId: target.id } }), 403);
      expect(body.error.code).toBe('FORBIDDEN');
    }
    const stale = await json(await t.api(`/api/v1/decisions/${d.id}/move`, { method: 'POST', as: sec(), json: { version: d.version + 1, itemId: target.id } }), 409);
    expect(stale.error.code).toBe('CONFLICT_STALE');
    // An item of another meeting is not a place to move to.
    const other = locked.items.find((i) => i.title === 'Handlingsplan för folkhälsa 2025')!;
    expect((await json(await t.api(`/api/v1/decisions/${d.id}/move`, { method: 'POST', as: sec(), json: { version: d.version, itemId: other.id } }), 400)).error.code).toBe('VALIDATION_FAILED');

    const moved = await json(await t.api(`/api/v1/decisions/${d.id}/move`, { method: 'POST', as: sec(), json: { version: d.version, itemId: target.id } }), 200);
    expect(moved).toMatchObject({ itemId: target.id, version: d.version + 1, status: 'proposed' });
    const html = await draftMinutesHtml(meeting.meetingId);
    expect(itemSection(html, 'Handlingsplan för folkhälsa 2025')).toContain('anta handlingsplanen för folkhälsa 2025');
    expect(itemSection(html, 'Budget för samverkansrådet')).not.toContain('anta handlingsplanen');
  });

  it('refuses a confirmed decision (reopen first)', async () => {
    const d = await propose('Budgeten fastställs.');
    const c = await json(await t.api(`/api/v1/decisions/${d.id}/confirm`, { method: 'POST', as: sec(), json: { version: d.version } }), 200);
    const body = await json(await t.api(`/api/v1/decisions/${d.id}/move`, { method: 'POST', as: sec(), json: { version: c.version, itemId: item('Rapport från länsstyrelsen').id } }), 409);
    expect(body.error.code).toBe('CONFLICT_STATE');
  });
});

describe('withdrawing a proposed decision', () => {
  it('is the secretary’s; a stale version gets 409; withdrawn it is gone from the list and the draft minutes, and the audit keeps its text', async () => {
    const text = 'Ett förslag skrivet två gånger av misstag.';
    const d = await propose(text);
    for (const who of [council.people.chair.email, council.people.ledamot.email])
      expect((await json(await t.api(`/api/v1/decisions/${d.id}/withdraw`, { method: 'POST', as: who, json: { version: d.version } }), 403)).error.code).toBe('FORBIDDEN');
    expect((await json(await t.api(`/api/v1/decisions/${d.id}/withdraw`, { method: 'POST', as: sec(), json: { version: d.version + 3 } }), 409)).error.code).toBe('CONFLICT_STALE');
    expect(await draftMinutesHtml(meeting.meetingId)).toContain(text);

    await json(await t.api(`/api/v1/decisions/${d.id}/withdraw`, { method: 'POST', as: sec(), json: { version: d.version } }), 200);
    const list = (await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/decisions`, { as: sec() }), 200)).decisions as { id: string }[];
    expect(list.map((x) => x.id)).not.toContain(d.id);
    expect(await draftMinutesHtml(meeting.meetingId)).not.toContain(text);
    const audit = await t.app.store.read.audit.list({ entity: 'decision', entityId: d.id });
    expect(audit.find((a) => a.action === 'decision.withdraw')?.details).toMatchObject({ text, itemNumber: item('Budget för samverkansrådet').number });
    // The decision card posted in the chat before: its refresh says it was withdrawn (to the meeting's people only).
    const refreshed = await client.invoke(council.people.ledamot.teams, 'refresh', { cardId: `decision:${d.id}`, cardKind: 'decision', entityId: d.id });
    expect(isErrorCard(refreshed)).toBe(false);
    expect(cardText(refreshed)).toContain(`Sekreteraren drog tillbaka förslaget i punkt ${item('Budget för samverkansrådet').number}.`);
    expect(isErrorCard(await client.invoke(council.people.outsider.teams, 'refresh', { cardId: `decision:${d.id}`, cardKind: 'decision', entityId: d.id }))).toBe(true);
    expect(isErrorCard(await client.invoke(council.people.ledamot.teams, 'refresh', { cardId: 'decision:x', cardKind: 'decision', entityId: randomUUID() }))).toBe(true);
  });

  it('refuses a confirmed decision', async () => {
    const d = await propose('Ett bekräftat beslut står kvar.');
    const c = await json(await t.api(`/api/v1/decisions/${d.id}/confirm`, { method: 'POST', as: sec(), json: { version: d.version } }), 200);
    expect((await json(await t.api(`/api/v1/decisions/${d.id}/withdraw`, { method: 'POST', as: sec(), json: { version: c.version } }), 409)).error.code).toBe('CONFLICT_STATE');
  });
});

describe('the secretary records a reservation', () => {
  it('for a serving member, once, shown in the minutes; not for someone not serving; a member cannot record one for another', async () => {
    const d = await propose('Rådet beslutar att fördela budgeten enligt förslaget.');
    const path = `/api/v1/decisions/${d.id}/recorded-reservations`;
    const jari = council.people.ledamot;
    expect((await json(await t.api(path, { method: 'POST', as: council.people.viceChair.email, json: { personId: jari.id } }), 403)).error.code).toBe('FORBIDDEN');
    expect((await json(await t.api(path, { method: 'POST', as: sec(), json: { personId: council.people.nonServingErsattare.id } }), 409)).error.code).toBe('CONFLICT_STATE');
    const saved = await json(await t.api(path, { method: 'POST', as: sec(), json: { personId: jari.id, text: 'Kumla kommun vill prioritera förebyggande arbete.' } }), 201);
    expect(saved.reservations).toEqual([expect.objectContaining({ personId: jari.id, text: 'Kumla kommun vill prioritera förebyggande arbete.' })]);
    expect((await json(await t.api(path, { method: 'POST', as: sec(), json: { personId: jari.id } }), 409)).error.code).toBe('DUPLICATE');
    // A serving ersättare (replacing the absent ledamot) can reserve, also after the decision is confirmed.
    const confirmed = await json(await t.api(`/api/v1/decisions/${d.id}/confirm`, { method: 'POST', as: sec(), json: { version: saved.version } }), 200);
    expect(confirmed.status).toBe('confirmed');
    await json(await t.api(path, { method: 'POST', as: sec(), json: { personId: council.people.servingErsattare.id } }), 201);
    const html = await draftMinutesHtml(meeting.meetingId);
    expect(html).toContain('Jari Mehtäläinen reserverar sig: Kumla kommun vill prioritera förebyggande arbete.');
    expect(html).toContain('Ella Ersättare reserverar sig.');
  });
});

describe('whom the desk offers for a reservation', () => {
  it('is exactly whom the server accepts: serving at the item, not someone with jäv there, not an ersättare not serving', async () => {
    const title = 'Handlingsplan för folkhälsa 2025';
    const d = await propose('Rådet antar handlingsplanen.', title);
    const karin = council.ledamoter[0]!;
    await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/recusals`, { method: 'POST', as: sec(), json: { itemId: item(title).id, personId: karin.id } }), 201);
    const offered = (await json(await t.api(`/api/v1/decisions/${d.id}/reservation-candidates`, { as: sec() }), 200)).personIds as string[];
    expect(offered).not.toContain(karin.id);
    expect(offered).toContain(council.people.ledamot.id);
    // Everyone on the rosters, tried one by one: accepted exactly when offered.
    const everyone = [...new Set([...Object.values(council.people), ...council.ledamoter, council.absentLedamot].map((p) => p.id))];
    const accepted: string[] = [];
    for (const personId of everyone) {
      const r = await t.api(`/api/v1/decisions/${d.id}/recorded-reservations`, { method: 'POST', as: sec(), json: { personId } });
      if (r.status === 201) accepted.push(personId);
      else expect(r.status).toBe(409);
    }
    expect(accepted.sort()).toEqual([...offered].sort());
    // Once reserved, nobody is left to offer; a member may not ask.
    expect((await json(await t.api(`/api/v1/decisions/${d.id}/reservation-candidates`, { as: sec() }), 200)).personIds).toEqual([]);
    expect((await t.api(`/api/v1/decisions/${d.id}/reservation-candidates`, { as: council.people.ledamot.email })).status).toBe(403);
  });
});

describe('after justering', () => {
  it('withdraw, move and a recorded reservation are refused with LOCKED_FINAL and change nothing', async () => {
    const decisions = (await json(await t.api(`/api/v1/meetings/${locked.meetingId}/decisions`, { as: sec() }), 200)).decisions as { id: string; version: number; itemId: string; reservations: unknown[] }[];
    const proposal = decisions.find((d) => d.id === lockedProposalId)!;
    const confirmed = decisions.find((d) => d.id === locked.decisionId)!;
    const other = locked.items.find((i) => i.id !== proposal.itemId)!;
    const attempts: Array<[string, unknown]> = [
      [`/api/v1/decisions/${proposal.id}/withdraw`, { version: proposal.version }],
      [`/api/v1/decisions/${proposal.id}/move`, { version: proposal.version, itemId: other.id }],
      [`/api/v1/decisions/${confirmed.id}/recorded-reservations`, { personId: council.people.ledamot.id }],
    ];
    for (const [path, body] of attempts) {
      const res = await json(await t.api(path, { method: 'POST', as: sec(), json: body }), 409);
      expect(res.error.code, path).toBe('LOCKED_FINAL');
    }
    const after = (await json(await t.api(`/api/v1/meetings/${locked.meetingId}/decisions`, { as: sec() }), 200)).decisions;
    expect(after).toEqual(decisions);
  });
});
