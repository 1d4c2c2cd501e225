-- Issue 15 (finding 9): the audit log is append-only in the store itself, not only by convention in the
-- services. A row, once written, is never updated or deleted, and the table is never truncated.
-- One narrow exception for erasure of personal data (GDPR art. 17): inside a transaction that has run
--   SELECT set_config('radslag.audit_redaction', 'on', true)
-- an UPDATE may change only actor_label and details (to pseudonymise them); the row's id, time, actor id,
-- action and entity stay as they were, and rows are still never deleted.
CREATE OR REPLACE FUNCTION radslag_audit_log_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF coalesce(current_setting('radslag.audit_redaction', true), '') = 'on'
       AND NEW.id = OLD.id AND NEW.tenant_id = OLD.tenant_id AND NEW.at = OLD.at
       AND NEW.actor_person_id IS NOT DISTINCT FROM OLD.actor_person_id AND NEW.action = OLD.action
       AND NEW.entity = OLD.entity AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id
       AND NEW.correlation_id IS NOT DISTINCT FROM OLD.correlation_id THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'radslag: the audit log is append-only (% refused)', TG_OP USING ERRCODE = 'P0001';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION radslag_audit_log_guard();

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION radslag_audit_log_guard();
