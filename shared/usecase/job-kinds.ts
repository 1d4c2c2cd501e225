/**
 * The one table of durable job kinds: each kind's payload as a zod schema. A use case enqueues a job with
 * `ctx.enqueue(kind, payload)` in the transaction of the change that makes the work necessary, so the work
 * is never lost between a commit and an in-process reaction; the bot has exactly one handler per kind
 * (bot/jobs/job-handlers.ts: a kind without a handler does not compile), and the runner parses the payload
 * with the schema here before the handler sees it.
 */
import { z } from 'zod';

const id = z.string().min(1).max(200);

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
  'justering',
  'justeringChannel',
] as const;
export type OutboundCard = (typeof OUTBOUND_CARDS)[number];

const cardModel = z.record(z.string(), z.unknown());

/**
 * What an outbound Teams message says: plain text, a named card with its view model (rendered when sent),
 * or a card rendered already when the action ran (the meeting's own cards: item, decision, vote, tools).
 */
export const outboundMessageSchema = z.union([
  z.object({ text: z.string() }),
  z.object({ card: z.enum(OUTBOUND_CARDS), model: cardModel }),
  z.object({ adaptiveCard: cardModel }),
]);
export type OutboundMessage = z.infer<typeof outboundMessageSchema>;

/** A person (their 1:1 chat with the bot) or a stored conversation (channel, meeting chat, a reply thread). */
export const recipientSchema = z.union([z.object({ personId: id }), z.object({ conversationKey: z.string().min(1).max(1000) })]);
export type Recipient = z.infer<typeof recipientSchema>;

export const sendPayloadSchema = z.object({
  to: recipientSchema,
  message: outboundMessageSchema,
  /** For humans reading the jobs table and logs. */
  purpose: z.string(),
  /** Set by enqueueSend: the order within the enqueuing transaction. */
  sequence: z.number().int().optional(),
  /**
   * Where a 1:1 message cannot reach the person (Teams will not open the chat): post this message in this
   * conversation instead (the council's channel), naming them with an @mention, so the message still reaches
   * them through a team they are in, and the secretary is told where it went.
   */
  fallback: z.object({ conversationKey: z.string().min(1).max(1000), message: outboundMessageSchema }).optional(),
});
export type SendPayload = z.infer<typeof sendPayloadSchema>;

export const JOB_KINDS = {
  /** Every outbound Teams message (replies, proactive 1:1 cards, channel and meeting-chat posts). */
  'teams.send': sendPayloadSchema,
  /** After a channel is bound to a body: read the team's members and match them to the roster. */
  'teams.sync_members': z.object({ teamId: z.string().min(1), serviceUrl: z.string().min(1), tenantId: z.string(), bodyId: id, locale: z.enum(['sv', 'en']) }),
  /** An ersättare did not answer in time: ask the next one. */
  'callin.timeout': z.object({ stepId: id, stepVersion: z.number().int().optional() }),
  /** A Graph publication (minutes post, Teams meeting, attendance import) acting for the secretary. */
  'graph.publish': z.object({ publicationId: id }),
  /** A justerare who has not signed gets the card again, some days before the deadline. */
  'justering.reminder': z.object({ meetingId: id, versionId: id, personId: id, daysBefore: z.number().int() }),
  /** The meeting ended: write the first minutes draft and say so in the channel. */
  'minutes.meeting_end': z.object({ meetingId: id }),
  /** The meeting was moved or cancelled: tell everyone invited. */
  'meeting.change_notices': z.object({ meetingId: id }),
  /** The chair started an item outside the meeting chat (the tab): post its card and tools in the chat. */
  'agenda.announce_item': z.object({ meetingId: id, itemId: id, version: z.number().int() }),
  /** A vote was opened outside the meeting chat (the tab): post the vote card in the chat, so members vote there too. */
  'vote.announce': z.object({ decisionId: id, openedAt: z.string().min(1).max(40) }),
  /** Daily housekeeping: finished jobs older than the retention period are deleted; the next run is queued. */
  'jobs.purge': z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
} as const;

export type JobKind = keyof typeof JOB_KINDS;
export type JobPayload<K extends JobKind> = z.infer<(typeof JOB_KINDS)[K]>;

export function isJobKind(kind: string): kind is JobKind {
  return Object.hasOwn(JOB_KINDS, kind);
}
