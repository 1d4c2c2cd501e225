/**
 * Helpers the tab journeys share: one harness and saved tab per file, waiting for the live stream, choosing
 * the desk's item, full-page shots.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { THEMES, type SavedTab, type TabSurface } from '../kit/teams-host';
import type { Membership, Person } from '../../shared/domain';
import { createMeeting } from '../../shared/services/meeting-service';
import type { Caller } from '../../shared/usecase/context';
import { pick, startHarness, USERS, type Harness, type TestUser } from './tab-harness';

export interface Journey {
  /** The file's app and seeded council (ready once the file's tests run). */
  readonly h: Harness;
  /** Opens a surface of the file's saved tab; it is closed after the file. */
  open: (...args: Parameters<SavedTab['open']>) => Promise<TabSurface>;
  /** Closes a surface opened some other way after the file; returns it. */
  track: <T extends TabSurface>(tab: T) => T;
}

/**
 * Call at the top of a describe: starts the app before its tests, configures the meeting's or the channel's
 * tab as the secretary does, runs `setup` (data the journey starts from), and closes everything after.
 */
export function tabJourney(place: 'meeting' | 'channel', setup?: (h: Harness) => Promise<void>, setupTimeout?: number): Journey {
  let harness: Harness | undefined;
  let saved: SavedTab | undefined;
  const opened: TabSurface[] = [];
  beforeAll(async () => {
    harness = await startHarness();
    saved = place === 'meeting' ? await harness.meetingTab() : await harness.channelTab();
    await setup?.(harness);
  }, setupTimeout);
  afterAll(async () => {
    for (const tab of opened) await tab.close().catch(() => undefined);
    await harness?.close();
  });
  const track = <T extends TabSurface>(tab: T): T => (opened.push(tab), tab);
  return {
    get h() {
      if (!harness) throw new Error('the harness starts in beforeAll');
      return harness;
    },
    open: async (...args) => {
      if (!saved) throw new Error('the tab is configured in beforeAll');
      return track(await saved.open(...args));
    },
    track,
  };
}

/** `shoot` into one directory, for a file's screenshots. */
export const shooterTo =
  (dir: string) =>
  (tab: TabSurface, name: string): Promise<string> =>
    shoot(tab, dir, name);

/** The surface's live stream is connected (so later changes by others arrive without a reload). */
export const live = (tab: TabSurface) => tab.frame.locator('[data-live="live"]').first().waitFor({ timeout: 10_000 });

/** The desk's item, chosen from its list as a person does. */
export async function pickItem(frame: TabSurface['frame'], n: number): Promise<void> {
  const select = frame.getByLabel('Punkt', { exact: true });
  const label = (await select.locator('option', { hasText: new RegExp(`^${n}\\. `) }).first().innerText()).trim();
  await select.selectOption({ label });
}

/** A full-height screenshot of the surface into `dir` (outside the repository), to be looked at by a person. */
export async function shoot(tab: TabSurface, dir: string, name: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  // The whole panel from its top, whatever the journey scrolled to.
  await tab.frame.evaluate(() => window.scrollTo(0, 0));
  const viewport = tab.page.viewportSize()!;
  const height = await tab.frame.evaluate(() => document.documentElement.scrollHeight);
  if (height > viewport.height) {
    await tab.page.setViewportSize({ width: viewport.width, height: Math.min(height, 6000) });
    // The frame grows with the page a moment later; shot before it has, the lower part comes out blank.
    await tab.frame.waitForFunction((h) => window.innerHeight >= h, Math.min(height, 6000), { timeout: 5000 }).catch(() => undefined);
    await tab.frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  try {
    await tab.page.screenshot({ path, fullPage: true });
  } finally {
    if (height > viewport.height) await tab.page.setViewportSize(viewport);
  }
  return path;
}

/**
 * The open surface in each Teams theme in turn (Teams' theme switch, as a person changing it): no sideways
 * scroll and nothing for axe in any, a shot per theme into `dir` as `<name>-<theme>.png`; left in the light
 * theme. Returns the shots' paths, to be looked at.
 */
export async function inEveryTheme(tab: TabSurface, dir: string, name: string): Promise<string[]> {
  const paths: string[] = [];
  for (const theme of [...THEMES, 'default' as const]) {
    await tab.setTheme(theme);
    await tab.frame.locator(`html[data-theme="${theme}"]`).waitFor({ state: 'attached', timeout: 5000 });
    if (paths.length === THEMES.length) break;
    const overflow = await tab.horizontalOverflow();
    if (overflow > 0) await shoot(tab, dir, `${name}-${theme}-overflow`);
    expect(overflow, `${name} ${theme}: wider than the frame: ${overflow > 0 ? await widest(tab) : ''}`).toBe(0);
    const violations = await tab.axe();
    expect(violations, `${name} ${theme}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
    paths.push(await shoot(tab, dir, `${name}-${theme}`));
  }
  return paths;
}

/** The innermost elements reaching past the frame's right edge, for a failing overflow check to name. */
function widest(tab: TabSurface): Promise<string> {
  return tab.frame.evaluate(() => {
    const edge = document.documentElement.clientWidth + 1;
    const past = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > edge);
    const innermost = past.filter((e) => !past.some((o) => o !== e && e.contains(o)));
    return innermost
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}${[...e.attributes].filter((a) => a.name.startsWith('data-') || a.name === 'role').map((a) => `[${a.name}=${a.value}]`).join('')} "${(e.textContent ?? '').trim().slice(0, 40)}" right=${Math.round(e.getBoundingClientRect().right)}`)
      .join('; ');
  });
}

/**
 * Setup (not a journey): a second council with its own chair (Gunnel Ek, Entra object id `oid`), a joint
 * meeting of both councils linked to a Teams meeting, and that meeting's tab added and configured by the
 * secretary the way Teams does. The journeys then act through the tab.
 */
export async function jointMeetingTab(
  h: Harness,
  o: { oid: string; teamsMeetingId: string; title: string; chairPersonId?: string; items?: { title: string; kind: 'information'; presenters: { name: string }[]; attachments: [] }[] },
): Promise<{ tab: SavedTab; gunnel: TestUser; meetingId: string }> {
  const gunnel: TestUser = { key: 'chair2', oid: o.oid, upn: 'gunnel.ek@lindesberg.se', name: 'Gunnel Ek', role: 'ordförande' };
  const { store, ids } = h.t.app.runnerDeps;
  const tenantId = store.tenantId;
  const body2 = ids.next();
  await store.transaction(async (tx) => {
    await tx.bodies.insert({ id: body2, tenantId, name: 'Chefsgruppen för folkhälsa', kind: 'chefsgrupp', shortName: 'Chefsgruppen', defaultDocumentKind: 'protokoll', absenceContact: null, version: 1 });
    const person: Person = { id: ids.next(), tenantId, name: gunnel.name, email: gunnel.upn, aadObjectId: gunnel.oid, userPrincipalName: gunnel.upn, title: null, organisationId: null, isAdmin: false, locale: 'sv', version: 1 };
    await tx.people.insert(person);
    gunnel.personId = person.id;
    const seat: Membership = { id: ids.next(), tenantId, bodyId: body2, personId: person.id, role: 'ordförande', organisationId: null, title: null, substituteOrder: null, substituteForPersonId: null, from: null, to: null, version: 1 };
    await tx.memberships.insert(seat);
  });
  const caller: Caller = { actor: { personId: USERS.secretary.personId!, tenantId, isAdmin: true }, correlationId: `seed-${o.teamsMeetingId}`, locale: 'sv' };
  const created = await h.t.app.runner.run(caller, createMeeting, {
    bodyIds: [h.bodyId, body2],
    title: o.title,
    startsAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    endsAt: new Date(Date.now() + 115 * 60_000).toISOString(),
    timeZone: 'Europe/Stockholm',
    mode: 'hybrid',
    ...(o.chairPersonId ? { chairPersonId: o.chairPersonId } : {}),
    secretaryPersonIds: [USERS.secretary.personId!],
    standardAgenda: true,
    items: o.items ?? [],
  });
  await store.transaction(async (tx) => tx.meetings.update({ ...created.meeting, teams: { meetingId: o.teamsMeetingId } }));
  const tab = await (await h.teams.addToMeeting({ teamsMeetingId: o.teamsMeetingId }, { as: USERS.secretary })).configure((f) => pick(f, 'Vilket möte i Rådslag är det här?', o.title));
  return { tab, gunnel, meetingId: created.meeting.id };
}
