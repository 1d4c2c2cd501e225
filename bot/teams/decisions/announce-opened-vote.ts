/**
 * When a vote is opened outside the meeting chat (the tab), its card is posted in the meeting chat, as when it
 * is opened from the decision card: members vote from the chat or the side panel, and both run the same
 * castVote. openVote writes a `vote.announce` job in its own transaction; this handler draws the card in
 * everyone's view (each member gets their own, with Ja / Nej / Avstår, through the card's refresh) and sends it
 * through the one send path. A meeting not linked to Teams, a chat the bot is not in, or a vote already
 * closed by the time the job runs gets nothing.
 */
import { enqueueSend } from '../../../shared/services/outbox';
import type { UseCaseContext } from '../../../shared/usecase/context';
import type { JobPayload } from '../../../shared/usecase/job-kinds';
import type { TypedJobHandler } from '../../jobs/job-handlers';
import type { UseCaseRunner } from '../../usecase/run-use-case';
import { teamsUserIdsFrom, type CardViewContext } from '../agenda/card-context';
import { voteCardFor } from '../agenda/meeting-card-views';

export async function announceOpenedVote(ctx: UseCaseContext, { decisionId, openedAt }: JobPayload<'vote.announce'>): Promise<{ posted: number }> {
  const decision = await ctx.tx.decisions.get(decisionId);
  if (!decision?.vote || decision.vote.closedAt || decision.vote.openedAt !== openedAt) return { posted: 0 };
  const meeting = await ctx.tx.meetings.get(decision.meetingId);
  const key = meeting?.teams?.meetingId ? `meeting:${meeting.teams.meetingId}` : null;
  if (!key || !(await ctx.tx.conversationRefs.get(key))) return { posted: 0 };
  // Drawn for nobody in particular: the chat message has no buttons of its own; refresh gives each viewer theirs.
  const view: CardViewContext = { actor: { ...ctx.actor, personId: null, isAdmin: false }, locale: 'sv', correlationId: `vote-open:${decisionId}`, userId: '', teamsUserIdsFor: teamsUserIdsFrom(ctx) };
  const card = await voteCardFor(ctx.tx, view, decision, `vote:${decision.id}`);
  await enqueueSend(ctx, { to: { conversationKey: key }, message: { adaptiveCard: { ...card } }, purpose: 'vote.open (tab)', dedupeKey: `vote-post:${decisionId}:${openedAt}` });
  return { posted: 1 };
}

export function createAnnounceVoteHandler(runner: UseCaseRunner): TypedJobHandler<'vote.announce'> {
  return (payload, { job }) => runner.run(runner.system(`job:${job.id}`), announceOpenedVote, payload);
}
