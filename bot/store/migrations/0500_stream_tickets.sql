-- Single-purpose tickets for the tab's live-update stream (server-sent events cannot carry an
-- Authorization header). Only the SHA-256 of a ticket is stored; a ticket is bound to one person and one
-- meeting, expires within a minute and is consumed by its first use (atomically, across replicas).
CREATE TABLE stream_tickets (
  tenant_id text NOT NULL,
  ticket_hash text NOT NULL,
  meeting_id text NOT NULL,
  person_id text,
  identity jsonb NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, ticket_hash)
);
CREATE INDEX stream_tickets_expires ON stream_tickets (expires_at);
