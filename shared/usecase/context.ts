/**
 * The one contract every use case is written against. A use case is a plain function of this context and
 * one input; the bot's runner (bot/usecase/run-use-case.ts) builds the context, opens the transaction (or
 * gives a read-only one), claims the idempotency key, runs the use case, commits, and only then publishes
 * the collected events and wakes the job runner. A use case that calls another passes its own context on:
 * both act in the same transaction.
 */
import type { Actor } from '../domain';
import type { DomainEvent } from '../ports/events';
import type { Clock, IdGenerator, Job, Repositories } from '../ports/store';
import type { JobKind, JobPayload } from './job-kinds';

export interface EnqueueOptions {
  /** Earliest run time (timers: call-in timeouts, reminders); default now. */
  runAt?: string;
  /** A second enqueue with the same key is a no-op and returns the existing job. */
  dedupeKey?: string;
  maxAttempts?: number;
}

/** Where people read things in the tab: links that messages and cards carry (from the public URL). */
export interface AppLinks {
  minutesUrl(meetingId: string, version: number): string;
}

export interface UseCaseContext {
  /** The transaction (or, for a read-only use case, the store's reads outside one). */
  tx: Repositories;
  /** Who acts: a roster person, an administrator, or the system (personId null). */
  actor: Actor;
  tenantId: string;
  clock: Clock;
  ids: IdGenerator;
  /** Travels into logs and the audit log. */
  correlationId: string;
  /** The key the runner claimed for this call (a card action, an activity, an Idempotency-Key), if any. */
  idempotencyKey: string | null;
  /** The language of whoever reads the answer. */
  locale: 'sv' | 'en';
  /** Published on the event bus after commit (live updates to open tabs); nothing is published on rollback. */
  events: DomainEvent[];
  links: AppLinks;
  /** A durable job written in this transaction: it runs only if the change commits, and surely then. */
  enqueue<K extends JobKind>(kind: K, payload: JobPayload<K>, opts?: EnqueueOptions): Promise<Job>;
}

/** Who calls a use case: what the adapter knows about the request before any data is read. */
export interface Caller {
  actor: Actor;
  correlationId: string;
  locale: 'sv' | 'en';
  /** A stored key that makes a redelivery return the first result without a second effect. */
  idempotencyKey?: string | null;
}

export type UseCase<I, O> = ((ctx: UseCaseContext, input: I) => Promise<O>) & { readonly readOnly?: true };

/**
 * Marks a use case that only reads: the runner gives it the store's reads without a transaction (no
 * BEGIN/COMMIT round trips on the hot read paths) and no idempotency key.
 */
export function readOnly<I, O>(fn: (ctx: UseCaseContext, input: I) => Promise<O>): UseCase<I, O> {
  return Object.assign(fn, { readOnly: true as const });
}

export function nowIso(ctx: Pick<UseCaseContext, 'clock'>): string {
  return ctx.clock.now().toISOString();
}

/** The system acting on its own (jobs, timers, Teams events without a roster person). */
export function systemActor(tenantId: string): Actor {
  return { personId: null, tenantId, isAdmin: false };
}
