/**
 * A meeting taken through to justerade, locked minutes over the API (the secretary records both justerare's
 * signatures as done outside Teams): attendance, one confirmed decision, a förhinder with a call-in chain
 * whose timeout job is still queued. Used by the lock tests (issue 15 §3) and the erasure test (§4).
 */
import { expect } from 'vitest';
import { botInstalledPersonal, deliverToBot, personalMessage } from '../../kit/activities';
import type { TestApp } from '../../kit/app-harness';
import { json, planMeeting, type Council, type PlannedMeeting } from '../agenda/fixture';

const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const BOT = 'radslag-local';
/** A förhinder with a medical reason: personal data an erasure must remove from every copy. */
export const FORHINDER_TEXT = 'Jag har förhinder till mötet på torsdag, jag ska opereras i knät på Karlskoga lasarett.';

export { json };

export interface JusteradMeeting extends PlannedMeeting {
  startsAt: string;
  decisionId: string;
  decisionItemId: string;
}

/**
 * Plans the meeting at `startsAt` (the clock must be before it so a förhinder calls an ersättare in), then
 * calls `afterMeeting` to move the clock past it and justerar the minutes.
 */
export async function justeradMeeting(t: TestApp, council: Council, startsAt: string, now: () => Date, afterMeeting: () => void, beforeJustering?: (meetingId: string) => Promise<void>): Promise<JusteradMeeting> {
  const sec = council.people.secretary.email;
  const meeting = await planMeeting(t, council, startsAt);
  const id = meeting.meetingId;
  const m = await json(await t.api(`/api/v1/meetings/${id}`, { as: sec }), 200);
  await json(await t.api(`/api/v1/meetings/${id}`, { method: 'PATCH', as: sec, json: { version: m.meeting.version, place: 'Kumla stadshus', justerarePersonIds: [council.people.ledamot.id, council.people.viceChair.id], secretaryPersonIds: [council.people.secretary.id] } }), 200);
  // A förhinder in chat before the meeting: recorded with its text, the ersättare is asked (a durable timeout
  // job), the secretary is told.
  for (const e of [council.people.servingErsattare, council.people.nonServingErsattare, council.people.secretary])
    expect((await deliverToBot(`${t.url}/api/messages`, botInstalledPersonal({ serviceUrl: SERVICE_URL, botAppId: BOT, tenantId: t.app.store.tenantId, from: e.teams }))).status).toBe(200);
  const activity = personalMessage({ serviceUrl: SERVICE_URL, botAppId: BOT, tenantId: t.app.store.tenantId, from: council.absentLedamot.teams, timestamp: now(), text: FORHINDER_TEXT });
  expect((await deliverToBot(`${t.url}/api/messages`, activity)).status).toBe(200);
  const [absent] = await t.app.store.read.attendance.findBy({ meetingId: id, personId: council.absentLedamot.id });
  expect(absent?.state).toBe('förhinder');
  afterMeeting();
  for (const p of [council.people.chair, council.people.ledamot, council.people.viceChair, council.people.secretary])
    await json(await t.api(`/api/v1/meetings/${id}/attendance/${p.id}`, { method: 'PUT', as: sec, json: { state: 'present' } }), 200);
  const item = meeting.items.find((i) => i.title === 'Budget för samverkansrådet')!;
  const proposed = await json(await t.api(`/api/v1/meetings/${id}/agenda/items/${item.id}/decisions`, { method: 'POST', as: sec, json: { text: 'Rådet beslutar att anta budgeten.' } }), 201);
  await json(await t.api(`/api/v1/decisions/${proposed.id}/confirm`, { method: 'POST', as: sec, json: { version: proposed.version } }), 200);
  await beforeJustering?.(id);
  const v = await json(await t.api(`/api/v1/meetings/${id}/minutes/versions`, { method: 'POST', as: sec }), 201);
  await json(await t.api(`/api/v1/meetings/${id}/minutes/justering`, { method: 'POST', as: sec, json: {} }), 200);
  const day = new Date(Date.parse(startsAt) + 24 * 3600_000).toISOString().slice(0, 10);
  for (const p of [council.people.ledamot, council.people.viceChair])
    await json(await t.api(`/api/v1/meetings/${id}/minutes/versions/${v.number}/justering/external`, { method: 'POST', as: sec, json: { personId: p.id, date: day, method: 'email' } }), 200);
  const overview = await json(await t.api(`/api/v1/meetings/${id}/minutes`, { as: sec }), 200);
  expect(overview.locked).toBe(true);
  return { ...meeting, startsAt, decisionId: proposed.id, decisionItemId: item.id };
}
