import type { ColumnType } from 'kysely';
import type { DefaultTimestamp, Json, Timestamp, Version } from './schema-columns';

export interface AbsenceRequestsTable {
  id: string;
  tenant_id: string;
  person_id: string;
  text: string;
  understood: Json<Record<string, unknown>>;
  candidate_meeting_ids: Json<string[]>;
  status: string;
  resolved_meeting_id: string | null;
  version: Version;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface CallInsTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  body_id: string;
  absent_person_id: string;
  organisation_id: string | null;
  purpose: string;
  status: string;
  named_substitute_person_id: string | null;
  filled_by_person_id: string | null;
  version: Version;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface CallInStepsTable {
  id: string;
  tenant_id: string;
  call_in_id: string;
  position: number;
  person_id: string;
  state: string;
  asked_at: Timestamp | null;
  answered_at: Timestamp | null;
  put_in_by_secretary: ColumnType<boolean, boolean | undefined, boolean>;
  version: Version;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface MeetingBotSettingsTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  callin_timeout_minutes: number;
  kallelse_sent_at: Timestamp | null;
  kallelse_sent_for_starts_at: Timestamp | null;
  version: Version;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface KallelseDeliveriesTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  person_id: string;
  status: string;
  version: Version;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PersonMatchesTable {
  id: string;
  tenant_id: string;
  aad_object_id: string;
  teams_name: string;
  person_id: string;
  status: string;
  version: Version;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}
