import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp, Json, Timestamp, Version } from './schema-columns';
import type { AbsenceRequestsTable, CallInsTable, CallInStepsTable, KallelseDeliveriesTable, MeetingBotSettingsTable, PersonMatchesTable } from './schema-conversation';
import type { GraphPublicationsTable, GraphTokenCacheTable, JusteringChangeRequestsTable, JusteringSignaturesTable, MinutesLocksTable, MinutesVersionsTable } from './schema-minutes';
import type { PersonMatchSuggestionsTable, RosterImportsTable } from './schema-roster';

export type * from './schema-conversation';
export type * from './schema-minutes';
export type * from './schema-roster';

/** Kysely's view of the tables in migrations/. JSON columns are typed by what the code stores in them. */
export interface OrganisationsTable {
  id: string;
  tenant_id: string;
  name: string;
  kind: string;
  aliases: ColumnType<string[], string | undefined, string>;
  version: Version;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface BodiesTable {
  id: string;
  tenant_id: string;
  name: string;
  kind: string;
  short_name: string | null;
  default_document_kind: ColumnType<string, string | undefined, string>;
  teams_team_id: string | null;
  teams_channel_id: string | null;
  absence_contact: string | null;
  minutes_title_style: string | null;
  agenda_layout: string | null;
  upcoming_placement: string | null;
  service_unit: string | null;
  minutes_draft_readers: ColumnType<string | null, string | null | undefined, string | null>;
  version: Version;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface PeopleTable {
  id: string;
  tenant_id: string;
  name: string;
  email: string | null;
  aad_object_id: string | null;
  user_principal_name: string | null;
  title: string | null;
  organisation_id: string | null;
  is_admin: ColumnType<boolean, boolean | undefined, boolean>;
  locale: string | null;
  erased_at: Timestamp | null;
  version: Version;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface MembershipsTable {
  id: string;
  tenant_id: string;
  body_id: string;
  person_id: string | null;
  role: string;
  organisation_id: string | null;
  title: string | null;
  substitute_order: number | null;
  substitute_for_person_id: string | null;
  valid_from: ColumnType<string | null, string | null | undefined, string | null>;
  valid_to: ColumnType<string | null, string | null | undefined, string | null>;
  position: number | null;
  version: Version;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface MeetingsTable {
  id: string;
  tenant_id: string;
  body_ids: Json<string[]>;
  host_body_id: string;
  title: string | null;
  document_kind: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  time_zone: ColumnType<string, string | undefined, string>;
  place: string | null;
  mode: string;
  status: ColumnType<string, string | undefined, string>;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
  moved_from_starts_at: Timestamp | null;
  teams: Json<Record<string, unknown> | null> | null;
  teams_meeting_id: string | null;
  chair_person_id: string | null;
  secretary_person_ids: Json<string[]>;
  justerare_person_ids: Json<string[]>;
  version: Version;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface MeetingBodiesTable {
  meeting_id: string;
  body_id: string;
  position: number;
}

export interface AgendaItemsTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  number: number;
  title: string;
  presenters: Json<unknown[]>;
  kind: string;
  standard_key: string | null;
  attachments: Json<unknown[]>;
  planned_minutes: number | null;
  status: ColumnType<string, string | undefined, string>;
  notes: ColumnType<string, string | undefined, string>;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
  carried_from_item_id: string | null;
  version: Version;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ChairHandoversTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  person_id: string;
  from_item_number: number;
  to_item_number: number | null;
  at: Timestamp;
  recorded_by: string;
}

export interface AttendanceTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  person_id: string;
  body_id: string | null;
  state: string;
  source: string;
  replaces_person_id: string | null;
  item_range: Json<{ from: number; to: number } | null> | null;
  part_of_meeting: ColumnType<boolean, boolean | undefined, boolean>;
  arrives_at: Timestamp | null;
  leaves_at: Timestamp | null;
  note: string | null;
  unclassified_guest: ColumnType<boolean, boolean | undefined, boolean>;
  updated_by: string | null;
  version: Version;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface AttendanceIntervalsTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  person_id: string;
  from_at: Timestamp;
  to_at: Timestamp | null;
  source: string;
}

export interface DecisionsTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  item_id: string;
  text: string;
  standard_key: string | null;
  status: string;
  postponed: ColumnType<boolean, boolean | undefined, boolean>;
  proposed_by: string;
  proposed_at: Timestamp;
  confirmed_by: string | null;
  confirmed_at: Timestamp | null;
  vote: Json<unknown> | null;
  reservations: Json<unknown[]>;
  version: Version;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface TasksTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  item_id: string | null;
  text: string;
  owner_person_id: string | null;
  owner_name: string | null;
  due_date: ColumnType<string | null, string | null | undefined, string | null>;
  status: ColumnType<string, string | undefined, string>;
  carried_to_meeting_id: string | null;
  version: Version;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface RecusalsTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  item_id: string;
  person_id: string;
  note: string | null;
}

export interface ServingPeriodsTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  body_id: string;
  seat_person_id: string;
  serving_person_id: string;
  from_item: number;
  to_item: number;
}

export interface EvaluationEntriesTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  person_id: string | null;
  worked: string | null;
  hindered: string | null;
  score: number | null;
  at: Timestamp;
}

export interface UpcomingDatesTable {
  id: string;
  tenant_id: string;
  meeting_id: string;
  date: ColumnType<string, string, string>;
  note: string | null;
  position: number;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  key: string;
  result: Json<unknown> | null;
  created_at: DefaultTimestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  tenant_id: string;
  at: DefaultTimestamp;
  actor_person_id: string | null;
  actor_label: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  details: Json<Record<string, unknown>>;
  correlation_id: string | null;
}

export interface JobsTable {
  id: string;
  tenant_id: string;
  kind: string;
  payload: Json<Record<string, unknown>>;
  state: ColumnType<string, string | undefined, string>;
  run_at: DefaultTimestamp;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  result: Json<unknown> | null;
  dedupe_key: string | null;
  locked_by: string | null;
  locked_until: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  finished_at: Timestamp | null;
}

export interface ConversationRefsTable {
  tenant_id: string;
  key: string;
  kind: string;
  person_id: string | null;
  body_id: string | null;
  meeting_id: string | null;
  reference: Json<Record<string, unknown>>;
  updated_at: DefaultTimestamp;
}

/** Live-update stream tickets (hash only; see migrations/0500_stream_tickets.sql). */
export interface StreamTicketsTable {
  tenant_id: string;
  ticket_hash: string;
  meeting_id: string;
  person_id: string | null;
  identity: Json<{ email: string | null; aadObjectId: string | null; name: string | null; method: string }>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: DefaultTimestamp;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: DefaultTimestamp;
}

export interface DB {
  organisations: OrganisationsTable;
  bodies: BodiesTable;
  people: PeopleTable;
  memberships: MembershipsTable;
  meetings: MeetingsTable;
  meeting_bodies: MeetingBodiesTable;
  agenda_items: AgendaItemsTable;
  chair_handovers: ChairHandoversTable;
  attendance: AttendanceTable;
  attendance_intervals: AttendanceIntervalsTable;
  decisions: DecisionsTable;
  tasks: TasksTable;
  recusals: RecusalsTable;
  serving_periods: ServingPeriodsTable;
  evaluation_entries: EvaluationEntriesTable;
  upcoming_dates: UpcomingDatesTable;
  idempotency_keys: IdempotencyKeysTable;
  audit_log: AuditLogTable;
  jobs: JobsTable;
  conversation_refs: ConversationRefsTable;
  schema_migrations: SchemaMigrationsTable;
  stream_tickets: StreamTicketsTable;
  // the conversational half (migrations/0200_teams_bot.sql)
  absence_requests: AbsenceRequestsTable;
  call_ins: CallInsTable;
  call_in_steps: CallInStepsTable;
  meeting_bot_settings: MeetingBotSettingsTable;
  kallelse_deliveries: KallelseDeliveriesTable;
  person_matches: PersonMatchesTable;
  // roster imports (migrations/0100_roster_imports.sql)
  roster_imports: RosterImportsTable;
  person_match_suggestions: PersonMatchSuggestionsTable;
  // minutes, justering, Graph publishing (migrations/0400_minutes.sql)
  minutes_versions: MinutesVersionsTable;
  justering_signatures: JusteringSignaturesTable;
  justering_change_requests: JusteringChangeRequestsTable;
  minutes_locks: MinutesLocksTable;
  graph_publications: GraphPublicationsTable;
  graph_token_cache: GraphTokenCacheTable;
}
