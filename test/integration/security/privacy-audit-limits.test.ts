import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { ERASED_NAME } from '../../../shared/services/privacy-service';
import type { Attendance } from '../../../shared/domain';

const ADMIN = 'admin@radslag.local';

/** A clock the test moves: meetings planned "tomorrow" become held meetings when it jumps ahead. */
function movableClock(start: Date) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

describe('privacy: export and erasure; audit log; API limits', () => {
  let t: TestApp;
  const clock = movableClock(new Date());
  const day = 86_400_000;

  async function json<T>(res: Response, status: number): Promise<T> {
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(status);
    return JSON.parse(text) as T;
  }

  async function person(name: string, email: string) {
    return json<{ id: string; version: number }>(await t.api('/api/v1/people', { method: 'POST', as: ADMIN, json: { name, email, aadObjectId: randomUUID(), title: 'utvecklingsledare' } }), 201);
  }

  async function attendance(meetingId: string, personId: string, state: Attendance['state'], note: string | null) {
    await t.app.store.transaction((tx) =>
      tx.attendance.insert({ id: randomUUID(), tenantId: t.app.store.tenantId, meetingId, personId, bodyId: null, state, source: 'chat', partOfMeeting: false, note, updatedAt: clock.now().toISOString(), version: 1 }),
    );
  }

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { RADSLAG_API_RATE_LIMIT: '600/20' } });
  });
  afterAll(async () => t?.close());

  it('exports a person’s data as JSON to themselves and to an administrator, nobody else', async () => {
    const body = await json<{ id: string }>(await t.api('/api/v1/bodies', { method: 'POST', as: ADMIN, json: { name: `Exportrådet ${randomUUID().slice(0, 6)}`, kind: 'råd' } }), 201);
    const anna = await person('Anna Export', `anna.${randomUUID().slice(0, 6)}@kumla.se`);
    const other = await person('Olle Annan', `olle.${randomUUID().slice(0, 6)}@kumla.se`);
    await json(await t.api(`/api/v1/bodies/${body.id}/memberships`, { method: 'POST', as: ADMIN, json: { personId: anna.id, role: 'ledamot' } }), 201);
    await json(await t.api(`/api/v1/bodies/${body.id}/memberships`, { method: 'POST', as: ADMIN, json: { personId: other.id, role: 'ledamot' } }), 201);
    const annaEmail = (await t.app.store.read.people.require(anna.id)).email!;
    const otherEmail = (await t.app.store.read.people.require(other.id)).email!;

    const own = await json<{ person: { id: string; email: string }; memberships: unknown[]; retention: { kept: string[] } }>(await t.api('/api/v1/me/export', { as: annaEmail }), 200);
    expect(own.person.id).toBe(anna.id);
    expect(own.memberships).toHaveLength(1);
    expect(own.retention.kept.length).toBeGreaterThan(0);
    expect((await t.api(`/api/v1/people/${anna.id}/export`, { as: annaEmail })).status).toBe(200);
    expect((await t.api(`/api/v1/people/${anna.id}/export`, { as: ADMIN })).status).toBe(200);
    // A fellow member may not read Anna's data.
    const refused = await t.api(`/api/v1/people/${anna.id}/export`, { as: otherEmail });
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain(annaEmail);
    // Only an administrator erases, and never without saying so.
    expect((await t.api(`/api/v1/people/${other.id}/erase`, { method: 'POST', as: annaEmail, json: { confirm: true } })).status).toBe(403);
    expect((await t.api(`/api/v1/people/${other.id}/erase`, { method: 'POST', as: ADMIN, json: {} })).status).toBe(400);
  });

  it('erases what no legal record needs and keeps the record of held meetings', async () => {
    const body = await json<{ id: string }>(await t.api('/api/v1/bodies', { method: 'POST', as: ADMIN, json: { name: `Raderingsrådet ${randomUUID().slice(0, 6)}`, kind: 'råd' } }), 201);
    const kim = await person('Kim Kvar', `kim.${randomUUID().slice(0, 6)}@orebro.se`);
    const noa = await person('Noa Nyss', `noa.${randomUUID().slice(0, 6)}@orebro.se`);
    for (const p of [kim, noa]) await json(await t.api(`/api/v1/bodies/${body.id}/memberships`, { method: 'POST', as: ADMIN, json: { personId: p.id, role: 'ledamot' } }), 201);
    const plan = (offsetDays: number) => ({ bodyIds: [body.id], title: `Möte ${offsetDays}`, startsAt: new Date(clock.now().getTime() + offsetDays * day).toISOString(), endsAt: new Date(clock.now().getTime() + offsetDays * day + 7_200_000).toISOString() });
    const soon = (await json<{ meeting: { id: string } }>(await t.api('/api/v1/meetings', { method: 'POST', as: ADMIN, json: plan(1) }), 201)).meeting;
    const later = (await json<{ meeting: { id: string } }>(await t.api('/api/v1/meetings', { method: 'POST', as: ADMIN, json: plan(30) }), 201)).meeting;
    await attendance(soon.id, kim.id, 'förhinder', 'sjuk');
    await attendance(later.id, kim.id, 'förhinder', 'semester');
    await attendance(later.id, noa.id, 'expected', null);
    await t.app.store.transaction((tx) => tx.absenceRequests.insert({ id: randomUUID(), personId: kim.id, text: 'förhinder, jag är sjuk', understood: {}, candidateMeetingIds: [soon.id], status: 'resolved', resolvedMeetingId: soon.id, version: 1 } as never));
    clock.advance(2 * day); // the first meeting has now been held

    const report = await json<{ nameKept: boolean; erased: Record<string, number>; kept: Record<string, number> }>(
      await t.api(`/api/v1/people/${kim.id}/erase`, { method: 'POST', as: ADMIN, json: { confirm: true } }),
      200,
    );
    expect(report.nameKept).toBe(true);
    expect(report.erased).toMatchObject({ memberships: 1, attendance: 1, attendanceNotes: 1, absenceRequests: 1, contactData: 1 });
    expect(report.kept).toMatchObject({ attendance: 1, name: 1 });

    const kimNow = await t.app.store.read.people.require(kim.id);
    expect(kimNow).toMatchObject({ name: 'Kim Kvar', email: null, aadObjectId: null, userPrincipalName: null, title: null });
    const kept = await t.app.store.read.attendance.findBy({ personId: kim.id });
    expect(kept.map((a) => [a.meetingId, a.state, a.note])).toEqual([[soon.id, 'förhinder', null]]);
    expect(await t.app.store.read.memberships.findBy({ personId: kim.id })).toEqual([]);
    expect(await t.app.store.read.absenceRequests.findBy({ personId: kim.id })).toEqual([]);

    // Noa appears in no held meeting: the name goes too.
    const noaReport = await json<{ nameKept: boolean }>(await t.api(`/api/v1/people/${noa.id}/erase`, { method: 'POST', as: ADMIN, json: { confirm: true } }), 200);
    expect(noaReport.nameKept).toBe(false);
    expect((await t.app.store.read.people.require(noa.id)).name).toBe(ERASED_NAME);

    // An erased person can no longer sign in as themselves: the e-mail no longer resolves to them.
    const me = await json<{ person: unknown }>(await t.api('/api/v1/me', { as: 'noa@orebro.se' }), 200);
    expect(me.person).toBeNull();
  });

  it('the audit log says who did what and when, and only administrators read it', async () => {
    const before = clock.now().toISOString();
    const created = await json<{ id: string }>(await t.api('/api/v1/bodies', { method: 'POST', as: ADMIN, json: { name: `Granskningsrådet ${randomUUID().slice(0, 6)}`, kind: 'råd' } }), 201);
    const log = await json<{ entries: { action: string; entity: string; entityId: string; actorPersonId: string; at: string; correlationId: string | null }[] }>(
      await t.api(`/api/v1/audit?entity=body&entityId=${created.id}`, { as: ADMIN }),
      200,
    );
    expect(log.entries).toHaveLength(1);
    const admin = await t.app.store.read.people.findByEmail(ADMIN);
    expect(log.entries[0]).toMatchObject({ action: 'body.create', entity: 'body', entityId: created.id, actorPersonId: admin!.id });
    expect(Date.parse(log.entries[0]!.at)).toBeGreaterThan(Date.parse(before) - 60_000 - 3 * day);
    expect(log.entries[0]!.correlationId).toBeTruthy();
    const erasures = await json<{ entries: { action: string; details: Record<string, unknown> }[] }>(await t.api('/api/v1/audit?entity=person', { as: ADMIN }), 200);
    expect(erasures.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['person.erase', 'person.export']));
    // The erasure entry names counts, never the erased contact data.
    expect(JSON.stringify(erasures.entries)).not.toMatch(/@orebro\.se/);
    expect((await t.api('/api/v1/audit', { as: 'nobody@example.se' })).status).toBe(403);
    expect((await t.api('/api/v1/audit?limit=0', { as: ADMIN })).status).toBe(400);
  });

  it('limits body sizes: 256 KB on the API, 512 KB on the bot endpoint (413, not 500)', async () => {
    expect((await t.api('/api/v1/people', { method: 'POST', as: ADMIN, json: { name: 'x'.repeat(300_000) } })).status).toBe(413);
    const bot = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'x'.repeat(600_000) }) });
    expect(bot.status).toBe(413);
  });
});

describe('per-user API rate limit (per replica)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { RADSLAG_API_RATE_LIMIT: '5/1' } });
  });
  afterAll(async () => t?.close());

  it('answers 429 with Retry-After past the limit, per user: another user is not affected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.api('/api/v1/bodies', { as: 'admin@radslag.local' });
      await res.arrayBuffer();
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      } else expect(res.headers.get('ratelimit-limit')).toBe('5');
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await t.api('/api/v1/bodies', { as: 'admin@radslag.local' });
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    // Someone else still gets in.
    expect((await t.api('/api/v1/bodies', { as: 'someone.else@kumla.se' })).status).toBe(200);
  });
});
