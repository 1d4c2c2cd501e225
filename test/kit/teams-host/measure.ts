import type { SavedTab, SurfaceKind, TeamsUser } from './teams';

export interface TabStartup {
  /** From the Teams page starting the frame to teams-js' appInitialization.success, per run (ms). */
  notifySuccessMs: number[];
  /** From the Teams page starting the frame to the page showing its data, per run (ms). */
  readyMs: number[];
}

/**
 * Time to notifySuccess (and to data shown) of a configured tab's surface in the Teams test host, each run
 * in a fresh browser context (cold cache), for the bench and the browser tests.
 */
export async function measureTabStartup(o: { tab: SavedTab; surface: SurfaceKind; as: TeamsUser; runs?: number }): Promise<TabStartup> {
  const out: TabStartup = { notifySuccessMs: [], readyMs: [] };
  for (let i = 0; i < (o.runs ?? 3); i++) {
    const s = await o.tab.open(o.surface, { as: o.as });
    try {
      const ready = await s.page.evaluate(() => performance.now() - (window as unknown as { __hostState: { startedMs: number } }).__hostState.startedMs);
      const state = await s.state();
      if (state.notifySuccessMs === null) throw new Error('the tab never sent notifySuccess');
      out.notifySuccessMs.push(Math.round(state.notifySuccessMs));
      out.readyMs.push(Math.round(ready));
    } finally {
      await s.close();
    }
  }
  return out;
}
