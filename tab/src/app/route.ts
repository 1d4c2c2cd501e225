import type { HostInfo } from '../teams/teams-host';

export type PageName = 'meeting' | 'panel' | 'stage' | 'channel' | 'config' | 'home';

/**
 * Which page to show: the path names it (/tab/panel …, as the manifest's URLs do); a bare /tab/ follows
 * the Teams frame context (content in a meeting → meeting tab, content in a channel → council page).
 */
export function resolvePage(pathname: string, host: HostInfo): PageName {
  const seg = pathname.replace(/^\/tab\/?/, '').split('/')[0] ?? '';
  if (seg === 'meeting' || seg === 'panel' || seg === 'stage' || seg === 'channel' || seg === 'config') return seg;
  if (seg === 'side-panel') return 'panel';
  switch (host.frameContext) {
    case 'sidePanel':
      return 'panel';
    case 'meetingStage':
      return 'stage';
    case 'settings':
    case 'remove':
      return 'config';
    case 'content':
      return host.teamsMeetingId ? 'meeting' : 'channel';
    default:
      return 'home';
  }
}

export function queryParam(name: string): string | null {
  return new URLSearchParams(window.location.search).get(name);
}
