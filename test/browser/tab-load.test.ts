import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TabSurface } from '../kit/teams-host';
import { PUBLIC_URL, startHarness, USERS, type Harness } from './tab-harness';

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
});
