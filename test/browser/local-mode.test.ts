import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type App } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import { buildAppPackage, installApp, localIdentity } from '../kit/teams-host';
import { CHROMIUM_ARGS, ensureTabBuilt, pick, SCREENSHOTS } from './tab-harness';

/**
 * Local mode, outside Teams: the tab opens in a plain browser with a clearly marked identity picker
 * (people of the demo region), and the chosen identity is what the API sees (X-Radslag-Dev-User).
 */
describe('the tab outside Teams in local mode', () => {
  let t: { app: App; url: string };
  let dataDir: string;
  let browser: Browser;
  beforeAll(async () => {
    ensureTabBuilt();
    // As `npm start` runs it: local mode with the demo region (the test kit's harness leaves the demo out).
    dataDir = mkdtempSync(join(tmpdir(), 'radslag-local-'));
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', RADSLAG_DATA_DIR: dataDir });
    const app = await buildApp({ config, logger: createLogger('silent'), demo: true });
    t = { app, url: (await app.listen(0)).url };
    browser = await chromium.launch({ executablePath: process.env.RADSLAG_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.app.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the marked picker, acts as the chosen demo person, and links every page', async () => {
    expect(t.app.config.mode).toBe('local');
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const seen: string[] = [];
    page.on('request', (r) => {
      const who = r.headers()['x-radslag-dev-user'];
      if (who && r.url().includes('/api/v1/me')) seen.push(who);
    });
    try {
      await page.goto(`${t.url}/tab/`);
      await page.getByText('LOKALT LÄGE').waitFor({ timeout: 15_000 });
      const picker = page.getByLabel('Testa som');
      await expect.poll(async () => (await picker.locator('option').count()) > 3, { timeout: 10_000 }).toBe(true);
      const secretary = (await picker.locator('option').allInnerTexts()).find((o) => /sekreterare@radslag\.local/.test(o));
      expect(secretary).toBeTruthy();
      await picker.selectOption({ label: secretary! });
      await page.getByRole('button', { name: 'OK' }).click();
      const panelLink = page.getByRole('link', { name: 'Sidopanel' }).first();
      await panelLink.waitFor({ timeout: 10_000 });
      await page.screenshot({ path: join(SCREENSHOTS, 'local-mode-home.png'), fullPage: true });
      const violations = (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(violations).toEqual([]);
      await panelLink.click();
      await page.locator('[data-ready="true"]').waitFor({ state: 'attached', timeout: 15_000 });
      expect(await page.getByText('LOKALT LÄGE').count()).toBe(1);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((s) => s === 'sekreterare@radslag.local')).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('inside Teams in local mode (no SSO): the user Teams names is who the API sees, from the package to the saved URL', async () => {
    const pkg = await buildAppPackage({ publicUrl: 'https://radslag.test', appId: null });
    const teams = await installApp(pkg, { appUrl: t.url, identity: localIdentity, tenantId: '00000000-0000-4000-8000-0000000000aa' });
    const maja = { oid: '00000000-0000-4000-8000-0000000000b1', upn: 'sekreterare@radslag.local', name: 'Maja Lindqvist' };
    try {
      const personal = await teams.openPersonal({ as: maja });
      try {
        const text = await personal.frame.locator('main').innerText();
        // The demo secretary sits on both demo councils: both councils' meetings, as their secretary.
        expect(text).toMatch(/SSR social välfärd/);
        expect(text).toMatch(/SSR folkhälsa/);
        expect(text).toMatch(/Du är sekreterare/);
        expect(await personal.frame.getByText('LOKALT LÄGE').count()).toBe(0);
        expect((await personal.log()).map((l) => l.func)).not.toContain('authentication.getAuthToken');
      } finally {
        await personal.close();
      }
      const adding = await teams.addToChannel({ teamId: '19:demo@thread.tacv2', channelId: '19:demo-general@thread.tacv2' }, { as: maja });
      const saved = await adding.configure((f) => pick(f, 'Vilket råd hör kanalen till?', 'Specifika samverkansrådet för folkhälsa'));
      expect(saved.contentUrl).toMatch(/^https:\/\/radslag\.test\/tab\/\?bodyId=/);
      const channel = await saved.open('content', { as: maja });
      try {
        await channel.frame.getByRole('heading', { level: 1, name: 'Specifika samverkansrådet för folkhälsa' }).waitFor();
        expect(await channel.shownPage()).toBe('channel');
      } finally {
        await channel.close();
      }
    } finally {
      await teams.close();
    }
  });
});
