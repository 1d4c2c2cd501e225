/**
 * Card actions on decisions: propose (free text or one-tap standard), the secretary's confirm / edit /
 * reopen, votes, reservations, jäv, and the decision and vote cards' refresh (per-role views).
 */
import type { Decision } from '../../../shared/domain';
import { RadslagError } from '../../../shared/errors/catalog';
import { loadScene, requireItem } from '../../../shared/services/agenda-access';
import { addReservation, confirmDecision, editDecision, getDecision, proposeDecision, proposeStandardDecision, recordRecusal, reopenDecision, type DecisionScene } from '../../../shared/services/decision-service';
import { withdrawnDecision } from '../../../shared/services/decision-corrections';
import { castVote, closeVote, openVote } from '../../../shared/services/vote-service';
import type { CardActionContext, CardActionRegistry } from '../card-action-dispatch';
import type { AdaptiveCardJson } from '../cards/card-kit';
import { errorCard } from '../cards/error-card';
import { answeringWithPosts, viewFor, type MeetingCardHandler, type MeetingCardOutcome } from '../agenda/card-context';
import { withdrawnDecisionCard } from './withdrawn-decision-card';
import { decisionCardFor, itemCardFor, newCardId, recusalCardFor, reservationCardFor, standardCardFor, viewerFromPolicy, voteCardFor } from '../agenda/meeting-card-views';

/** After a proposal: the source card re-rendered, and the decision card posted for everyone. */
async function proposed(ctx: CardActionContext, source: 'item' | 'standard', cardId: string, decision: Decision): Promise<MeetingCardOutcome> {
  const view = viewFor(ctx);
  const scene = await loadScene(ctx.tx, decision.meetingId);
  const item = requireItem(scene, decision.itemId);
  const card = source === 'item' ? await itemCardFor(ctx.tx, view, scene, item, cardId) : ((await standardCardFor(ctx.tx, view, scene, item, cardId)) ?? (await decisionCardFor(ctx.tx, view, decision, cardId)));
  return { card, post: [await decisionCardFor(ctx.tx, view, decision, `decision:${decision.id}`, 'observer')] };
}

const propose: MeetingCardHandler<'decision.propose'> = async (ctx, data) => {
  const { decision } = await proposeDecision(ctx, { meetingId: data.meetingId, itemId: data.itemId, text: data.decisionText });
  return proposed(ctx, 'item', data.cardId, decision);
};

const standard: MeetingCardHandler<'decision.standard'> = async (ctx, data) => {
  const { decision } = await proposeStandardDecision(ctx, { meetingId: data.meetingId, itemId: data.itemId, standardKey: data.standardKey, justerarePersonIds: data.justerarePersonIds });
  return proposed(ctx, 'standard', data.cardId, decision);
};

/**
 * Two secretaries on one decision: the one whose version is stale gets CONFLICT_STALE *with the fresh
 * decision* — the error on top of the current card, whose buttons carry the current version.
 */
async function orFresh(ctx: CardActionContext, cardId: string, decisionId: string, act: () => Promise<DecisionScene>): Promise<MeetingCardOutcome> {
  const view = viewFor(ctx);
  try {
    // The use case already read the meeting and the actor's policy facts in this transaction: draw with them.
    const done = await act();
    const viewer = done.policy ? viewerFromPolicy(ctx.actor, done.policy) : undefined;
    return { card: await decisionCardFor(ctx.tx, view, done.decision, cardId, viewer, { scene: done.scene, memberships: done.memberships }) };
  } catch (e) {
    if (!(e instanceof RadslagError && e.code === 'CONFLICT_STALE')) throw e;
    const fresh = await decisionCardFor(ctx.tx, view, await ctx.tx.decisions.require(decisionId), cardId);
    const refusal = errorCard({ locale: ctx.locale, code: 'CONFLICT_STALE', correlationId: ctx.correlationId });
    return { card: { ...fresh, body: [...refusal.body, ...fresh.body] } };
  }
}

const confirm: MeetingCardHandler<'decision.confirm'> = async (ctx, data) => orFresh(ctx, data.cardId, data.decisionId, () => confirmDecision(ctx, { decisionId: data.decisionId, version: data.version }));
const edit: MeetingCardHandler<'decision.edit'> = async (ctx, data) => orFresh(ctx, data.cardId, data.decisionId, () => editDecision(ctx, { decisionId: data.decisionId, version: data.version, text: data.decisionText }));
const reopen: MeetingCardHandler<'decision.reopen'> = async (ctx, data) => orFresh(ctx, data.cardId, data.decisionId, () => reopenDecision(ctx, { decisionId: data.decisionId, version: data.version }));

const voteOpen: MeetingCardHandler<'vote.open'> = async (ctx, data) => {
  const { decision } = await openVote(ctx, { decisionId: data.decisionId, version: data.version, question: data.voteQuestion });
  const view = viewFor(ctx);
  const card = await decisionCardFor(ctx.tx, view, decision, data.cardId);
  return { card, post: [await voteCardFor(ctx.tx, { ...view, actor: { ...ctx.actor, personId: null, isAdmin: false } }, decision, `vote:${decision.id}`)] };
};

const voteCast: MeetingCardHandler<'vote.cast'> = async (ctx, data) => {
  const { decision } = await castVote(ctx, { decisionId: data.decisionId, choice: data.choice });
  return { card: await voteCardFor(ctx.tx, viewFor(ctx), decision, data.cardId) };
};

const voteClose: MeetingCardHandler<'vote.close'> = async (ctx, data) => {
  const { decision } = await closeVote(ctx, { decisionId: data.decisionId, version: data.version });
  const view = viewFor(ctx);
  const card = await voteCardFor(ctx.tx, view, decision, data.cardId);
  // After a vote, those who lost it may want to reserve themselves: post the prompt.
  const item = requireItem(await loadScene(ctx.tx, decision.meetingId), decision.itemId);
  return { card, post: [await reservationCardFor(view, item, decision, newCardId('reservation'))] };
};

const reservationAdd: MeetingCardHandler<'reservation.add'> = async (ctx, data) => {
  const { decision } = await addReservation(ctx, { decisionId: data.decisionId, text: data.reservationText });
  return { card: await decisionCardFor(ctx.tx, viewFor(ctx), decision, data.cardId) };
};

const recusalAdd: MeetingCardHandler<'recusal.add'> = async (ctx, data) => {
  await recordRecusal(ctx, { meetingId: data.meetingId, itemId: data.itemId, personId: data.recusalPersonId, note: data.recusalNote });
  const scene = await loadScene(ctx.tx, data.meetingId);
  return { card: await recusalCardFor(ctx.tx, viewFor(ctx), scene, requireItem(scene, data.itemId), data.cardId) };
};

/** The decision, or (withdrawn since its card was posted) the card that says so instead of an error. */
async function orWithdrawn(ctx: CardActionContext, decisionId: string): Promise<Decision | { withdrawn: AdaptiveCardJson }> {
  try {
    return (await getDecision(ctx, { decisionId })).decision;
  } catch (e) {
    if (!(e instanceof RadslagError && e.code === 'NOT_FOUND')) throw e;
    const gone = await withdrawnDecision(ctx, { decisionId });
    return { withdrawn: withdrawnDecisionCard({ locale: ctx.locale, itemNumber: gone.itemNumber }) };
  }
}

export function registerDecisionCardActions(registry: CardActionRegistry): void {
  registry.register('decision.propose', answeringWithPosts('decision.propose', propose));
  registry.register('decision.standard', answeringWithPosts('decision.standard', standard));
  registry.register('decision.confirm', answeringWithPosts('decision.confirm', confirm));
  registry.register('decision.edit', answeringWithPosts('decision.edit', edit));
  registry.register('decision.reopen', answeringWithPosts('decision.reopen', reopen));
  registry.register('vote.open', answeringWithPosts('vote.open', voteOpen));
  registry.register('vote.cast', answeringWithPosts('vote.cast', voteCast));
  registry.register('vote.close', answeringWithPosts('vote.close', voteClose));
  registry.register('reservation.add', answeringWithPosts('reservation.add', reservationAdd));
  registry.register('recusal.add', answeringWithPosts('recusal.add', recusalAdd));
  registry.registerRefresh('decision', async (entityId, ctx) => {
    const decision = await orWithdrawn(ctx, entityId);
    if ('withdrawn' in decision) return decision.withdrawn;
    return decisionCardFor(ctx.tx, viewFor(ctx), decision, `decision:${entityId}`);
  });
  registry.registerRefresh('vote', async (entityId, ctx) => {
    const decision = await orWithdrawn(ctx, entityId);
    if ('withdrawn' in decision) return decision.withdrawn;
    const view = viewFor(ctx);
    return decision.vote ? voteCardFor(ctx.tx, view, decision, `vote:${entityId}`) : decisionCardFor(ctx.tx, view, decision, `vote:${entityId}`);
  });
}
