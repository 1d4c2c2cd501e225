/**
 * Outbound Teams messages as durable jobs. Services never talk to Teams: they describe a message (plain
 * text, or a named card with its view model) and a recipient, and enqueue a `teams.send` job in the same
 * transaction as the effect that caused it. The bot renders the card and sends it (bot/teams/proactive-send.ts),
 * with a per-conversation rate limit and retries on 429/412/502/504 only. A dedupe key makes a second
 * enqueue of the same message (a redelivered activity, a re-run job) a no-op.
 */
import type { Clock, Repositories } from '../ports/store';

/** Card names the bot knows how to render (bot/teams/render-message.ts). */
export const OUTBOUND_CARDS = [
  'welcome',
  'bindingChooser',
  'meetingLinkConfirm',
  'matchConfirm',
  'kallelseChannel',
  'kallelseRsvp',
  'absenceConfirmation',
  'whichMeeting',
  'notUnderstood',
  'absenceNote',
  'callIn',
  'callInChain',
  'checkin',
  'secretaryNotice',
  'error',
  // issue 6
  'justering',
] as const;
export type OutboundCard = (typeof OUTBOUND_CARDS)[number];

export type OutboundMessage = { text: string } | { card: OutboundCard; model: Record<string, unknown> };

/** A person (their 1:1 chat with the bot) or a stored conversation (channel, meeting chat, a reply thread). */
export type Recipient = { personId: string } | { conversationKey: string };

export const TEAMS_SEND_JOB = 'teams.send';

export interface SendPayload {
  to: Recipient;
  message: OutboundMessage;
  /** For humans reading the jobs table and logs. */
  purpose: string;
  /** Set by enqueueSend: the order within the enqueuing transaction. */
  sequence?: number;
}

const SEQUENCE = Symbol('outbox sequence');

/**
 * runAt from the service clock (the job runner compares with the same clock), made unique and increasing
 * within one transaction by a microsecond offset *before* now: the runner claims by run_at, so the messages
 * of one effect (a greeting, then the binding card) go out in the order they were enqueued, and all are due.
 */
function nextSequence(tx: Repositories): number {
  const holder = tx as unknown as Record<symbol, number>;
  const n = (holder[SEQUENCE] ?? 0) + 1;
  holder[SEQUENCE] = n;
  return n;
}

function orderedRunAt(n: number, clock: Clock): string {
  const base = clock.now().getTime() - 1;
  const iso = new Date(base).toISOString(); // …sss Z
  return `${iso.slice(0, -1)}${String(Math.min(n, 999)).padStart(3, '0')}Z`;
}

export async function enqueueSend(tx: Repositories, clock: Clock, send: SendPayload & { dedupeKey: string }): Promise<void> {
  const { dedupeKey, ...rest } = send;
  const sequence = nextSequence(tx);
  const payload: SendPayload = { ...rest, sequence };
  await tx.jobs.enqueue({ kind: TEAMS_SEND_JOB, payload: payload as unknown as Record<string, unknown>, runAt: orderedRunAt(sequence, clock), dedupeKey, maxAttempts: 10 });
}

/** Whether the bot can reach the person in Teams at all (a stored 1:1 reference, or a user id to open one). */
export async function reachable(tx: Repositories, personId: string): Promise<boolean> {
  return (await tx.conversationRefs.findForPerson(personId)) !== null;
}
