import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { createTestDatabase, pgAvailable, pgRequired, type TestDatabase } from '../../kit/pg';

const ADMIN = 'admin@radslag.local';

/**
 * Integrity of the minutes in the store (migration 0600), on PGlite and PostgreSQL: a written version's
 * content cannot be changed, a justerad version cannot be deleted or unlocked, a justering signature cannot
 * be altered — not through the repositories, not with raw SQL. The hash of a version verifies.
 * (The service-level rules — LOCKED_FINAL on every edit after justering, rättelse as a new version — are
 * proven in test/integration/minutes/justering.test.ts.)
 */
for (const kind of ['pglite', 'postgres'] as const) {
  describe(`minutes integrity in the store (${kind})`, () => {
    let t: TestApp | null = null;
    let db: TestDatabase | null = null;
    let meetingId: string;
    let number: number;

    beforeAll(async () => {
      if (kind === 'postgres') {
        if (!(await pgAvailable()) && !pgRequired()) return;
        db = await createTestDatabase();
      }
      t = await startTestApp({ runJobs: false, env: db ? { DATABASE_URL: db.url } : {} });
      const body = (await (await t.api('/api/v1/bodies', { method: 'POST', as: ADMIN, json: { name: 'Integritetsrådet', kind: 'råd' } })).json()) as { id: string };
      const start = Date.now() - 7_200_000;
      const m = (await (await t.api('/api/v1/meetings', { method: 'POST', as: ADMIN, json: { bodyIds: [body.id], startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3_600_000).toISOString() } })).json()) as { meeting: { id: string } };
      meetingId = m.meeting.id;
      const v = await t.api(`/api/v1/meetings/${meetingId}/minutes/versions`, { method: 'POST', as: ADMIN });
      expect(v.status).toBe(201);
      number = ((await v.json()) as { number: number }).number;
    });
    afterAll(async () => {
      await t?.close();
      await db?.drop();
    });

    it('the stored hash of a version verifies', async (ctx) => {
      if (!t) return ctx.skip();
      const res = await t.api(`/api/v1/meetings/${meetingId}/minutes/versions/${number}/verify`, { as: ADMIN });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ matches: true });
    });

    it('a version’s content cannot be changed, by the repository or by raw SQL; its bookkeeping can', async (ctx) => {
      if (!t) return ctx.skip();
      const [v] = await t.app.store.read.minutesVersions.findBy({ meetingId });
      await expect(t.app.store.transaction((tx) => tx.minutesVersions.update({ ...v!, html: '<p>Ändrat i efterhand</p>' }))).rejects.toThrow(/cannot be changed/);
      await expect(sql`UPDATE minutes_versions SET text = 'förfalskad' WHERE id = ${v!.id}`.execute(t.app.database.db)).rejects.toThrow(/cannot be changed/);
      const sent = await t.app.store.transaction((tx) => tx.minutesVersions.update({ ...v!, justeringSentAt: new Date().toISOString() }));
      expect(sent.justeringSentAt).toBeTruthy();
    });

    it('a justerad version cannot be deleted or unlocked, and a signature cannot be altered or removed', async (ctx) => {
      if (!t) return ctx.skip();
      const [v] = await t.app.store.read.minutesVersions.findBy({ meetingId });
      const finalId = randomUUID();
      const lockedAt = new Date().toISOString();
      await t.app.store.transaction((tx) => tx.minutesVersions.insert({ ...v!, id: finalId, number: v!.number + 100, status: 'final', supersedes: v!.id, lockedAt, version: 1 }));
      await expect(sql`DELETE FROM minutes_versions WHERE id = ${finalId}`.execute(t.app.database.db)).rejects.toThrow(/cannot be deleted/);
      await expect(sql`UPDATE minutes_versions SET locked_at = NULL WHERE id = ${finalId}`.execute(t.app.database.db)).rejects.toThrow(/locked/);
      const person = await t.app.store.read.people.findByEmail(ADMIN);
      const sigId = randomUUID();
      await t.app.store.transaction((tx) =>
        tx.justeringSignatures.insert({ id: sigId, tenantId: t!.app.store.tenantId, meetingId, minutesVersionId: finalId, personId: person!.id, signedAt: lockedAt, method: 'teams', note: null, recordedBy: null, version: 1 } as never),
      );
      await expect(sql`UPDATE justering_signatures SET signed_at = now() WHERE id = ${sigId}`.execute(t.app.database.db)).rejects.toThrow(/signature/);
      await expect(sql`DELETE FROM justering_signatures WHERE id = ${sigId}`.execute(t.app.database.db)).rejects.toThrow(/signature/);
      const still = await t.app.store.read.minutesVersions.get(finalId);
      expect(still).toMatchObject({ status: 'final', lockedAt: expect.any(String), contentHash: v!.contentHash });
    });
  });
}
