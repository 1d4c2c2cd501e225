import type { HostInfo } from '../teams/teams-host';

export type PageName = 'meeting' | 'panel' | 'stage' | 'channel' | 'config' | 'personal';

/** Path names of earlier saved URLs and of the local-mode links; only a plain browser goes by them. */
const PATH_PAGES: Record<string, PageName> = {
  meeting: 'meeting',
  panel: 'panel',
  'side-panel': 'panel',
  stage: 'stage',
  channel: 'channel',
  config: 'config',
  personal: 'personal',
};

/**
 * Which page a frame shows. A configured tab has one saved contentUrl that Teams loads in every surface,
 * so inside Teams the frame context decides (and, for content, whether Teams says it is in a meeting, a
 * channel or a chat); the path never does, so URLs saved by earlier versions (/tab/meeting?meetingId=…,
 * /tab/panel, /tab/stage, /tab/channel …) land on the right page too. Only a plain browser (local mode)
 * has no frame context: there the path, or the saved query, names the page.
 */
export function resolvePage(url: string, host: HostInfo): PageName {
  const parsed = new URL(url, 'https://tab.invalid');
  const query = parsed.searchParams;
  if (host.inTeams) {
    switch (host.frameContext) {
      case 'settings':
      case 'remove':
        return 'config';
      case 'sidePanel':
        return 'panel';
      case 'meetingStage':
        return 'stage';
      default:
        // content (and task or an unknown context from a newer client): where in Teams this frame is.
        if (host.teamsMeetingId || query.get('meetingId')) return 'meeting';
        if (host.channelId || host.chatId || query.get('bodyId')) return 'channel';
        return 'personal';
    }
  }
  const seg = parsed.pathname.replace(/^\/tab\/?/, '').split('/')[0] ?? '';
  const named = PATH_PAGES[seg];
  if (named) return named;
  if (query.get('meetingId')) return 'meeting';
  if (query.get('bodyId')) return 'channel';
  return 'personal';
}

export function queryParam(name: string): string | null {
  return new URLSearchParams(window.location.search).get(name);
}
