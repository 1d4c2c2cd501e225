/** Kysely's view of the minutes tables: versions, justering, the lock, Graph publishing and the MSAL cache (migrations/0400_minutes.sql). */
import type { DefaultTimestamp, Json, Timestamp, Version } from './schema-columns';

export interface MinutesVersionsTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  number: number;
  status: string;
  model: Json<unknown>;
  html: string;
  text: string;
  content_hash: string;
  created_by: string | null;
  created_at: Timestamp;
  supersedes: string | null;
  reason: string | null;
  justering_sent_at: Timestamp | null;
  justering_deadline: Timestamp | null;
  locked_at: Timestamp | null;
  version: Version;
  updated_at: DefaultTimestamp;
}

export interface JusteringSignaturesTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  minutes_version_id: string;
  person_id: string;
  signed_at: Timestamp;
  method: string;
  note: string | null;
  recorded_by: string | null;
  version: Version;
  updated_at: DefaultTimestamp;
}

export interface JusteringChangeRequestsTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  minutes_version_id: string;
  person_id: string;
  comment: string;
  at: Timestamp;
  status: string;
  version: Version;
  updated_at: DefaultTimestamp;
}

export interface MinutesLocksTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  locked: boolean;
  final_version_id: string | null;
  locked_at: Timestamp | null;
  correction_reason: string | null;
  correction_opened_by: string | null;
  version: Version;
  updated_at: DefaultTimestamp;
}

export interface GraphPublicationsTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  kind: string;
  minutes_version_id: string | null;
  acting_person_id: string | null;
  assertion_ciphertext: string | null;
  client_ref: string;
  state: string;
  steps: Json<unknown>;
  job_id: string | null;
  last_error: string | null;
  requested_at: Timestamp;
  done_at: Timestamp | null;
  version: Version;
  updated_at: DefaultTimestamp;
}

export interface GraphTokenCacheTable {
  tenant_id: string;
  cache_key: string;
  ciphertext: string;
  updated_at: DefaultTimestamp;
}
