/**
 * GET /meetings/:id/views/panel: what a meeting surface shows first, in one answer, with the same access as
 * its parts (meeting.read), and only the people the meeting names — never the region's list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingPanelView } from '../../../shared/contracts/meeting-views';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { planMeeting, recordAttendance, seedCouncil, type Council, type PlannedMeeting } from './fixture';

let t: TestApp;
let council: Council;
let meeting: PlannedMeeting;

beforeAll(async () => {
  t = await startTestApp();
  council = await seedCouncil(t);
  meeting = await planMeeting(t, council, '2026-06-12T08:00:00.000Z');
  await recordAttendance(t, council, meeting.meetingId);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const view = (as: string) => t.api(`/api/v1/meetings/${meeting.meetingId}/views/panel`, { as });

describe('the meeting panel view', () => {
  it('gives a member everything the panel shows in one answer, with the same parts as the separate routes', async () => {
    const as = council.people.ledamot.email;
    const res = await view(as);
    expect(res.status).toBe(200);
    const v = (await res.json()) as MeetingPanelView;
    const agenda = await (await t.api(`/api/v1/meetings/${meeting.meetingId}/agenda`, { as })).json();
    const attendance = (await (await t.api(`/api/v1/meetings/${meeting.meetingId}/attendance`, { as })).json()).attendance;
    expect(v.agenda).toEqual(agenda);
    expect(v.attendance).toEqual(attendance);
    expect(v.me.person?.id).toBe(council.people.ledamot.id);
    expect(v.memberships.map((m) => m.bodyId)).toEqual(expect.arrayContaining([council.bodyId]));
    expect(v.bodies.map((b) => b.id)).toEqual([council.bodyId]);
    expect(v.decisions).toEqual([]);
    expect(v.callIns).toEqual([]);
  });

  it('names only the people of the meeting (its roster and attendance), not the other body’s member', async () => {
    const v = (await (await view(council.people.secretary.email)).json()) as MeetingPanelView;
    const ids = new Set(v.people.map((p) => p.id));
    for (const p of [council.people.chair, council.people.ledamot, council.absentLedamot, council.people.servingErsattare, ...council.ledamoter]) expect(ids.has(p.id), p.name).toBe(true);
    expect(ids.has(council.people.outsider.id)).toBe(false);
    // Names only: no e-mail addresses in the panel's people.
    expect(JSON.stringify(v.people)).not.toContain('@');
  });

  it('is refused to someone who may not read the meeting', async () => {
    const res = await view(council.people.outsider.email);
    expect(res.status).toBe(403);
  });
});
