-- Integrity of the minutes in the store itself, not only in the services.
-- A written minutes version never changes its content (model, html, text, hash, status, number): a rättelse
-- is a new version. Only its justering bookkeeping (sent, deadline, locked_at once) may be written.
-- A final (justerad) or locked version, and a recorded justering signature, are never deleted or altered:
-- justerade protokoll are public records (allmänna handlingar).
CREATE OR REPLACE FUNCTION radslag_minutes_version_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'final' OR OLD.locked_at IS NOT NULL THEN
      RAISE EXCEPTION 'radslag: minutes version % is justerad and cannot be deleted', OLD.id USING ERRCODE = 'P0001';
    END IF;
    RETURN OLD;
  END IF;
  IF NEW.model IS DISTINCT FROM OLD.model OR NEW.html IS DISTINCT FROM OLD.html OR NEW.text IS DISTINCT FROM OLD.text
     OR NEW.content_hash IS DISTINCT FROM OLD.content_hash OR NEW.status IS DISTINCT FROM OLD.status
     OR NEW.number IS DISTINCT FROM OLD.number OR NEW.meeting_id IS DISTINCT FROM OLD.meeting_id
     OR NEW.tenant_id IS DISTINCT FROM OLD.tenant_id OR NEW.created_at IS DISTINCT FROM OLD.created_at
     OR NEW.created_by IS DISTINCT FROM OLD.created_by OR NEW.supersedes IS DISTINCT FROM OLD.supersedes THEN
    RAISE EXCEPTION 'radslag: the content of minutes version % cannot be changed (write a new version)', OLD.id USING ERRCODE = 'P0001';
  END IF;
  IF OLD.locked_at IS NOT NULL AND NEW.locked_at IS DISTINCT FROM OLD.locked_at THEN
    RAISE EXCEPTION 'radslag: minutes version % is locked', OLD.id USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER minutes_versions_guard BEFORE UPDATE OR DELETE ON minutes_versions
  FOR EACH ROW EXECUTE FUNCTION radslag_minutes_version_guard();

CREATE OR REPLACE FUNCTION radslag_justering_signature_guard() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'radslag: a recorded justering signature cannot be changed or removed' USING ERRCODE = 'P0001';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER justering_signatures_guard BEFORE UPDATE OR DELETE ON justering_signatures
  FOR EACH ROW EXECUTE FUNCTION radslag_justering_signature_guard();
