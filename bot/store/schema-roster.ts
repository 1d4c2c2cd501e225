/** Kysely's view of roster imports and person-match suggestions (migrations/0100_roster_imports.sql). */
import type { DefaultTimestamp, Json, Timestamp, Version } from './schema-columns';

export interface RosterImportsTable {
  id: string;
  tenant_id: string;
  body_id: string;
  body_ids: Json<string[]>;
  format: string;
  source_text: string;
  options: Json<Record<string, unknown>>;
  parsed: Json<unknown>;
  plan: Json<unknown>;
  basis: string;
  status: string;
  created_by: string | null;
  applied_at: Timestamp | null;
  applied_by: string | null;
  result: Json<unknown> | null;
  version: Version;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PersonMatchSuggestionsTable {
  id: string;
  tenant_id: string;
  import_id: string | null;
  body_ids: Json<string[]>;
  person_key: string;
  listed_name: string;
  listed_organisation: string | null;
  listed_email: string | null;
  candidates: Json<unknown[]>;
  status: string;
  resolved_person_id: string | null;
  resolved_by: string | null;
  resolved_at: Timestamp | null;
  version: Version;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}
