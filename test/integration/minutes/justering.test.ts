/**
 * Justering end to end over HTTP: the API for the secretary, Teams card invokes (adaptiveCard/action) for
 * the justerare, an injected clock so the two justerare sign on different days, a change request in
 * between, the lock (refused edits), the content hash checked independently, and a rättelse.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalMinutesText } from '../../../shared/minutes/render-text';
import type { MinutesModel } from '../../../shared/minutes/minutes-model';
import { adaptiveCardAction, deliverToBot, type TeamsUser } from '../../kit/activities';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { appointJusterare, json, planMeeting, seedCouncil, type Council, type PlannedMeeting } from '../agenda/fixture';

let now = new Date('2025-03-27T12:00:00.000Z');
const clock = { now: () => new Date(now) };
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const BOT = 'radslag-local';

let t: TestApp;
let council: Council;
let meeting: PlannedMeeting;

const secretary = () => council.people.secretary.email;

async function invoke(user: TeamsUser, verb: string, data: Record<string, unknown>, id?: string) {
  const activity = adaptiveCardAction({ serviceUrl: SERVICE_URL, botAppId: BOT, tenantId: t.app.store.tenantId, from: user, scope: { kind: 'personal' }, verb, data, ...(id ? { id } : {}) });
  const res = await deliverToBot(`${t.url}/api/messages`, activity);
  expect(res.status).toBe(200);
  return res.body as { statusCode: number; value: { body: { text?: string }[] } };
}

const cardText = (card: { value: { body: { text?: string }[] } }): string => JSON.stringify(card.value);

async function teamsSends(): Promise<{ to: { personId?: string }; message: { card?: string; model?: any } }[]> {
  const jobs = await t.app.store.read.jobs.list({ kind: 'teams.send', limit: 500 });
  return jobs.map((j) => j.payload as any);
}

beforeAll(async () => {
  t = await startTestApp({ clock, runJobs: false });
  council = await seedCouncil(t);
  meeting = await planMeeting(t, council, '2025-03-27T08:00:00.000Z');
  await appointJusterare(t, council, meeting.meetingId);
  for (const p of [council.people.chair, council.people.ledamot, council.people.secretary])
    await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/attendance/${p.id}`, { method: 'PUT', as: secretary(), json: { state: 'present' } }), 200);
  await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/attendance/${council.absentLedamot.id}`, { method: 'PUT', as: secretary(), json: { state: 'förhinder' } }), 200);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('justering over HTTP', () => {
  const item = (n: number) => meeting.items.find((i) => i.number === n)!;
  let v1Number = 0;

  it('writes notes, generates draft versions (each regeneration a new version) and sends for justering', async () => {
    const five = item(5);
    const agenda = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/agenda`, { as: secretary() }), 200);
    const current = (agenda.items ?? agenda).find((i: { id: string }) => i.id === five.id);
    await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/agenda/items/${five.id}/notes`, { method: 'PUT', as: secretary(), json: { version: current.version, notes: 'Länsstyrelsen rapporterade om läget i Kumla.' } }), 200);

    const a = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/versions`, { method: 'POST', as: secretary() }), 201);
    const b = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/versions`, { method: 'POST', as: secretary() }), 201);
    expect(b.number).toBe(a.number + 1);
    expect(b.contentHash).toBe(a.contentHash); // same data, same content
    v1Number = b.number;
    // A member who is not the secretary may read but not generate.
    await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/versions`, { method: 'POST', as: council.people.ledamot.email }), 403);

    const sent = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/justering`, { method: 'POST', as: secretary(), json: {} }), 200);
    expect(sent.version).toBe(v1Number);
    // The deadline is 14 days after the meeting's end (11:00Z).
    expect(sent.deadline).toBe('2025-04-10T11:00:00.000Z');
    const cards = (await teamsSends()).filter((s) => s.message.card === 'justering');
    expect(cards.map((c) => c.to.personId).sort()).toEqual([council.people.ledamot.id, council.people.chair.id].sort());
    expect(cards[0]!.message.model.minutes.version).toBe(v1Number);
    const reminders = await t.app.store.read.jobs.list({ kind: 'justering.reminder', limit: 50 });
    // Two reminders (3 and 1 days before the deadline) per justerare.
    expect(reminders.filter((j) => j.state === 'queued')).toHaveLength(4);
    expect(reminders.map((j) => j.runAt).sort()[0]).toBe('2025-04-07T11:00:00.000Z');
  });

  it('day 1: Jari signs from the card; a redelivered invoke signs nothing twice', async () => {
    now = new Date('2025-04-02T09:00:00.000Z');
    const data = { cardId: `justering-v${v1Number}`, meetingId: meeting.meetingId, minutesVersion: v1Number };
    const card = await invoke(council.people.ledamot.teams, 'justering.sign', data, 'invoke-jari-1');
    expect(cardText(card)).toContain('Justerat av Jari Mehtäläinen');
    await invoke(council.people.ledamot.teams, 'justering.sign', data, 'invoke-jari-1');
    const overview = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes`, { as: secretary() }), 200);
    expect(overview.justeringRound.signed.map((s: { name: string }) => s.name)).toEqual(['Jari Mehtäläinen']);
    expect(overview.justeringRound.pending.map((s: { name: string }) => s.name)).toEqual(['Behcet Barsom']);
    // Someone who is not a justerare gets an error card, and nothing is recorded.
    const refused = await invoke(council.people.viceChair.teams, 'justering.sign', { ...data, cardId: 'other' });
    expect(cardText(refused)).toMatch(/justerare/);
    expect((await t.app.store.read.justeringSignatures.findBy({ meetingId: meeting.meetingId })).length).toBe(1);
  });

  it('day 2: Behcet asks for a change; the secretary is told with the comment', async () => {
    now = new Date('2025-04-03T07:30:00.000Z');
    const card = await invoke(council.people.chair.teams, 'justering.request_change', { cardId: `justering-v${v1Number}-b`, meetingId: meeting.meetingId, minutesVersion: v1Number, changeComment: 'Punkt 5: Kumla ska vara Hallsberg.' });
    expect(card.statusCode).toBe(200);
    const notices = (await teamsSends()).filter((s) => s.message.card === 'secretaryNotice' && s.to.personId === council.people.secretary.id);
    expect(notices.some((n) => JSON.stringify(n.message.model).includes('Punkt 5: Kumla ska vara Hallsberg.'))).toBe(true);
  });

  let v2Number = 0;
  it('the secretary corrects the notes and sends a new version; a signature on the old version no longer counts', async () => {
    const five = item(5);
    const agenda = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/agenda`, { as: secretary() }), 200);
    const current = (agenda.items ?? agenda).find((i: { id: string }) => i.id === five.id);
    await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/agenda/items/${five.id}/notes`, { method: 'PUT', as: secretary(), json: { version: current.version, notes: 'Länsstyrelsen rapporterade om läget i Hallsberg.' } }), 200);
    const v2 = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/versions`, { method: 'POST', as: secretary() }), 201);
    v2Number = v2.number;
    await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/justering`, { method: 'POST', as: secretary(), json: {} }), 200);
    const stale = await invoke(council.people.ledamot.teams, 'justering.sign', { cardId: `justering-v${v1Number}-again`, meetingId: meeting.meetingId, minutesVersion: v1Number });
    expect(cardText(stale)).toMatch(new RegExp(`version ${v2Number}`));
    // Reminders of the withdrawn version are cancelled.
    const reminders = await t.app.store.read.jobs.list({ kind: 'justering.reminder', limit: 50 });
    expect(reminders.filter((j) => j.state === 'cancelled')).toHaveLength(4);
  });

  let finalNumber = 0;
  it('day 3 and day 4: both sign the new version → final, locked, stamped with each one’s date', async () => {
    now = new Date('2025-04-03T10:00:00.000Z'); // 250403 in Stockholm
    await invoke(council.people.ledamot.teams, 'justering.sign', { cardId: `justering-v${v2Number}`, meetingId: meeting.meetingId, minutesVersion: v2Number });
    let overview = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes`, { as: secretary() }), 200);
    expect(overview.locked).toBe(false);
    now = new Date('2025-04-04T06:15:00.000Z'); // 250404
    const card = await invoke(council.people.chair.teams, 'justering.sign', { cardId: `justering-v${v2Number}-b`, meetingId: meeting.meetingId, minutesVersion: v2Number });
    expect(cardText(card)).toContain('Justerat av');
    overview = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes`, { as: council.people.ledamot.email }), 200);
    expect(overview.locked).toBe(true);
    finalNumber = overview.finalVersion;
    expect(finalNumber).toBe(v2Number + 1);
    const final = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/versions/${finalNumber}`, { as: council.people.ledamot.email }), 200);
    expect(final.status).toBe('final');
    expect(final.html).toContain('Justerade: Jari Mehtäläinen 250403, Behcet Barsom 250404');
    expect(final.html).toContain('Hallsberg');
    expect(final.html).not.toContain('läget i Kumla');
    // The hash, recomputed here with node:crypto over the canonical text of the stored model.
    const model = final.model as MinutesModel;
    const independent = createHash('sha256').update(canonicalMinutesText({ ...model, contentHash: null }), 'utf8').digest('hex');
    expect(final.contentHash).toBe(independent);
    expect(model.contentHash).toBe(independent);
    expect(final.html).toContain(`kontrollsumma ${independent}`);
    const verify = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/versions/${finalNumber}/verify`, { as: secretary() }), 200);
    expect(verify).toMatchObject({ matches: true, contentHash: independent });
    // The secretary was told.
    expect((await teamsSends()).some((s) => s.message.card === 'secretaryNotice' && JSON.stringify(s.message.model).includes('Justerade: Jari Mehtäläinen 250403'))).toBe(true);
  });

  it('after the lock every edit of the meeting is refused (LOCKED_FINAL), whatever the route', async () => {
    const five = item(5);
    const agenda = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/agenda`, { as: secretary() }), 200);
    const current = (agenda.items ?? agenda).find((i: { id: string }) => i.id === five.id);
    const notes = await t.api(`/api/v1/meetings/${meeting.meetingId}/agenda/items/${five.id}/notes`, { method: 'PUT', as: secretary(), json: { version: current.version, notes: 'Ändrat i efterhand.' } });
    expect(notes.status).toBe(409);
    expect((await notes.json()).error.code).toBe('LOCKED_FINAL');
    const att = await t.api(`/api/v1/meetings/${meeting.meetingId}/attendance/${council.people.viceChair.id}`, { method: 'PUT', as: secretary(), json: { state: 'present' } });
    expect((await json(att, 409)).error.code).toBe('LOCKED_FINAL');
    const dec = await t.api(`/api/v1/meetings/${meeting.meetingId}/agenda/items/${item(7).id}/decisions`, { method: 'POST', as: secretary(), json: { text: 'Rådet beslutar i efterhand.' } });
    expect(dec.status).toBe(409);
    expect([(await dec.json()).error.code]).toContain('LOCKED_FINAL');
    // The same from a Teams card: the secretary proposing a decision in the meeting chat gets LOCKED_FINAL.
    const viaCard = await invoke(council.people.secretary.teams, 'decision.propose', { cardId: 'late-card', meetingId: meeting.meetingId, itemId: item(7).id, decisionText: 'Rådet beslutar i efterhand.' });
    // Card text is Markdown-escaped ("LOCKED\_FINAL"); compare without the escapes.
    expect(viaCard.value.body.map((b) => b.text ?? '').join('\n').replace(/\\/g, '')).toContain('Felkod: LOCKED_FINAL');
    expect(cardText(viaCard)).toContain('Protokollet är justerat och låst');
    expect((await t.app.store.read.decisions.findBy({ meetingId: meeting.meetingId })).some((d) => d.text === 'Rådet beslutar i efterhand.')).toBe(false);
    const regen = await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/versions`, { method: 'POST', as: secretary() });
    expect(regen.status).toBeGreaterThanOrEqual(403);
    const stored = await t.app.store.read.agendaItems.get(five.id);
    expect(stored?.notes).toBe('Länsstyrelsen rapporterade om läget i Hallsberg.');
  });

  it('a rättelse is a new, audited version; the final version stays as it was', async () => {
    const before = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/versions/${finalNumber}`, { as: secretary() }), 200);
    now = new Date('2025-04-10T08:00:00.000Z');
    await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/correction`, { method: 'POST', as: secretary(), json: { reason: 'Fel organisation i punkt 5.' } }), 200);
    const five = item(5);
    const agenda = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/agenda`, { as: secretary() }), 200);
    const current = (agenda.items ?? agenda).find((i: { id: string }) => i.id === five.id);
    await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/agenda/items/${five.id}/notes`, { method: 'PUT', as: secretary(), json: { version: current.version, notes: 'Länsstyrelsen rapporterade om läget i Hallsbergs kommun.' } }), 200);
    const corr = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/correction/version`, { method: 'POST', as: secretary() }), 201);
    expect(corr).toMatchObject({ status: 'correction', supersedes: finalNumber, reason: 'Fel organisation i punkt 5.' });
    const c = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/versions/${corr.number}`, { as: secretary() }), 200);
    expect(c.html).toContain(`Rättelse av version ${finalNumber}: Fel organisation i punkt 5.`);
    expect(c.html).toContain('Hallsbergs kommun');
    expect(c.html).toContain('Justerade: Jari Mehtäläinen 250403, Behcet Barsom 250404');
    const after = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/versions/${finalNumber}`, { as: secretary() }), 200);
    expect(after.html).toBe(before.html);
    expect(after.contentHash).toBe(before.contentHash);
    expect((await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes/versions/${corr.number}/verify`, { as: secretary() }), 200)).matches).toBe(true);
    const audit = await t.app.store.read.audit.list({ entity: 'minutes_version', limit: 100 });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['minutes.final', 'minutes.correction', 'justering.sign', 'justering.request_change', 'justering.send']));
    // Locked again.
    const overview = await json(await t.api(`/api/v1/meetings/${meeting.meetingId}/minutes`, { as: secretary() }), 200);
    expect(overview).toMatchObject({ locked: true, finalVersion: corr.number });
    const again = await t.api(`/api/v1/meetings/${meeting.meetingId}/attendance/${council.people.viceChair.id}`, { method: 'PUT', as: secretary(), json: { state: 'present' } });
    expect(again.status).toBe(409);
  });

  it('justerare are people seated in the meeting’s bodies: the server refuses anyone else, whatever the tab offers', async () => {
    const other = await planMeeting(t, council, '2024-09-27T07:00:00.000Z', []);
    const m = await json(await t.api(`/api/v1/meetings/${other.meetingId}`, { as: secretary() }), 200);
    const refused = await t.api(`/api/v1/meetings/${other.meetingId}`, { method: 'PATCH', as: secretary(), json: { version: m.meeting.version, justerarePersonIds: [council.people.ledamot.id, council.people.outsider.id] } });
    const body = await json(refused, 400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(body.error)).toMatch(/plats i mötets organ/);
    const after = await json(await t.api(`/api/v1/meetings/${other.meetingId}`, { as: secretary() }), 200);
    expect(after.meeting.justerarePersonIds).toEqual([]);
  });

  it('a justering done outside Teams is recorded by the secretary ("Justerat den: … via e-post")', async () => {
    const other = await planMeeting(t, council, '2024-09-20T07:00:00.000Z', []);
    const m = await json(await t.api(`/api/v1/meetings/${other.meetingId}`, { as: secretary() }), 200);
    await json(await t.api(`/api/v1/meetings/${other.meetingId}`, { method: 'PATCH', as: secretary(), json: { version: m.meeting.version, justerarePersonIds: [council.people.viceChair.id], secretaryPersonIds: [council.people.secretary.id] } }), 200);
    const v = await json(await t.api(`/api/v1/meetings/${other.meetingId}/minutes/versions`, { method: 'POST', as: secretary() }), 201);
    await json(await t.api(`/api/v1/meetings/${other.meetingId}/minutes/justering`, { method: 'POST', as: secretary(), json: {} }), 200);
    const bad = await t.api(`/api/v1/meetings/${other.meetingId}/minutes/versions/${v.number}/justering/external`, { method: 'POST', as: secretary(), json: { personId: council.people.ledamot.id, date: '2024-10-01', method: 'email' } });
    expect((await json(bad, 400)).error.code).toBe('VALIDATION_FAILED');
    const r = await json(await t.api(`/api/v1/meetings/${other.meetingId}/minutes/versions/${v.number}/justering/external`, { method: 'POST', as: secretary(), json: { personId: council.people.viceChair.id, date: '2024-10-01', method: 'email', note: 'Justerat den 2024-10-01 via e-post' } }), 200);
    expect(r.final).not.toBeNull();
    const final = await json(await t.api(`/api/v1/meetings/${other.meetingId}/minutes/versions/${r.final.number}`, { as: secretary() }), 200);
    expect(final.html).toContain('Justerat den: 2024-10-01 via e-post.');
  });
  it('does not lock a text the justerare did not read: data changed after sending → the secretary is asked for a new version', async () => {
    const other = await planMeeting(t, council, '2024-11-08T08:00:00.000Z');
    const m = await json(await t.api(`/api/v1/meetings/${other.meetingId}`, { as: secretary() }), 200);
    await json(await t.api(`/api/v1/meetings/${other.meetingId}`, { method: 'PATCH', as: secretary(), json: { version: m.meeting.version, justerarePersonIds: [council.people.ledamot.id], secretaryPersonIds: [council.people.secretary.id] } }), 200);
    const v = await json(await t.api(`/api/v1/meetings/${other.meetingId}/minutes/versions`, { method: 'POST', as: secretary() }), 201);
    await json(await t.api(`/api/v1/meetings/${other.meetingId}/minutes/justering`, { method: 'POST', as: secretary() }), 200);
    const item = other.items.find((i) => i.number === 5)!;
    await json(await t.api(`/api/v1/meetings/${other.meetingId}/agenda/items/${item.id}/notes`, { method: 'PUT', as: secretary(), json: { version: item.version, notes: 'Tillagt efter utskicket.' } }), 200);
    const card = await invoke(council.people.ledamot.teams, 'justering.sign', { cardId: `changed-${v.number}`, meetingId: other.meetingId, minutesVersion: v.number });
    expect(card.statusCode).toBe(200);
    let overview = await json(await t.api(`/api/v1/meetings/${other.meetingId}/minutes`, { as: secretary() }), 200);
    expect(overview.locked).toBe(false);
    expect(overview.justeringRound.signed.map((x: { name: string }) => x.name)).toEqual(['Jari Mehtäläinen']);
    expect((await teamsSends()).some((x) => x.message.card === 'secretaryNotice' && JSON.stringify(x.message.model).includes(`Alla har justerat version ${v.number}, men mötets uppgifter har ändrats`))).toBe(true);
    // A new version with the change, signed → final, and it holds the change.
    const v2 = await json(await t.api(`/api/v1/meetings/${other.meetingId}/minutes/versions`, { method: 'POST', as: secretary() }), 201);
    await json(await t.api(`/api/v1/meetings/${other.meetingId}/minutes/justering`, { method: 'POST', as: secretary() }), 200);
    await invoke(council.people.ledamot.teams, 'justering.sign', { cardId: `changed-${v2.number}`, meetingId: other.meetingId, minutesVersion: v2.number });
    overview = await json(await t.api(`/api/v1/meetings/${other.meetingId}/minutes`, { as: secretary() }), 200);
    expect(overview.locked).toBe(true);
    const final = await json(await t.api(`/api/v1/meetings/${other.meetingId}/minutes/versions/${overview.finalVersion}`, { as: secretary() }), 200);
    expect(final.html).toContain('Tillagt efter utskicket.');
  });
});
