import { createHash, randomBytes } from 'node:crypto';
import type { IssuedTicket } from '../../shared/contracts/caller-views';
import { RadslagError } from '../../shared/errors/catalog';
import type { Clock, Store } from '../../shared/ports/store';
import { authorize, meetingPolicyContext } from '../../shared/services/access';
import type { Caller } from '../../shared/usecase/context';
import type { Identity } from '../api/request-context';

/** A ticket is for connecting only: it must be used within this time, and only once. */
export const STREAM_TICKET_TTL_MS = 60_000;

export const hashTicket = (ticket: string): string => createHash('sha256').update(ticket, 'utf8').digest('hex');

export type { IssuedTicket } from '../../shared/contracts/caller-views';

/**
 * Issues and redeems live-update stream tickets. The access token never goes into a URL: the tab asks for
 * a ticket with its token (POST, Authorization header), then opens the event stream with the ticket.
 */
export class StreamTickets {
  constructor(private readonly deps: { store: Store; clock: Clock }) {}

  async issue(ctx: Pick<Caller, 'actor'>, identity: Identity, meetingId: string): Promise<IssuedTicket> {
    const repos = this.deps.store.read;
    const meeting = await repos.meetings.require(meetingId);
    authorize(ctx.actor, 'meeting.read', await meetingPolicyContext(repos, ctx.actor, meeting));
    const ticket = randomBytes(32).toString('base64url');
    const now = this.deps.clock.now();
    const expiresAt = new Date(now.getTime() + STREAM_TICKET_TTL_MS).toISOString();
    await repos.streamTickets.create({
      ticketHash: hashTicket(ticket),
      meetingId,
      personId: ctx.actor.personId,
      identity: { email: identity.email, aadObjectId: identity.aadObjectId, name: identity.name, method: identity.method },
      expiresAt,
    });
    // Housekeeping on the write path keeps the table small without a timer; an hour of slack is harmless.
    await repos.streamTickets.purgeExpired(new Date(now.getTime() - 3_600_000));
    return { ticket, meetingId, expiresAt, url: `/api/v1/meetings/${encodeURIComponent(meetingId)}/events?ticket=${ticket}` };
  }

  /** Consumes the ticket for this meeting; throws UNAUTHENTICATED when unknown, used, expired or for another meeting. */
  async redeem(ticket: string, meetingId: string): Promise<Identity> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(ticket)) throw new RadslagError('UNAUTHENTICATED');
    const found = await this.deps.store.read.streamTickets.consume(hashTicket(ticket), this.deps.clock.now());
    if (!found || found.meetingId !== meetingId) throw new RadslagError('UNAUTHENTICATED');
    return {
      tenantId: this.deps.store.tenantId,
      aadObjectId: found.identity.aadObjectId,
      email: found.identity.email,
      name: found.identity.name,
      method: 'stream-ticket',
    };
  }
}
