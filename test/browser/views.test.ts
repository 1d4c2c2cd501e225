import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureTabStartup } from '../kit/teams-host/measure';
import { apiAs, AUDIENCE, axeViolations, driveMeetingHalfway, openTab, screenshot, SCREENSHOTS, startHarness, TENANT, THEMES, USERS, type Harness, type OpenedTab, type OpenOptions } from './tab-harness';

/**
 * Every frame context in every theme, in production mode through the Teams test host: the page loads
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

  const clickTab = (name: string) => async (tab: OpenedTab) => {
    await tab.frame.getByRole('tab', { name }).click();
  };
  const views: { name: string; opts: (h: Harness) => OpenOptions; expectText: RegExp; then?: (tab: OpenedTab) => Promise<void> }[] = [
    { name: 'meeting-details', opts: (h) => ({ user: USERS.secretary, frameContext: 'content', tabPath: '/tab/meeting', teamsMeetingId: h.teamsMeetingId }), expectText: /Länsgemensam folkhälsopolicy[\s\S]*Förhinder/ },
    { name: 'meeting-minutes', opts: (h) => ({ user: USERS.secretary, frameContext: 'content', tabPath: '/tab/meeting', teamsMeetingId: h.teamsMeetingId }), then: clickTab('Protokoll'), expectText: /Version 1[\s\S]*Dagordningen fastställs\./ },
    { name: 'side-panel-chair', opts: (h) => ({ user: USERS.chair, frameContext: 'sidePanel', tabPath: '/tab/', teamsMeetingId: h.teamsMeetingId }), expectText: /Pågående punkt\s+3\. Val av justerare/ },
    { name: 'side-panel-secretary', opts: (h) => ({ user: USERS.secretary, frameContext: 'sidePanel', tabPath: '/tab/panel', teamsMeetingId: h.teamsMeetingId }), expectText: /Till justerare väljs Karin Haster\.[\s\S]*Skicka protokollet/ },
    { name: 'side-panel-member', opts: (h) => ({ user: USERS.member, frameContext: 'sidePanel', tabPath: '/tab/panel', teamsMeetingId: h.teamsMeetingId }), expectText: /Du är registrerad som närvarande[\s\S]*Dagordningen fastställs\./ },
    { name: 'stage', opts: (h) => ({ user: USERS.member, frameContext: 'meetingStage', tabPath: '/tab/', teamsMeetingId: h.teamsMeetingId }), expectText: /Länsgemensam folkhälsopolicy[\s\S]*Dagordningen fastställs\./ },
    { name: 'channel', opts: (h) => ({ user: USERS.secretary, frameContext: 'content', tabPath: `/tab/channel?bodyId=${h.bodyId}`, channelId: '19:abc@thread.tacv2' }), expectText: /Specifika samverkansrådet[\s\S]*Anders Holm/ },
    { name: 'channel-register', opts: (h) => ({ user: USERS.secretary, frameContext: 'content', tabPath: `/tab/channel?bodyId=${h.bodyId}`, channelId: '19:abc@thread.tacv2' }), then: clickTab('Beslutsregister'), expectText: /Dagordningen fastställs\./ },
    { name: 'config', opts: () => ({ user: USERS.secretary, frameContext: 'settings', tabPath: '/tab/config', channelId: '19:abc@thread.tacv2' }), expectText: /Vilket råd/ },
  ];

  for (const v of views) {
    for (const theme of THEMES) {
      it(`${v.name} in ${theme}: loads with data, notifies success, no axe violations`, async () => {
        const tab = await openTab(h, { ...v.opts(h), theme });
        try {
          await v.then?.(tab);
          await expect.poll(() => tab.frame.locator('body').innerText(), { timeout: 10_000 }).toMatch(v.expectText);
          const state = await tab.hostState();
          expect(state.failures).toEqual([]);
          expect(state.notifySuccessMs).not.toBeNull();
          timings[`${v.name}-${theme}`] = Math.round(state.notifySuccessMs!);
          expect(await tab.frame.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
          const log = await tab.hostLog();
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

  it('the configuration page: Save in Teams stores the council page URL for the chosen body', async () => {
    const tab = await openTab(h, { user: USERS.secretary, frameContext: 'settings', tabPath: '/tab/config', channelId: '19:abc@thread.tacv2' });
    try {
      expect((await tab.hostState()).valid).toBe(false);
      await tab.frame.getByLabel('Vilket råd hör kanalen till?').selectOption({ label: 'Specifika samverkansrådet för folkhälsa' });
      await expect.poll(async () => (await tab.hostState()).valid).toBe(true);
      await tab.page.evaluate(() => (window as unknown as { __hostSave: () => void }).__hostSave());
      await expect.poll(async () => (await tab.hostState()).saved).toBe(true);
      const settings = (await tab.hostState()).settings as { contentUrl: string; entityId: string };
      expect(settings.contentUrl).toBe(`${h.host.url}/tab/channel?bodyId=${encodeURIComponent(h.bodyId)}`);
      expect(settings.entityId).toBe(`body-${h.bodyId}`);
    } finally {
      await tab.close();
    }
  });

  it('the council page imports a roster: the preview shows what was understood before anything is applied', async () => {
    const tab = await openTab(h, { user: USERS.secretary, frameContext: 'content', tabPath: `/tab/channel?bodyId=${h.bodyId}`, channelId: '19:abc@thread.tacv2' });
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
      expect(before).toBe(5);
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
    const tab = await openTab(h, { user: USERS.secretary, frameContext: 'content', tabPath: '/tab/meeting', teamsMeetingId: h.teamsMeetingId });
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
    const tab = await openTab(h, { user: USERS.member, frameContext: 'sidePanel', tabPath: '/tab/panel', teamsMeetingId: 'MCMnotlinkedmeeting==' }, { ready: '[role="alert"]' });
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
    const r = await measureTabStartup({
      appUrl: h.t.url,
      mintToken: () => h.entra.mintUserToken({ tenantId: TENANT, oid: USERS.member.oid, upn: USERS.member.upn, name: USERS.member.name, audience: AUDIENCE, scopes: ['access_as_user'] }),
      user: USERS.member,
      tenantId: TENANT,
      tabPath: '/tab/',
      frameContext: 'sidePanel',
      teamsMeetingId: h.teamsMeetingId,
      runs: 3,
    });
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
    const tab = await openTab(h, { user: USERS.secretary, frameContext: 'content', tabPath: `/tab/meeting?meetingId=${created.meeting.id}`, teamsMeetingId: teamsId });
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
    const tab = await openTab(h, { user: USERS.member, frameContext: 'sidePanel', tabPath: '/tab/panel', teamsMeetingId: h.teamsMeetingId, locale: 'en-us' });
    try {
      await expect.poll(() => tab.frame.locator('body').innerText()).toMatch(/I am here/);
      expect(await tab.frame.evaluate(() => document.documentElement.lang)).toBe('en');
      await tab.page.evaluate(() => (window as unknown as { __hostSetTheme: (t: string) => void }).__hostSetTheme('dark'));
      await expect.poll(() => tab.frame.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    } finally {
      await tab.close();
    }
  });
});
