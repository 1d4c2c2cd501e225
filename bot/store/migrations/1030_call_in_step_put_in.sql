-- A call-in step the secretary settled herself ("Sätt som tjänstgörande"): the person is serving because the
-- secretary put them in, not because they said yes on the card. The call-in list says so.
ALTER TABLE call_in_steps ADD COLUMN put_in_by_secretary boolean NOT NULL DEFAULT false;
