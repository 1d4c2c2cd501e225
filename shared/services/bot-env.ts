/**
 * What the conversational use cases (issue 4) run with: one open transaction — the same one that holds the
 * idempotency key of the activity or card action that caused them, so a redelivery has no second effect —
 * plus time, ids, and the events to publish once the transaction has committed.
 */
import type { Actor, Meeting, Person } from '../domain';
import type { DomainEvent } from '../ports/events';
import type { Clock, IdGenerator, Repositories } from '../ports/store';

export interface BotEnv {
  tx: Repositories;
  clock: Clock;
  ids: IdGenerator;
  tenantId: string;
  correlationId: string;
  /** Published by the caller after commit. */
  events: DomainEvent[];
}

export function nowIso(env: BotEnv): string {
  return env.clock.now().toISOString();
}

export function actorFor(person: Person | null, tenantId: string): Actor {
  return { personId: person?.id ?? null, tenantId, isAdmin: person?.isAdmin ?? false };
}

export async function bodyName(env: BotEnv, bodyId: string): Promise<string> {
  return (await env.tx.bodies.get(bodyId))?.name ?? '';
}

/** The small meeting summary every card shows. */
export async function meetingSummary(env: BotEnv, meeting: Meeting): Promise<{ id: string; bodyName: string; startsAt: string; timeZone: string }> {
  return { id: meeting.id, bodyName: await bodyName(env, meeting.bodyIds[0]!), startsAt: meeting.startsAt, timeZone: meeting.timeZone };
}

export function localeOf(person: Person | null | undefined, fallback: 'sv' | 'en' = 'sv'): 'sv' | 'en' {
  return person?.locale ?? fallback;
}
