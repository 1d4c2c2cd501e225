/**
 * Issue 15 §3: after justering nothing the minutes show can change except through a rättelse. Every path the
 * adversarial test found open is tried on a justerad meeting: each must answer 409 LOCKED_FINAL and leave
 * every table of the store as it was. The decision register keeps the justerade decision under the meeting's
 * own date; the call-in timeout job that falls due after the lock is a logged no-op, not a retried failure;
 * a rättelse is still the way through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { dumpStore } from '../../kit/store-dump';
import { planMeeting, seedCouncil, type Council } from '../agenda/fixture';
import { json, justeradMeeting, type JusteradMeeting } from './justerad-fixture';

let now = new Date('2025-03-24T09:00:00.000Z');
const clock = { now: () => new Date(now) };
let t: TestApp;
let council: Council;
let meeting: JusteradMeeting;
let previousMeetingId: string;

const sec = () => council.people.secretary.email;
const path = (rest = '') => `/api/v1/meetings/${meeting.meetingId}${rest}`;
const currentVersion = async () => (await json(await t.api(path(), { as: sec() }), 200)).meeting.version as number;

beforeAll(async () => {
  t = await startTestApp({ clock, runJobs: false });
  council = await seedCouncil(t);
  // The meeting before, with an open task and a postponed item, so a carry-over has something to carry.
  const prev = await planMeeting(t, council, '2025-02-27T08:00:00.000Z');
  previousMeetingId = prev.meetingId;
  await json(await t.api(`/api/v1/meetings/${prev.meetingId}/tasks`, { method: 'POST', as: sec(), json: { text: 'Linnea gör en doodle.' } }), 201);
  meeting = await justeradMeeting(t, council, '2025-03-27T08:00:00.000Z', clock.now, () => {
    now = new Date('2025-03-28T09:00:00.000Z');
  });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

type Attempt = () => Promise<Response>;
const ATTEMPTS: Array<[string, Attempt]> = [
  ['PATCH title', async () => t.api(path(), { method: 'PATCH', as: sec(), json: { version: await currentVersion(), title: 'Ändrad i efterhand' } })],
  ['PATCH place', async () => t.api(path(), { method: 'PATCH', as: sec(), json: { version: await currentVersion(), place: 'Någon annanstans' } })],
  ['PATCH start and end moved to 2020', async () => t.api(path(), { method: 'PATCH', as: sec(), json: { version: await currentVersion(), startsAt: '2020-01-01T08:00:00.000Z', endsAt: '2020-01-01T10:00:00.000Z' } })],
  ['PATCH status cancelled', async () => t.api(path(), { method: 'PATCH', as: sec(), json: { version: await currentVersion(), status: 'cancelled' } })],
  ['PATCH documentKind', async () => t.api(path(), { method: 'PATCH', as: sec(), json: { version: await currentVersion(), documentKind: 'minnesanteckningar' } })],
  ['PATCH chair', async () => t.api(path(), { method: 'PATCH', as: sec(), json: { version: await currentVersion(), chairPersonId: council.people.viceChair.id } })],
  ['POST recusal (jäv)', async () => t.api(path('/recusals'), { method: 'POST', as: sec(), json: { itemId: meeting.decisionItemId, personId: council.people.ledamot.id, note: 'Jäv i efterhand' } })],
  ['POST evaluation', async () => t.api(path('/evaluations'), { method: 'POST', as: council.people.ledamot.email, json: { worked: 'Bra möte', score: 4 } })],
  ['PUT call-in timeout', async () => t.api(path('/call-ins/timeout'), { method: 'PUT', as: sec(), json: { minutes: 60 } })],
  ['POST carry-over', async () => t.api(path('/agenda/carry-over'), { method: 'POST', as: sec() })],
];

describe('a justerad meeting cannot be changed (issue 15 §3)', () => {
  it.each(ATTEMPTS)('%s → 409 LOCKED_FINAL, nothing stored', async (_name, attempt) => {
    const before = await dumpStore(t.app.database.db);
    const res = await attempt();
    const body = await json(res, 409);
    expect(body.error.code).toBe('LOCKED_FINAL');
    expect(body.error.message).toMatch(/justerat och låst|signed and locked/);
    expect(await dumpStore(t.app.database.db)).toEqual(before);
  });

  it('the error reads in English too', async () => {
    const res = await t.api(path(), { method: 'PATCH', as: sec(), headers: { 'Accept-Language': 'en' }, json: { version: await currentVersion(), place: 'Elsewhere' } });
    const body = await json(res, 409);
    expect(body.error.code).toBe('LOCKED_FINAL');
    expect(body.error.message).toMatch(/signed and locked/);
  });

  it('the decision register lists the justerade decision under the meeting’s own date', async () => {
    const register = await json(await t.api(`/api/v1/bodies/${council.bodyId}/decisions`, { as: sec() }), 200);
    const entry = register.decisions.find((d: { id: string }) => d.id === meeting.decisionId);
    expect(entry.meetingStartsAt).toBe('2025-03-27T08:00:00.000Z');
    const stored = await t.app.store.read.meetings.require(meeting.meetingId);
    expect(stored).toMatchObject({ startsAt: '2025-03-27T08:00:00.000Z', status: expect.not.stringMatching(/cancelled|moved/), place: 'Kumla stadshus', documentKind: 'protokoll' });
  });

  it('the call-in timeout job due after the lock is a logged no-op, not a failure that retries', async () => {
    const [timeout] = await t.app.store.read.jobs.list({ kind: 'callin.timeout' });
    expect(timeout?.state).toBe('queued');
    const steps = await t.app.store.read.callInSteps.findBy({ state: 'asked' });
    await t.app.jobs.runDue();
    const after = await t.app.store.read.jobs.get(timeout!.id);
    expect(after).toMatchObject({ state: 'done', lastError: null });
    expect(after!.result).toMatchObject({ skipped: 'LOCKED_FINAL' });
    // Nobody further down the chain was asked.
    expect(await t.app.store.read.callInSteps.findBy({ state: 'asked' })).toEqual(steps);
  });

  it('a carry-over from the justerad meeting to the next one still works (it changes nothing the minutes show)', async () => {
    const next = await planMeeting(t, council, '2025-04-24T08:00:00.000Z');
    const carried = await json(await t.api(`/api/v1/meetings/${next.meetingId}/agenda/carry-over`, { method: 'POST', as: sec() }), 200);
    expect(carried.fromMeetingId).toBe(meeting.meetingId);
    expect(previousMeetingId).not.toBe(meeting.meetingId);
  });

  it('a rättelse is the way through: opened, changed, written as a new version, locked again', async () => {
    await json(await t.api(path('/minutes/correction'), { method: 'POST', as: sec(), json: { reason: 'Fel lokal i protokollet.' } }), 200);
    await json(await t.api(path(), { method: 'PATCH', as: sec(), json: { version: await currentVersion(), place: 'Kumla kommunhus' } }), 200);
    const corr = await json(await t.api(path('/minutes/correction/version'), { method: 'POST', as: sec() }), 201);
    expect(corr.status).toBe('correction');
    const refused = await t.api(path(), { method: 'PATCH', as: sec(), json: { version: await currentVersion(), place: 'Tillbaka igen' } });
    expect((await json(refused, 409)).error.code).toBe('LOCKED_FINAL');
    expect((await t.app.store.read.meetings.require(meeting.meetingId)).place).toBe('Kumla kommunhus');
  });
});
