import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { ADMIN, apply, createBody, json, peopleNamed, preview } from './roster-kit';

/**
 * People matching as the secretary lives it, over HTTP: identity (e-mail) first, spelling variants
 * suggested and confirmed (and remembered), similar names of different people never merged, the same
 * person on two bodies kept as one. The pure matcher's 20 cases are in test/unit/roster/match-people.test.ts;
 * these add what is stored and confirmed.
 */
describe('people matching through roster imports', () => {
  let t: TestApp;
  let n = 0;
  const newBody = async () => createBody(t, `Matchningsrådet ${++n}`);
  const csv = (rows: string[]) => ['namn;organisation;roll;e-post', ...rows].join('\n');
  const suggestionsOpen = async () => (await json(await t.api('/api/v1/people/match-suggestions', { as: ADMIN }), 200)).suggestions as any[];
  const post = (path: string, body: unknown = {}) => t.api(path, { method: 'POST', as: ADMIN, json: body });

  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  async function seed(bodyId: string, text: string, format: 'text' | 'csv' = 'text') {
    const imp = await preview(t, bodyId, { text, format });
    expect(imp.plan.needsConfirmation).toBe(false);
    return apply(t, bodyId, imp.id);
  }

  it('1. Behcet/Bechet: a spelling variant is only suggested; apply is refused until the secretary confirms, then it is the same person', async () => {
    const a = await newBody();
    await seed(a, 'Bechet Barsom, Region Örebro län');
    const b = await newBody();
    const imp = await preview(t, b, { text: 'Behcet Barsom, Region Örebro län' });
    expect(imp.plan.needsConfirmation).toBe(true);
    const p = imp.plan.people[0];
    expect(p.action).toBe('confirm');
    expect(p.suggestions.map((s: any) => s.name)).toEqual(['Bechet Barsom']);
    // Not applied while the question is open: nothing is written.
    const refused = await post(`/api/v1/bodies/${b}/roster-imports/${imp.id}/apply`);
    expect(refused.status).toBe(409);
    const err = (await refused.json()).error;
    expect(err.code).toBe('CONFLICT_STATE');
    expect(err.messageSv).toContain('Behcet Barsom');
    expect(err.messageEn).toContain('Behcet Barsom');
    expect(await peopleNamed(t, 'Behcet Barsom')).toHaveLength(0);
    // The suggestion waits in the secretary's list and is confirmed there.
    const open = (await suggestionsOpen()).filter((s) => s.importId === imp.id);
    expect(open).toHaveLength(1);
    expect(open[0].listedName).toBe('Behcet Barsom');
    const confirmed = await json(await post(`/api/v1/people/match-suggestions/${open[0].id}/confirm`), 200);
    expect(confirmed.status).toBe('confirmed');
    const applied = await apply(t, b, imp.id);
    expect(applied.result.counts.peopleCreated).toBe(0);
    const [bechet] = await peopleNamed(t, 'Bechet Barsom');
    const { memberships } = await json(await t.api(`/api/v1/bodies/${b}/memberships`, { as: ADMIN }), 200);
    expect(memberships.map((m: any) => m.personId)).toEqual([bechet.id]);
    expect((await suggestionsOpen()).filter((s) => s.importId === imp.id)).toEqual([]);
  });

  it('2. a confirmed spelling is remembered: the next list with "Behcet Barsom" matches without asking', async () => {
    const c = await newBody();
    const imp = await preview(t, c, { text: 'Behcet Barsom, Region Örebro län' });
    expect(imp.plan.needsConfirmation).toBe(false);
    expect(imp.plan.people[0].ref.kind).toBe('existing');
    await apply(t, c, imp.id);
    expect(await peopleNamed(t, 'Behcet Barsom')).toHaveLength(0);
  });

  it('3. Katrin and Karin Larsson are two people: the secretary rejects the suggestion and a new person is created', async () => {
    const a = await newBody();
    await seed(a, 'Katrin Larsson, Örebro kommun');
    const imp = await preview(t, a, { text: 'Katrin Larsson, Örebro kommun\nKarin Larsson, Örebro kommun' });
    const karin = imp.plan.people.find((p: any) => p.name === 'Karin Larsson');
    expect(karin.action).toBe('confirm');
    const sugg = (await suggestionsOpen()).find((s) => s.importId === imp.id)!;
    expect((await json(await post(`/api/v1/people/match-suggestions/${sugg.id}/reject`), 200)).status).toBe('rejected');
    await apply(t, a, imp.id);
    const [katrinP] = await peopleNamed(t, 'Katrin Larsson');
    const [karinP] = await peopleNamed(t, 'Karin Larsson');
    expect(karinP.id).not.toBe(katrinP.id);
    const { suggestions } = await json(await t.api(`/api/v1/people/match-suggestions?status=rejected&importId=${imp.id}`, { as: ADMIN }), 200);
    // The rejected suggestion points at the person created for it.
    expect(suggestions[0].resolvedPersonId).toBe(karinP.id);
  });

  it('4. Lunader/Lunander: decisions can also be given with apply (same person)', async () => {
    const a = await newBody();
    await seed(a, 'Siw Lunander, Hallsbergs kommun');
    const imp = await preview(t, a, { text: 'Siw Lunader, Hallsberg kommun' });
    const p = imp.plan.people[0];
    expect(p.action).toBe('confirm');
    await apply(t, a, imp.id, { decisions: [{ key: p.key, choice: 'same' }] });
    expect(await peopleNamed(t, 'Siw Lunader')).toHaveLength(0);
    expect(await peopleNamed(t, 'Siw Lunander')).toHaveLength(1);
  });

  it('5. e-mail is identity: "Helén Willyams" with the known e-mail is the same person as "Helen Willyams"', async () => {
    const a = await newBody();
    await seed(a, csv(['Helen Willyams;Karlskoga kommun;ledamot;helen.willyams@karlskoga.se']), 'csv');
    const imp = await preview(t, a, { format: 'csv', text: csv(['Helén Willyams;Karlskoga kommun;ledamot;HELEN.WILLYAMS@karlskoga.se']) });
    expect(imp.plan.people[0].match).toMatchObject({ kind: 'identity', via: 'email' });
    expect(imp.plan.isEmpty).toBe(true);
  });

  it('6. the same name with a different e-mail is never merged silently', async () => {
    const a = await newBody();
    await seed(a, csv(['Anna Berg;Kumla kommun;ledamot;anna.berg@kumla.se']), 'csv');
    const imp = await preview(t, a, { format: 'csv', text: csv(['Anna Berg;Kumla kommun;ersättare;anna.berg2@kumla.se']), removeMissing: false });
    const p = imp.plan.people[0];
    expect(p.action).toBe('confirm');
    expect(p.suggestions.map((s: any) => s.name)).toEqual(['Anna Berg']);
    await apply(t, a, imp.id, { decisions: [{ key: p.key, choice: 'new' }] });
    const annas = await peopleNamed(t, 'Anna Berg');
    expect(annas.map((x: any) => x.email).sort()).toEqual(['anna.berg2@kumla.se', 'anna.berg@kumla.se']);
  });

  it('7. the same name in another organisation is asked about, not merged', async () => {
    const a = await newBody();
    await seed(a, 'Per Holmgren, Nora kommun');
    const imp = await preview(t, a, { text: 'Per Holmgren, Nora kommun\nPer Holmgren, Askersunds kommun', removeMissing: false });
    const askersund = imp.plan.people.find((p: any) => p.lineNos.includes(2));
    expect(askersund.action).toBe('confirm');
    const suggestion = imp.suggestions.find((s: any) => s.personKey === askersund.key);
    expect(suggestion.listedOrganisation).toBe('Askersunds kommun');
  });

  it('8. Mehtalainen/Mehtäläinen and Helen/Helén (diacritics only) are the same person without asking', async () => {
    const a = await newBody();
    await seed(a, 'Jari Mehtäläinen, Lindesbergs kommun\nHelén Sjöholm, Karlskoga kommun');
    const imp = await preview(t, a, { text: 'Jari Mehtalainen, Lindesberg kommun\nHelen Sjoholm, Karlskoga kommun' });
    expect(imp.plan.people.map((p: any) => p.match.kind)).toEqual(['exact', 'exact']);
    expect(imp.plan.isEmpty).toBe(true);
  });

  it('9. the same person on two bodies is one person with two seats', async () => {
    const a = await newBody();
    const b = await newBody();
    await seed(a, csv(['Gunnar Wik;Laxå kommun;ledamot;gunnar.wik@laxa.se']), 'csv');
    await seed(b, 'Ersättare:\nGunnar Wik, Laxå kommun');
    const [gunnar] = await peopleNamed(t, 'Gunnar Wik');
    expect(await peopleNamed(t, 'Gunnar Wik')).toHaveLength(1);
    const seats = await t.app.store.read.memberships.findBy({ personId: gunnar.id });
    expect(seats.map((m) => [m.bodyId, m.role]).sort()).toEqual([[a, 'ledamot'], [b, 'ersättare']].sort());
  });

  it('10. a decision naming someone not among the suggestions is refused (400) and nothing is written', async () => {
    const a = await newBody();
    await seed(a, 'Mikaela Söder, Degerfors kommun');
    const imp = await preview(t, a, { text: 'Michaela Söder, Degerfors kommun' });
    const p = imp.plan.people[0];
    expect(p.action).toBe('confirm');
    const [other] = await peopleNamed(t, 'Gunnar Wik');
    const res = await post(`/api/v1/bodies/${a}/roster-imports/${imp.id}/apply`, { decisions: [{ key: p.key, choice: 'same', personId: other.id }] });
    expect(res.status).toBe(400);
    const err = (await res.json()).error;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.messageSv).toContain('finns inte bland förslagen');
    expect(err.messageEn).toContain('not among the suggestions');
    expect(await peopleNamed(t, 'Michaela Söder')).toHaveLength(0);
  });

  it('11. --confirm-all-suggestions takes the best suggestion for every open one', async () => {
    const a = await newBody();
    await seed(a, 'Ingela Sundbergh, Degerfors kommun\nNiina Linnatti, Askersunds kommun');
    const imp = await preview(t, a, { text: 'Ingela Sundberg, Degerfors kommun\nNiina Linatti, Askersund kommun' });
    expect(imp.summary.needingConfirmation).toBe(2);
    const applied = await apply(t, a, imp.id, { confirmAllSuggestions: true });
    expect(applied.result.counts.peopleCreated).toBe(0);
    expect(await peopleNamed(t, 'Ingela Sundberg')).toHaveLength(0);
  });

  it('12. a suggestion of an applied import can no longer be changed', async () => {
    const a = await newBody();
    await seed(a, 'Tove Lind, Nora kommun');
    const imp = await preview(t, a, { text: 'Tove Lindh, Nora kommun' });
    await apply(t, a, imp.id, { confirmAllSuggestions: true });
    const { suggestions } = await json(await t.api(`/api/v1/people/match-suggestions?status=all&importId=${imp.id}`, { as: ADMIN }), 200);
    expect(suggestions[0].status).toBe('confirmed');
    const res = await post(`/api/v1/people/match-suggestions/${suggestions[0].id}/reject`);
    expect(res.status).toBe(409);
  });

  it('13. only a secretary of the body (or an administrator) sees and answers its suggestions', async () => {
    const a = await newBody();
    await seed(a, 'Olle Ström, Kumla kommun');
    const imp = await preview(t, a, { text: 'Olle Strömm, Kumla kommun' });
    const sid = imp.suggestions[0].id;
    // A ledamot of the body: may not.
    const led = await json(await t.api('/api/v1/people', { method: 'POST', as: ADMIN, json: { name: 'Lena Ledamot', email: 'lena.ledamot@kumla.se' } }), 201);
    await json(await t.api(`/api/v1/bodies/${a}/memberships`, { method: 'POST', as: ADMIN, json: { personId: led.id, role: 'ledamot' } }), 201);
    expect((await json(await t.api('/api/v1/people/match-suggestions', { as: 'lena.ledamot@kumla.se' }), 200)).suggestions).toEqual([]);
    expect((await t.api(`/api/v1/people/match-suggestions/${sid}/confirm`, { method: 'POST', as: 'lena.ledamot@kumla.se', json: {} })).status).toBe(403);
    // The body's secretary: may.
    const sek = await json(await t.api('/api/v1/people', { method: 'POST', as: ADMIN, json: { name: 'Sara Sekreterare', email: 'sara.sekreterare@regionorebrolan.se' } }), 201);
    await json(await t.api(`/api/v1/bodies/${a}/memberships`, { method: 'POST', as: ADMIN, json: { personId: sek.id, role: 'sekreterare' } }), 201);
    const mine = (await json(await t.api('/api/v1/people/match-suggestions', { as: 'sara.sekreterare@regionorebrolan.se' }), 200)).suggestions;
    expect(mine.map((s: any) => s.id)).toEqual([sid]);
    expect((await t.api(`/api/v1/people/match-suggestions/${sid}/reject`, { method: 'POST', as: 'sara.sekreterare@regionorebrolan.se', json: {} })).status).toBe(200);
  });
});
