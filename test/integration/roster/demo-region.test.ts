import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../bot/app';
import { loadConfig } from '../../../bot/config';
import { loadDemoRegion } from '../../../bot/demo/load-demo-region';
import { DEMO_SECRETARY_EMAIL, emailLocalPart } from '../../../bot/demo/demo-region';
import { createLogger } from '../../../bot/logger';
import { STANDARD_OPENING_KEYS } from '../../../shared/domain';
import { createBody } from '../../../shared/services/council-service';

/** The demo region: local mode only, only into an empty store, in the real structure of the region. */
const logger = createLogger('silent');
const dirs: string[] = [];
const freshDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'radslag-demo-'));
  dirs.push(d);
  return d;
};
const open = (dataDir: string, opts: { demo?: boolean; env?: Record<string, string> } = {}) =>
  buildApp({ config: loadConfig({ PORT: '0', LOG_LEVEL: 'silent', RADSLAG_DATA_DIR: dataDir, ...opts.env }), logger, runJobs: false, demo: opts.demo });

const KOMMUNER = ['Askersunds kommun', 'Degerfors kommun', 'Hallsbergs kommun', 'Hällefors kommun', 'Karlskoga kommun', 'Kumla kommun', 'Laxå kommun', 'Lekebergs kommun', 'Lindesbergs kommun', 'Ljusnarsbergs kommun', 'Nora kommun', 'Örebro kommun'];
const SOCIAL = 'Specifika samverkansrådet för social välfärd samt vård och omsorg';
const FOLKHALSA = 'Specifika samverkansrådet för folkhälsa';

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('demo region in local mode, into an empty store', () => {
  let app: App;
  let dir: string;
  beforeAll(async () => {
    dir = freshDir();
    app = await open(dir, { demo: true });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('has the region, the twelve municipalities, RF-SISU and ÖLBF', async () => {
    const orgs = (await app.store.read.organisations.findBy({})).map((o) => o.name).sort();
    expect(orgs).toEqual([...KOMMUNER, 'ÖLBF', 'RF-SISU Örebro län', 'Region Örebro län'].sort());
  });

  it('seats both councils: ordförande, vice ordförande, a ledamot per municipality, ersättare in order per organisation, tjänstepersoner, the secretary', async () => {
    const bodies = await app.store.read.bodies.findBy({}, 'name');
    expect(bodies.map((b) => b.name).sort()).toEqual([FOLKHALSA, SOCIAL].sort());
    const orgs = await app.store.read.organisations.findBy({});
    const orgName = (id: string | null | undefined) => orgs.find((o) => o.id === id)?.name;
    const people = await app.store.read.people.listAll();
    const secretary = people.find((p) => p.email === DEMO_SECRETARY_EMAIL)!;
    for (const body of bodies) {
      const seats = await app.store.read.memberships.findBy({ bodyId: body.id });
      const role = (r: string) => seats.filter((s) => s.role === r);
      expect(role('ordförande'), body.name).toHaveLength(1);
      expect(orgName(role('ordförande')[0]!.organisationId)).toBe('Region Örebro län');
      expect(role('vice_ordförande')).toHaveLength(1);
      const voting = [...role('ledamot'), ...role('vice_ordförande')];
      // Every municipality has exactly one voting seat.
      for (const k of KOMMUNER) expect(voting.filter((s) => orgName(s.organisationId) === k), `${body.name} ${k}`).toHaveLength(1);
      if (body.name === FOLKHALSA) for (const o of ['RF-SISU Örebro län', 'ÖLBF']) expect(voting.filter((s) => orgName(s.organisationId) === o)).toHaveLength(1);
      // Ersättare: called in per organisation in the order 1, 2, … of that organisation.
      const byOrg = new Map<string, number[]>();
      for (const s of role('ersättare')) byOrg.set(orgName(s.organisationId)!, [...(byOrg.get(orgName(s.organisationId)!) ?? []), s.substituteOrder!]);
      for (const k of KOMMUNER) expect(byOrg.has(k), k).toBe(true);
      for (const [org, orders] of byOrg) expect(orders.sort(), org).toEqual(orders.map((_, i) => i + 1));
      expect([...byOrg.values()].some((o) => o.length === 2)).toBe(true);
      expect(role('tjänsteperson').length).toBeGreaterThanOrEqual(3);
      expect(role('sekreterare').map((s) => s.personId)).toEqual([secretary.id]);
    }
  });

  it('gives members plausible invented e-mails: förnamn.efternamn@<organisation>.se in ASCII', async () => {
    const people = (await app.store.read.people.listAll()).filter((p) => !p.isAdmin && p.email !== DEMO_SECRETARY_EMAIL);
    expect(people.length).toBeGreaterThan(60);
    const orgs = await app.store.read.organisations.findBy({});
    for (const p of people) {
      expect(p.email, p.name).toMatch(/^[a-z]+(\.[a-z]+)+@[a-z]+\.se$/);
      expect(p.email!.split('@')[0]).toBe(emailLocalPart(p.name));
    }
    const laxa = orgs.find((o) => o.name === 'Laxå kommun')!;
    const fromLaxa = people.filter((p) => p.organisationId === laxa.id);
    expect(fromLaxa.length).toBeGreaterThan(0);
    for (const p of fromLaxa) expect(p.email).toMatch(/@laxa\.se$/);
    expect(new Set(people.map((p) => p.email)).size).toBe(people.length);
    expect(new Set(people.map((p) => p.name)).size).toBe(people.length);
  });

  it('has people who sit on both councils as one person', async () => {
    const bodies = await app.store.read.bodies.findBy({});
    const seats = (await app.store.read.memberships.findBy({})).filter((m) => m.role !== 'sekreterare');
    const onBoth = [...new Set(seats.map((s) => s.personId))].filter((pid) => bodies.every((b) => seats.some((s) => s.bodyId === b.id && s.personId === pid)));
    expect(onBoth.length).toBeGreaterThanOrEqual(3);
  });

  it('has one upcoming joint meeting of both councils with the standard agenda and content items, visible to the secretary over the API', async () => {
    const { url } = await app.listen(0);
    const res = await fetch(`${url}/api/v1/meetings`, { headers: { 'X-Radslag-Dev-User': DEMO_SECRETARY_EMAIL } });
    expect(res.status).toBe(200);
    const { meetings } = (await res.json()) as { meetings: any[] };
    expect(meetings).toHaveLength(1);
    const m = meetings[0];
    expect(m.bodyIds).toHaveLength(2);
    expect(Date.parse(m.startsAt)).toBeGreaterThan(Date.now());
    expect(m.status).toBe('planned');
    const items = await app.store.read.agendaItems.findBy({ meetingId: m.id }, 'number');
    const keys = items.map((i) => i.standardKey ?? 'content');
    expect(keys).toEqual([...STANDARD_OPENING_KEYS, 'content', 'content', 'content', 'reports', 'other_questions', 'upcoming', 'close']);
    expect(items.filter((i) => !i.standardKey).map((i) => i.kind)).toEqual(['beslut', 'information', 'workshop']);
    const bodies = await fetch(`${url}/api/v1/bodies`, { headers: { 'X-Radslag-Dev-User': DEMO_SECRETARY_EMAIL } });
    expect(((await bodies.json()) as any).bodies).toHaveLength(2);
  });

  it('is not loaded again on restart (the store is no longer empty)', async () => {
    const before = (await app.store.read.people.listAll()).length;
    await app.close();
    app = await open(dir, { demo: true });
    expect((await app.store.read.people.listAll()).length).toBe(before);
    expect(await app.store.read.bodies.findBy({})).toHaveLength(2);
  });
});

describe('demo region: never where it does not belong', () => {
  it('is not loaded into a store that already holds a council', async () => {
    const dir = freshDir();
    let app = await open(dir);
    const admin = (await app.store.read.people.findByEmail('admin@radslag.local'))!;
    await app.runner.run({ actor: { personId: admin.id, tenantId: app.store.tenantId, isAdmin: true }, correlationId: 't', locale: 'sv' }, createBody, { name: 'Eget råd', kind: 'råd', defaultDocumentKind: 'protokoll' });
    await app.close();
    app = await open(dir, { demo: true });
    expect((await app.store.read.bodies.findBy({})).map((b) => b.name)).toEqual(['Eget råd']);
    expect(await app.store.read.people.findByEmail(DEMO_SECRETARY_EMAIL)).toBeNull();
    await app.close();
  }, 60_000);

  it('is never loaded in production mode, even when asked', async () => {
    const dir = freshDir();
    const app = await open(dir, {
      demo: true,
      env: {
        MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
        MicrosoftAppPassword: 'test-secret',
        MicrosoftAppTenantId: '99999999-8888-4777-8666-555555555555',
        ENTRA_AUTHORITY_HOST: 'http://127.0.0.1:9',
      },
    });
    try {
      expect(app.config.mode).toBe('production');
      expect(await app.store.read.bodies.findBy({})).toEqual([]);
      expect(await app.store.read.people.listAll()).toEqual([]);
      // The loader itself refuses production mode, whatever calls it.
      const result = await loadDemoRegion(app.runnerDeps, { mode: 'production', logger });
      expect(result).toEqual({ loaded: false, reason: 'production' });
      expect(await app.store.read.organisations.findBy({})).toEqual([]);
    } finally {
      await app.close();
    }
  }, 60_000);
});
