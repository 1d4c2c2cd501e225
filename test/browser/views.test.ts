import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureTabStartup } from '../kit/teams-host/measure';
import type { TabSurface, Theme } from '../kit/teams-host';
import { apiAs, axeViolations, driveMeetingHalfway, PUBLIC_URL, screenshot, SCREENSHOTS, startHarness, THEMES, USERS, type Harness } from './tab-harness';

/**
 * Every frame context in every theme, in production mode through the Teams test host, from the contentUrl
 * the configuration page saved (the meeting's tab and the channel's tab): the page loads
 * with data, teams-js is answered (initialize, getContext, getAuthToken → a token from the Entra
 * stand-in, checked by the real API), notifySuccess is sent at once, a screenshot is saved, axe finds
 * nothing.
 */
describe('tab views in each Teams frame context and theme', () => {
  let h: Harness;
  const timings: Record<string, number> = {};
  beforeAll(async () => {
    h = await startHarness();
    await driveMeetingHalfway(h);
  });
  afterAll(async () => {
    if (Object.keys(timings).length) writeFileSync(join(SCREENSHOTS, '..', 'notify-success.json'), JSON.stringify(timings, null, 2));
    await h?.close();
  });

  const clickTab = (name: string) => async (tab: TabSurface) => {
    await tab.frame.getByRole('tab', { name }).click();
  };
  const meeting = async (surface: 'sidePanel' | 'meetingStage' | 'content', as: (typeof USERS)[keyof typeof USERS], theme: Theme) => (await h.meetingTab()).open(surface, { as, theme });
  const channel = async (theme: Theme) => (await h.channelTab()).open('content', { as: USERS.secretary, theme });
  const views: { name: string; open: (theme: Theme) => Promise<TabSurface>; expectText: RegExp; then?: (tab: TabSurface) => Promise<void> }[] = [
    { name: 'meeting-details', open: (th) => meeting('content', USERS.secretary, th), expectText: /Länsgemensam folkhälsopolicy[\s\S]*Förhinder/ },
    { name: 'meeting-minutes', open: (th) => meeting('content', USERS.secretary, th), then: clickTab('Protokoll'), expectText: /Version 1[\s\S]*Dagordningen fastställs\./ },
    { name: 'side-panel-chair', open: (th) => meeting('sidePanel', USERS.chair, th), expectText: /Pågående punkt\s+3\. Val av justerare/ },
    { name: 'side-panel-secretary', open: (th) => meeting('sidePanel', USERS.secretary, th), expectText: /Till justerare väljs Karin Haster\.[\s\S]*Skicka protokollet/ },
    { name: 'side-panel-member', open: (th) => meeting('sidePanel', USERS.member, th), expectText: /Du är registrerad som närvarande[\s\S]*Dagordningen fastställs\./ },
    { name: 'stage', open: (th) => meeting('meetingStage', USERS.member, th), expectText: /Länsgemensam folkhälsopolicy[\s\S]*Dagordningen fastställs\./ },
    { name: 'channel', open: (th) => channel(th), expectText: /Specifika samverkansrådet[\s\S]*Anders Holm/ },
    { name: 'channel-register', open: (th) => channel(th), then: clickTab('Beslutsregister'), expectText: /Dagordningen fastställs\./ },
    { name: 'personal', open: (th) => h.teams.openPersonal({ as: USERS.member, theme: th }), expectText: /Mina möten[\s\S]*Samverkansrådet 23 november/ },
    { name: 'config', open: async (th) => (await h.teams.addToChannel({ teamId: '19:t2@thread.tacv2', channelId: '19:c2@thread.tacv2' }, { as: USERS.secretary, theme: th })).config, expectText: /Vilket råd/ },
  ];

  for (const v of views) {
    for (const theme of THEMES) {
      it(`${v.name} in ${theme}: loads with data, notifies success, no axe violations`, async () => {
        const tab = await v.open(theme);
        try {
          await v.then?.(tab);
          await expect.poll(() => tab.frame.locator('body').innerText(), { timeout: 10_000 }).toMatch(v.expectText);
          const state = await tab.state();
          expect(state.failures).toEqual([]);
          expect(state.notifySuccessMs).not.toBeNull();
          timings[`${v.name}-${theme}`] = Math.round(state.notifySuccessMs!);
          expect(await tab.frame.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
          const log = await tab.log();
          expect(log.map((l) => l.func)).toEqual(expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken', 'appInitialization.success']));
          await screenshot(tab, `${v.name}-${theme}`);
          const violations = await axeViolations(tab);
          expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
        } finally {
          await tab.close();
        }
      });
    }
  }

  it('the council page imports a roster: the preview shows what was understood before anything is applied', async () => {
    const tab = await (await h.channelTab()).open('content', { as: USERS.secretary });
    try {
      const text = ['Ledamöter', 'Eva Lindqvist, Kumla kommun', 'Olof Bergström, Askersunds kommun', '', 'Ersättare', 'Maria Sjöberg, Kumla kommun'].join('\n');
      await tab.frame.getByRole('textbox', { name: 'Importera deltagarlista' }).fill(text);
      await tab.frame.getByRole('button', { name: 'Förhandsgranska' }).click();
      const preview = tab.frame.locator('[data-import-preview]');
      await preview.waitFor({ timeout: 10_000 });
      const shown = await preview.innerText();
      expect(shown).toMatch(/Eva Lindqvist[\s\S]*ledamot[\s\S]*Kumla kommun/);
      expect(shown).toMatch(/Maria Sjöberg[\s\S]*ersättare/);
      expect(shown).toMatch(/3 nya personer/);
      expect(shown).not.toMatch(/tas bort/);
      // Nothing is applied by the preview.
      const before = (await (await apiAs(h, USERS.secretary, `/api/v1/bodies/${h.bodyId}/memberships`)).json()).memberships.length;
      expect(before).toBe(7);
      await screenshot(tab, 'flow-roster-import-preview');
      const violations = await axeViolations(tab);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      await tab.frame.getByRole('button', { name: 'Genomför' }).click();
      await tab.frame.getByText('Sparat.').waitFor({ timeout: 10_000 });
      // The roster table above the import (the first table) now lists the imported people.
      await expect.poll(() => tab.frame.locator('table').first().innerText(), { timeout: 5000 }).toMatch(/Olof Bergström/);
      const after = (await (await apiAs(h, USERS.secretary, `/api/v1/bodies/${h.bodyId}/memberships`)).json()).memberships.length;
      // Added to the roster; the seats not in the pasted list stay (removing them is an explicit choice).
      expect(after).toBe(before + 3);
    } finally {
      await tab.close();
    }
  });

  it('the secretary edits the agenda before the meeting: adds an item with kind, presenters, time and an attachment, moves it up, sends the kallelse', async () => {
    const tab = await (await h.meetingTab()).open('content', { as: USERS.secretary });
    try {
      const f = tab.frame;
      await f.getByRole('button', { name: 'Lägg till punkt' }).click();
      await f.getByLabel('Rubrik').fill('Regional kartläggning av föreningslivet');
      await f.getByLabel('Typ').selectOption({ label: 'Diskussion' });
      await f.getByLabel('Planerad tid (min)').fill('25');
      await f.getByLabel('Föredragande').fill('Karin Haster, Per Nyman');
      await f.getByLabel('Bilagans namn').fill('Kartläggning 2026');
      await f.getByLabel('Länk (https://…)').fill('https://example.org/kartlaggning.pdf');
      await f.getByRole('button', { name: 'Lägg till', exact: true }).click();
      await f.getByRole('button', { name: 'Spara' }).click();
      const added = f.locator('li[data-item]', { hasText: 'Regional kartläggning av föreningslivet' });
      await added.waitFor({ timeout: 5000 });
      const number = Number(await added.getAttribute('data-item'));
      await added.getByRole('button', { name: /^Flytta upp/ }).click();
      await f.locator(`li[data-item="${number - 1}"]`, { hasText: 'Regional kartläggning' }).waitFor({ timeout: 5000 });
      const items = (await (await apiAs(h, USERS.secretary, `/api/v1/meetings/${h.meetingId}`)).json()).items as { number: number; title: string; kind: string; plannedMinutes: number; presenters: { name: string }[]; attachments: { title: string; url: string }[] }[];
      const it = items.find((i) => i.title === 'Regional kartläggning av föreningslivet')!;
      expect(it).toMatchObject({ number: number - 1, kind: 'diskussion', plannedMinutes: 25, presenters: [{ name: 'Karin Haster' }, { name: 'Per Nyman' }], attachments: [{ title: 'Kartläggning 2026', url: 'https://example.org/kartlaggning.pdf' }] });
      expect(items.map((i) => i.number)).toEqual(items.map((_, i) => i + 1));
      await f.getByRole('button', { name: 'Skicka kallelse' }).click();
      await f.getByText('Kallelsen är skickad.').or(f.locator('[role="alert"]')).first().waitFor({ timeout: 10_000 });
      expect(await f.locator('[role="alert"]').count(), await f.locator('[role="alert"]').allInnerTexts().then((x) => x.join(' | '))).toBe(0);
      await screenshot(tab, 'flow-agenda-edited');
    } finally {
      await tab.close();
    }
  });

  it('says in plain words what to do when the Teams meeting is not linked to a Rådslag meeting', async () => {
    // A tab added to a Teams meeting that no Rådslag meeting is linked to (saved with an old, meeting-less URL).
    const unlinked = h.teams.savedTab({ kind: 'meeting', teamsMeetingId: 'MCMnotlinkedmeeting==' }, { contentUrl: `${PUBLIC_URL}/tab/panel`, entityId: 'radslag' });
    const tab = await unlinked.open('sidePanel', { as: USERS.member, ready: '[role="alert"]' });
    try {
      const text = await tab.frame.locator('[role="alert"]').innerText();
      expect(text).toMatch(/inte kopplat till något möte i Rådslag\. Öppna mötets flik före mötet och koppla det\./);
      const violations = await axeViolations(tab);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('measures time to notifySuccess of the side panel (cold browser context each run): notifySuccess comes before the data', async () => {
    const r = await measureTabStartup({ tab: await h.meetingTab(), surface: 'sidePanel', as: USERS.member, runs: 3 });
    console.log(`side panel: notifySuccess ${r.notifySuccessMs.join(', ')} ms; data shown ${r.readyMs.join(', ')} ms`);
    expect(r.notifySuccessMs).toHaveLength(3);
    for (const [i, ms] of r.notifySuccessMs.entries()) {
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThanOrEqual(r.readyMs[i]!);
      expect(ms).toBeLessThan(5000);
    }
  });

  it('links a Rådslag meeting to the Teams meeting its tab is opened in, so the side panel and stage find it', async () => {
    const created = await (
      await apiAs(h, USERS.secretary, '/api/v1/meetings', { method: 'POST', json: { bodyIds: [h.bodyId], title: 'Extra möte', startsAt: '2026-12-10T08:00:00Z', endsAt: '2026-12-10T10:00:00Z' } })
    ).json();
    const teamsId = 'MCMxOTpleHRyYV9tZWV0aW5nQHRocmVhZC52Mg==';
    expect((await apiAs(h, USERS.secretary, `/api/v1/teams-meetings/${encodeURIComponent(teamsId)}`)).status).toBe(404);
    // A tab saved by an earlier version with the meeting in its URL, in a Teams meeting not linked yet.
    const old = h.teams.savedTab({ kind: 'meeting', teamsMeetingId: teamsId }, { contentUrl: `${PUBLIC_URL}/tab/meeting?meetingId=${created.meeting.id}`, entityId: `meeting-${created.meeting.id}` });
    const tab = await old.open('content', { as: USERS.secretary });
    try {
      await tab.frame.getByText('Inte kopplat till något Teams-möte.').waitFor();
      await tab.frame.getByRole('button', { name: 'Koppla till det här Teams-mötet' }).click();
      await tab.frame.getByText('Kopplat till Teams-mötet.').waitFor({ timeout: 5000 });
      expect(await (await apiAs(h, USERS.member, `/api/v1/teams-meetings/${encodeURIComponent(teamsId)}`)).json()).toEqual({ meetingId: created.meeting.id });
    } finally {
      await tab.close();
    }
  });

  it('shows English when Teams says en-us, and follows a theme change from Teams', async () => {
    const tab = await (await h.meetingTab()).open('sidePanel', { as: USERS.member, locale: 'en-us' });
    try {
      // The check-in line in English: the button, or (checked in by an earlier test) its undo.
      await expect.poll(() => tab.frame.locator('body').innerText()).toMatch(/I am here|You are registered as present/);
      expect(await tab.frame.evaluate(() => document.documentElement.lang)).toBe('en');
      await tab.setTheme('dark');
      await expect.poll(() => tab.frame.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    } finally {
      await tab.close();
    }
  });
});
