/**
 * The one way a use case runs, whoever calls it (Teams activities, card actions, the API, job handlers):
 *
 *   open a transaction → claim the idempotency key (a replay returns the stored result: no second effect)
 *   → run the use case with one context → save the result with the key → commit
 *   → publish the collected events → wake the job runner
 *
 * An error rolls everything back, the key included, so a retry does the work again; nothing is published.
 * A read-only use case gets the store's reads without a transaction. Jobs the use case enqueued were written
 * in its transaction; due ones are handed to this process's runner at commit (bot/jobs/job-handoff.ts), and
 * the wake-up makes the runner look for the rest at once.
 */
import type { DomainEvent, EventBus } from '../../shared/ports/events';
import type { Clock, IdGenerator, Repositories, Store } from '../../shared/ports/store';
import { systemActor, type AppLinks, type Caller, type UseCase, type UseCaseContext } from '../../shared/usecase/context';
import type { Logger } from '../logger';

export interface UseCaseRunnerDeps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  events: EventBus;
  logger: Logger;
  links: AppLinks;
  /** Wakes the job runner after a commit (it may be built after the runner: called late). */
  wake: () => void;
  /** Test hook (config.testCrashAfterCommitOf): SIGKILL this process right after a commit that enqueued this job kind. */
  crashAfterCommitOf?: string;
}

export interface RunOptions {
  /**
   * Run inside a context that is already open (its transaction, its events): for an adapter step that is
   * itself part of a larger use case. No key is claimed and nothing is published here; the outer run does.
   */
  within?: UseCaseContext;
}

export class UseCaseRunner {
  constructor(private readonly deps: UseCaseRunnerDeps) {}

  get tenantId(): string {
    return this.deps.store.tenantId;
  }

  get clock(): Clock {
    return this.deps.clock;
  }

  /** A caller for work the system does on its own (jobs, timers). */
  system(correlationId: string): Caller {
    return { actor: systemActor(this.deps.store.tenantId), correlationId, locale: 'sv' };
  }

  async run<I, O>(caller: Caller, useCase: UseCase<I, O>, input: I, opts: RunOptions = {}): Promise<O> {
    if (opts.within) return useCase({ ...opts.within, actor: caller.actor, locale: caller.locale }, input);
    const events: DomainEvent[] = [];
    if (useCase.readOnly) {
      const out = await useCase(this.context(this.deps.store.read, caller, events, null), input);
      await this.publish(events, caller);
      return out;
    }
    const key = caller.idempotencyKey ?? null;
    const enqueued = this.deps.crashAfterCommitOf ? new Set<string>() : undefined;
    const out = await this.deps.store.transaction(async (tx) => {
      if (key) {
        const prior = await tx.idempotency.claim(key);
        if (prior) return prior.result as O;
      }
      const value = await useCase(this.context(tx, caller, events, key, enqueued), input);
      // An activity's use case returns nothing: the claimed key alone says "handled" (one UPDATE fewer).
      if (key && value !== undefined) await tx.idempotency.saveResult(key, value);
      return value;
    });
    // Test hook: die between the commit and the follow-up (a job handed over at commit has not got further
    // than its first statement by now; its transaction never commits). Off unless configured.
    if (enqueued?.has(this.deps.crashAfterCommitOf!)) process.kill(process.pid, 'SIGKILL');
    await this.publish(events, caller);
    this.deps.wake();
    return out;
  }

  private context(tx: Repositories, caller: Caller, events: DomainEvent[], idempotencyKey: string | null, enqueued?: Set<string>): UseCaseContext {
    const { clock, ids, store } = this.deps;
    return {
      tx,
      actor: caller.actor,
      tenantId: store.tenantId,
      clock,
      ids,
      correlationId: caller.correlationId,
      idempotencyKey,
      locale: caller.locale,
      events,
      links: this.deps.links,
      enqueue: (kind, payload, o = {}) => {
        enqueued?.add(kind);
        return tx.jobs.enqueue({
          kind,
          payload: payload as Record<string, unknown>,
          runAt: o.runAt ?? clock.now().toISOString(),
          ...(o.dedupeKey !== undefined ? { dedupeKey: o.dedupeKey } : {}),
          ...(o.maxAttempts !== undefined ? { maxAttempts: o.maxAttempts } : {}),
        });
      },
    };
  }

  /** After commit. Live updates are best effort: the change is stored and its required work is a job. */
  private async publish(events: readonly DomainEvent[], caller: Caller): Promise<void> {
    if (events.length === 0) return;
    try {
      await this.deps.events.publishAll(events);
    } catch (err) {
      this.deps.logger.warn({ err: (err as Error).message, events: events.map((e) => e.type), correlationId: caller.correlationId }, 'event bus: a committed change was not announced');
    }
  }
}
