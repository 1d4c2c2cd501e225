-- Tjänstgöring per item: who served in which seat from item X to item Y ("Erik König tjänstgör för Caroline
-- Dieker §§ 3–5"), derived from the join/leave facts, the items' start/end times and jäv, and rewritten for
-- the meeting whenever an item starts or finishes, jäv is recorded or the secretary corrects attendance.
-- A ledamot serving in their own seat has serving_person_id = seat_person_id.
CREATE TABLE serving_periods (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  meeting_id text NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  body_id text NOT NULL REFERENCES bodies(id),
  seat_person_id text NOT NULL,
  serving_person_id text NOT NULL,
  from_item integer NOT NULL,
  to_item integer NOT NULL,
  CHECK (from_item <= to_item)
);
CREATE INDEX serving_periods_meeting ON serving_periods (meeting_id);
-- One period per seat starting at an item: two rewrites racing (jäv recorded as the next item starts) cannot
-- both land; the later one is refused as a duplicate (409) instead of leaving the seat listed twice.
CREATE UNIQUE INDEX serving_periods_one_per_start ON serving_periods (meeting_id, body_id, seat_person_id, from_item);
-- Justerade minutes say who served for whom: the periods are frozen with them, like attendance and jäv.
CREATE TRIGGER serving_periods_minutes_lock BEFORE INSERT OR UPDATE OR DELETE ON serving_periods FOR EACH ROW EXECUTE FUNCTION radslag_refuse_locked_minutes('meeting_id');
