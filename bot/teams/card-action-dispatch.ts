/**
 * Card-action dispatch: the one path every `adaptiveCard/action` invoke (Universal Actions) takes.
 *
 *   invoke adaptiveCard/action
 *     → verb + data parsed with the registry (card-actions.ts: zod per verb, inputs merged)
 *     → tenant check (production: channelData.tenant.id must be config.tenantId)
 *     → actor from `from.aadObjectId` (the roster person with that Entra object id; null when unknown)
 *     → idempotency: `idempotencyKeyFor(...)` claimed in the SAME transaction as the handler's writes;
 *       a redelivered invoke gets the stored card back and nothing runs twice
 *     → handler(data, ctx) → an Adaptive Card
 *     → `{ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card }`
 *   Errors (RadslagError) roll the transaction back (so the key is not kept) and answer an error card in the
 *   user's language (`sv` unless the activity's locale is English). `verb: 'refresh'` is read-only, has no
 *   key, and renders the per-role view registered for its `cardKind`.
 *
 * How other features register (collected in bot/app.ts):
 *
 *   cardActions.register('decision.confirm', async (data, ctx) => {
 *     // data is typed: CardActionData<'decision.confirm'>; write ONLY through ctx.tx (never store.transaction:
 *     // PGlite has one connection, a second transaction would wait for this one forever);
 *     // push domain events to ctx.env.events (published after commit); authorize with ctx.actor.
 *     return decisionCard({...});
 *   });
 *   cardActions.registerRefresh('decision', async (entityId, ctx) => decisionCard({...}));
 *
 * A verb without a handler answers an error card (NOT_CONFIGURED), never a 500.
 */
import type { Activity } from 'botbuilder';
import type { Actor, Person } from '../../shared/domain';
import { RadslagError } from '../../shared/errors/catalog';
import type { EventBus } from '../../shared/ports/events';
import type { Clock, IdGenerator, Repositories, Store } from '../../shared/ports/store';
import type { BotEnv } from '../../shared/services/bot-env';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { idempotencyKeyFor, parseCardAction, type CardActionData, type CardVerb, type RefreshCardKind } from './card-actions';
import type { AdaptiveCardJson } from './cards/card-kit';
import { errorCard } from './cards/error-card';
import { replyKeyFor, teamsMeetingIdOf } from './conversation-references';

export interface CardActionContext {
  /** The transaction that also holds the idempotency key. */
  tx: Repositories;
  env: BotEnv;
  actor: Actor;
  /** The roster person acting (null: the Teams user is not linked to anyone yet). */
  person: Person | null;
  aadObjectId: string;
  locale: 'sv' | 'en';
  correlationId: string;
  /** Stored conversation key of where the card is (1:1, thread, meeting chat), for follow-up messages. */
  conversationKey: string | null;
  teamsMeetingId: string | null;
  activity: Partial<Activity>;
}

export type CardActionHandler<V extends Exclude<CardVerb, 'refresh'>> = (data: CardActionData<V>, ctx: CardActionContext) => Promise<AdaptiveCardJson>;
export type RefreshHandler = (entityId: string, ctx: CardActionContext) => Promise<AdaptiveCardJson>;

export interface CardInvokeResponse {
  statusCode: number;
  type: 'application/vnd.microsoft.card.adaptive';
  value: AdaptiveCardJson;
}

export interface CardActionDispatchDeps {
  config: Config;
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  events: EventBus;
  logger: Logger;
  /** After a commit that may have enqueued jobs (outbound sends). */
  afterCommit?: () => void;
}

const CARD = 'application/vnd.microsoft.card.adaptive' as const;

export class CardActionRegistry {
  private readonly handlers = new Map<string, (data: any, ctx: CardActionContext) => Promise<AdaptiveCardJson>>();
  private readonly refreshers = new Map<RefreshCardKind, RefreshHandler>();

  register<V extends Exclude<CardVerb, 'refresh'>>(verb: V, handler: CardActionHandler<V>): void {
    if (this.handlers.has(verb)) throw new Error(`card action ${verb} is registered twice`);
    this.handlers.set(verb, handler);
  }

  registerRefresh(kind: RefreshCardKind, handler: RefreshHandler): void {
    if (this.refreshers.has(kind)) throw new Error(`refresh ${kind} is registered twice`);
    this.refreshers.set(kind, handler);
  }

  has(verb: string): boolean {
    return this.handlers.has(verb);
  }

  async dispatch(activity: Partial<Activity>, deps: CardActionDispatchDeps): Promise<CardInvokeResponse> {
    const locale: 'sv' | 'en' = /^en/i.test(activity.locale ?? '') ? 'en' : 'sv';
    const correlationId = `card:${activity.id ?? deps.ids.next()}`;
    const answer = (value: AdaptiveCardJson): CardInvokeResponse => ({ statusCode: 200, type: CARD, value });
    const fail = (e: unknown): CardInvokeResponse => {
      if (e instanceof RadslagError) {
        const reason = (e.data as { reason?: string } | undefined)?.reason;
        // A refusal with its own words (reasonSv/reasonEn) keeps them; otherwise the policy's reason text.
        const policyReason = !e.params.reasonSv && reason && ['not_member', 'not_secretary', 'not_chair_or_secretary', 'not_justerare', 'not_serving_member', 'not_self', 'not_admin', 'minutes_locked'].includes(reason) ? (reason as never) : null;
        return answer(errorCard({ locale, code: e.code, params: e.params, policyReason, correlationId }));
      }
      deps.logger.error({ err: (e as Error).message, correlationId }, 'card action failed');
      return answer(errorCard({ locale, code: 'INTERNAL', correlationId }));
    };
    try {
      const value = (activity.value ?? {}) as { action?: { verb?: unknown; data?: unknown } };
      const tenant = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
      if (deps.config.mode === 'production' && tenant !== deps.config.tenantId)
        throw new RadslagError('FORBIDDEN', { reasonSv: 'fel organisation (tenant)', reasonEn: 'wrong tenant' });
      const aadObjectId = activity.from?.aadObjectId;
      if (!aadObjectId) throw new RadslagError('UNAUTHENTICATED');
      const parsed = parseCardAction(value.action?.verb, value.action?.data);
      const events: BotEnv['events'] = [];
      const card = await deps.store.transaction(async (tx) => {
        const person = await tx.people.findByAadObjectId(aadObjectId);
        const env: BotEnv = { tx, clock: deps.clock, ids: deps.ids, tenantId: deps.store.tenantId, correlationId, events };
        const ctx: CardActionContext = {
          tx,
          env,
          actor: { personId: person?.id ?? null, tenantId: deps.store.tenantId, isAdmin: person?.isAdmin ?? false },
          person,
          aadObjectId,
          locale,
          correlationId,
          conversationKey: replyKeyFor(activity),
          teamsMeetingId: teamsMeetingIdOf(activity),
          activity,
        };
        if (parsed.verb === 'refresh') {
          const refresh = this.refreshers.get(parsed.data.cardKind);
          if (!refresh) throw new RadslagError('NOT_CONFIGURED', { feature: `refresh ${parsed.data.cardKind}` });
          return refresh(parsed.data.entityId, ctx);
        }
        const key = idempotencyKeyFor({ verb: parsed.verb, cardId: parsed.data.cardId, userAadObjectId: aadObjectId, data: parsed.data as Record<string, unknown> });
        if (key) {
          const prior = await tx.idempotency.claim(key);
          if (prior) return prior.result as AdaptiveCardJson;
        }
        const handler = this.handlers.get(parsed.verb);
        if (!handler) throw new RadslagError('NOT_CONFIGURED', { feature: parsed.verb });
        const result = await handler(parsed.data, ctx);
        if (key) await tx.idempotency.saveResult(key, result);
        return result;
      });
      for (const e of events) await deps.events.publish(e);
      deps.afterCommit?.();
      return answer(card);
    } catch (e) {
      return fail(e);
    }
  }
}
