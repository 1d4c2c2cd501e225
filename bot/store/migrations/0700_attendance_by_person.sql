-- A förhinder reads the sender's attendance across meetings (which meetings they already sent
-- förhinder for); without this index that read scanned every attendance row of the store.
CREATE INDEX attendance_person ON attendance (tenant_id, person_id);
