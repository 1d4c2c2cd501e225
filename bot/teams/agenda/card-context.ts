/**
 * What the meeting's cards (items, decisions, votes, the chair's tools) are drawn for, and what a card
 * action on them answers: the card that replaces the pressed one, and cards to post in the same chat.
 */
import type { Actor, Person } from '../../../shared/domain';
import { enqueueSend } from '../../../shared/services/outbox';
import type { CardActionContext, CardActionHandler } from '../card-action-dispatch';
import type { CardActionData, CardVerb } from '../card-actions';
import type { AdaptiveCardJson } from '../cards/card-kit';

export interface CardViewContext {
  actor: Actor;
  locale: 'sv' | 'en';
  correlationId: string;
  /** The presser's Teams user id ("29:…"), always listed for refresh. */
  userId: string;
  /** Teams user ids for people (a card's refresh list); absent → only the presser is listed. */
  teamsUserIdsFor?: (personIds: readonly string[]) => Promise<string[]>;
  /** People already read for this request (the presser): a card naming only them needs no lookup. */
  knownPeople?: readonly Person[];
}

export interface MeetingCardOutcome {
  /** Replaces the pressed card for the presser (the Universal Actions invoke response). */
  card: AdaptiveCardJson;
  /** Posted as new messages in the same conversation (e.g. the decision card after a proposal). */
  post?: AdaptiveCardJson[];
}

export type MeetingCardHandler<V extends CardVerb> = (ctx: CardActionContext, data: CardActionData<V>) => Promise<MeetingCardOutcome>;

/** Teams user ids of people from their stored 1:1 references, in one query, in the order asked. */
export function teamsUserIdsFrom(ctx: Pick<CardActionContext, 'tx'>): (personIds: readonly string[]) => Promise<string[]> {
  return async (personIds) => {
    const refs = await ctx.tx.conversationRefs.findForPeople(personIds);
    const out: string[] = [];
    for (const id of personIds) {
      const userId = (refs.get(id)?.reference as { userId?: string } | undefined)?.userId;
      if (userId) out.push(userId);
    }
    return out;
  };
}

/** The presser's view of the cards. */
export function viewFor(ctx: CardActionContext): CardViewContext {
  return {
    actor: ctx.actor,
    locale: ctx.locale,
    correlationId: ctx.correlationId,
    userId: ctx.activity.from?.id ?? '',
    knownPeople: ctx.person ? [ctx.person] : [],
    teamsUserIdsFor: teamsUserIdsFrom(ctx),
  };
}

/** Cards to post go out through the one send path, in the action's transaction (a rollback posts nothing). */
export async function postInChat(ctx: CardActionContext, outcome: MeetingCardOutcome, purpose: string): Promise<void> {
  if (!outcome.post?.length || !ctx.conversationKey) return;
  for (const [i, card] of outcome.post.entries()) {
    await enqueueSend(ctx, { to: { conversationKey: ctx.conversationKey }, message: { adaptiveCard: { ...card } }, purpose, dedupeKey: `agenda-post:${ctx.correlationId}:${i}` });
  }
}

/** A meeting card handler as the registry takes it: its posts go out with the answer. */
export function answeringWithPosts<V extends Exclude<CardVerb, 'refresh'>>(verb: V, handler: MeetingCardHandler<V>): CardActionHandler<V> {
  return async (data, ctx) => {
    const outcome = await handler(ctx, data);
    await postInChat(ctx, outcome, verb);
    return outcome.card;
  };
}
