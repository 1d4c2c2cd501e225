import type { DomainEvent } from '../../shared/ports/events';
import type { Job } from '../../shared/ports/store';

/**
 * The live event a finished job announces, if any. A justering card's send decides what the secretary's tab
 * shows under that justerare ("kortet har kommit fram" / "nås inte i Teams"), so its end is a minutes event
 * of the card's meeting; the tab refetches the minutes on it (no polling while a card is on its way).
 */
export function eventAfterJob(job: Job, state: 'done' | 'failed' | 'dead'): DomainEvent | null {
  if (job.kind !== 'teams.send' || !job.dedupeKey?.startsWith('justering.card:')) return null;
  const message = job.payload.message as { card?: string; model?: { meeting?: { id?: unknown }; cardId?: unknown } } | undefined;
  const meetingId = message?.card === 'justering' ? message.model?.meeting?.id : undefined;
  if (typeof meetingId !== 'string') return null;
  const to = job.payload.to as { personId?: unknown } | undefined;
  return { type: 'minutes.justering_delivery', meetingId, data: { personId: typeof to?.personId === 'string' ? to.personId : null, state } };
}
