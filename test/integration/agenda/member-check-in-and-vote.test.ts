/**
 * The member's side of a meeting on the server: "Jag är på plats" only for people expected at the meeting
 * (not an ersättare who is not called in), only on the meeting day, and undoable; a vote opened from the tab
 * is posted as a card in the meeting chat (a job written with the vote) and a member votes from that card
 * with the same castVote; in a joint meeting the second council's chair may run an item.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { startBotConnector, type BotConnector } from '../../kit/bot-connector';
import { planMeeting, recordAttendance, seedCouncil, type Council } from './fixture';
import { actionOf, cardText, TeamsClient } from './teams-client';

let t: TestApp;
let connector: BotConnector;
let council: Council;

beforeAll(async () => {
  connector = await startBotConnector();
  t = await startTestApp();
  council = await seedCouncil(t);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await connector?.close();
});

/** A meeting that started a minute ago (today in Europe/Stockholm). */
const today = () => new Date(Date.now() - 60_000).toISOString();

async function call(path: string, as: string, init: { method?: string; json?: unknown } = {}) {
  const res = await t.api(path, { method: init.method ?? 'POST', as, json: init.json });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}

describe('check-in: who, when, and undo', () => {
  it('a ledamot checks in on the meeting day and undoes it; nothing to undo twice', async () => {
    const { meetingId } = await planMeeting(t, council, today());
    const email = council.people.ledamot.email;
    const first = await call(`/api/v1/meetings/${meetingId}/check-in`, email);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ state: 'present', source: 'check_in' });
    const undone = await call(`/api/v1/meetings/${meetingId}/check-in`, email, { method: 'DELETE' });
    expect(undone.status).toBe(200);
    expect(undone.body.attendance).toEqual([expect.objectContaining({ personId: council.people.ledamot.id, state: 'expected' })]);
    const rows = await t.app.store.read.attendance.findBy({ meetingId, personId: council.people.ledamot.id });
    expect(rows.map((r) => r.state)).toEqual(['expected']);
    expect((await t.app.store.read.attendanceIntervals.findBy({ meetingId, personId: council.people.ledamot.id })).filter((i) => i.to === null)).toEqual([]);
    const again = await call(`/api/v1/meetings/${meetingId}/check-in`, email, { method: 'DELETE' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CHECKIN_NOT_CHECKED_IN');
    expect((await call(`/api/v1/meetings/${meetingId}/check-in`, email)).status).toBe(200);
  });

  it('a check-in cannot be undone after the meeting ended: a stable code, Swedish and English, nothing changed', async () => {
    const { meetingId } = await planMeeting(t, council, today());
    const { email, id } = council.people.ledamot;
    expect((await call(`/api/v1/meetings/${meetingId}/check-in`, email)).status).toBe(200);
    await t.app.store.transaction(async (tx) => {
      const m = await tx.meetings.require(meetingId);
      await tx.meetings.update({ ...m, startedAt: today(), endedAt: new Date().toISOString() });
    });
    const late = await call(`/api/v1/meetings/${meetingId}/check-in`, email, { method: 'DELETE' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('CHECKIN_UNDO_AFTER_END');
    expect(late.body.error.messageSv).toMatch(/Mötet är avslutat, så incheckningen kan inte ångras/);
    expect(late.body.error.messageEn).toMatch(/meeting has ended, so the check-in can no longer be undone/);
    expect((await t.app.store.read.attendance.findBy({ meetingId, personId: id })).map((r) => [r.state, r.source])).toEqual([['present', 'check_in']]);
  });

  it('refused 14 days before the meeting, with the day in Swedish and English', async () => {
    const { meetingId } = await planMeeting(t, council, new Date(Date.now() + 14 * 86_400_000).toISOString());
    const r = await call(`/api/v1/meetings/${meetingId}/check-in`, council.people.ledamot.email);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('CHECKIN_NOT_MEETING_DAY');
    expect(r.body.error.messageSv).toMatch(/^Du kan anmäla att du är på plats först på mötesdagen, \d{1,2} [a-z]+ \d{4}\.$/);
    expect(r.body.error.messageEn).toMatch(/only on the day of the meeting, \d{4}-\d{2}-\d{2}\./);
    expect(await t.app.store.read.attendance.findBy({ meetingId, personId: council.people.ledamot.id })).toEqual([]);
  });

  it('an ersättare not called in is refused; once called in (replacing someone) they may check in', async () => {
    const { meetingId } = await planMeeting(t, council, today());
    const notCalled = await call(`/api/v1/meetings/${meetingId}/check-in`, council.people.nonServingErsattare.email);
    expect(notCalled.status).toBe(403);
    expect(notCalled.body.error.code).toBe('CHECKIN_NOT_EXPECTED');
    expect(notCalled.body.error.messageSv).toMatch(/inte på listan över dem som väntas/);
    // The secretary records that Ella replaces Helena (as a call-in does).
    const absent = council.absentLedamot.id;
    expect((await call(`/api/v1/meetings/${meetingId}/attendance/${absent}`, council.people.secretary.email, { method: 'PUT', json: { state: 'förhinder' } })).status).toBe(200);
    expect((await call(`/api/v1/meetings/${meetingId}/attendance/${council.people.servingErsattare.id}`, council.people.secretary.email, { method: 'PUT', json: { state: 'expected', replacesPersonId: absent } })).status).toBe(200);
    const called = await call(`/api/v1/meetings/${meetingId}/check-in`, council.people.servingErsattare.email);
    expect(called.status).toBe(200);
    // A ledamot who gave notice of absence is not expected either.
    const gone = await call(`/api/v1/meetings/${meetingId}/check-in`, council.absentLedamot.email);
    expect(gone.body.error?.code).toBe('CHECKIN_NOT_EXPECTED');
  });
});

describe('a vote opened in the tab', () => {
  it('is posted as a card in the meeting chat, and a member votes from it (the same castVote as the panel)', async () => {
    const client = new TeamsClient(t.url, connector, { chatId: `19:meeting_${randomUUID()}@thread.v2`, teamsMeetingId: `MCMvote-${randomUUID()}` });
    const p = council.people;
    await client.install([p.secretary.teams, p.chair.teams, p.ledamot.teams, p.viceChair.teams]);
    const { meetingId, items } = await planMeeting(t, council, today());
    await recordAttendance(t, council, meetingId);
    const m = await t.app.store.read.meetings.require(meetingId);
    await t.app.store.transaction(async (tx) => tx.meetings.update({ ...m, teams: { meetingId: client.chat.teamsMeetingId, chatId: client.chat.chatId } }));
    const item = items.find((i) => i.title === 'Budget för samverkansrådet')!;
    const d = await call(`/api/v1/meetings/${meetingId}/agenda/items/${item.id}/decisions`, p.secretary.email, { json: { text: 'Rådet antar budgeten.' } });
    expect(d.status).toBe(201);
    const opened = await call(`/api/v1/decisions/${d.body.id}/vote`, p.secretary.email, { json: { version: d.body.version, question: 'Bifall till budgeten?' } });
    expect(opened.status).toBe(200);
    const [posted] = await client.waitForPosted(1, (c) => c.refresh?.action.data.cardKind === 'vote' && c.refresh.action.data.entityId === d.body.id);
    expect(cardText(posted!)).toContain('Bifall till budgeten?');
    // The chat message has no buttons; the ledamot's own view (refresh) has Ja / Nej / Avstår.
    const mine = await client.refresh(p.ledamot.teams, posted!);
    expect(actionOf(mine, 'vote.cast', (x) => x.choice === 'ja')).toBeTruthy();
    const answered = await client.press(p.ledamot.teams, mine, 'vote.cast', {}, (x) => x.choice === 'ja');
    expect(cardText(answered)).toContain('Du har röstat: Ja');
    // The tally names every count (the Swedish placeholder {avstår} was once left unfilled).
    expect(cardText(answered)).toMatch(/Ja 1 · Nej 0 · Avstår 0 · 1 av \d+ har röstat/);
    const stored = await t.app.store.read.decisions.require(d.body.id);
    expect(stored.vote!.votes).toEqual([expect.objectContaining({ personId: p.ledamot.id, choice: 'ja' })]);
    // A second vote from the panel is refused by the same use case: one vote each.
    const twice = await call(`/api/v1/decisions/${d.body.id}/vote/votes`, p.ledamot.email, { json: { choice: 'nej' } });
    expect(twice.status).toBe(409);
  }, 60_000);
});

describe('a joint meeting', () => {
  it('the second council’s chair leads the items nobody was handed, as the first council’s chair does', async () => {
    const tenantId = t.app.store.tenantId;
    const email = `gunnel.${council.tag}@region.example`;
    const gunnel = { id: randomUUID(), tenantId, name: 'Gunnel Ordförande', email, aadObjectId: randomUUID(), userPrincipalName: email, title: null, organisationId: null, isAdmin: false, locale: 'sv' as const, version: 1 };
    await t.app.store.transaction(async (tx) => {
      await tx.people.insert(gunnel);
      await tx.memberships.insert({ id: randomUUID(), tenantId, bodyId: council.otherBodyId, personId: gunnel.id, role: 'ordförande', organisationId: null, title: null, substituteOrder: null, substituteForPersonId: null, from: null, to: null, version: 1 });
    });
    const res = await t.api('/api/v1/meetings', { method: 'POST', as: 'admin@radslag.local', json: { bodyIds: [council.bodyId, council.otherBodyId], startsAt: today(), endsAt: new Date(Date.now() + 3 * 3600_000).toISOString(), items: [{ title: 'Gemensam lägesbild', kind: 'information' }] } });
    expect(res.status).toBe(201);
    const { meeting, items } = (await res.json()) as { meeting: { id: string; chairPersonId: string }; items: { id: string; number: number; version: number }[] };
    expect(meeting.chairPersonId).toBe(council.people.chair.id);
    const first = items.find((i) => i.number === 1)!;
    const started = await call(`/api/v1/meetings/${meeting.id}/agenda/items/${first.id}/start`, email, { json: { version: first.version } });
    expect(started.status).toBe(200);
    // A ledamot of the second council is still not a chair.
    const second = items.find((i) => i.number === 2)!;
    const refused = await call(`/api/v1/meetings/${meeting.id}/agenda/items/${second.id}/start`, council.people.outsider.email, { json: { version: second.version } });
    expect(refused.status).toBe(403);
    // After a handover of item 2 to the vice chair, neither council chair runs item 2; the vice chair does.
    const handed = await call(`/api/v1/meetings/${meeting.id}/chair-handovers`, email, { json: { version: (await t.app.store.read.meetings.require(meeting.id)).version, personId: council.people.viceChair.id, fromItemNumber: 2, toItemNumber: 2 } });
    expect(handed.status).toBe(201);
    const fresh = (await t.app.store.read.agendaItems.findBy({ meetingId: meeting.id, number: 2 }))[0]!;
    expect((await call(`/api/v1/meetings/${meeting.id}/agenda/items/${fresh.id}/start`, email, { json: { version: fresh.version } })).status).toBe(403);
    expect((await call(`/api/v1/meetings/${meeting.id}/agenda/items/${fresh.id}/start`, council.people.viceChair.email, { json: { version: fresh.version } })).status).toBe(200);
  }, 60_000);
});
