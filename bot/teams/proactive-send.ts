/**
 * The `teams.send` job: every outbound message (replies, proactive 1:1 cards, channel and meeting-chat posts) goes through
 * here so that it is durable, sent at most about 7 per second per conversation (Teams' documented limit),
 * and retried only on 429/412/502/504 (honouring Retry-After) — any other refusal is final.
 */
import type { ConversationRef, Job, Store } from '../../shared/ports/store';
import { unreachableError, unreachableReasonOf } from '../../shared/services/delivery-failure';
import type { SendPayload } from '../../shared/services/outbox';
import type { TypedJobHandler } from '../jobs/job-handlers';
import { PermanentJobError, RetryLaterError, backoffMs } from '../jobs/job-runner';
import { ConnectorHttpError, type ConnectorClient } from './connector-client';
import { renderActivity } from './render-message';
import type { StoredReference } from './conversation-references';

/** Teams' answers that a later retry can fix; any other refusal is final. */
export const RETRYABLE = new Set([429, 412, 502, 504]);
export const PER_CONVERSATION_PER_SECOND = 7;

/**
 * A sliding one-second window per conversation (per process; replicas each stay under the limit). A send
 * counts from the moment it is started until one second after it completed: counting only its start would
 * let a slow first send and a fast eighth arrive at Teams less than a second apart.
 */
export class ConversationRateLimiter {
  private readonly recent = new Map<string, { at: number }[]>();
  constructor(
    private readonly perSecond = PER_CONVERSATION_PER_SECOND,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when a send to this conversation is allowed; call the returned function when it completed. */
  async take(conversationId: string): Promise<() => void> {
    for (;;) {
      const t = this.now();
      // In-flight sends have at = Infinity and always count.
      const list = (this.recent.get(conversationId) ?? []).filter((x) => t - x.at < 1000);
      if (list.length < this.perSecond) {
        const slot = { at: Number.POSITIVE_INFINITY };
        list.push(slot);
        this.recent.set(conversationId, list);
        return () => {
          slot.at = this.now();
        };
      }
      this.recent.set(conversationId, list);
      const oldest = Math.min(...list.map((x) => x.at));
      const wait = Number.isFinite(oldest) ? 1000 - (t - oldest) + 1 : 20;
      await new Promise((r) => setTimeout(r, Math.max(1, wait)));
    }
  }
}

/**
 * Sends to one recipient run one after another and in the order they were enqueued. The runner starts a
 * claimed batch all at once and in no particular order, so jobs arriving in the same turn of the event loop
 * are sorted by (runAt, createdAt, outbox sequence) before they are chained behind earlier sends.
 */
export class RecipientQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly pending = new Map<string, Array<{ order: string; start: () => void }>>();

  run<T>(key: string, order: string, fn: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let list = this.pending.get(key);
      if (!list) {
        list = [];
        this.pending.set(key, list);
        setImmediate(() => this.flush(key));
      }
      list.push({
        order,
        start: () => {
          const previous = this.tails.get(key) ?? Promise.resolve();
          const next = previous.then(fn, fn);
          const tail = next.catch(() => undefined);
          this.tails.set(key, tail);
          void tail.then(() => {
            if (this.tails.get(key) === tail) this.tails.delete(key);
          });
          next.then(resolve, reject);
        },
      });
    });
  }

  private flush(key: string): void {
    const list = this.pending.get(key) ?? [];
    this.pending.delete(key);
    list.sort((x, y) => (x.order < y.order ? -1 : x.order > y.order ? 1 : 0));
    for (const item of list) item.start();
  }
}

export function createSendJobHandler(deps: { store: Store; client: ConnectorClient; limiter: ConversationRateLimiter; botId: string; queue?: RecipientQueue }): TypedJobHandler<'teams.send'> {
  const queue = deps.queue ?? new RecipientQueue();
  return async (payload, { job }) => {
    const recipient = 'personId' in payload.to ? `person:${payload.to.personId}` : `conv:${payload.to.conversationKey}`;
    const order = `${job.runAt}|${job.createdAt}|${String(payload.sequence ?? 0).padStart(6, '0')}`;
    return queue.run(recipient, order, () => sendOrFallBack(deps, job, payload));
  };
}

type SendDeps = { store: Store; client: ConnectorClient; limiter: ConversationRateLimiter; botId: string };

/**
 * A 1:1 message Teams will not deliver (no chat can be opened with the person) goes to the payload's fallback
 * conversation instead, when it names one. The job's result says so (`via: 'fallback'`), so the secretary is
 * told that the card went to the channel and why; without a fallback the job ends unreachable as before.
 */
async function sendOrFallBack(deps: SendDeps, job: Job, payload: SendPayload): Promise<unknown> {
  try {
    return await sendOne(deps, job, payload);
  } catch (e) {
    const reason = e instanceof PermanentJobError ? unreachableReasonOf(e.message) : null;
    if (!reason || !payload.fallback) throw e;
    const ref = await deps.store.read.conversationRefs.get(payload.fallback.conversationKey);
    if (!ref) throw e;
    const sent = (await sendOne(deps, job, { ...payload, to: { conversationKey: ref.key }, message: payload.fallback.message, fallback: undefined })) as { activityId?: string; conversationId: string };
    return { ...sent, via: 'fallback', reason };
  }
}

async function sendOne(deps: { store: Store; client: ConnectorClient; limiter: ConversationRateLimiter; botId: string }, job: Job, payload: SendPayload): Promise<unknown> {
  const refs = deps.store.read.conversationRefs;
  const ref = 'personId' in payload.to ? ((await refs.findForPerson(payload.to.personId)) ?? (await openPersonalChat(deps, job, payload.to.personId))) : await refs.get(payload.to.conversationKey);
  if (!ref) throw new PermanentJobError(`no conversation reference for ${JSON.stringify(payload.to)}`);
  const reference = ref.reference as unknown as StoredReference;
  let conversationId = reference.conversationId;
  if (!conversationId) {
    if (!reference.userId) throw new PermanentJobError(unreachableError('no_teams_account', 'reference has neither a conversation nor a user id'));
    // A member we know from the team roster but who never wrote to the bot: open the 1:1 chat.
    conversationId = await createChat(deps, job, reference.serviceUrl, { tenantId: reference.tenantId, userId: reference.userId, ...(reference.aadObjectId ? { aadObjectId: reference.aadObjectId } : {}) });
    await refs.upsert({ ...ref, reference: { ...reference, conversationId } });
  }
  try {
    const release = await deps.limiter.take(conversationId);
    try {
      const sent = await deps.client.sendToConversation(reference.serviceUrl, conversationId, renderActivity(payload.message));
      return { activityId: sent.id, conversationId };
    } finally {
      release();
    }
  } catch (e) {
    if (e instanceof ConnectorHttpError) {
      if (RETRYABLE.has(e.status)) throw new RetryLaterError(e.message, e.retryAfterMs ?? backoffMs(job.attempts));
      throw new PermanentJobError(personalSend(payload) ? unreachableError('refused', e.message) : e.message);
    }
    throw e;
  }
}

const personalSend = (payload: SendPayload): boolean => 'personId' in payload.to;

/**
 * createConversation (POST /v3/conversations) for the 1:1 chat; a refusal other than the retryable ones
 * means Teams will not let the bot start the chat (the app is neither installed for the person nor in a
 * team of theirs): final, with the reason the secretary is shown.
 */
async function createChat(deps: { client: ConnectorClient; botId: string }, job: Job, serviceUrl: string, args: { tenantId: string; userId: string; aadObjectId?: string }): Promise<string> {
  try {
    const created = await deps.client.createPersonalConversation(serviceUrl, { ...args, botId: deps.botId });
    if (!created.id) throw new PermanentJobError(unreachableError('not_installed', 'createConversation answered without a conversation id'));
    return created.id;
  } catch (e) {
    if (e instanceof ConnectorHttpError) {
      if (RETRYABLE.has(e.status)) throw new RetryLaterError(e.message, e.retryAfterMs ?? backoffMs(job.attempts));
      throw new PermanentJobError(unreachableError('not_installed', e.message));
    }
    throw e;
  }
}

/**
 * A person the bot has never talked with (no stored 1:1 reference): their Entra object id is enough to
 * open the chat, on the service URL and tenant of a conversation the bot already has in the organisation
 * (Teams serves one tenant from one regional URL). The reference is stored once the chat exists.
 */
async function openPersonalChat(deps: { store: Store; client: ConnectorClient; botId: string }, job: Job, personId: string): Promise<ConversationRef> {
  const person = await deps.store.read.people.get(personId);
  if (!person?.aadObjectId) throw new PermanentJobError(unreachableError('no_teams_account', `person ${personId} has no Entra object id`));
  const known = await knownReference(deps.store);
  if (!known) throw new PermanentJobError(unreachableError('no_teams_contact', 'no stored conversation gives a service URL'));
  const conversationId = await createChat(deps, job, known.serviceUrl, { tenantId: known.tenantId, userId: person.aadObjectId, aadObjectId: person.aadObjectId });
  const ref: ConversationRef = { key: `personal:${person.aadObjectId}`, kind: 'personal', personId, reference: { serviceUrl: known.serviceUrl, tenantId: known.tenantId, conversationType: 'personal', conversationId, aadObjectId: person.aadObjectId } };
  await deps.store.read.conversationRefs.upsert(ref);
  return ref;
}

async function knownReference(store: Store): Promise<StoredReference | null> {
  for (const kind of ['personal', 'channel', 'meeting', 'groupChat'] as const) {
    for (const r of await store.read.conversationRefs.findBy({ kind })) {
      const ref = r.reference as unknown as StoredReference;
      if (ref.serviceUrl && ref.tenantId) return ref;
    }
  }
  return null;
}
