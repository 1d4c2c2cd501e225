import { chromium } from 'playwright-core';
import { startTeamsTestHost } from './server';

export interface TabStartupOptions {
  /** The running Rådslag server (production mode: tokens come from mintToken). */
  appUrl: string;
  mintToken: () => Promise<string>;
  user: { oid: string; upn: string; name: string };
  tenantId: string;
  /** e.g. '/tab/' with frameContext 'sidePanel' and the linked Teams meeting id. */
  tabPath: string;
  frameContext: 'content' | 'sidePanel' | 'meetingStage' | 'settings';
  teamsMeetingId?: string | null;
  runs?: number;
  chromiumPath?: string;
}

export interface TabStartup {
  /** From the host page starting the frame to teams-js' appInitialization.success, per run (ms). */
  notifySuccessMs: number[];
  /** From the host page starting the frame to the page showing its data, per run (ms). */
  readyMs: number[];
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Time to notifySuccess (and to data shown) of a tab page inside the Teams test host, each run in a
 * fresh browser context (cold cache), for the bench (issue 10) and the browser tests.
 */
export async function measureTabStartup(o: TabStartupOptions): Promise<TabStartup> {
  const host = await startTeamsTestHost(o.appUrl);
  const browser = await chromium.launch({ executablePath: o.chromiumPath ?? process.env.RADSLAG_CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
  const out: TabStartup = { notifySuccessMs: [], readyMs: [] };
  try {
    for (let i = 0; i < (o.runs ?? 3); i++) {
      const context = await browser.newContext({ viewport: { width: 340, height: 900 } });
      try {
        const page = await context.newPage();
        await page.exposeFunction('__hostGetToken', o.mintToken);
        await page.addInitScript((c) => {
          (window as unknown as { __hostConfig: unknown }).__hostConfig = c;
        }, { tabUrl: o.tabPath, frameContext: o.frameContext, theme: 'default', locale: 'sv-se', tenantId: o.tenantId, user: o.user, teamsMeetingId: o.teamsMeetingId ?? null });
        await page.goto(`${host.url}/__host`);
        const frame = (await (await page.waitForSelector('#app')).contentFrame())!;
        await frame.waitForSelector('[data-ready="true"]', { state: 'attached', timeout: 30_000 });
        const ready = await page.evaluate(() => performance.now() - (window as unknown as { __hostState: { startedMs: number } }).__hostState.startedMs);
        const state = await page.evaluate(() => (window as unknown as { __hostState: { notifySuccessMs: number | null } }).__hostState);
        if (state.notifySuccessMs === null) throw new Error('the tab never sent notifySuccess');
        out.notifySuccessMs.push(Math.round(state.notifySuccessMs));
        out.readyMs.push(Math.round(ready));
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await host.close();
  }
  return out;
}
