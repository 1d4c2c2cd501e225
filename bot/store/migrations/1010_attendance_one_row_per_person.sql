-- One attendance row per person per meeting, guaranteed by the store again. Per-body rows keyed attendance by
-- (meeting, person, body), which let a single-body meeting take a second row for a person (one listed under
-- no body and one under the body, or under two bodies). Each row now carries the key of the seat it speaks
-- for: in a single-body meeting (and for a row listed under no body) the same key for every row of the
-- person, in a joint meeting the body. A unique index on it refuses the second row whatever write path tries,
-- race-free (no lock taken per row, so bulk inserts stay cheap).
ALTER TABLE attendance ADD COLUMN seat_key text NOT NULL DEFAULT '';

-- Rows stored before: their key from the same rule (a single-body meeting keeps '' for all of them).
UPDATE attendance a SET seat_key = a.body_id FROM meetings m
  WHERE m.id = a.meeting_id AND a.body_id IS NOT NULL AND jsonb_array_length(m.body_ids) > 1;

-- Stores that already hold two rows for one person in a single-body meeting (possible since per-body rows)
-- keep them: the newest row stays as it is and the older ones are moved aside under their id, so the index
-- can be built and nothing is lost; the services read the row listed under the body first.
UPDATE attendance a SET seat_key = 'moved:' || a.id
  WHERE EXISTS (
    SELECT 1 FROM attendance b
    WHERE b.meeting_id = a.meeting_id AND b.person_id = a.person_id AND b.seat_key = a.seat_key
      AND (b.updated_at, b.id) > (a.updated_at, a.id)
  );

CREATE OR REPLACE FUNCTION radslag_attendance_seat_key() RETURNS trigger AS $$
BEGIN
  -- A row moved aside above keeps its key while it stays the same person's row under the same body.
  IF TG_OP = 'UPDATE' AND OLD.seat_key LIKE 'moved:%' AND NEW.meeting_id = OLD.meeting_id AND NEW.person_id = OLD.person_id
     AND NEW.body_id IS NOT DISTINCT FROM OLD.body_id THEN
    NEW.seat_key := OLD.seat_key;
    RETURN NEW;
  END IF;
  NEW.seat_key := '';
  IF NEW.body_id IS NOT NULL THEN
    SELECT CASE WHEN jsonb_array_length(m.body_ids) > 1 THEN NEW.body_id ELSE '' END INTO NEW.seat_key
      FROM meetings m WHERE m.id = NEW.meeting_id;
    NEW.seat_key := coalesce(NEW.seat_key, '');
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER attendance_seat_key BEFORE INSERT OR UPDATE ON attendance
  FOR EACH ROW EXECUTE FUNCTION radslag_attendance_seat_key();

DROP INDEX attendance_meeting_person_body;
CREATE UNIQUE INDEX attendance_one_row_per_seat ON attendance (meeting_id, person_id, seat_key);
