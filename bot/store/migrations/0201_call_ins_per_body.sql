-- In a gemensamt möte a ledamot may hold a seat on two of the bodies: one call-in chain per body.
ALTER TABLE call_ins DROP CONSTRAINT call_ins_meeting_id_absent_person_id_purpose_key;
CREATE UNIQUE INDEX call_ins_meeting_person_purpose_body ON call_ins (meeting_id, absent_person_id, purpose, body_id);
