import type { Api } from '../api/client';
import { ApiError } from '../api/http';
import type { HostInfo } from '../teams/teams-host';
import { NoMeeting } from '../ui/common';
import { queryParam } from './route';

/** What every page gets from the shell. */
export interface PageProps {
  api: Api;
  host: HostInfo;
}

/** The meeting a meeting page is about: ?meetingId=, else the Rådslag meeting linked to this Teams meeting. */
export async function resolveMeetingId(api: Api, host: HostInfo): Promise<string> {
  const q = queryParam('meetingId');
  if (q) return q;
  if (host.teamsMeetingId) {
    try {
      return (await api.meetingForTeams(host.teamsMeetingId)).meetingId;
    } catch (e) {
      // Not linked yet: say what to do, not "the meeting was not found".
      if (e instanceof ApiError && e.status === 404) throw new NoMeeting();
      throw e;
    }
  }
  throw new NoMeeting();
}
