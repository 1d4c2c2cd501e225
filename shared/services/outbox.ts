/**
 * Outbound Teams messages as durable jobs. Use cases never talk to Teams: they describe a message (plain
 * text, a named card with its view model, or a card already rendered) and a recipient, and enqueue a
 * `teams.send` job in the same transaction as the effect that caused it. The bot renders and sends it
 * (bot/teams/proactive-send.ts), with a per-conversation rate limit and retries on 429/412/502/504 only. A
 * dedupe key makes a second enqueue of the same message (a redelivered activity, a re-run job) a no-op.
 */
import type { Person } from '../domain';
import type { Clock, Repositories } from '../ports/store';
import type { UseCaseContext } from '../usecase/context';
import type { SendPayload } from '../usecase/job-kinds';
import type { UnreachableReason } from './delivery-failure';

export { OUTBOUND_CARDS, type OutboundCard, type OutboundMessage, type Recipient, type SendPayload } from '../usecase/job-kinds';

/** Sends enqueued so far per open transaction (its repositories object lives as long as it does). */
const sequences = new WeakMap<Repositories, number>();

/**
 * runAt from the service clock (the job runner compares with the same clock), made unique and increasing
 * within one transaction by a microsecond offset *before* now: the runner claims by run_at, so the messages
 * of one effect (a greeting, then the binding card) go out in the order they were enqueued, and all are due.
 */
function nextSequence(tx: Repositories): number {
  const n = (sequences.get(tx) ?? 0) + 1;
  sequences.set(tx, n);
  return n;
}

function orderedRunAt(n: number, clock: Clock): string {
  const base = clock.now().getTime() - 1;
  const iso = new Date(base).toISOString(); // …sss Z
  return `${iso.slice(0, -1)}${String(Math.min(n, 999)).padStart(3, '0')}Z`;
}

export async function enqueueSend(ctx: Pick<UseCaseContext, 'tx' | 'clock' | 'enqueue'>, send: Omit<SendPayload, 'sequence'> & { dedupeKey: string }): Promise<void> {
  const { dedupeKey, ...rest } = send;
  const sequence = nextSequence(ctx.tx);
  await ctx.enqueue('teams.send', { ...rest, sequence }, { runAt: orderedRunAt(sequence, ctx.clock), dedupeKey, maxAttempts: 10 });
}

/** Whether the bot can reach the person in Teams at all (a stored 1:1 reference, or a user id to open one). */
export async function reachable(tx: Repositories, personId: string): Promise<boolean> {
  return (await tx.conversationRefs.findForPerson(personId)) !== null;
}

/**
 * Whether a 1:1 card can be tried at all, or why not: a stored 1:1 reference, or the person's Entra object id
 * and a conversation the bot has in the organisation (where the send job opens the chat with
 * createConversation, bot/teams/proactive-send.ts). A refusal by Teams shows up later on the send job.
 * Built once for everyone a kallelse goes to: their 1:1 references in one query, and whether the bot has any
 * conversation in the organisation read at most once, however many are invited.
 */
export async function personalReachOf(tx: Repositories, people: readonly Pick<Person, 'id' | 'aadObjectId'>[]): Promise<(personId: string) => UnreachableReason | null> {
  const personal = await tx.conversationRefs.findForPeople(people.map((p) => p.id));
  const aad = new Map(people.map((p) => [p.id, p.aadObjectId ?? null]));
  let orgContact: Promise<boolean> | null = null;
  const reasons = new Map<string, UnreachableReason | null>();
  for (const p of people) {
    if (personal.has(p.id)) reasons.set(p.id, null);
    else if (!aad.get(p.id)) reasons.set(p.id, 'no_teams_account');
    else reasons.set(p.id, (await (orgContact ??= hasOrganisationContact(tx))) ? null : 'no_teams_contact');
  }
  return (personId) => {
    if (!reasons.has(personId)) throw new Error(`personalReachOf: ${personId} was not among the people it was built for`);
    return reasons.get(personId)!;
  };
}

/** Whether the bot holds any conversation in the organisation with the service URL to open a chat from (few channels first). */
async function hasOrganisationContact(tx: Repositories): Promise<boolean> {
  for (const kind of ['channel', 'meeting', 'groupChat', 'personal'] as const)
    for (const r of await tx.conversationRefs.findBy({ kind })) {
      const ref = r.reference as { serviceUrl?: string; tenantId?: string };
      if (ref.serviceUrl && ref.tenantId) return true;
    }
  return false;
}
