import { z } from 'zod';
import { idSchema } from '../../../shared/contracts/common';
import { RadslagError } from '../../../shared/errors/catalog';
import type { Clock, Store } from '../../../shared/ports/store';
import type { EventBus } from '../../../shared/ports/events';
import { authorize, meetingPolicyContext } from '../../../shared/services/access';
import type { EventStreams } from '../../live/event-streams';
import type { StreamTickets } from '../../live/stream-tickets';
import type { ApiRouter } from '../api-router';
import { requestContext } from '../request-context';

export interface LiveRouteDeps {
  store: Store;
  clock: Clock;
  events: EventBus;
  tickets: StreamTickets;
  streams: EventStreams;
}

const meetingParams = z.object({ meetingId: idSchema });
// Teams meeting ids are base64 ("MCMx…"), may contain = + / after URL decoding.
const teamsMeetingParams = z.object({ teamsMeetingId: z.string().min(4).max(500).regex(/^[A-Za-z0-9+/=_:.@-]+$/) });
const bindingBody = z.strictObject({
  version: z.number().int().min(1),
  teamsMeetingId: z.string().min(4).max(500).regex(/^[A-Za-z0-9+/=_:.@-]+$/),
  joinUrl: z.url({ protocol: /^https$/ }).max(2000).nullish(),
  chatId: z.string().max(500).nullish(),
});

/** Issue 7: what the tab needs besides the feature routes — live updates and the Teams meeting link. */
export function registerLiveRoutes(api: ApiRouter, d: LiveRouteDeps): void {
  api.add({
    method: 'post',
    path: '/stream-tickets',
    tag: 'live',
    summary: 'A one-use ticket (about 60 s) to open the live-update stream of one meeting; the access token never goes into a URL',
    body: z.strictObject({ meetingId: idSchema }),
    status: 201,
    handler: async ({ req, body }) => d.tickets.issue(requestContext(req), req.identity!, body.meetingId),
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
      const ctx = requestContext(req);
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
    handler: async ({ req, params }) => {
      const ctx = requestContext(req);
      const meeting = await d.store.read.meetings.findByTeamsMeetingId(params.teamsMeetingId);
      if (!meeting) throw new RadslagError('NOT_FOUND', { entity: 'Mötet / The meeting' });
      authorize(ctx.actor, 'meeting.read', await meetingPolicyContext(d.store.read, ctx.actor, meeting));
      return { meetingId: meeting.id };
    },
  });

  api.add({
    method: 'put',
    path: '/meetings/:meetingId/teams-binding',
    tag: 'live',
    summary: 'Link the meeting to its Teams meeting (from the meeting tab’s context)',
    params: meetingParams,
    body: bindingBody,
    handler: async ({ req, params, body }) => {
      const ctx = requestContext(req);
      const saved = await d.store.transaction(async (tx) => {
        const meeting = await tx.meetings.require(params.meetingId);
        authorize(ctx.actor, 'meeting.manage', await meetingPolicyContext(tx, ctx.actor, meeting));
        const other = await tx.meetings.findByTeamsMeetingId(body.teamsMeetingId);
        if (other && other.id !== meeting.id)
          throw new RadslagError('CONFLICT_STATE', { detail: 'Teams-mötet är redan kopplat till ett annat möte / the Teams meeting is already linked to another meeting' });
        const next = {
          ...meeting,
          version: body.version,
          teams: { ...(meeting.teams ?? {}), meetingId: body.teamsMeetingId, joinUrl: body.joinUrl ?? meeting.teams?.joinUrl ?? null, chatId: body.chatId ?? meeting.teams?.chatId ?? null },
        };
        const updated = await tx.meetings.update(next);
        await tx.audit.record({ actorPersonId: ctx.actor.personId, action: 'meeting.teams_link', entity: 'meeting', entityId: meeting.id, details: { teamsMeetingId: body.teamsMeetingId }, correlationId: ctx.correlationId });
        return updated;
      });
      await d.events.publish({ type: 'meeting.updated', meetingId: saved.id, data: { version: saved.version } });
      return saved;
    },
  });
}
