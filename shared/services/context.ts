import type { Actor } from '../domain';
import type { EventBus } from '../ports/events';
import type { Clock, IdGenerator, Store } from '../ports/store';

/** What every use case gets: the store, time, ids, the bus, and who is acting. */
export interface ServiceDeps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  events: EventBus;
}

export interface RequestContext {
  actor: Actor;
  /** Travels into logs and the audit log. */
  correlationId: string;
  locale: 'sv' | 'en';
}
