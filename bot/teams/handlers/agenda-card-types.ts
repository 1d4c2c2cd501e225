/**
 * The plain signature the issue 5 card-action handlers are written against: what the dispatcher tells a
 * handler (who pressed, in which language, with which idempotency key) and what it gets back (the card that
 * replaces the pressed one, and cards to post in the same conversation). Thin by design: map → service → card.
 */
import type { Actor, Person } from '../../../shared/domain';
import type { Store } from '../../../shared/ports/store';
import type { AgendaService } from '../../../shared/services/agenda-service';
import type { DecisionService } from '../../../shared/services/decision-service';
import type { EvaluationService } from '../../../shared/services/evaluation-service';
import type { TaskService } from '../../../shared/services/task-service';
import type { VoteService } from '../../../shared/services/vote-service';
import type { CardActionData, CardVerb } from '../card-actions';
import type { AdaptiveCardJson } from '../cards/card-kit';

export interface AgendaCardContext {
  actor: Actor;
  locale: 'sv' | 'en';
  correlationId: string;
  /** The presser's Teams user id ("29:…"), always listed for refresh. */
  userId: string;
  /** From idempotencyKeyFor; null for refresh. */
  idempotencyKey: string | null;
  /**
   * Teams user ids for people (for a card's refresh list), resolved from the conversation's members; the
   * dispatcher supplies it. Absent → only the presser is listed.
   */
  teamsUserIdsFor?: (personIds: readonly string[]) => Promise<string[]>;
  /** People already read for this request (the presser): a card naming only them needs no lookup. */
  knownPeople?: readonly Person[];
}

export interface AgendaCardOutcome {
  /** Replaces the pressed card for the presser (the Universal Actions invoke response). */
  card: AdaptiveCardJson;
  /** Posted as new messages in the same conversation (e.g. the decision card after a proposal). */
  post?: AdaptiveCardJson[];
}

export type AgendaCardHandler<V extends CardVerb> = (ctx: AgendaCardContext, data: CardActionData<V>) => Promise<AgendaCardOutcome>;

export interface AgendaHandlerDeps {
  store: Store;
  agenda: AgendaService;
  decisions: DecisionService;
  votes: VoteService;
  tasks: TaskService;
  evaluations: EvaluationService;
}
