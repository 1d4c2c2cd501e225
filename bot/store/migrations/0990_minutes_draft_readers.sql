-- Who reads the minutes' drafts before justering, per body: NULL or 'leads' = the secretary, the chair and the
-- justerare (the default: a draft is not yet a record, and members should not act on wording that may change);
-- 'members' = everyone who reads the meeting's minutes. Once justerad, every version is readable by members.
ALTER TABLE bodies ADD COLUMN minutes_draft_readers text;
