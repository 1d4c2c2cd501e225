/**
 * The meeting run on PostgreSQL, where requests really run in parallel (PGlite has one connection): seven
 * serving members vote at the same instant and every vote counts; reservations at once all land; two
 * secretaries confirming the same version — one wins, the other gets CONFLICT_STALE with the fresh decision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { createTestDatabase, type TestDatabase } from '../../kit/pg';
import { ADMIN_EMAIL, planMeeting, recordAttendance, seedCouncil, type Council, type PlannedMeeting } from './fixture';

let db: TestDatabase;
let t: TestApp;
let council: Council;
let meeting: PlannedMeeting;

beforeAll(async () => {
  db = await createTestDatabase();
  t = await startTestApp({ env: { DATABASE_URL: db.url } });
  council = await seedCouncil(t);
  meeting = await planMeeting(t, council, '2026-06-12T08:00:00.000Z');
  await recordAttendance(t, council, meeting.meetingId);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await db?.drop();
});

async function propose(itemIndex: number, text: string): Promise<{ id: string; version: number }> {
  const item = meeting.items[itemIndex]!;
  const res = await t.api(`/api/v1/meetings/${meeting.meetingId}/agenda/items/${item.id}/decisions`, { method: 'POST', as: council.people.chair.email, json: { text } });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; version: number };
}

describe('meeting run on PostgreSQL', () => {
  it('counts every one of eight simultaneous votes, and simultaneous reservations', async () => {
    expect(t.app.store.kind).toBe('postgres');
    const p = council.people;
    const d = await propose(5, 'Rådet antar planen.');
    const opened = await t.api(`/api/v1/decisions/${d.id}/vote`, { method: 'POST', as: p.chair.email, json: { version: d.version } });
    expect(opened.status).toBe(200);
    const voters = [p.chair, p.viceChair, p.ledamot, p.servingErsattare, ...council.ledamoter];
    const choices = ['ja', 'ja', 'nej', 'ja', 'avstår', 'ja', 'nej', 'ja'];
    const results = await Promise.all(voters.map((v, i) => t.api(`/api/v1/decisions/${d.id}/vote/votes`, { method: 'POST', as: v.email, json: { choice: choices[i] } })));
    expect(results.map((r) => r.status)).toEqual(voters.map(() => 200));
    const stored = await t.app.store.read.decisions.require(d.id);
    expect(stored.vote!.votes).toHaveLength(voters.length);
    expect(new Set(stored.vote!.votes.map((v) => v.personId)).size).toBe(voters.length);
    // A second vote by the same person is refused.
    const twice = await t.api(`/api/v1/decisions/${d.id}/vote/votes`, { method: 'POST', as: p.chair.email, json: { choice: 'nej' } });
    expect(twice.status).toBe(409);
    const reservers = [p.ledamot, council.ledamoter[2]!, council.ledamoter[3]!];
    const res = await Promise.all(reservers.map((r) => t.api(`/api/v1/decisions/${d.id}/reservations`, { method: 'POST', as: r.email, json: { text: `Reservation av ${r.name}` } })));
    expect(res.map((r) => r.status)).toEqual([201, 201, 201]);
    expect((await t.app.store.read.decisions.require(d.id)).reservations.map((r) => r.personId).sort()).toEqual(reservers.map((r) => r.id).sort());
  }, 60_000);

  it('two secretaries confirming the same version: one wins, the other gets CONFLICT_STALE with fresh data', async () => {
    const d = await propose(6, 'Rådet beslutar om budgeten.');
    const [a, b] = await Promise.all([
      t.api(`/api/v1/decisions/${d.id}/confirm`, { method: 'POST', as: council.people.secretary.email, json: { version: d.version } }),
      t.api(`/api/v1/decisions/${d.id}/confirm`, { method: 'POST', as: ADMIN_EMAIL, json: { version: d.version } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = (await (a.status === 409 ? a : b).json()) as { error: { code: string; data?: { status: string; version: number } } };
    // A stale write is CONFLICT_STALE with the fresh decision; if the loser read after the winner committed it is
    // told the decision is already confirmed (CONFLICT_STATE). Either way exactly one confirmation is stored.
    expect(['CONFLICT_STALE', 'CONFLICT_STATE']).toContain(loser.error.code);
    if (loser.error.code === 'CONFLICT_STALE') expect(loser.error.data).toMatchObject({ status: 'confirmed', version: d.version + 1 });
    const stored = await t.app.store.read.decisions.require(d.id);
    expect(stored.status).toBe('confirmed');
    expect(stored.version).toBe(d.version + 1);
    const audits = await t.app.store.read.audit.list({ entity: 'decision', entityId: d.id });
    expect(audits.filter((x) => x.action === 'decision.confirm')).toHaveLength(1);
  }, 60_000);
});
