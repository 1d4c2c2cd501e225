/** What the API answers about a meeting's minutes (GET /meetings/:id/minutes and the version routes). */
import type { MinutesVersionStatus } from '../domain/minutes-records';
import type { MinutesChanges } from '../minutes/minutes-changes';
import type { MinutesModel } from '../minutes/minutes-model';

/** What the tab lists: a version without its (large) model and html. */
export interface MinutesVersionSummary {
  number: number;
  status: MinutesVersionStatus;
  contentHash: string;
  createdAt: string;
  createdBy: string | null;
  supersedes: number | null;
  reason: string | null;
  justeringSentAt: string | null;
  justeringDeadline: string | null;
  lockedAt: string | null;
  /** Who made it, by name (the overview fills it in; null for the draft made when the meeting ended). */
  createdByName?: string | null;
  /** What it changed against the version before it (the overview fills it in). */
  changes?: MinutesChanges;
}

/** How the justering card to one person fared: sent, still on its way, or not reachable (with the reason). */
export type CardDelivery = { state: 'delivered' | 'sending' } | { state: 'delivered_in_channel' | 'unreachable'; reason: string; reasonSv: string; reasonEn: string };

export interface MinutesOverview {
  meetingId: string;
  locked: boolean;
  correctionOpen: boolean;
  finalVersion: number | null;
  versions: MinutesVersionSummary[];
  /** The latest version (what the tab shows). */
  current: { id: string; version: number; status: MinutesVersionStatus; model: MinutesModel; html: string; createdAt: string; contentHash: string } | null;
  /** One line per justerare of the version out for justering (or of the final version's draft). */
  justering: { personId: string; name: string; signedAt: string | null; method: string | null; status: 'signed' | 'pending'; delivery?: CardDelivery | null }[];
  /** The version out for justering, if any, with who signed and who has not. */
  justeringRound: { version: number; deadline: string | null; signed: { personId: string; name: string; signedAt: string; method: string }[]; pending: { personId: string; name: string; delivery?: CardDelivery | null }[]; changeRequests: { personId: string; name: string; comment: string; at: string; status: string }[] } | null;
  /** A live preview from the current data (not stored), for the secretary. */
  preview: { html: string; text: string } | null;
}

/** GET /meetings/:id/minutes as the route answers it: the overview, and for the secretary the outbox. */
export interface MinutesState extends MinutesOverview {
  outbox?: { id: string; kind: string; version: number | null; state: string; lastError: string | null; updatedAt: string }[] | undefined;
  published?: boolean | undefined;
}
