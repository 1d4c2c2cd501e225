import type { Id, Instant } from './council';
import type { JusteringMethod, MinutesModel } from '../minutes/minutes-model';

/**
 * Stored records of the minutes (migrations/0400_minutes.sql). A minutes version is immutable once
 * written except for its justering bookkeeping (sent, deadline, locked); a rättelse is a new version.
 */
export type MinutesVersionStatus = 'draft' | 'final' | 'correction';

export interface MinutesVersion {
  id: Id;
  tenantId: string;
  meetingId: Id;
  /** 1, 2, 3 … per meeting. */
  number: number;
  status: MinutesVersionStatus;
  model: MinutesModel;
  html: string;
  text: string;
  /** sha256 (hex) of canonicalMinutesText(model). */
  contentHash: string;
  createdBy: Id | null;
  createdAt: Instant;
  /** The version this one replaces (a rättelse supersedes the final version). */
  supersedes: Id | null;
  /** Why a rättelse was made. */
  reason: string | null;
  justeringSentAt: Instant | null;
  justeringDeadline: Instant | null;
  lockedAt: Instant | null;
  version: number;
}

export interface JusteringSignatureRecord {
  id: Id;
  tenantId: string;
  meetingId: Id;
  minutesVersionId: Id;
  personId: Id;
  signedAt: Instant;
  method: JusteringMethod;
  /** "Justerat den 2024-10-01 via e-post" as the secretary wrote it. */
  note: string | null;
  recordedBy: Id | null;
  version: number;
}

export interface JusteringChangeRequest {
  id: Id;
  tenantId: string;
  meetingId: Id;
  minutesVersionId: Id;
  personId: Id;
  comment: string;
  at: Instant;
  status: 'open' | 'resolved';
  version: number;
}

export interface MinutesLock {
  id: Id;
  tenantId: string;
  meetingId: Id;
  locked: boolean;
  finalVersionId: Id | null;
  lockedAt: Instant | null;
  correctionReason: string | null;
  correctionOpenedBy: Id | null;
  version: number;
}

export type GraphPublicationKind = 'minutes.post' | 'meeting.create' | 'attendance.import';
export type GraphPublicationState = 'queued' | 'running' | 'done' | 'failed' | 'skipped';

/** What already happened, so a retry continues instead of repeating. */
export interface GraphPublicationSteps {
  channel?: { teamId: string; channelId: string };
  /** The .docx in the channel's files folder. */
  upload?: { driveItemId: string; webUrl: string; path: string; bytes: number; at: Instant };
  /** The POST of the message was sent but its answer was not seen (timeout, reset, restart). */
  postAttemptedAt?: Instant;
  post?: { messageId: string; webUrl: string | null; at: Instant; summarised: boolean };
  event?: { eventId: string; joinUrl: string | null; onlineMeetingId: string | null; at: Instant };
  eventAttemptedAt?: Instant;
  attendance?: { reports: number; records: number; matched: number; unmatched: string[]; at: Instant };
  /** Why nothing was sent (local mode without credentials, no channel). */
  skippedReason?: string;
}

export interface GraphPublication {
  id: Id;
  tenantId: string;
  meetingId: Id;
  kind: GraphPublicationKind;
  minutesVersionId: Id | null;
  actingPersonId: Id | null;
  assertionCiphertext: string | null;
  /** Stable reference of this publication, also written into the channel post. */
  clientRef: string;
  state: GraphPublicationState;
  steps: GraphPublicationSteps;
  jobId: Id | null;
  lastError: string | null;
  requestedAt: Instant;
  doneAt: Instant | null;
  version: number;
}
