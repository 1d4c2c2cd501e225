import type { Frame } from 'playwright-core';
import type { SavedTab, SurfaceKind, TeamsUser } from './teams';

/** The mark a meeting surface sets when its first data arrives (tab/src/pages/meeting-data.ts DATA_MARK). */
export const DATA_MARK = 'radslag:meeting-data';

export interface TabStartup {
  /** From the Teams page starting the frame to teams-js' appInitialization.success, per run (ms). */
  notifySuccessMs: number[];
  /** From the Teams page starting the frame to the page showing its data, per run (ms). */
  readyMs: number[];
  /** API requests (/api/v1/…) the tab started before its data was on screen, per run. */
  apiRequestsBeforeData: number[];
  /** Where a cold load's time goes, per run (ms from the Teams page starting the frame). */
  phases: { scriptsRun: number; firstApiRequest: number; firstApiAnswered: number }[];
}

/** What the tab's frame requested before its first meeting data (by the frame's own resource timing). */
export interface BeforeData {
  /** The frame's time of the data mark, as an absolute epoch in ms (null: the page set no mark). */
  dataAtEpochMs: number | null;
  /** Paths of the /api/v1 requests started before the mark, in order. */
  api: string[];
  /** Every request the frame started before the mark (scripts, styles, API). */
  all: string[];
  /** Epoch ms: the frame's DOMContentLoaded end (its entry script ran), its first API request's start and answer. */
  scriptsRunEpochMs: number | null;
  firstApiStartEpochMs: number | null;
  firstApiEndEpochMs: number | null;
}

export async function requestsBeforeData(frame: Frame): Promise<BeforeData> {
  // No named functions inside: tsx (the bench) would wrap them in a helper the page does not have.
  return frame.evaluate((mark) => {
    const m = performance.getEntriesByName(mark)[0];
    if (!m) return { dataAtEpochMs: null, api: [], all: [], scriptsRunEpochMs: null, firstApiStartEpochMs: null, firstApiEndEpochMs: null };
    const before = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.startTime < m.startTime).sort((a, b) => a.startTime - b.startTime);
    const all = before.map((r) => new URL(r.name).pathname);
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const firstApi = before.find((r) => new URL(r.name).pathname.startsWith('/api/v1/'));
    return {
      dataAtEpochMs: performance.timeOrigin + m.startTime,
      api: all.filter((p) => p.startsWith('/api/v1/')),
      all,
      scriptsRunEpochMs: nav ? performance.timeOrigin + nav.domContentLoadedEventEnd : null,
      firstApiStartEpochMs: firstApi ? performance.timeOrigin + firstApi.startTime : null,
      firstApiEndEpochMs: firstApi ? performance.timeOrigin + firstApi.responseEnd : null,
    };
  }, DATA_MARK);
}

/**
 * Time to notifySuccess (and to data shown) of a configured tab's surface in the Teams test host, each run
 * in a fresh browser context (cold cache), for the bench and the browser tests.
 */
export async function measureTabStartup(o: { tab: SavedTab; surface: SurfaceKind; as: TeamsUser; runs?: number }): Promise<TabStartup> {
  const out: TabStartup = { notifySuccessMs: [], readyMs: [], apiRequestsBeforeData: [], phases: [] };
  for (let i = 0; i < (o.runs ?? 3); i++) {
    const s = await o.tab.open(o.surface, { as: o.as });
    try {
      const polled = await s.page.evaluate(() => performance.now() - (window as unknown as { __hostState: { startedMs: number } }).__hostState.startedMs);
      const hostStartEpoch = await s.page.evaluate(() => performance.timeOrigin + (window as unknown as { __hostState: { startedMs: number } }).__hostState.startedMs);
      const before = await requestsBeforeData(s.frame);
      const state = await s.state();
      if (state.notifySuccessMs === null) throw new Error('the tab never sent notifySuccess');
      out.notifySuccessMs.push(Math.round(state.notifySuccessMs));
      // The page's own mark when it has one (exact); else when the host saw it ready (polled, a little late).
      out.readyMs.push(Math.round(before.dataAtEpochMs !== null ? before.dataAtEpochMs - hostStartEpoch : polled));
      out.apiRequestsBeforeData.push(before.api.length);
      const since = (epoch: number | null) => (epoch === null ? NaN : Math.round(epoch - hostStartEpoch));
      out.phases.push({ scriptsRun: since(before.scriptsRunEpochMs), firstApiRequest: since(before.firstApiStartEpochMs), firstApiAnswered: since(before.firstApiEndEpochMs) });
    } finally {
      await s.close();
    }
  }
  return out;
}
