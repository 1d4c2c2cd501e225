/** Helpers the side-panel journeys share: waiting for the live stream, choosing the desk's item, full-page shots. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TabSurface } from '../kit/teams-host';

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
  if (height > viewport.height) await tab.page.setViewportSize({ width: viewport.width, height: Math.min(height, 6000) });
  try {
    await tab.page.screenshot({ path, fullPage: true });
  } finally {
    if (height > viewport.height) await tab.page.setViewportSize(viewport);
  }
  return path;
}
