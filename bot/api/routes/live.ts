import { z } from 'zod';
import { idSchema } from '../../../shared/contracts/common';
import { RadslagError } from '../../../shared/errors/catalog';
import type { Store } from '../../../shared/ports/store';
import { authorize, meetingPolicyContext } from '../../../shared/services/access';
import { checkInToMeeting } from '../../../shared/services/attendance-service';
import { meetingOfTeamsMeeting } from '../../../shared/services/binding-service';
import { undoCheckIn } from '../../../shared/services/check-in-service';
import { decisionRegister } from '../../../shared/services/decision-service';
import type { EventStreams } from '../../live/event-streams';
import type { StreamTickets } from '../../live/stream-tickets';
import type { UseCaseRunner } from '../../usecase/run-use-case';
import type { ApiRouter } from '../api-router';
import { checkInInput } from '../../../shared/contracts/attendance';
import { callerOf, runForRequest } from '../request-context';

export interface LiveRouteDeps {
  store: Store;
  runner: UseCaseRunner;
  tickets: StreamTickets;
  streams: EventStreams;
}

const meetingParams = z.object({ meetingId: idSchema });
// Teams meeting ids are base64 ("MCMx…"), may contain = + / after URL decoding.
const teamsMeetingParams = z.object({ teamsMeetingId: z.string().min(4).max(500).regex(/^[A-Za-z0-9+/=_:.@-]+$/) });

/** What the tab needs besides the feature routes: live updates, finding the meeting of a Teams meeting, check-in, the decision register. */
export function registerLiveRoutes(api: ApiRouter, d: LiveRouteDeps): void {
  const run = runForRequest(d.runner);
  api.add({
    method: 'post',
    path: '/stream-tickets',
    tag: 'live',
    summary: 'A one-use ticket (about 60 s) to open the live-update stream of one meeting; the access token never goes into a URL',
    body: z.strictObject({ meetingId: idSchema }),
    status: 201,
    handler: async ({ req, body }) => d.tickets.issue(callerOf(req), req.identity!, body.meetingId),
  });

  api.add({
    method: 'get',
    path: '/meetings/:meetingId/events',
    tag: 'live',
    summary: 'Server-sent events for one meeting (authenticated by ?ticket= from POST /stream-tickets only)',
    params: meetingParams,
    query: z.object({ ticket: z.string().min(1).max(200) }),
    handler: async ({ req, res, params }) => {
      // The ticket check ran before the token check; a bearer-authenticated request is not a stream.
      if (req.identity?.method !== 'stream-ticket') throw new RadslagError('UNAUTHENTICATED');
      const ctx = callerOf(req);
      const meeting = await d.store.read.meetings.require(params.meetingId);
      authorize(ctx.actor, 'meeting.read', await meetingPolicyContext(d.store.read, ctx.actor, meeting));
      d.streams.attach(res, { meetingId: meeting.id, bodyIds: meeting.bodyIds });
      return undefined;
    },
  });

  api.add({
    method: 'get',
    path: '/teams-meetings/:teamsMeetingId',
    tag: 'live',
    summary: 'The Rådslag meeting linked to a Teams meeting (the side panel and stage find their meeting this way)',
    params: teamsMeetingParams,
    handler: async ({ req, params }) => run(req, meetingOfTeamsMeeting, params),
  });

  api.add({
    method: 'post',
    path: '/meetings/:meetingId/check-in',
    tag: 'live',
    summary: '“Jag är på plats”: the caller is present from now (the same use case as the check-in card); a joint meeting: in every body the caller sits in, or the one named',
    params: meetingParams,
    body: checkInInput,
    handler: async ({ req, params, body }) => run(req, checkInToMeeting, { ...params, ...(body?.bodyId ? { bodyId: body.bodyId } : {}) }),
  });

  api.add({
    method: 'delete',
    path: '/meetings/:meetingId/check-in',
    tag: 'live',
    summary: '“Ångra”: the caller’s own check-in is taken back (presence from Teams or the secretary stays)',
    params: meetingParams,
    handler: async ({ req, params }) => ({ attendance: await run(req, undoCheckIn, params) }),
  });

  api.add({
    method: 'get',
    path: '/bodies/:bodyId/decisions',
    tag: 'live',
    summary: 'The decision register of a body: confirmed decisions of its meetings, newest first, optionally searched (?q=)',
    params: z.object({ bodyId: idSchema }),
    query: z.object({ q: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(500).optional() }),
    handler: async ({ req, params, query }) => ({ decisions: await run(req, decisionRegister, { ...params, ...query }) }),
  });
}
