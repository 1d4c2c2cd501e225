-- Roster imports and person-match suggestions.
-- A roster import is stored at preview time with what was parsed, the plan and a fingerprint of the roster
-- it was computed against: "apply" applies exactly that plan (or refuses when the roster changed since).
CREATE TABLE roster_imports (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  body_id text NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
  body_ids jsonb NOT NULL,
  format text NOT NULL,
  source_text text NOT NULL,
  options jsonb NOT NULL DEFAULT '{}',
  parsed jsonb NOT NULL,
  plan jsonb NOT NULL,
  basis text NOT NULL,
  status text NOT NULL DEFAULT 'previewed',
  created_by text,
  applied_at timestamptz,
  applied_by text,
  result jsonb,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX roster_imports_body ON roster_imports (tenant_id, body_id, created_at);

-- A listed name that resembles an existing person: never merged until the secretary confirms or rejects it.
-- Confirmed rows are remembered by person_key, so the same spelling is not asked about again.
CREATE TABLE person_match_suggestions (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  import_id text REFERENCES roster_imports(id) ON DELETE CASCADE,
  body_ids jsonb NOT NULL DEFAULT '[]',
  person_key text NOT NULL,
  listed_name text NOT NULL,
  listed_organisation text,
  listed_email text,
  candidates jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT 'open',
  resolved_person_id text REFERENCES people(id) ON DELETE SET NULL,
  resolved_by text,
  resolved_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_match_suggestions_status ON person_match_suggestions (tenant_id, status);
CREATE INDEX person_match_suggestions_key ON person_match_suggestions (tenant_id, person_key);
CREATE INDEX person_match_suggestions_import ON person_match_suggestions (import_id);
