/**
 * Plugs the issue 5 handlers into the card-action registry (bot/teams/card-action-dispatch.ts). The
 * registry runs every action in one transaction that also holds the idempotency key; the services here are
 * bound to that transaction (their own `transaction` joins it) and their events are handed to the
 * dispatcher to publish after commit. Cards to post go out as durable jobs from the same transaction.
 */
import type { DomainEvent, EventBus } from '../../../shared/ports/events';
import type { Clock, IdGenerator, Store } from '../../../shared/ports/store';
import { AgendaService } from '../../../shared/services/agenda-service';
import type { ServiceDeps } from '../../../shared/services/context';
import { DecisionService } from '../../../shared/services/decision-service';
import { EvaluationService } from '../../../shared/services/evaluation-service';
import { TaskService } from '../../../shared/services/task-service';
import { VoteService } from '../../../shared/services/vote-service';
import type { CardActionContext, CardActionRegistry } from '../card-action-dispatch';
import type { CardActionData } from '../card-actions';
import type { AgendaCardContext, AgendaCardOutcome, AgendaHandlerDeps } from './agenda-card-types';
import { agendaCardHandlers } from './agenda-handlers';
import { enqueueAgendaPost } from './agenda-post-job';
import { decisionCardHandlers } from './decision-handlers';

/** Every verb issue 5 handles (refresh of item, decision and vote cards besides). */
export const AGENDA_CARD_VERBS = [
  'item.start',
  'item.finish',
  'item.back',
  'chair.handover',
  'task.create',
  'evaluation.submit',
  'decision.propose',
  'decision.standard',
  'decision.confirm',
  'decision.edit',
  'decision.reopen',
  'vote.open',
  'vote.cast',
  'vote.close',
  'reservation.add',
  'recusal.add',
] as const;
export type AgendaCardVerb = (typeof AGENDA_CARD_VERBS)[number];

export interface AgendaCardActionDeps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
}

/** The services for one card action, inside the dispatcher's transaction. */
export function boundHandlers(base: AgendaCardActionDeps, ctx: CardActionContext) {
  const store: Store = { kind: base.store.kind, tenantId: base.store.tenantId, read: ctx.tx, transaction: (fn) => fn(ctx.tx) };
  const events: EventBus = {
    // Marked so the chat-post listener knows the card action already posted what it needed.
    publish: async (e: DomainEvent) => {
      ctx.env.events.push({ ...e, data: { ...e.data, via: 'card' } });
    },
    subscribe: () => () => undefined,
    close: async () => undefined,
  };
  const deps: ServiceDeps = { store, clock: base.clock, ids: base.ids, events };
  const handlerDeps: AgendaHandlerDeps = {
    store,
    agenda: new AgendaService(deps),
    decisions: new DecisionService(deps),
    votes: new VoteService(deps),
    tasks: new TaskService(deps),
    evaluations: new EvaluationService(deps),
  };
  return { ...agendaCardHandlers(handlerDeps), ...decisionCardHandlers(handlerDeps) };
}

/** The handler's view of the dispatcher's context; Teams user ids for refresh come from stored 1:1 references. */
export function agendaContext(ctx: CardActionContext): AgendaCardContext {
  return {
    actor: ctx.actor,
    locale: ctx.locale,
    correlationId: ctx.correlationId,
    userId: ctx.activity.from?.id ?? '',
    idempotencyKey: null,
    knownPeople: ctx.person ? [ctx.person] : [],
    teamsUserIdsFor: async (personIds) => {
      // One query for everyone on the card (was one per person), answered in the order asked.
      const refs = await ctx.tx.conversationRefs.findForPeople(personIds);
      const out: string[] = [];
      for (const id of personIds) {
        const userId = (refs.get(id)?.reference as { userId?: string } | undefined)?.userId;
        if (userId) out.push(userId);
      }
      return out;
    },
  };
}

async function postAll(base: AgendaCardActionDeps, ctx: CardActionContext, outcome: AgendaCardOutcome, verb: string): Promise<void> {
  if (!outcome.post?.length || !ctx.conversationKey) return;
  for (const [i, card] of outcome.post.entries()) {
    await enqueueAgendaPost(ctx.tx, base.clock, { conversationKey: ctx.conversationKey, card, purpose: verb }, `agenda-post:${ctx.correlationId}:${i}`);
  }
}

export function registerAgendaCardActions(registry: CardActionRegistry, base: AgendaCardActionDeps): void {
  for (const verb of AGENDA_CARD_VERBS) {
    registry.register(verb, async (data: CardActionData<typeof verb>, ctx: CardActionContext) => {
      const handlers = boundHandlers(base, ctx) as unknown as Record<AgendaCardVerb, (c: AgendaCardContext, d: unknown) => Promise<AgendaCardOutcome>>;
      const outcome = await handlers[verb](agendaContext(ctx), data);
      await postAll(base, ctx, outcome, verb);
      return outcome.card;
    });
  }
  registry.registerRefresh('item', async (entityId, ctx) => (await boundHandlers(base, ctx).refreshItem(agendaContext(ctx), { cardId: `item:${entityId}`, entityId })).card);
  registry.registerRefresh('decision', async (entityId, ctx) => (await boundHandlers(base, ctx).refreshDecision(agendaContext(ctx), { cardId: `decision:${entityId}`, entityId })).card);
  registry.registerRefresh('vote', async (entityId, ctx) => (await boundHandlers(base, ctx).refreshVote(agendaContext(ctx), { cardId: `vote:${entityId}`, entityId })).card);
}
