-- A member's own word about part of a meeting ("ansluter kl. 10.30", "måste gå 11", "bara första timmen"):
-- when they plan to arrive or leave. A plan, kept apart from the join/leave facts in attendance_intervals.
ALTER TABLE attendance ADD COLUMN arrives_at timestamptz;
ALTER TABLE attendance ADD COLUMN leaves_at timestamptz;
