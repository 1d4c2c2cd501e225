/** What the API answers about the caller and the live-update stream. */
import type { MembershipRole, Person } from '../domain';

/** GET /me: who the caller is, their roster person and roles. */
export interface Me {
  identity: { email: string | null; name: string | null; method: 'entra' | 'local' | 'stream-ticket' };
  person: Person | null;
  isAdmin: boolean;
  roles: { bodyId: string; role: MembershipRole }[];
}

/** POST /stream-tickets: a one-use ticket for one meeting's live-update stream. */
export interface IssuedTicket {
  ticket: string;
  meetingId: string;
  expiresAt: string;
  /** Where to connect: the events URL with the ticket, relative to the API base. */
  url: string;
}
