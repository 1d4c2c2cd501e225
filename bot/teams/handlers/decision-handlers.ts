/**
 * Card actions on decisions: propose (free text or one-tap standard), the secretary's confirm / edit /
 * reopen, votes, reservations, jäv, and the decision and vote cards' refresh (per-role views).
 */
import type { Decision } from '../../../shared/domain';
import type { DecisionScene } from '../../../shared/services/decision-service';
import { RadslagError } from '../../../shared/errors/catalog';
import { errorCard } from '../cards/error-card';
import { loadScene, requireItem } from '../../../shared/services/agenda-access';
import type { AgendaCardContext, AgendaCardHandler, AgendaHandlerDeps, AgendaCardOutcome } from './agenda-card-types';
import { decisionCardFor, itemCardFor, newCardId, recusalCardFor, reservationCardFor, standardCardFor, viewerFromPolicy, voteCardFor } from './agenda-views';

export function decisionCardHandlers(deps: AgendaHandlerDeps) {
  const repos = deps.store.read;

  /** After a proposal: the source card re-rendered, and the decision card posted for everyone. */
  async function proposed(ctx: AgendaCardContext, source: 'item' | 'standard', cardId: string, decision: Decision, replayed: boolean): Promise<AgendaCardOutcome> {
    const scene = await loadScene(repos, decision.meetingId);
    const item = requireItem(scene, decision.itemId);
    const card = source === 'item' ? await itemCardFor(repos, ctx, scene, item, cardId) : ((await standardCardFor(repos, ctx, scene, item, cardId)) ?? (await decisionCardFor(repos, ctx, decision, cardId)));
    if (replayed) return { card };
    return { card, post: [await decisionCardFor(repos, ctx, decision, `decision:${decision.id}`, 'observer')] };
  }

  const propose: AgendaCardHandler<'decision.propose'> = async (ctx, data) => {
    const { decision, replayed } = await deps.decisions.propose(ctx, data.meetingId, data.itemId, { text: data.decisionText });
    return proposed(ctx, 'item', data.cardId, decision, replayed);
  };

  const standard: AgendaCardHandler<'decision.standard'> = async (ctx, data) => {
    const { decision, replayed } = await deps.decisions.proposeStandard(ctx, data.meetingId, data.itemId, { standardKey: data.standardKey, justerarePersonIds: data.justerarePersonIds });
    return proposed(ctx, 'standard', data.cardId, decision, replayed);
  };

  /**
   * Two secretaries on one decision: the one whose version is stale gets CONFLICT_STALE *with the fresh
   * decision* — the error on top of the current card, whose buttons carry the current version.
   */
  async function orFresh(ctx: AgendaCardContext, cardId: string, decisionId: string, act: () => Promise<DecisionScene>): Promise<AgendaCardOutcome> {
    try {
      // The service already read the meeting and the actor's policy facts in this transaction: draw with them.
      const done = await act();
      const viewer = done.policy ? viewerFromPolicy(ctx.actor, done.policy) : undefined;
      return { card: await decisionCardFor(repos, ctx, done.decision, cardId, viewer, { scene: done.scene, memberships: done.memberships }) };
    } catch (e) {
      if (!(e instanceof RadslagError && e.code === 'CONFLICT_STALE')) throw e;
      const fresh = await decisionCardFor(repos, ctx, await repos.decisions.require(decisionId), cardId);
      const refusal = errorCard({ locale: ctx.locale, code: 'CONFLICT_STALE', correlationId: ctx.correlationId });
      return { card: { ...fresh, body: [...refusal.body, ...fresh.body] } };
    }
  }

  const confirm: AgendaCardHandler<'decision.confirm'> = async (ctx, data) =>
    orFresh(ctx, data.cardId, data.decisionId, () => deps.decisions.confirm(ctx, data.decisionId, { version: data.version }));

  const edit: AgendaCardHandler<'decision.edit'> = async (ctx, data) =>
    orFresh(ctx, data.cardId, data.decisionId, () => deps.decisions.edit(ctx, data.decisionId, { version: data.version, text: data.decisionText }));

  const reopen: AgendaCardHandler<'decision.reopen'> = async (ctx, data) =>
    orFresh(ctx, data.cardId, data.decisionId, () => deps.decisions.reopen(ctx, data.decisionId, { version: data.version }));

  const voteOpen: AgendaCardHandler<'vote.open'> = async (ctx, data) => {
    const { decision, replayed } = await deps.votes.open(ctx, data.decisionId, { version: data.version, question: data.voteQuestion });
    const card = await decisionCardFor(repos, ctx, decision, data.cardId);
    return replayed ? { card } : { card, post: [await voteCardFor(repos, { ...ctx, actor: { ...ctx.actor, personId: null, isAdmin: false } }, decision, `vote:${decision.id}`)] };
  };

  const voteCast: AgendaCardHandler<'vote.cast'> = async (ctx, data) => {
    const { decision } = await deps.votes.cast(ctx, data.decisionId, { choice: data.choice });
    return { card: await voteCardFor(repos, ctx, decision, data.cardId) };
  };

  const voteClose: AgendaCardHandler<'vote.close'> = async (ctx, data) => {
    const { decision, replayed } = await deps.votes.close(ctx, data.decisionId, { version: data.version });
    const card = await voteCardFor(repos, ctx, decision, data.cardId);
    if (replayed) return { card };
    // After a vote, those who lost it may want to reserve themselves: post the prompt.
    const item = requireItem(await loadScene(repos, decision.meetingId), decision.itemId);
    return { card, post: [await reservationCardFor(ctx, item, decision, newCardId('reservation'))] };
  };

  const reservationAdd: AgendaCardHandler<'reservation.add'> = async (ctx, data) => {
    const { decision } = await deps.decisions.addReservation(ctx, data.decisionId, { text: data.reservationText });
    return { card: await decisionCardFor(repos, ctx, decision, data.cardId) };
  };

  const recusalAdd: AgendaCardHandler<'recusal.add'> = async (ctx, data) => {
    await deps.decisions.recordRecusal(ctx, data.meetingId, { itemId: data.itemId, personId: data.recusalPersonId, note: data.recusalNote });
    const scene = await loadScene(repos, data.meetingId);
    return { card: await recusalCardFor(repos, ctx, scene, requireItem(scene, data.itemId), data.cardId) };
  };

  const refreshDecision = async (ctx: AgendaCardContext, data: { cardId: string; entityId: string }) => {
    const { decision } = await deps.decisions.get(ctx, data.entityId);
    return { card: await decisionCardFor(repos, ctx, decision, data.cardId) };
  };

  const refreshVote = async (ctx: AgendaCardContext, data: { cardId: string; entityId: string }) => {
    const { decision } = await deps.decisions.get(ctx, data.entityId);
    if (!decision.vote) return { card: await decisionCardFor(repos, ctx, decision, data.cardId) };
    return { card: await voteCardFor(repos, ctx, decision, data.cardId) };
  };

  return {
    'decision.propose': propose,
    'decision.standard': standard,
    'decision.confirm': confirm,
    'decision.edit': edit,
    'decision.reopen': reopen,
    'vote.open': voteOpen,
    'vote.cast': voteCast,
    'vote.close': voteClose,
    'reservation.add': reservationAdd,
    'recusal.add': recusalAdd,
    refreshDecision,
    refreshVote,
  };
}
