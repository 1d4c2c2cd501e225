-- Issue 15 §3: after justering nothing the minutes show can change except through a rättelse.
--
-- Why a trigger and not a guard each use case calls: migration 0400 already made the database refuse
-- changes to a locked meeting's items, decisions, attendance, intervals, tasks and handovers (SQLSTATE
-- RSLCK, mapped to 409 LOCKED_FINAL with Swedish and English text by the repositories and the API's error
-- handler). The adversarial test found the paths that guard missed: the meeting row itself (title, place,
-- start/end, status, document kind), jäv, evaluations, upcoming dates, the call-in settings and chains. A
-- guard in every use case would have to be remembered by every future use case and by every job; the
-- trigger covers them all (HTTP, Teams cards, jobs, the CLI), so it stays the ONE mechanism and is extended
-- here. A rättelse (minutes_locks.locked = false while it is open) is the only way through.
--
-- The function takes how the row names its meeting (TG_ARGV[0]: 'meeting_id', 'id' for meetings itself,
-- or 'call_in_id' for call-in steps) and the columns the minutes do not show (TG_ARGV[1..]):
--   'col'      may change freely on a locked meeting (e.g. the meeting's Teams link, never in the minutes);
--   'col=null' may only be cleared (personal data the minutes do not show: an erasure may remove it).
-- version and updated_at are bookkeeping and always allowed. Every other column is frozen, so a column
-- added later is frozen by default.
CREATE OR REPLACE FUNCTION radslag_refuse_locked_minutes() RETURNS trigger AS $$
DECLARE
  how text := COALESCE(TG_ARGV[0], 'meeting_id');
  o jsonb;
  n jsonb;
  mid text;
  old_mid text;
  arg text;
  col text;
  i integer;
BEGIN
  IF TG_OP <> 'INSERT' THEN o := to_jsonb(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN n := to_jsonb(NEW); END IF;
  IF how = 'call_in_id' THEN
    IF n IS NOT NULL THEN SELECT c.meeting_id INTO mid FROM call_ins c WHERE c.id = n->>'call_in_id'; END IF;
    IF o IS NOT NULL THEN SELECT c.meeting_id INTO old_mid FROM call_ins c WHERE c.id = o->>'call_in_id'; END IF;
  ELSE
    mid := n->>how;
    old_mid := o->>how;
  END IF;

  IF TG_OP = 'UPDATE' AND old_mid IS NOT DISTINCT FROM mid THEN
    IF NOT EXISTS (SELECT 1 FROM minutes_locks l WHERE l.meeting_id = mid AND l.locked) THEN RETURN NEW; END IF;
    -- Locked: allowed only when nothing but the listed columns changed (and 'col=null' ones only to NULL).
    o := o - 'version' - 'updated_at';
    n := n - 'version' - 'updated_at';
    IF TG_NARGS > 1 THEN
      FOR i IN 1 .. TG_NARGS - 1 LOOP
        arg := TG_ARGV[i];
        col := split_part(arg, '=', 1);
        IF arg LIKE '%=null' AND (n->col) IS NOT NULL AND jsonb_typeof(n->col) <> 'null' AND (n->col) IS DISTINCT FROM (o->col) THEN
          RAISE EXCEPTION 'minutes of meeting % are locked (justerade): % may only be cleared', mid, col USING ERRCODE = 'RSLCK';
        END IF;
        o := o - col;
        n := n - col;
      END LOOP;
    END IF;
    IF o IS DISTINCT FROM n THEN
      RAISE EXCEPTION 'minutes of meeting % are locked (justerade)', mid USING ERRCODE = 'RSLCK';
    END IF;
    RETURN NEW;
  END IF;

  IF mid IS NOT NULL AND EXISTS (SELECT 1 FROM minutes_locks l WHERE l.meeting_id = mid AND l.locked) THEN
    RAISE EXCEPTION 'minutes of meeting % are locked (justerade)', mid USING ERRCODE = 'RSLCK';
  END IF;
  IF old_mid IS NOT NULL AND EXISTS (SELECT 1 FROM minutes_locks l WHERE l.meeting_id = old_mid AND l.locked) THEN
    RAISE EXCEPTION 'minutes of meeting % are locked (justerade)', old_mid USING ERRCODE = 'RSLCK';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- 0400's triggers, now with the columns an erasure may clear (a förhinder reason is not in the minutes).
DROP TRIGGER attendance_minutes_lock ON attendance;
CREATE TRIGGER attendance_minutes_lock BEFORE INSERT OR UPDATE OR DELETE ON attendance FOR EACH ROW EXECUTE FUNCTION radslag_refuse_locked_minutes('meeting_id', 'note=null');

-- The meeting itself: its Teams link and meeting id are not in the minutes; everything else is.
CREATE TRIGGER meetings_minutes_lock BEFORE UPDATE OR DELETE ON meetings FOR EACH ROW EXECUTE FUNCTION radslag_refuse_locked_minutes('id', 'teams', 'teams_meeting_id');
CREATE TRIGGER recusals_minutes_lock BEFORE INSERT OR UPDATE OR DELETE ON recusals FOR EACH ROW EXECUTE FUNCTION radslag_refuse_locked_minutes('meeting_id');
-- The evaluation is printed without names: its authorship may be erased.
CREATE TRIGGER evaluation_entries_minutes_lock BEFORE INSERT OR UPDATE OR DELETE ON evaluation_entries FOR EACH ROW EXECUTE FUNCTION radslag_refuse_locked_minutes('meeting_id', 'person_id=null');
CREATE TRIGGER upcoming_dates_minutes_lock BEFORE INSERT OR UPDATE OR DELETE ON upcoming_dates FOR EACH ROW EXECUTE FUNCTION radslag_refuse_locked_minutes('meeting_id');
-- Who serves (an ersättare called in) is in the minutes: the chains and their settings stop with the lock.
CREATE TRIGGER meeting_bot_settings_minutes_lock BEFORE INSERT OR UPDATE OR DELETE ON meeting_bot_settings FOR EACH ROW EXECUTE FUNCTION radslag_refuse_locked_minutes('meeting_id');
CREATE TRIGGER call_ins_minutes_lock BEFORE INSERT OR UPDATE OR DELETE ON call_ins FOR EACH ROW EXECUTE FUNCTION radslag_refuse_locked_minutes('meeting_id');
CREATE TRIGGER call_in_steps_minutes_lock BEFORE INSERT OR UPDATE OR DELETE ON call_in_steps FOR EACH ROW EXECUTE FUNCTION radslag_refuse_locked_minutes('call_in_id');
