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
}

export async function enqueueSend(tx: Repositories, clock: Clock, send: SendPayload & { dedupeKey: string }): Promise<void> {
  const { dedupeKey, ...payload } = send;
  // runAt from the service clock: the job runner compares with the same clock.
  await tx.jobs.enqueue({ kind: TEAMS_SEND_JOB, payload: payload as unknown as Record<string, unknown>, runAt: clock.now().toISOString(), dedupeKey, maxAttempts: 10 });
}

/** Whether the bot can reach the person in Teams at all (a stored 1:1 reference, or a user id to open one). */
export async function reachable(tx: Repositories, personId: string): Promise<boolean> {
  return (await tx.conversationRefs.findForPerson(personId)) !== null;
}
