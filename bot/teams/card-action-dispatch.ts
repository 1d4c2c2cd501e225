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
 * The whole action runs as one use case through the runner (bot/usecase/run-use-case.ts): the key is
 * claimed there, and the handler's context is the use case's context plus who pressed and where. A handler
 * maps the card data to use cases called with that context (so they act in the same transaction) and renders
 * the answer. Each feature folder under bot/teams/ registers its verbs (collected in bot/teams/card-verbs.ts):
 *
 *   cardActions.register('decision.confirm', async (data, ctx) => {
 *     // data is typed: CardActionData<'decision.confirm'>
 *     const done = await confirmDecision(ctx, { decisionId: data.decisionId, version: data.version });
 *     return decisionCard({...});
 *   });
 *   cardActions.registerRefresh('decision', async (entityId, ctx) => decisionCard({...}));
 *
 * A verb without a handler answers an error card (NOT_CONFIGURED), never a 500.
 */
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { isSecretary, type Meeting, type Person } from '../../shared/domain';
import { meetingPolicyContext } from '../../shared/services/access';
import { RadslagError } from '../../shared/errors/catalog';
import { actorFor } from '../../shared/services/lookups';
import { systemActor, type UseCaseContext } from '../../shared/usecase/context';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { UseCaseRunner } from '../usecase/run-use-case';
import { idempotencyKeyFor, parseCardAction, type CardActionData, type CardVerb, type RefreshCardKind } from './card-actions';
import type { AdaptiveCardJson } from './cards/card-kit';
import { errorCard } from './cards/error-card';
import { replyKeyFor, teamsMeetingIdOf } from './conversation-references';

/** The use case's context (its transaction also holds the idempotency key) plus who pressed, and where. */
export interface CardActionContext extends UseCaseContext {
  /** The roster person acting (null: the Teams user is not linked to anyone yet). */
  person: Person | null;
  aadObjectId: string;
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
  runner: UseCaseRunner;
  logger: Logger;
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
    const correlationId = `card:${activity.id ?? randomUUID()}`;
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
      const key = parsed.verb === 'refresh' ? null : idempotencyKeyFor({ verb: parsed.verb, cardId: parsed.data.cardId, userAadObjectId: aadObjectId, data: parsed.data as Record<string, unknown> });
      // The presser is read in the action's transaction; until then the caller is nobody in particular.
      const caller = { actor: systemActor(deps.runner.tenantId), correlationId, locale, idempotencyKey: key };
      const card = await deps.runner.run(caller, async (uc: UseCaseContext) => {
        const person = await uc.tx.people.findByAadObjectId(aadObjectId);
        const ctx: CardActionContext = {
          ...uc,
          actor: actorFor(person, uc.tenantId),
          person,
          aadObjectId,
          conversationKey: replyKeyFor(activity),
          teamsMeetingId: teamsMeetingIdOf(activity),
          activity,
        };
        if (parsed.verb === 'refresh') {
          const refresh = this.refreshers.get(parsed.data.cardKind);
          if (!refresh) throw new RadslagError('NOT_CONFIGURED', { feature: `refresh ${parsed.data.cardKind}` });
          return refresh(parsed.data.entityId, ctx);
        }
        const handler = this.handlers.get(parsed.verb);
        if (!handler) throw new RadslagError('NOT_CONFIGURED', { feature: parsed.verb });
        return handler(parsed.data, ctx);
      }, undefined);
      return answer(card);
    } catch (e) {
      return fail(e);
    }
  }
}

/** The presser's roster person, or FORBIDDEN when their Teams account is not linked to anyone yet. */
export function requirePerson(ctx: CardActionContext): Person {
  if (!ctx.person) throw new RadslagError('FORBIDDEN', { reasonSv: 'du är inte kopplad till någon i ledamotslistan ännu', reasonEn: 'you are not linked to anyone on the roster yet' }, { reason: 'not_member' });
  return ctx.person;
}

/** Whether the presser is a secretary of the meeting (or an administrator). */
export async function secretaryOf(ctx: CardActionContext, meeting: Meeting): Promise<boolean> {
  return isSecretary(ctx.actor, await meetingPolicyContext(ctx.tx, ctx.actor, meeting));
}
