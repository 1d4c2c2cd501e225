import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { P, startBotHarness, type BotHarness } from '../bot/bot-fixture';

const as = (id: string) => `${id}@kumla.example`;
type Row = Record<string, unknown> & { id: string; name: string };

/**
 * Issue 15 finding 9: any member could list every person in the region with e-mail, Entra object id and
 * admin flag. Now administrators and secretaries get the full list; other members get names (and titles)
 * of the people they meet, which is all the tab shows them.
 */
describe('who may list people, and what they see', () => {
  let h: BotHarness;
  const people = async (who: string) => {
    const res = await h.t.api('/api/v1/people', { as: who });
    return { status: res.status, rows: res.status === 200 ? ((await res.json()) as { people: Row[] }).people : [] };
  };

  beforeAll(async () => {
    h = await startBotHarness();
  }, 60_000);
  afterAll(async () => h?.close());

  it('a plain member gets no e-mail, Entra id or admin flag, and only people of their own bodies', async () => {
    const { status, rows } = await people(as(P.nils.id));
    expect(status).toBe(200);
    for (const r of rows) expect(Object.keys(r).sort()).toEqual(['id', 'name', 'organisationId', 'title']);
    const ids = rows.map((r) => r.id);
    // Nils sits on rådet only: he sees its roster, not Karl who is only in chefsgruppen.
    expect(ids).toEqual(expect.arrayContaining([P.nils.id, P.anna.id, P.sara.id, P.olof.id, P.eva.id]));
    expect(ids).not.toContain(P.karl.id);
    expect(JSON.stringify(rows)).not.toMatch(/@kumla\.example|aaaaaaaa-0000/);
  });

  it('a member reading one person outside their bodies gets 404; inside, the summary', async () => {
    expect((await h.t.api(`/api/v1/people/${P.karl.id}`, { as: as(P.nils.id) })).status).toBe(404);
    const res = await h.t.api(`/api/v1/people/${P.anna.id}`, { as: as(P.nils.id) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: P.anna.id, name: P.anna.name, title: null, organisationId: 'org-kumla' });
    // Their own record in full.
    expect(await (await h.t.api(`/api/v1/people/${P.nils.id}`, { as: as(P.nils.id) })).json()).toMatchObject({ email: as(P.nils.id), aadObjectId: P.nils.aad });
  });

  it('a secretary and an administrator get everyone in full', async () => {
    for (const who of [as(P.sara.id), 'admin@radslag.local']) {
      const { status, rows } = await people(who);
      expect(status).toBe(200);
      expect(rows.map((r) => r.id)).toContain(P.karl.id);
      expect(rows.find((r) => r.id === P.karl.id)).toMatchObject({ email: as(P.karl.id), aadObjectId: P.karl.aad, isAdmin: false });
    }
  });

  it('someone on no roster gets 403', async () => {
    expect((await people('stranger@example.se')).status).toBe(403);
  });
});
