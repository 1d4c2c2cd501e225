import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../../shared/domain';
import { startEntraStandIn, type EntraStandIn } from '../../kit/entra-stand-in';
import { startTestApp, type TestApp } from '../../kit/app-harness';
import { createTestDatabase, type TestDatabase } from '../../kit/pg';

const APP_ID = '5d8c3b4a-1f2e-4d6c-9b8a-7e6f5d4c3b2a';
const TENANT = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const AUDIENCE = `api://radslag.test/${APP_ID}`;
const oid = () => randomUUID();

const ADMIN = { oid: oid(), upn: 'ada.admin@regionorebrolan.se', name: 'Ada Admin' };
const SECRETARY = { oid: oid(), upn: 'sara.sekreterare@regionorebrolan.se', name: 'Sara Sekreterare' };
const UNLINKED = { upn: 'ulla.ledamot@kumla.se', name: 'Ulla Ledamot' };
const FIRST_ADMIN_OID = oid();
const RENAMED = { oid: oid(), upn: 'rolf.gammal@regionorebrolan.se', name: 'Rolf Bytt' };

type Me = { person: Person | null; isAdmin: boolean };
type ErrorBody = { error: { code: string; messageSv: string; messageEn: string } };

/**
 * Issue 15 finding 5: an unknown Entra object id whose preferred_username equals the admin's e-mail was
 * resolved to the admin (`findByAadObjectId(oid) ?? findByEmail(email)`); tokens without the app's
 * delegated scope (scp=User.Read, an app-only token with no scp) were accepted. And issue 15 finding 9: a
 * documented way to make the first production administrators (RADSLAG_ADMINS).
 */
describe('identity binds to the Entra object id; the API requires the delegated scope', () => {
  let entra: EntraStandIn;
  let t: TestApp;
  const token = (u: { oid: string; upn: string; name: string }, scopes = ['access_as_user']) =>
    entra.mintUserToken({ tenantId: TENANT, audience: AUDIENCE, scopes, ...u });
  const me = async (tok: string) => {
    const res = await t.api('/api/v1/me', { token: tok });
    return { status: res.status, body: (await res.json()) as Me & ErrorBody };
  };

  beforeAll(async () => {
    entra = await startEntraStandIn();
    t = await startTestApp({
      env: {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'test-secret',
        MicrosoftAppTenantId: TENANT,
        RADSLAG_PUBLIC_URL: 'https://radslag.test',
        ENTRA_AUTHORITY_HOST: entra.url,
        RADSLAG_ADMINS: `first.admin@regionorebrolan.se, ${FIRST_ADMIN_OID.toUpperCase()}, ${SECRETARY.upn}`,
      },
    });
    const store = t.app.store;
    const person = (p: Partial<Person> & { name: string }): Person => ({ id: randomUUID(), tenantId: store.tenantId, email: null, aadObjectId: null, isAdmin: false, version: 1, ...p });
    await store.transaction(async (tx) => {
      await tx.people.insert(person({ name: ADMIN.name, email: ADMIN.upn, aadObjectId: ADMIN.oid, isAdmin: true }));
      await tx.people.insert(person({ name: SECRETARY.name, email: SECRETARY.upn, aadObjectId: SECRETARY.oid }));
      await tx.people.insert(person({ name: UNLINKED.name, email: UNLINKED.upn }));
      await tx.people.insert(person({ name: RENAMED.name, email: 'rolf.ny@regionorebrolan.se', aadObjectId: RENAMED.oid }));
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await entra?.close();
  });

  it('an unknown object id carrying the admin’s e-mail is refused with 403 IDENTITY_CONFLICT, not made admin', async () => {
    for (const victim of [ADMIN, SECRETARY]) {
      const { status, body } = await me(await token({ oid: oid(), upn: victim.upn, name: 'Mallory' }));
      expect(status).toBe(403);
      expect(body.error.code).toBe('IDENTITY_CONFLICT');
      expect(body.error.messageSv).toMatch(/redan är kopplad till ett annat konto/);
      expect(body.error.messageEn).toMatch(/already linked to another account/);
    }
    // The same on a writing route: nothing done as the admin.
    const res = await t.api('/api/v1/bodies', { method: 'POST', token: await token({ oid: oid(), upn: ADMIN.upn.toUpperCase(), name: 'Mallory' }), json: { name: 'Inte tillåtet', kind: 'chefsgrupp', defaultDocumentKind: 'minnesanteckningar' } });
    expect(res.status).toBe(403);
    expect((await t.app.store.read.bodies.findBy({})).map((b) => b.name)).not.toContain('Inte tillåtet');
  });

  it('the real admin is still the admin (by object id)', async () => {
    const { status, body } = await me(await token(ADMIN));
    expect(status).toBe(200);
    expect(body.isAdmin).toBe(true);
    expect(body.person?.email).toBe(ADMIN.upn);
  });

  it('the e-mail links a person never linked before, once; after that only that object id is that person', async () => {
    const first = oid();
    const a = await me(await token({ oid: first, ...UNLINKED }));
    expect(a.status).toBe(200);
    expect(a.body.person?.email).toBe(UNLINKED.upn);
    expect((await t.app.store.read.people.findByEmail(UNLINKED.upn))?.aadObjectId).toBe(first);
    // A second account with the same preferred_username does not become Ulla.
    const b = await me(await token({ oid: oid(), ...UNLINKED }));
    expect(b.status).toBe(403);
    expect(b.body.error.code).toBe('IDENTITY_CONFLICT');
    // Ulla's own account still works.
    expect((await me(await token({ oid: first, ...UNLINKED }))).body.person?.email).toBe(UNLINKED.upn);
  });

  it('a linked person whose e-mail changed in Entra is still found by object id', async () => {
    const { status, body } = await me(await token(RENAMED));
    expect(status).toBe(200);
    expect(body.person?.name).toBe(RENAMED.name);
  });

  it('an unknown person with an unknown e-mail gets in as nobody (200, no person, not admin)', async () => {
    const { status, body } = await me(await token({ oid: oid(), upn: 'okand@example.se', name: 'Okänd' }));
    expect(status).toBe(200);
    expect(body.person).toBeNull();
    expect(body.isAdmin).toBe(false);
  });

  it('refuses a user token without access_as_user (scp=User.Read) with 403 INSUFFICIENT_SCOPE', async () => {
    const { status, body } = await me(await token(ADMIN, ['User.Read']));
    expect(status).toBe(403);
    expect(body.error.code).toBe('INSUFFICIENT_SCOPE');
    expect(body.error.messageSv).toMatch(/access_as_user/);
  });

  it('refuses an app-only token (roles, no scp) for the app’s own audience', async () => {
    const app = await entra.mintAppToken({ tenantId: TENANT, appId: '0c0ffee0-1111-4222-8333-444455556666', audience: AUDIENCE, roles: ['Admin'] });
    const { status, body } = await me(app);
    expect(status).toBe(403);
    expect(body.error.code).toBe('INSUFFICIENT_SCOPE');
    expect((await me(await entra.mintAppToken({ tenantId: TENANT, appId: APP_ID, audience: APP_ID }))).status).toBe(403);
  });

  describe('the first administrators (RADSLAG_ADMINS)', () => {
    it('a listed e-mail signing in on an empty roster becomes an administrator person, linked to the object id', async () => {
      const who = { oid: oid(), upn: 'First.Admin@regionorebrolan.se', name: 'Första Admin' };
      const { status, body } = await me(await token(who));
      expect(status).toBe(200);
      expect(body.isAdmin).toBe(true);
      expect(body.person).toMatchObject({ name: 'Första Admin', aadObjectId: who.oid, isAdmin: true });
      // The administrator can set up the region at once.
      const res = await t.api('/api/v1/bodies', { method: 'POST', token: await token(who), json: { name: 'Chefsgruppen', kind: 'chefsgrupp', defaultDocumentKind: 'minnesanteckningar' } });
      expect(res.status).toBe(201);
      const audit = await t.app.store.read.audit.list({ entityId: body.person!.id });
      expect(audit.map((a) => a.action)).toContain('person.bootstrap_admin');
    });

    it('a listed object id becomes administrator whatever its e-mail', async () => {
      const { body } = await me(await token({ oid: FIRST_ADMIN_OID, upn: 'it.drift@regionorebrolan.se', name: 'IT-drift' }));
      expect(body.isAdmin).toBe(true);
    });

    it('a listed person already on the roster is made administrator', async () => {
      const { body } = await me(await token(SECRETARY));
      expect(body.isAdmin).toBe(true);
      expect((await t.app.store.read.people.findByEmail(SECRETARY.upn))?.isAdmin).toBe(true);
    });

    it('an unlisted person is not', async () => {
      const { body } = await me(await token({ oid: oid(), upn: 'first.admin@regionorebrolan.se.evil.example', name: 'X' }));
      expect(body.isAdmin).toBe(false);
    });
  });
});

/** The tab's first load sends several requests at once: linking must not make any of them fail (PostgreSQL runs them concurrently). */
describe('first sign-in with concurrent requests (PostgreSQL)', () => {
  let entra: EntraStandIn;
  let t: TestApp;
  let db: TestDatabase;
  beforeAll(async () => {
    entra = await startEntraStandIn();
    db = await createTestDatabase();
    t = await startTestApp({
      env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'test-secret', MicrosoftAppTenantId: TENANT, RADSLAG_PUBLIC_URL: 'https://radslag.test', ENTRA_AUTHORITY_HOST: entra.url, DATABASE_URL: db.url, RADSLAG_ADMINS: 'forsta@regionorebrolan.se' },
    });
    await t.app.store.transaction(async (tx) => {
      for (let i = 0; i < 5; i++) await tx.people.insert({ id: randomUUID(), tenantId: t.app.store.tenantId, name: `Person ${i}`, email: `person${i}@kumla.se`, aadObjectId: null, isAdmin: false, version: 1 });
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
    await entra?.close();
  });

  it('eight requests at once link the person once and all succeed; so does a first administrator', async () => {
    for (const upn of ['person0@kumla.se', 'person1@kumla.se', 'forsta@regionorebrolan.se']) {
      const who = { oid: randomUUID(), upn, name: upn };
      const token = await entra.mintUserToken({ tenantId: TENANT, audience: AUDIENCE, scopes: ['access_as_user'], ...who });
      const answers = await Promise.all(Array.from({ length: 8 }, () => t.api('/api/v1/me', { token })));
      expect(answers.map((r) => r.status)).toEqual(Array(8).fill(200));
      const ids = new Set(await Promise.all(answers.map(async (r) => ((await r.json()) as Me).person?.id)));
      expect(ids.size).toBe(1);
      expect((await t.app.store.read.people.findByAadObjectId(who.oid))?.email).toBe(upn);
    }
  });
});
