-- The conversational half (binding, kallelse, förhinder, call-in, meeting events).
-- Every table is tenant-scoped and versioned like the foundation's.

-- A förhinder the bot could not place with certainty: nothing is recorded until the person answers the
-- question card. The request keeps what was understood so the answer can complete it.
CREATE TABLE absence_requests (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  person_id text NOT NULL REFERENCES people(id),
  text text NOT NULL,
  understood jsonb NOT NULL,
  candidate_meeting_ids jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT 'open',
  resolved_meeting_id text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX absence_requests_person ON absence_requests (tenant_id, person_id, status);

-- One chain per absent person and meeting: who is asked to serve (ersättare) or to chair (vice ordförande).
CREATE TABLE call_ins (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  body_id text NOT NULL REFERENCES bodies(id),
  absent_person_id text NOT NULL REFERENCES people(id),
  organisation_id text,
  purpose text NOT NULL,
  status text NOT NULL,
  named_substitute_person_id text REFERENCES people(id),
  filled_by_person_id text REFERENCES people(id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (meeting_id, absent_person_id, purpose)
);

CREATE TABLE call_in_steps (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  call_in_id text NOT NULL REFERENCES call_ins(id) ON DELETE CASCADE,
  position integer NOT NULL,
  person_id text NOT NULL REFERENCES people(id),
  state text NOT NULL,
  asked_at timestamptz,
  answered_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (call_in_id, person_id)
);
CREATE INDEX call_in_steps_chain ON call_in_steps (call_in_id, position);

-- Per-meeting bot settings the secretary sets (call-in timeout) and the kallelse state.
CREATE TABLE meeting_bot_settings (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL UNIQUE REFERENCES meetings(id) ON DELETE CASCADE,
  callin_timeout_minutes integer NOT NULL DEFAULT 1440,
  kallelse_sent_at timestamptz,
  kallelse_sent_for_starts_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Whom the kallelse reached (or could not reach) in Teams.
CREATE TABLE kallelse_deliveries (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  person_id text NOT NULL REFERENCES people(id),
  status text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (meeting_id, person_id)
);

-- A Teams user matched to a roster person by name only: confirmed once before it counts.
CREATE TABLE person_matches (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  aad_object_id text NOT NULL,
  teams_name text NOT NULL,
  person_id text NOT NULL REFERENCES people(id),
  status text NOT NULL DEFAULT 'open',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_matches_aad ON person_matches (tenant_id, aad_object_id);
