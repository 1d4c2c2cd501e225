-- One attendance row per person per meeting, guaranteed by the store again. Per-body rows keyed attendance by
-- (meeting, person, body), which let a single-body meeting take a second row for a person (one listed under
-- no body, one under the body, or two bodies). A person may have several rows only in a joint meeting, one per
-- body, and never next to a row listed under no body. No write path can add the second row: the trigger
-- refuses it with a unique-violation code, as the dropped constraint did. The advisory lock serialises the
-- check per (meeting, person) on PostgreSQL, so two concurrent transactions cannot both pass it.
CREATE OR REPLACE FUNCTION radslag_attendance_one_row_per_person() RETURNS trigger AS $$
DECLARE
  joint boolean;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('attendance:' || NEW.meeting_id || ':' || NEW.person_id));
  SELECT jsonb_array_length(m.body_ids) > 1 INTO joint FROM meetings m WHERE m.id = NEW.meeting_id;
  IF EXISTS (
    SELECT 1 FROM attendance a
    WHERE a.meeting_id = NEW.meeting_id AND a.person_id = NEW.person_id AND a.id <> NEW.id
      AND (NOT coalesce(joint, false) OR a.body_id IS NULL OR NEW.body_id IS NULL)
  ) THEN
    RAISE EXCEPTION 'radslag: one attendance row per person in a meeting (a second row only per body of a joint meeting)'
      USING ERRCODE = '23505';
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER attendance_one_row_per_person BEFORE INSERT OR UPDATE OF meeting_id, person_id, body_id ON attendance
  FOR EACH ROW EXECUTE FUNCTION radslag_attendance_one_row_per_person();
