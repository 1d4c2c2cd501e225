-- Foundation schema. Every row carries tenant_id: the data belongs to the tenant Rådslag is installed in.
-- Every mutable row carries version for optimistic concurrency (a stale write is refused, never merged).

CREATE TABLE organisations (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL,
  aliases jsonb NOT NULL DEFAULT '[]',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX organisations_tenant_name ON organisations (tenant_id, lower(name));

CREATE TABLE bodies (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL,
  short_name text,
  default_document_kind text NOT NULL DEFAULT 'protokoll',
  teams_team_id text,
  teams_channel_id text,
  absence_contact text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX bodies_tenant_name ON bodies (tenant_id, lower(name));
CREATE INDEX bodies_team ON bodies (tenant_id, teams_team_id);

CREATE TABLE people (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  name text NOT NULL,
  email text,
  aad_object_id text,
  user_principal_name text,
  title text,
  organisation_id text REFERENCES organisations(id),
  is_admin boolean NOT NULL DEFAULT false,
  locale text,
  erased_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX people_tenant_email ON people (tenant_id, lower(email)) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX people_tenant_aad ON people (tenant_id, aad_object_id) WHERE aad_object_id IS NOT NULL;
CREATE INDEX people_tenant_name ON people (tenant_id, lower(name));

CREATE TABLE memberships (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  body_id text NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
  person_id text REFERENCES people(id),
  role text NOT NULL,
  organisation_id text REFERENCES organisations(id),
  title text,
  substitute_order integer,
  substitute_for_person_id text REFERENCES people(id),
  valid_from date,
  valid_to date,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX memberships_body ON memberships (tenant_id, body_id);
CREATE INDEX memberships_person ON memberships (tenant_id, person_id);

CREATE TABLE meetings (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  body_ids jsonb NOT NULL,
  host_body_id text NOT NULL REFERENCES bodies(id),
  title text,
  document_kind text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  time_zone text NOT NULL DEFAULT 'Europe/Stockholm',
  place text,
  mode text NOT NULL,
  status text NOT NULL DEFAULT 'planned',
  started_at timestamptz,
  ended_at timestamptz,
  moved_from_starts_at timestamptz,
  teams jsonb,
  teams_meeting_id text,
  chair_person_id text REFERENCES people(id),
  secretary_person_ids jsonb NOT NULL DEFAULT '[]',
  justerare_person_ids jsonb NOT NULL DEFAULT '[]',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meetings_host_starts ON meetings (tenant_id, host_body_id, starts_at);
CREATE INDEX meetings_starts ON meetings (tenant_id, starts_at);
CREATE UNIQUE INDEX meetings_teams_meeting ON meetings (tenant_id, teams_meeting_id) WHERE teams_meeting_id IS NOT NULL;

-- Joint meetings: which bodies take part (for lookups by body without scanning jsonb).
CREATE TABLE meeting_bodies (
  meeting_id text NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  body_id text NOT NULL REFERENCES bodies(id),
  position integer NOT NULL,
  PRIMARY KEY (meeting_id, body_id)
);
CREATE INDEX meeting_bodies_body ON meeting_bodies (body_id);

CREATE TABLE agenda_items (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  number integer NOT NULL,
  title text NOT NULL,
  presenters jsonb NOT NULL DEFAULT '[]',
  kind text NOT NULL,
  standard_key text,
  attachments jsonb NOT NULL DEFAULT '[]',
  planned_minutes integer,
  status text NOT NULL DEFAULT 'pending',
  notes text NOT NULL DEFAULT '',
  started_at timestamptz,
  ended_at timestamptz,
  carried_from_item_id text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, number);

CREATE TABLE chair_handovers (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  person_id text NOT NULL REFERENCES people(id),
  from_item_number integer NOT NULL,
  to_item_number integer,
  at timestamptz NOT NULL,
  recorded_by text NOT NULL
);
CREATE INDEX chair_handovers_meeting ON chair_handovers (meeting_id);

CREATE TABLE attendance (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  person_id text NOT NULL REFERENCES people(id),
  body_id text REFERENCES bodies(id),
  state text NOT NULL,
  source text NOT NULL,
  replaces_person_id text REFERENCES people(id),
  item_range jsonb,
  part_of_meeting boolean NOT NULL DEFAULT false,
  note text,
  unclassified_guest boolean NOT NULL DEFAULT false,
  updated_by text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (meeting_id, person_id)
);

CREATE TABLE attendance_intervals (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  person_id text NOT NULL REFERENCES people(id),
  from_at timestamptz NOT NULL,
  to_at timestamptz,
  source text NOT NULL
);
CREATE INDEX attendance_intervals_meeting ON attendance_intervals (meeting_id, person_id);

CREATE TABLE decisions (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  item_id text NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
  text text NOT NULL,
  standard_key text,
  status text NOT NULL,
  postponed boolean NOT NULL DEFAULT false,
  proposed_by text NOT NULL,
  proposed_at timestamptz NOT NULL,
  confirmed_by text,
  confirmed_at timestamptz,
  vote jsonb,
  reservations jsonb NOT NULL DEFAULT '[]',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX decisions_meeting ON decisions (meeting_id);
CREATE INDEX decisions_tenant_text ON decisions (tenant_id, confirmed_at);

CREATE TABLE tasks (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  item_id text REFERENCES agenda_items(id) ON DELETE SET NULL,
  text text NOT NULL,
  owner_person_id text REFERENCES people(id),
  owner_name text,
  due_date date,
  status text NOT NULL DEFAULT 'open',
  carried_to_meeting_id text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tasks_meeting ON tasks (meeting_id);

CREATE TABLE recusals (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  item_id text NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
  person_id text NOT NULL REFERENCES people(id),
  note text,
  UNIQUE (item_id, person_id)
);

CREATE TABLE evaluation_entries (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  person_id text REFERENCES people(id),
  worked text,
  hindered text,
  score integer,
  at timestamptz NOT NULL
);
CREATE INDEX evaluation_entries_meeting ON evaluation_entries (meeting_id);

CREATE TABLE upcoming_dates (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  date date NOT NULL,
  note text,
  position integer NOT NULL
);
CREATE INDEX upcoming_dates_meeting ON upcoming_dates (meeting_id);

-- Redelivered activities and card actions must have no second effect: the key is stored in the same
-- transaction as the effect, and the stored result is answered again.
CREATE TABLE idempotency_keys (
  tenant_id text NOT NULL,
  key text NOT NULL,
  result jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  tenant_id text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor_person_id text,
  actor_label text,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  details jsonb NOT NULL DEFAULT '{}',
  correlation_id text
);
CREATE INDEX audit_log_entity ON audit_log (tenant_id, entity, entity_id);
CREATE INDEX audit_log_actor ON audit_log (tenant_id, actor_person_id);

-- Durable jobs: claimed with FOR UPDATE SKIP LOCKED so replicas never run one job twice.
CREATE TABLE jobs (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  state text NOT NULL DEFAULT 'queued',
  run_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 8,
  last_error text,
  result jsonb,
  dedupe_key text,
  locked_by text,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE UNIQUE INDEX jobs_dedupe ON jobs (tenant_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX jobs_due ON jobs (state, run_at);
CREATE INDEX jobs_kind ON jobs (tenant_id, kind, state);

-- Stored Bot Framework conversation references so the bot can message people proactively.
CREATE TABLE conversation_refs (
  tenant_id text NOT NULL,
  key text NOT NULL,
  kind text NOT NULL,
  person_id text,
  body_id text,
  meeting_id text,
  reference jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, key)
);
CREATE INDEX conversation_refs_person ON conversation_refs (tenant_id, person_id);
