-- Issue 18 item 3: in a joint meeting a person who sits on several of its bodies has one attendance row per
-- body (present on one council's list, förhinder on the other's, as the 2024 joint protokoll shows).
-- Everyone else keeps one row per meeting; body_id NULL ("listed under no body") counts as one key value.
ALTER TABLE attendance DROP CONSTRAINT attendance_meeting_id_person_id_key;
CREATE UNIQUE INDEX attendance_meeting_person_body ON attendance (meeting_id, person_id, COALESCE(body_id, ''));
