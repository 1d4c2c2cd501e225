import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../kit/app-harness';

const ADMIN = 'admin@radslag.local';

/**
 * Two secretaries edit the same decision text at the same moment (the tab's PATCH with the version they
 * read): exactly one wins; the other gets 409 CONFLICT_STALE carrying the fresh decision, so the tab can
 * show what changed instead of overwriting it. (Confirming concurrently on PostgreSQL: see
 * test/integration/agenda/agenda-postgres.test.ts.)
 */
describe('two secretaries editing one decision', () => {
  let t: TestApp;
  const sec = [`sekr1.${randomUUID().slice(0, 6)}@region.se`, `sekr2.${randomUUID().slice(0, 6)}@region.se`];
  let decisionId: string;

  async function json<T = any>(res: Response, status: number): Promise<T> {
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(status);
    return JSON.parse(text) as T;
  }

  beforeAll(async () => {
    t = await startTestApp({ runJobs: false });
    const body = await json(await t.api('/api/v1/bodies', { method: 'POST', as: ADMIN, json: { name: 'Samverkansrådet', kind: 'råd' } }), 201);
    const ids: string[] = [];
    for (const email of sec) {
      const p = await json(await t.api('/api/v1/people', { method: 'POST', as: ADMIN, json: { name: email.split('@')[0], email } }), 201);
      await json(await t.api(`/api/v1/bodies/${body.id}/memberships`, { method: 'POST', as: ADMIN, json: { personId: p.id, role: 'sekreterare' } }), 201);
      ids.push(p.id);
    }
    const start = Date.now() + 86_400_000;
    const m = await json(await t.api('/api/v1/meetings', { method: 'POST', as: ADMIN, json: { bodyIds: [body.id], startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3_600_000).toISOString(), secretaryPersonIds: ids, items: [{ title: 'Handlingsplan', kind: 'beslut' }] } }), 201);
    const item = m.items.find((i: { title: string }) => i.title === 'Handlingsplan');
    const d = await json(await t.api(`/api/v1/meetings/${m.meeting.id}/agenda/items/${item.id}/decisions`, { method: 'POST', as: sec[0], json: { text: 'Rådet beslutar att anta handlingsplanen.' } }), 201);
    decisionId = d.id;
  });
  afterAll(async () => t?.close());

  it('one wins, the other gets 409 CONFLICT_STALE with the fresh decision; nothing is lost', async () => {
    for (let round = 0; round < 5; round++) {
      const current = await json(await t.api(`/api/v1/decisions/${decisionId}`, { as: sec[0] }), 200);
      const texts = [`Rådet beslutar att anta handlingsplanen (A${round}).`, `Rådet beslutar att anta handlingsplanen (B${round}).`];
      const results = await Promise.all(sec.map((as, i) => t.api(`/api/v1/decisions/${decisionId}`, { method: 'PATCH', as, json: { version: current.version, text: texts[i] } })));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409]);
      const winner = await results.find((r) => r.status === 200)!.json();
      const loser = (await results.find((r) => r.status === 409)!.json()) as { error: { code: string; data?: { text: string; version: number } } };
      expect(loser.error.code).toBe('CONFLICT_STALE');
      // The refusal carries what the other secretary wrote, at its new version.
      expect(loser.error.data).toMatchObject({ text: winner.text, version: current.version + 1 });
      const stored = await json(await t.api(`/api/v1/decisions/${decisionId}`, { as: sec[1] }), 200);
      expect(stored).toMatchObject({ text: winner.text, version: current.version + 1 });
      // The loser retries on the fresh version and gets through.
      const retried = await json(await t.api(`/api/v1/decisions/${decisionId}`, { method: 'PATCH', as: sec[1], json: { version: stored.version, text: `${stored.text} Tillägg.` } }), 200);
      expect(retried.version).toBe(stored.version + 1);
    }
  });
});
