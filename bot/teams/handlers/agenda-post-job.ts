/**
 * The `agenda.post_card` job: a card that a meeting action posts as a new message in the meeting chat (the
 * decision card after a proposal, the next item's card, the vote card). The card is rendered when the action
 * runs (it is already validated and under 28 KB) and sent through the Bot Connector with the stored
 * reference of that conversation. Durable and retried like every outbound send: only 429/412/502/504 retry.
 */
import type { Repositories, Store } from '../../../shared/ports/store';
import type { Clock } from '../../../shared/ports/store';
import { PermanentJobError, RetryLaterError, backoffMs, type JobHandler } from '../../jobs/job-runner';
import type { AdaptiveCardJson } from '../cards/card-kit';
import { ConnectorHttpError, type ConnectorClient } from '../connector-client';
import type { StoredReference } from '../conversation-references';

export const AGENDA_POST_JOB = 'agenda.post_card';
const RETRYABLE = new Set([429, 412, 502, 504]);

export interface AgendaPostPayload {
  conversationKey: string;
  card: AdaptiveCardJson;
  purpose: string;
}

/** Enqueued in the transaction of the action, so a rolled-back action posts nothing. */
export async function enqueueAgendaPost(tx: Repositories, clock: Clock, payload: AgendaPostPayload, dedupeKey: string): Promise<void> {
  await tx.jobs.enqueue({ kind: AGENDA_POST_JOB, payload: payload as unknown as Record<string, unknown>, runAt: clock.now().toISOString(), dedupeKey, maxAttempts: 10 });
}

export function createAgendaPostJobHandler(deps: { store: Store; client: ConnectorClient }): JobHandler {
  return async (job) => {
    const payload = job.payload as unknown as AgendaPostPayload;
    const ref = await deps.store.read.conversationRefs.get(payload.conversationKey);
    const reference = ref?.reference as unknown as StoredReference | undefined;
    if (!reference?.conversationId) throw new PermanentJobError(`no conversation for ${payload.conversationKey}`);
    try {
      const sent = await deps.client.sendToConversation(reference.serviceUrl, reference.conversationId, {
        type: 'message',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: payload.card }],
      });
      return { activityId: sent.id };
    } catch (e) {
      if (e instanceof ConnectorHttpError) {
        if (RETRYABLE.has(e.status)) throw new RetryLaterError(e.message, e.retryAfterMs ?? backoffMs(job.attempts));
        throw new PermanentJobError(e.message);
      }
      throw e;
    }
  };
}
