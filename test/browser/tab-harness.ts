import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import type { App } from '../../bot/app';
import type { Membership, MembershipRole, Person } from '../../shared/domain';
import { createMeeting } from '../../shared/services/meeting-service';
import type { Clock } from '../../shared/ports/store';
import type { Caller } from '../../shared/usecase/context';
import { startEntraStandIn, type EntraStandIn } from '../kit/entra-stand-in';
import { startTestApp, type TestApp } from '../kit/app-harness';
import { buildAppPackage, installApp, ssoIdentity, type SavedTab, type TabSurface, type TeamsClient } from '../kit/teams-host';

export { SCREENSHOT_DIR as SCREENSHOTS, THEMES, type Theme } from '../kit/teams-host';

export const APP_ID = '6e1f0c2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
export const TENANT = '2f3e4d5c-6b7a-4c8d-9e0f-1a2b3c4d5e6f';
export const PUBLIC_URL = 'https://radslag.test';
export const AUDIENCE = `api://radslag.test/${APP_ID}`;

export interface TestUser {
  key: string;
  oid: string;
  upn: string;
  name: string;
  role: MembershipRole;
  personId?: string;
}

export const USERS: Record<'chair' | 'secretary' | 'member' | 'member2' | 'member3' | 'substitute' | 'official', TestUser> = {
  chair: { key: 'chair', oid: '0c0ffee0-0000-4000-8000-00000000000a', upn: 'siw.lunander@hallsberg.se', name: 'Siw Lunander', role: 'ordförande' },
  secretary: { key: 'secretary', oid: '0c0ffee0-0000-4000-8000-00000000000b', upn: 'linnea.berg@regionorebrolan.se', name: 'Linnea Berg', role: 'sekreterare' },
  member: { key: 'member', oid: '0c0ffee0-0000-4000-8000-00000000000c', upn: 'anders.holm@kumla.se', name: 'Anders Holm', role: 'ledamot' },
  member2: { key: 'member2', oid: '0c0ffee0-0000-4000-8000-00000000000d', upn: 'karin.haster@orebro.se', name: 'Karin Haster', role: 'ledamot' },
  member3: { key: 'member3', oid: '0c0ffee0-0000-4000-8000-00000000000e', upn: 'per.nyman@lekeberg.se', name: 'Per Nyman', role: 'vice_ordförande' },
  substitute: { key: 'substitute', oid: '0c0ffee0-0000-4000-8000-00000000000f', upn: 'maja.ek@askersund.se', name: 'Maja Ek', role: 'ersättare' },
  official: { key: 'official', oid: '0c0ffee0-0000-4000-8000-000000000010', upn: 'omar.said@regionorebrolan.se', name: 'Omar Said', role: 'tjänsteperson' },
};

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The seeded meeting's Teams meeting and the council's channel, as Teams names them. */
export const TEAMS_MEETING_ID = 'MCMxOTptZWV0aW5nX1lqRTNabVl3TkRndE1tUTNNeTAwfkBhaGVhZA==';
export const CHANNEL = { teamId: '19:team@thread.tacv2', groupId: '9a1b2c3d-0000-4000-8000-0000000000aa', channelId: '19:abc@thread.tacv2' };

export interface Harness {
  entra: EntraStandIn;
  t: TestApp;
  /** The Teams test client with the app installed from its package. */
  teams: TeamsClient;
  bodyId: string;
  meetingId: string;
  teamsMeetingId: string;
  /** The tab the secretary added to the seeded meeting through its configuration page (done once). */
  meetingTab(): Promise<SavedTab>;
  /** The tab the secretary added to the council's channel through its configuration page (done once). */
  channelTab(): Promise<SavedTab>;
  close(): Promise<void>;
}

/** `npm test` builds the tab first; a direct `vitest --project browser` may not have: build it then. */
export function ensureTabBuilt(): void {
  if (existsSync(join(process.cwd(), 'dist', 'tab', 'index.html'))) return;
  const r = spawnSync(process.execPath, [join(process.cwd(), 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'tab/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the tab build failed');
}

/** Chooses an option of a <select> by (part of) its text, as a person picks from the list. */
export async function pick(frame: Frame, label: string, text: string | RegExp): Promise<void> {
  const select = frame.getByLabel(label);
  const option = select.locator('option', { hasText: text }).first();
  await select.selectOption({ label: (await option.innerText()).trim() });
}

export interface HarnessOptions {
  /** The app's clock (e.g. to let two justerare sign on different days); real time by default. */
  clock?: Clock;
  /** Let the bot endpoint accept Bot Framework tokens from the Entra stand-in (card invokes, as Teams sends them). */
  botTokens?: boolean;
}

/**
 * The real app in production mode (Entra stand-in), seeded with one council and one meeting, and the Teams
 * test client with the app installed from the package `npm run package` builds for https://radslag.test.
 */
export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  ensureTabBuilt();
  const entra = await startEntraStandIn();
  const t = await startTestApp({
    env: {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'test-secret',
      MicrosoftAppTenantId: TENANT,
      RADSLAG_PUBLIC_URL: PUBLIC_URL,
      ENTRA_AUTHORITY_HOST: entra.url,
      // Card actions reach /api/messages with a Bot Framework token the stand-in mints (as Teams sends them).
      BOT_OPENID_METADATA_URL: entra.botOpenIdMetadataUrl,
    },
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  if (t.app.config.mode !== 'production') throw new Error('expected production mode');
  const { bodyId, meetingId } = await seed(t.app);
  const pkg = await buildAppPackage({ publicUrl: PUBLIC_URL, appId: APP_ID });
  const identity = ssoIdentity((u, audience) => entra.mintUserToken({ tenantId: TENANT, oid: u.oid, upn: u.upn, name: u.name, audience, scopes: ['access_as_user'] }));
  const teams = await installApp(pkg, { appUrl: t.url, identity, tenantId: TENANT });
  let meetingTab: Promise<SavedTab> | null = null;
  let channelTab: Promise<SavedTab> | null = null;
  return {
    entra,
    t,
    teams,
    bodyId,
    meetingId,
    teamsMeetingId: TEAMS_MEETING_ID,
    meetingTab: () =>
      (meetingTab ??= teams.addToMeeting({ teamsMeetingId: TEAMS_MEETING_ID }, { as: USERS.secretary }).then((adding) => adding.configure((f) => pick(f, 'Vilket möte i Rådslag är det här?', 'Samverkansrådet 23 november')))),
    channelTab: () =>
      (channelTab ??= teams.addToChannel(CHANNEL, { as: USERS.secretary }).then((adding) => adding.configure((f) => pick(f, 'Vilket råd hör kanalen till?', 'Specifika samverkansrådet för folkhälsa')))),
    async close() {
      await teams.close();
      await t.close();
      await entra.close();
    },
  };
}

async function seed(app: App): Promise<{ bodyId: string; meetingId: string; teamsMeetingId: string }> {
  const { store, ids } = app.runnerDeps;
  const tenantId = store.tenantId;
  const bodyId = ids.next();
  await store.transaction(async (tx) => {
    const orgId = ids.next();
    await tx.organisations.insert({ id: orgId, tenantId, name: 'Region Örebro län', kind: 'region', aliases: [], version: 1 });
    await tx.bodies.insert({ id: bodyId, tenantId, name: 'Specifika samverkansrådet för folkhälsa', kind: 'råd', shortName: 'SSR folkhälsa', defaultDocumentKind: 'protokoll', absenceContact: 'linnea.berg@regionorebrolan.se', version: 1 });
    for (const u of Object.values(USERS)) {
      const person: Person = { id: ids.next(), tenantId, name: u.name, email: u.upn, aadObjectId: u.oid, userPrincipalName: u.upn, title: null, organisationId: orgId, isAdmin: false, locale: 'sv', version: 1 };
      await tx.people.insert(person);
      u.personId = person.id;
      const m: Membership = { id: ids.next(), tenantId, bodyId, personId: person.id, role: u.role, organisationId: orgId, title: null, substituteOrder: null, substituteForPersonId: null, from: null, to: null, version: 1 };
      await tx.memberships.insert(m);
    }
  });
  const ctx: Caller = { actor: { personId: USERS.secretary.personId!, tenantId, isAdmin: false }, correlationId: 'seed', locale: 'sv' };
  const now = Date.now();
  const created = await app.runner.run(ctx, createMeeting, {
    bodyIds: [bodyId],
    title: 'Samverkansrådet 23 november',
    startsAt: new Date(now - 10 * 60_000).toISOString(),
    endsAt: new Date(now + 110 * 60_000).toISOString(),
    timeZone: 'Europe/Stockholm',
    place: 'Region Örebro län, Eklundavägen 1',
    mode: 'hybrid',
    secretaryPersonIds: [],
    standardAgenda: true,
    items: [
      { title: 'Länsgemensam folkhälsopolicy', kind: 'beslut', presenters: [{ name: 'Anders Holm' }], attachments: [{ title: 'Policyutkast', url: 'https://example.org/policy.pdf' }], plannedMinutes: 20 },
      { title: 'Uppföljning av ANDTS-strategin', kind: 'information', presenters: [{ name: 'Karin Haster' }], attachments: [], plannedMinutes: 15 },
    ],
  });
  const teamsMeetingId = TEAMS_MEETING_ID;
  const meeting = created.meeting;
  await store.transaction(async (tx) => {
    await tx.meetings.update({ ...meeting, teams: { meetingId: teamsMeetingId, joinUrl: 'https://teams.microsoft.com/l/meetup-join/test' } });
  });
  return { bodyId, meetingId: meeting.id, teamsMeetingId };
}

/** Calls the API as a user with a token from the Entra stand-in (production mode: no other way in). */
export async function apiAs(h: Harness, u: TestUser, path: string, init: { method?: string; json?: unknown } = {}): Promise<Response> {
  const token = await h.entra.mintUserToken({ tenantId: TENANT, oid: u.oid, upn: u.upn, name: u.name, audience: AUDIENCE, scopes: ['access_as_user'] });
  return h.t.api(path, { method: init.method, json: init.json, token });
}

async function ok(r: Promise<Response>): Promise<any> {
  const res = await r;
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
  return body;
}

/**
 * Puts the meeting mid-way, through the real API, so every view has data to show: items 1–2 handled and
 * 3 running, a confirmed and a proposed decision, a task, a check-in, a förhinder, a minutes version.
 */
export async function driveMeetingHalfway(h: Harness): Promise<void> {
  const m = `/api/v1/meetings/${h.meetingId}`;
  const items = async () => (await ok(apiAs(h, USERS.chair, m))).items as { id: string; number: number; version: number }[];
  for (const n of [1, 2, 3]) {
    const item = (await items()).find((i) => i.number === n)!;
    await ok(apiAs(h, USERS.chair, `${m}/agenda/items/${item.id}/start`, { method: 'POST', json: { version: item.version } }));
    if (n < 3) {
      const again = (await items()).find((i) => i.number === n)!;
      await ok(apiAs(h, USERS.chair, `${m}/agenda/items/${again.id}/finish`, { method: 'POST', json: { version: again.version } }));
    }
  }
  const [i2, i3] = [(await items()).find((i) => i.number === 2)!, (await items()).find((i) => i.number === 3)!];
  const d1 = await ok(apiAs(h, USERS.secretary, `${m}/agenda/items/${i2.id}/decisions`, { method: 'POST', json: { text: 'Dagordningen fastställs.' } }));
  await ok(apiAs(h, USERS.secretary, `/api/v1/decisions/${d1.id}/confirm`, { method: 'POST', json: { version: d1.version } }));
  await ok(apiAs(h, USERS.secretary, `${m}/agenda/items/${i3.id}/decisions`, { method: 'POST', json: { text: 'Till justerare väljs Karin Haster.' } }));
  await ok(apiAs(h, USERS.secretary, `${m}/agenda/items/${i3.id}/notes`, { method: 'PUT', json: { version: i3.version, notes: 'Ordföranden föreslog Karin Haster.' } }));
  await ok(apiAs(h, USERS.secretary, `${m}/tasks`, { method: 'POST', json: { itemId: i3.id, text: 'Skicka protokollet till Karin för justering', ownerName: 'Linnea Berg' } }));
  await ok(apiAs(h, USERS.member, `${m}/check-in`, { method: 'POST' }));
  await ok(apiAs(h, USERS.secretary, `${m}/attendance/${USERS.member2.personId}`, { method: 'PUT', json: { state: 'förhinder', note: 'sjuk' } }));
  await ok(apiAs(h, USERS.secretary, `${m}/minutes`, { method: 'POST' }));
}

/** axe violations of a surface, as a readable list (an empty list is the pass). */
export async function axeViolations(tab: TabSurface): Promise<Awaited<ReturnType<TabSurface['axe']>>> {
  return tab.axe();
}

export function screenshot(tab: TabSurface, name: string): Promise<string> {
  return tab.screenshot(name);
}

/** Waits until the frame shows the text (live updates: the caller measures how long it took). */
export async function waitForText(frame: Frame, selector: string, text: string | RegExp, timeout = 5000): Promise<void> {
  await frame.locator(selector, { hasText: text }).first().waitFor({ state: 'visible', timeout });
}
