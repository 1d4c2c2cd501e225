import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTab, startHarness, USERS, type Harness } from './tab-harness';

/**
 * Through the user's door (the Teams test host, production mode): the secretary finds "Exportera arkiv" on the
 * council page's Protokollarkiv tab and gets the zip; a member is not offered it (and the server refuses it,
 * test/integration/minutes/archive-export.test.ts); every tab page links to the accessibility statement.
 */
describe('archive export and accessibility statement from the tab', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('the secretary exports the archive from the council page', async () => {
    const tab = await openTab(h, { user: USERS.secretary, frameContext: 'content', tabPath: `/tab/channel?bodyId=${h.bodyId}`, channelId: '19:abc@thread.tacv2' });
    try {
      await tab.frame.getByRole('tab', { name: 'Protokollarkiv' }).click();
      const button = tab.frame.getByRole('button', { name: 'Exportera arkiv' });
      await button.waitFor({ timeout: 10_000 });
      const [download] = await Promise.all([tab.page.waitForEvent('download', { timeout: 30_000 }), button.click()]);
      expect(download.suggestedFilename()).toMatch(/^Arkiv Specifika samverkansrådet för folkhälsa \d{4}-\d{2}-\d{2}\.zip$/);
      const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
      expect(Object.keys(files)).toEqual(expect.arrayContaining(['arkiv.json', 'beslutsregister.csv', 'narvaro.csv']));
    } finally {
      await tab.close();
    }
  }, 90_000);

  it('a member sees no export button, and every page links to the accessibility statement', async () => {
    const tab = await openTab(h, { user: USERS.member, frameContext: 'content', tabPath: `/tab/channel?bodyId=${h.bodyId}`, channelId: '19:abc@thread.tacv2' });
    try {
      await tab.frame.getByRole('tab', { name: 'Protokollarkiv' }).click();
      await tab.frame.getByRole('heading', { name: 'Protokollarkiv' }).waitFor({ timeout: 10_000 });
      expect(await tab.frame.getByRole('button', { name: 'Exportera arkiv' }).count()).toBe(0);
      const link = tab.frame.getByRole('link', { name: 'Tillgänglighetsredogörelse' });
      const [statement] = await Promise.all([tab.context.waitForEvent('page', { timeout: 15_000 }), link.click()]);
      await statement.waitForLoadState();
      expect(await statement.locator('h1').first().innerText()).toBe('Tillgänglighetsredogörelse för Rådslag');
      expect(await statement.locator('body').innerText()).toMatch(/Rapportera brister[\s\S]*Report a problem/);
    } finally {
      await tab.close();
    }
  }, 90_000);
});
