import type { Kysely } from 'kysely';
import { z } from 'zod';
import { idSchema } from '../../../shared/contracts/common';
import { RadslagError } from '../../../shared/errors/catalog';
import type { Clock, IdGenerator, Store } from '../../../shared/ports/store';
import type { DomainEvent, EventBus } from '../../../shared/ports/events';
import { authorize, meetingPolicyContext, rolesOn } from '../../../shared/services/access';
import { checkIn } from '../../../shared/services/attendance-service';
import type { DB } from '../../store/schema';
import type { EventStreams } from '../../live/event-streams';
import type { StreamTickets } from '../../live/stream-tickets';
import type { ApiRouter } from '../api-router';
import { requestContext } from '../request-context';

export interface LiveRouteDeps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  db: Kysely<DB>;
  events: EventBus;
  tickets: StreamTickets;
  streams: EventStreams;
}

const meetingParams = z.object({ meetingId: idSchema });
// Teams meeting ids are base64 ("MCMx…"), may contain = + / after URL decoding.
const teamsMeetingParams = z.object({ teamsMeetingId: z.string().min(4).max(500).regex(/^[A-Za-z0-9+/=_:.@-]+$/) });

/** Issue 7: what the tab needs besides the feature routes — live updates, finding the meeting of a Teams meeting, check-in, the decision register. */
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
    method: 'post',
    path: '/meetings/:meetingId/check-in',
    tag: 'live',
    summary: '“Jag är på plats”: the caller is present from now (the same use case as the check-in card)',
    params: meetingParams,
    handler: async ({ req, params }) => {
      const ctx = requestContext(req);
      if (!ctx.actor.personId) throw new RadslagError('FORBIDDEN', { reasonSv: 'du finns inte i någon deltagarlista', reasonEn: 'you are not on any roster' }, { reason: 'not_member' });
      const events: DomainEvent[] = [];
      const saved = await d.store.transaction(async (tx) => {
        const meeting = await tx.meetings.require(params.meetingId);
        authorize(ctx.actor, 'attendance.checkin', await meetingPolicyContext(tx, ctx.actor, meeting, { isSelf: true }));
        const person = await tx.people.require(ctx.actor.personId!);
        return checkIn({ tx, clock: d.clock, ids: d.ids, tenantId: d.store.tenantId, correlationId: ctx.correlationId, events }, meeting, person);
      });
      for (const e of events) await d.events.publish(e);
      return saved;
    },
  });

  api.add({
    method: 'get',
    path: '/bodies/:bodyId/decisions',
    tag: 'live',
    summary: 'The decision register of a body: confirmed decisions of its meetings, newest first, optionally searched (?q=)',
    params: z.object({ bodyId: idSchema }),
    query: z.object({ q: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(500).optional() }),
    handler: async ({ req, params, query }) => {
      const ctx = requestContext(req);
      await d.store.read.bodies.require(params.bodyId);
      authorize(ctx.actor, 'body.read', { roles: await rolesOn(d.store.read, ctx.actor.personId, [params.bodyId]) });
      return { decisions: await decisionRegister(d.db, d.store.tenantId, params.bodyId, query.q ?? '', query.limit ?? 200) };
    },
  });
}

export interface DecisionRegisterEntry {
  id: string;
  meetingId: string;
  itemId: string;
  text: string;
  status: string;
  confirmedAt: string | null;
  meetingStartsAt: string;
  meetingTitle: string | null;
  itemNumber: number;
  itemTitle: string;
}

/** One indexed query (meeting_bodies → decisions → items), not one per meeting. */
async function decisionRegister(db: Kysely<DB>, tenantId: string, bodyId: string, q: string, limit: number): Promise<DecisionRegisterEntry[]> {
  let query = db
    .selectFrom('decisions as d')
    .innerJoin('meeting_bodies as mb', 'mb.meeting_id', 'd.meeting_id')
    .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
    .innerJoin('agenda_items as i', 'i.id', 'd.item_id')
    .select(['d.id', 'd.meeting_id', 'd.item_id', 'd.text', 'd.status', 'd.confirmed_at', 'm.starts_at', 'm.title as meeting_title', 'i.number', 'i.title as item_title'])
    .where('d.tenant_id', '=', tenantId)
    .where('mb.body_id', '=', bodyId)
    .where('d.status', '=', 'confirmed');
  const needle = q.trim();
  if (needle) {
    // The search text is data, not a pattern: escape LIKE's wildcards.
    const like = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('d.text', 'ilike', like), eb('i.title', 'ilike', like)]));
  }
  const rows = await query.orderBy('m.starts_at', 'desc').orderBy('i.number').limit(limit).execute();
  const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
  return rows.map((r) => ({
    id: r.id,
    meetingId: r.meeting_id,
    itemId: r.item_id,
    text: r.text,
    status: r.status,
    confirmedAt: iso(r.confirmed_at),
    meetingStartsAt: iso(r.starts_at)!,
    meetingTitle: r.meeting_title,
    itemNumber: r.number,
    itemTitle: r.item_title,
  }));
}
