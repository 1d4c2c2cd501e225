import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import type { App } from '../../bot/app';
import type { Membership, MembershipRole, Person } from '../../shared/domain';
import { createMeeting } from '../../shared/services/meeting-service';
import type { Caller } from '../../shared/usecase/context';
import { startEntraStandIn, type EntraStandIn } from '../kit/entra-stand-in';
import { startTestApp, type TestApp } from '../kit/app-harness';
import { startTeamsTestHost, type TeamsTestHost } from '../kit/teams-host/server';

export const APP_ID = '6e1f0c2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
export const TENANT = '2f3e4d5c-6b7a-4c8d-9e0f-1a2b3c4d5e6f';
export const AUDIENCE = `api://radslag.test/${APP_ID}`;
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');
export const THEMES = ['default', 'dark', 'contrast'] as const;
export type Theme = (typeof THEMES)[number];

export interface TestUser {
  key: string;
  oid: string;
  upn: string;
  name: string;
  role: MembershipRole;
  personId?: string;
}

export const USERS: Record<'chair' | 'secretary' | 'member' | 'member2' | 'member3', TestUser> = {
  chair: { key: 'chair', oid: '0c0ffee0-0000-4000-8000-00000000000a', upn: 'siw.lunander@hallsberg.se', name: 'Siw Lunander', role: 'ordförande' },
  secretary: { key: 'secretary', oid: '0c0ffee0-0000-4000-8000-00000000000b', upn: 'linnea.berg@regionorebrolan.se', name: 'Linnea Berg', role: 'sekreterare' },
  member: { key: 'member', oid: '0c0ffee0-0000-4000-8000-00000000000c', upn: 'anders.holm@kumla.se', name: 'Anders Holm', role: 'ledamot' },
  member2: { key: 'member2', oid: '0c0ffee0-0000-4000-8000-00000000000d', upn: 'karin.haster@orebro.se', name: 'Karin Haster', role: 'ledamot' },
  member3: { key: 'member3', oid: '0c0ffee0-0000-4000-8000-00000000000e', upn: 'per.nyman@lekeberg.se', name: 'Per Nyman', role: 'vice_ordförande' },
};

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface Harness {
  entra: EntraStandIn;
  t: TestApp;
  host: TeamsTestHost;
  browser: Browser;
  bodyId: string;
  meetingId: string;
  teamsMeetingId: string;
  close(): Promise<void>;
}

/** `npm test` builds the tab first; a direct `vitest --project browser` may not have: build it then. */
export function ensureTabBuilt(): void {
  if (existsSync(join(process.cwd(), 'dist', 'tab', 'index.html'))) return;
  const r = spawnSync(process.execPath, [join(process.cwd(), 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'tab/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the tab build failed');
}

/** The real app in production mode (Entra stand-in), seeded with one council and one meeting, plus Chromium. */
export async function startHarness(): Promise<Harness> {
  ensureTabBuilt();
  const entra = await startEntraStandIn();
  const t = await startTestApp({
    env: {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'test-secret',
      MicrosoftAppTenantId: TENANT,
      RADSLAG_PUBLIC_URL: 'https://radslag.test',
      ENTRA_AUTHORITY_HOST: entra.url,
    },
  });
  if (t.app.config.mode !== 'production') throw new Error('expected production mode');
  const { bodyId, meetingId, teamsMeetingId } = await seed(t.app);
  const host = await startTeamsTestHost(t.url);
  const browser = await chromium.launch({ executablePath: process.env.RADSLAG_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    entra,
    t,
    host,
    browser,
    bodyId,
    meetingId,
    teamsMeetingId,
    async close() {
      await browser.close().catch(() => undefined);
      await host.close();
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
  const teamsMeetingId = 'MCMxOTptZWV0aW5nX1lqRTNabVl3TkRndE1tUTNNeTAwfkBhaGVhZA==';
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

export interface OpenOptions {
  user: TestUser;
  frameContext: 'content' | 'sidePanel' | 'meetingStage' | 'settings';
  tabPath: string;
  theme?: Theme;
  locale?: string;
  teamsMeetingId?: string | null;
  channelId?: string | null;
  viewport?: { width: number; height: number };
}

export interface OpenedTab {
  context: BrowserContext;
  page: Page;
  frame: Frame;
  hostState(): Promise<{ shared: string[]; settings: Record<string, unknown> | null; valid: boolean | null; notifySuccessMs: number | null; appLoadedMs: number | null; failures: unknown[]; saved?: boolean }>;
  hostLog(): Promise<{ func: string; args: unknown[] }[]>;
  close(): Promise<void>;
}

/** Opens the tab inside the Teams test host as one user, in a fresh browser context (its own "browser"). */
export async function openTab(h: Harness, o: OpenOptions, wait: { ready?: string } = {}): Promise<OpenedTab> {
  const viewport = o.viewport ?? (o.frameContext === 'sidePanel' ? { width: 340, height: 900 } : { width: 1280, height: 900 });
  const context = await h.browser.newContext({ viewport, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  const page = await context.newPage();
  const tokenRequests: number[] = [];
  await page.exposeFunction('__hostGetToken', async () => {
    tokenRequests.push(Date.now());
    return h.entra.mintUserToken({ tenantId: TENANT, oid: o.user.oid, upn: o.user.upn, name: o.user.name, audience: AUDIENCE, scopes: ['access_as_user'] });
  });
  const config = {
    tabUrl: o.tabPath,
    frameContext: o.frameContext,
    theme: o.theme ?? 'default',
    locale: o.locale ?? 'sv-se',
    tenantId: TENANT,
    user: { oid: o.user.oid, upn: o.user.upn, name: o.user.name },
    teamsMeetingId: o.teamsMeetingId ?? null,
    channelId: o.channelId ?? null,
    teamId: o.channelId ? '19:team@thread.tacv2' : null,
  };
  await page.addInitScript((c) => {
    (window as unknown as { __hostConfig: unknown }).__hostConfig = c;
  }, config);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${h.host.url}/__host`);
  const handle = await page.waitForSelector('#app');
  const frame = (await handle.contentFrame())!;
  try {
    await frame.waitForSelector(wait.ready ?? '[data-ready="true"]', { state: 'attached', timeout: 30_000 });
  } catch (e) {
    const text = await frame.locator('body').innerText().catch(() => '');
    throw new Error(`tab did not become ready (${o.tabPath}, ${o.frameContext}): ${text.slice(0, 500)}; page errors: ${errors.join(' | ')}`, { cause: e });
  }
  return {
    context,
    page,
    frame,
    hostState: () => page.evaluate(() => (window as unknown as { __hostState: never }).__hostState),
    hostLog: () => page.evaluate(() => (window as unknown as { __hostLog: never }).__hostLog),
    close: () => context.close(),
  };
}

/** axe-core over the host page and the framed tab; returns the violations (an empty list is the pass). */
export async function axeViolations(tab: OpenedTab): Promise<{ id: string; impact: string | null | undefined; help: string; nodes: string[] }[]> {
  const result = await new AxeBuilder({ page: tab.page }).analyze();
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} :: ${n.html.slice(0, 200)} :: ${n.failureSummary ?? ''}`.slice(0, 500)) }));
}

export async function screenshot(tab: OpenedTab, name: string): Promise<string> {
  const path = join(SCREENSHOTS, `${name}.png`);
  await tab.page.screenshot({ path, fullPage: true });
  return path;
}

/** Waits until the frame shows the text (live updates: the caller measures how long it took). */
export async function waitForText(frame: Frame, selector: string, text: string | RegExp, timeout = 5000): Promise<void> {
  await frame.locator(selector, { hasText: text }).first().waitFor({ state: 'visible', timeout });
}
