-- Minutes versions, justering, the lock, Graph publishing (outbox progress) and the MSAL cache.

-- Every regenerated draft is a new row; a final (justerad) version is never changed again, a rättelse is
-- a new row that supersedes it. content_hash is the sha256 of the canonical text (shared/minutes).
CREATE TABLE minutes_versions (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL REFERENCES meetings(id),
  number integer NOT NULL,
  status text NOT NULL,
  model jsonb NOT NULL,
  html text NOT NULL,
  text text NOT NULL,
  content_hash text NOT NULL,
  created_by text,
  created_at timestamptz NOT NULL,
  supersedes text REFERENCES minutes_versions(id),
  reason text,
  justering_sent_at timestamptz,
  justering_deadline timestamptz,
  locked_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (meeting_id, number)
);
CREATE INDEX minutes_versions_meeting ON minutes_versions (tenant_id, meeting_id, number);

-- One signature per justerare and version ("Justerade: Jari Mehtäläinen 250403"), from Teams or recorded
-- by the secretary for a justering done outside Teams.
CREATE TABLE justering_signatures (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL REFERENCES meetings(id),
  minutes_version_id text NOT NULL REFERENCES minutes_versions(id),
  person_id text NOT NULL REFERENCES people(id),
  signed_at timestamptz NOT NULL,
  method text NOT NULL,
  note text,
  recorded_by text,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (minutes_version_id, person_id)
);

CREATE TABLE justering_change_requests (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL REFERENCES meetings(id),
  minutes_version_id text NOT NULL REFERENCES minutes_versions(id),
  person_id text NOT NULL REFERENCES people(id),
  comment text NOT NULL,
  at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'open',
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX justering_change_requests_meeting ON justering_change_requests (tenant_id, meeting_id);

-- The lock of a meeting whose minutes are justerade. While locked, the database itself refuses changes to
-- the meeting's items (notes), decisions, attendance, intervals, tasks and chair handovers, whatever code
-- path tries (SQLSTATE RSLCK, mapped to LOCKED_FINAL). A rättelse opens it for the secretary and closes it
-- again with the correction version.
CREATE TABLE minutes_locks (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL UNIQUE REFERENCES meetings(id),
  locked boolean NOT NULL,
  final_version_id text REFERENCES minutes_versions(id),
  locked_at timestamptz,
  correction_reason text,
  correction_opened_by text,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION radslag_refuse_locked_minutes() RETURNS trigger AS $$
DECLARE
  mid text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    mid := OLD.meeting_id;
  ELSE
    mid := NEW.meeting_id;
  END IF;
  IF EXISTS (SELECT 1 FROM minutes_locks l WHERE l.meeting_id = mid AND l.locked) THEN
    RAISE EXCEPTION 'minutes of meeting % are locked (justerade)', mid USING ERRCODE = 'RSLCK';
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.meeting_id <> NEW.meeting_id
     AND EXISTS (SELECT 1 FROM minutes_locks l WHERE l.meeting_id = OLD.meeting_id AND l.locked) THEN
    RAISE EXCEPTION 'minutes of meeting % are locked (justerade)', OLD.meeting_id USING ERRCODE = 'RSLCK';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER agenda_items_minutes_lock BEFORE INSERT OR UPDATE OR DELETE ON agenda_items FOR EACH ROW EXECUTE FUNCTION radslag_refuse_locked_minutes();
CREATE TRIGGER decisions_minutes_lock BEFORE INSERT OR UPDATE OR DELETE ON decisions FOR EACH ROW EXECUTE FUNCTION radslag_refuse_locked_minutes();
CREATE TRIGGER attendance_minutes_lock BEFORE INSERT OR UPDATE OR DELETE ON attendance FOR EACH ROW EXECUTE FUNCTION radslag_refuse_locked_minutes();
CREATE TRIGGER attendance_intervals_minutes_lock BEFORE INSERT OR UPDATE OR DELETE ON attendance_intervals FOR EACH ROW EXECUTE FUNCTION radslag_refuse_locked_minutes();
CREATE TRIGGER tasks_minutes_lock BEFORE INSERT OR UPDATE OR DELETE ON tasks FOR EACH ROW EXECUTE FUNCTION radslag_refuse_locked_minutes();
CREATE TRIGGER chair_handovers_minutes_lock BEFORE INSERT OR UPDATE OR DELETE ON chair_handovers FOR EACH ROW EXECUTE FUNCTION radslag_refuse_locked_minutes();

-- Outbox progress of one Graph publication (post + upload, online meeting, attendance import). The job
-- (jobs table, kind graph.*) carries the retries; this row carries what already happened, so a retry
-- after a restart or an ambiguous failure never posts twice.
CREATE TABLE graph_publications (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL REFERENCES meetings(id),
  kind text NOT NULL,
  minutes_version_id text REFERENCES minutes_versions(id),
  acting_person_id text,
  -- The secretary's SSO token (the on-behalf-of assertion), encrypted like the cache: msal-node finds its
  -- cached Graph token by the assertion's hash, so a retry after a restart acts without a new sign-in.
  assertion_ciphertext text,
  client_ref text NOT NULL,
  state text NOT NULL,
  steps jsonb NOT NULL DEFAULT '{}',
  job_id text,
  last_error text,
  requested_at timestamptz NOT NULL,
  done_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, client_ref)
);
CREATE INDEX graph_publications_meeting ON graph_publications (tenant_id, meeting_id);

-- msal-node's token cache per acting person, encrypted (AES-256-GCM, key from MicrosoftAppPassword by HKDF).
CREATE TABLE graph_token_cache (
  tenant_id text NOT NULL,
  cache_key text NOT NULL,
  ciphertext text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, cache_key)
);
