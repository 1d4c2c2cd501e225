/** Decisions, votes and reservations over HTTP for the tab: the same services as the decision cards. */
import { z } from 'zod';
import { idSchema } from '../../../shared/contracts/common';
import {
  addReservation,
  confirmDecision,
  confirmDecisionInput,
  editDecision,
  editDecisionInput,
  getDecision,
  listDecisions,
  proposeDecision,
  proposeDecisionInput,
  proposeStandardDecision,
  reopenDecision,
  reopenDecisionInput,
  reservationInput,
  standardDecisionInput,
} from '../../../shared/services/decision-service';
import { moveDecision, moveDecisionInput, recordReservation, recordReservationInput, reservationCandidates, withdrawDecision, withdrawDecisionInput } from '../../../shared/services/decision-corrections';
import { castVote, castVoteInput, closeVote, closeVoteInput, openVote, openVoteInput } from '../../../shared/services/vote-service';
import type { ApiRouter } from '../api-router';
import { runForRequest } from '../request-context';
import type { ApiDeps } from './services';

const meetingParams = z.object({ meetingId: idSchema });
const itemParams = z.object({ meetingId: idSchema, itemId: idSchema });
const decisionParams = z.object({ decisionId: idSchema });

export function registerDecisionRoutes(api: ApiRouter, d: ApiDeps): void {
  const run = runForRequest(d.runner);
  const tag = 'decisions';
  api.add({ method: 'get', path: '/meetings/:meetingId/decisions', tag, summary: 'Decisions of the meeting in agenda order', params: meetingParams, handler: async ({ req, params }) => ({ decisions: await run(req, listDecisions, params) }) });
  api.add({ method: 'post', path: '/meetings/:meetingId/agenda/items/:itemId/decisions', tag, summary: 'Propose a decision text (chair of the item or secretary)', params: itemParams, body: proposeDecisionInput, status: 201, handler: async ({ req, params, body }) => (await run(req, proposeDecision, { ...params, ...body })).decision });
  api.add({ method: 'post', path: '/meetings/:meetingId/agenda/items/:itemId/standard-decisions', tag, summary: 'A standard decision in one tap (Val av justerare sets the meeting’s justerare)', params: itemParams, body: standardDecisionInput, status: 201, handler: async ({ req, params, body }) => (await run(req, proposeStandardDecision, { ...params, ...body })).decision });
  api.add({ method: 'get', path: '/decisions/:decisionId', tag, summary: 'One decision', params: decisionParams, handler: async ({ req, params }) => (await run(req, getDecision, params)).decision });
  api.add({ method: 'patch', path: '/decisions/:decisionId', tag, summary: 'The secretary changes a proposed text (optimistic: a stale version gets 409 with the fresh decision)', params: decisionParams, body: editDecisionInput, handler: async ({ req, params, body }) => (await run(req, editDecision, { ...params, ...body })).decision });
  api.add({ method: 'post', path: '/decisions/:decisionId/confirm', tag, summary: 'The secretary confirms the text word for word', params: decisionParams, body: confirmDecisionInput, handler: async ({ req, params, body }) => (await run(req, confirmDecision, { ...params, ...body })).decision });
  api.add({ method: 'post', path: '/decisions/:decisionId/reopen', tag, summary: 'The secretary reopens a confirmed decision (audited)', params: decisionParams, body: reopenDecisionInput, handler: async ({ req, params, body }) => (await run(req, reopenDecision, { ...params, ...body })).decision });
  api.add({ method: 'post', path: '/decisions/:decisionId/withdraw', tag, summary: 'The secretary withdraws a proposed decision (audited with its text; gone from the minutes)', params: decisionParams, body: withdrawDecisionInput, handler: async ({ req, params, body }) => await run(req, withdrawDecision, { ...params, ...body }) });
  api.add({ method: 'post', path: '/decisions/:decisionId/move', tag, summary: 'The secretary moves a proposed decision to another item of the same meeting', params: decisionParams, body: moveDecisionInput, handler: async ({ req, params, body }) => (await run(req, moveDecision, { ...params, ...body })).decision });
  api.add({ method: 'get', path: '/decisions/:decisionId/reservation-candidates', tag, summary: 'Whom the secretary may record a reservation for: those serving at the item (jäv counted), not yet reserved', params: decisionParams, handler: ({ req, params }) => run(req, reservationCandidates, params) });
  api.add({ method: 'post', path: '/decisions/:decisionId/recorded-reservations', tag, summary: 'The secretary records a serving member’s reservation against a decision', params: decisionParams, body: recordReservationInput, status: 201, handler: async ({ req, params, body }) => (await run(req, recordReservation, { ...params, ...body })).decision });
  api.add({ method: 'post', path: '/decisions/:decisionId/vote', tag, summary: 'Open a vote among the members serving now', params: decisionParams, body: openVoteInput, handler: async ({ req, params, body }) => (await run(req, openVote, { ...params, ...body, announceInChat: true })).decision });
  api.add({ method: 'post', path: '/decisions/:decisionId/vote/votes', tag, summary: 'Cast one’s vote: ja, nej or avstår (final)', params: decisionParams, body: castVoteInput, handler: async ({ req, params, body }) => (await run(req, castVote, { ...params, ...body })).decision });
  api.add({ method: 'post', path: '/decisions/:decisionId/vote/close', tag, summary: 'Close the vote; the result stays with the decision', params: decisionParams, body: closeVoteInput, handler: async ({ req, params, body }) => (await run(req, closeVote, { ...params, ...body })).decision });
  api.add({ method: 'post', path: '/decisions/:decisionId/reservations', tag, summary: 'Reserve oneself against a decision (serving members)', params: decisionParams, body: reservationInput, status: 201, handler: async ({ req, params, body }) => (await run(req, addReservation, { ...params, ...body })).decision });
}
