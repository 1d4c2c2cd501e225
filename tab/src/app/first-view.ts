import type { Api } from '../api/client';
import type { MeetingPanelView } from '../../../shared/contracts/meeting-views';
import type { PageName } from './route';
import { queryParam } from './route';

/**
 * A meeting page's first data, requested while the page's code still loads. Without this the request waited
 * for the page chunk, its first render and its effect: on a cold load the chunk alone took 50–400 ms on this
 * machine (README Performance, "where the side panel's time goes"). One promise, taken once by the page's
 * first load of the same meeting; a later load (live update, retry) asks the server again.
 */
let first: { meetingId: string; view: Promise<MeetingPanelView> } | null = null;

const MEETING_PAGES: readonly PageName[] = ['panel', 'stage', 'meeting'];

export function prefetchFirstView(api: Api, page: PageName): void {
  const meetingId = queryParam('meetingId');
  if (!meetingId || !MEETING_PAGES.includes(page)) return;
  const view = api.panelView(meetingId);
  // Whoever takes it handles its failure; until then it must not count as unhandled.
  view.catch(() => undefined);
  first = { meetingId, view };
}

export function takeFirstView(meetingId: string): Promise<MeetingPanelView> | null {
  if (first?.meetingId !== meetingId) return null;
  const { view } = first;
  first = null;
  return view;
}
