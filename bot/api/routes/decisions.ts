/** Decisions, votes and reservations over HTTP for the tab: the same services as the decision cards. */
import { z } from 'zod';
import { idSchema } from '../../../shared/contracts/common';
import { confirmDecisionInput, editDecisionInput, proposeDecisionInput, reopenDecisionInput, reservationInput, standardDecisionInput } from '../../../shared/services/decision-service';
import { castVoteInput, closeVoteInput, openVoteInput } from '../../../shared/services/vote-service';
import type { ApiRouter } from '../api-router';
import { requestContext } from '../request-context';
import { effectContext } from './agenda-effect-context';
import type { ApiServices } from './services';

const meetingParams = z.object({ meetingId: idSchema });
const itemParams = z.object({ meetingId: idSchema, itemId: idSchema });
const decisionParams = z.object({ decisionId: idSchema });

export function registerDecisionRoutes(api: ApiRouter, s: ApiServices): void {
  const tag = 'decisions';
  api.add({ method: 'get', path: '/meetings/:meetingId/decisions', tag, summary: 'Decisions of the meeting in agenda order', params: meetingParams, handler: async ({ req, params }) => ({ decisions: await s.decisions.list(requestContext(req), params.meetingId) }) });
  api.add({ method: 'post', path: '/meetings/:meetingId/agenda/items/:itemId/decisions', tag, summary: 'Propose a decision text (chair of the item or secretary)', params: itemParams, body: proposeDecisionInput, status: 201, handler: async ({ req, params, body }) => (await s.decisions.propose(effectContext(req), params.meetingId, params.itemId, body)).decision });
  api.add({ method: 'post', path: '/meetings/:meetingId/agenda/items/:itemId/standard-decisions', tag, summary: 'A standard decision in one tap (Val av justerare sets the meeting’s justerare)', params: itemParams, body: standardDecisionInput, status: 201, handler: async ({ req, params, body }) => (await s.decisions.proposeStandard(effectContext(req), params.meetingId, params.itemId, body)).decision });
  api.add({ method: 'get', path: '/decisions/:decisionId', tag, summary: 'One decision', params: decisionParams, handler: async ({ req, params }) => (await s.decisions.get(requestContext(req), params.decisionId)).decision });
  api.add({ method: 'patch', path: '/decisions/:decisionId', tag, summary: 'The secretary changes a proposed text (optimistic: a stale version gets 409 with the fresh decision)', params: decisionParams, body: editDecisionInput, handler: async ({ req, params, body }) => (await s.decisions.edit(requestContext(req), params.decisionId, body)).decision });
  api.add({ method: 'post', path: '/decisions/:decisionId/confirm', tag, summary: 'The secretary confirms the text word for word', params: decisionParams, body: confirmDecisionInput, handler: async ({ req, params, body }) => (await s.decisions.confirm(requestContext(req), params.decisionId, body)).decision });
  api.add({ method: 'post', path: '/decisions/:decisionId/reopen', tag, summary: 'The secretary reopens a confirmed decision (audited)', params: decisionParams, body: reopenDecisionInput, handler: async ({ req, params, body }) => (await s.decisions.reopen(requestContext(req), params.decisionId, body)).decision });
  api.add({ method: 'post', path: '/decisions/:decisionId/vote', tag, summary: 'Open a vote among the members serving now', params: decisionParams, body: openVoteInput, handler: async ({ req, params, body }) => (await s.votes.open(effectContext(req), params.decisionId, body)).decision });
  api.add({ method: 'post', path: '/decisions/:decisionId/vote/votes', tag, summary: 'Cast one’s vote: ja, nej or avstår (final)', params: decisionParams, body: castVoteInput, handler: async ({ req, params, body }) => (await s.votes.cast(effectContext(req), params.decisionId, body)).decision });
  api.add({ method: 'post', path: '/decisions/:decisionId/vote/close', tag, summary: 'Close the vote; the result stays with the decision', params: decisionParams, body: closeVoteInput, handler: async ({ req, params, body }) => (await s.votes.close(effectContext(req), params.decisionId, body)).decision });
  api.add({ method: 'post', path: '/decisions/:decisionId/reservations', tag, summary: 'Reserve oneself against a decision (serving members)', params: decisionParams, body: reservationInput, status: 201, handler: async ({ req, params, body }) => (await s.decisions.addReservation(effectContext(req), params.decisionId, body)).decision });
}
