import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TabSurface } from '../kit/teams-host';
import { requestsBeforeData } from '../kit/teams-host/measure';
import { driveMeetingHalfway, PUBLIC_URL, startHarness, USERS, type Harness } from './tab-harness';

/**
 * What the tab fetches while it loads in Teams: nothing outside its own origin (Teams may run where only
 * the app's host is reachable), its JavaScript and CSS compressed and cached for good (hashed names), the
 * page itself revalidated on every load so a new version reaches open Teams clients.
 */
describe('the tab loading in Teams', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Waits until the surface shows its data and has settled, then hands back what it requested. */
  async function loaded(open: () => Promise<TabSurface>) {
    const tab = await open();
    try {
      await tab.page.waitForLoadState('networkidle');
      return { requests: (await tab.responses()).filter((r) => r.from === 'tab'), page: await tab.shownPage() };
    } finally {
      await tab.close();
    }
  }

  it('fetches nothing from outside the app’s origin in any surface', async () => {
    const meetingTab = await h.meetingTab();
    const channelTab = await h.channelTab();
    const surfaces: [string, () => Promise<TabSurface>][] = [
      ['side panel', () => meetingTab.open('sidePanel', { as: USERS.chair })],
      ['stage', () => meetingTab.open('meetingStage', { as: USERS.member })],
      ['meeting content', () => meetingTab.open('content', { as: USERS.secretary })],
      ['channel content', () => channelTab.open('content', { as: USERS.secretary })],
      ['personal', () => h.teams.openPersonal({ as: USERS.member })],
      ['configuration', async () => (await h.teams.addToChannel({ teamId: '19:t3@thread.tacv2', channelId: '19:c3@thread.tacv2' }, { as: USERS.secretary })).config],
    ];
    for (const [name, open] of surfaces) {
      const { requests } = await loaded(open);
      // The check can fail: the tab did fetch its page, scripts and data.
      expect(requests.some((r) => r.resourceType === 'script'), name).toBe(true);
      expect(requests.some((r) => new URL(r.url).pathname.startsWith('/api/v1/')), name).toBe(true);
      const outside = requests.filter((r) => new URL(r.url).origin !== PUBLIC_URL).map((r) => r.url);
      expect(outside, name).toEqual([]);
    }
  });

  it('serves the tab’s JavaScript and CSS compressed and immutably cached, the page with no-cache', async () => {
    const { requests } = await loaded(async () => (await h.meetingTab()).open('sidePanel', { as: USERS.member }));
    const doc = requests.find((r) => r.resourceType === 'document')!;
    expect(doc.headers?.['cache-control']).toBe('no-cache');
    expect(doc.headers?.['content-security-policy']).toMatch(/connect-src 'self'/);
    const assets = requests.filter((r) => r.resourceType === 'script' || r.resourceType === 'stylesheet');
    expect(assets.length).toBeGreaterThan(1);
    for (const a of assets) {
      expect(new URL(a.url).pathname, a.url).toMatch(/^\/tab\/assets\/.+-[\w-]{8}\.(js|css)$/);
      expect(a.status, a.url).toBe(200);
      expect(a.headers?.['content-encoding'], a.url).toMatch(/^(br|gzip)$/);
      expect(a.headers?.['cache-control'], a.url).toBe('public, max-age=31536000, immutable');
    }
    const wire = assets.reduce((n, a) => n + (a.encodedBodyBytes ?? 0), 0);
    console.log(`side panel load: ${assets.length} scripts/styles, ${(wire / 1024).toFixed(1)} KB over the wire (${assets[0]!.headers?.['content-encoding']})`);
    expect(wire).toBeGreaterThan(0);
  });

  it('the side panel shows its data after at most 3 API requests, and never loads the region’s people', async () => {
    // Data in every part the panel shows (decisions, a task, attendance, a call-in), so no part is skipped for being empty.
    await driveMeetingHalfway(h);
    const meetingTab = await h.meetingTab();
    for (const who of [USERS.member, USERS.chair, USERS.secretary]) {
      const tab = await meetingTab.open('sidePanel', { as: who });
      try {
        const before = await requestsBeforeData(tab.frame);
        expect(before.dataAtEpochMs, who.key).not.toBeNull();
        console.log(`side panel as ${who.key}: ${before.api.length} API requests before data: ${before.api.join(', ')}`);
        expect(before.api, who.key).toContain(`/api/v1/meetings/${h.meetingId}/views/panel`);
        expect(before.api.length, `${who.key}: ${before.api.join(', ')}`).toBeLessThanOrEqual(3);
        await tab.page.waitForLoadState('networkidle');
        const paths = tab.requests().filter((r) => r.from === 'tab').map((r) => new URL(r.url).pathname);
        expect(paths.filter((p) => p === '/api/v1/people'), who.key).toEqual([]);
        // The panel shows what the one answer carried: the chair of the item, by name (a person the meeting names).
        await tab.frame.locator('[data-chair-now]').first().waitFor({ state: 'attached' });
        expect(await tab.frame.locator('[data-chair-now]').first().innerText(), who.key).toContain(USERS.chair.name);
      } finally {
        await tab.close();
      }
    }
  });
});
