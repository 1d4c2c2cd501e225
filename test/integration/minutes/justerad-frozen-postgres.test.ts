/**
 * Issue 15 §3 and §4 on PostgreSQL: the same migration (0920) freezes a justerad meeting there too — raw SQL
 * included —, lets exactly the columns the minutes do not show change (the Teams link) or be cleared (a
 * förhinder reason, an evaluation's author), and an erasure of a member of that meeting succeeds.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { createTestDatabase, pgAvailable, pgRequired, type TestDatabase } from '../../kit/pg';
import { ADMIN_EMAIL, seedCouncil, type Council } from '../agenda/fixture';
import { json, justeradMeeting, type JusteradMeeting } from './justerad-fixture';

let now = new Date('2025-03-24T09:00:00.000Z');
const clock = { now: () => new Date(now) };
let db: TestDatabase | null = null;
let t: TestApp | null = null;
let council: Council;
let meeting: JusteradMeeting;
const usePg = (await pgAvailable()) || pgRequired();

beforeAll(async () => {
  if (!usePg) return;
  db = await createTestDatabase();
  t = await startTestApp({ clock, runJobs: false, env: { DATABASE_URL: db.url } });
  council = await seedCouncil(t);
  meeting = await justeradMeeting(t, council, '2025-03-27T08:00:00.000Z', clock.now, () => {
    now = new Date('2025-03-28T09:00:00.000Z');
  });
}, 120_000);

afterAll(async () => {
  await t?.close();
  await db?.drop();
});

describe.skipIf(!usePg)('a justerad meeting on PostgreSQL', () => {
  const raw = (q: ReturnType<typeof sql>) => q.execute(t!.app.database.db);

  it('refuses the meeting row, jäv, a new note and the call-in chain, over the API and in raw SQL (SQLSTATE RSLCK)', async () => {
    expect(t!.app.store.kind).toBe('postgres');
    const m = await json(await t!.api(`/api/v1/meetings/${meeting.meetingId}`, { as: council.people.secretary.email }), 200);
    const cancel = await t!.api(`/api/v1/meetings/${meeting.meetingId}`, { method: 'PATCH', as: council.people.secretary.email, json: { version: m.meeting.version, status: 'cancelled' } });
    expect((await json(cancel, 409)).error.code).toBe('LOCKED_FINAL');
    const jav = await t!.api(`/api/v1/meetings/${meeting.meetingId}/recusals`, { method: 'POST', as: council.people.secretary.email, json: { itemId: meeting.decisionItemId, personId: council.people.ledamot.id } });
    expect((await json(jav, 409)).error.code).toBe('LOCKED_FINAL');
    await expect(raw(sql`UPDATE meetings SET starts_at = '2020-01-01T08:00:00Z' WHERE id = ${meeting.meetingId}`)).rejects.toMatchObject({ code: 'RSLCK' });
    await expect(raw(sql`DELETE FROM meetings WHERE id = ${meeting.meetingId}`)).rejects.toMatchObject({ code: 'RSLCK' });
    await expect(raw(sql`UPDATE attendance SET note = 'ny anteckning' WHERE meeting_id = ${meeting.meetingId}`)).rejects.toMatchObject({ code: 'RSLCK' });
    await expect(raw(sql`UPDATE call_in_steps SET state = 'timed_out' WHERE call_in_id IN (SELECT id FROM call_ins WHERE meeting_id = ${meeting.meetingId})`)).rejects.toMatchObject({ code: 'RSLCK' });
  });

  it('lets the Teams link change and a förhinder reason be cleared', async () => {
    await raw(sql`UPDATE meetings SET teams = '{"joinUrl":"https://teams.example/l/1"}'::jsonb, version = version + 1 WHERE id = ${meeting.meetingId}`);
    const cleared = await raw(sql`UPDATE attendance SET note = NULL, version = version + 1 WHERE meeting_id = ${meeting.meetingId} AND note IS NOT NULL`);
    expect(Number(cleared.numAffectedRows)).toBe(1);
  });

  it('erases a member who gave förhinder to it', async () => {
    const report = await json(await t!.api(`/api/v1/people/${council.absentLedamot.id}/erase`, { method: 'POST', as: ADMIN_EMAIL, json: { confirm: true } }), 200);
    expect(report).toMatchObject({ nameKept: true, kept: { attendance: 1 } });
    expect((await t!.app.store.read.conversationRefs.findForPerson(council.absentLedamot.id))).toBeNull();
  });
});
