-- A running import or derivation job is kept alive by the instance that holds it: every heartbeat interval that
-- instance stamps heartbeat_at on each job it is running or has queued. A RUNNING job whose stamp is older than the
-- stale limit belongs to an instance that stopped (a restart, a crash, a scaled-down pod): the sweep ends it FAILED with
-- that reason instead of leaving it RUNNING for ever. The chunks it committed stay.
ALTER TABLE affected_person_import ADD COLUMN heartbeat_at TIMESTAMPTZ;
UPDATE affected_person_import SET heartbeat_at = COALESCE(finished_at, started_at);
ALTER TABLE affected_person_import ALTER COLUMN heartbeat_at SET NOT NULL;
CREATE INDEX affected_person_import_running ON affected_person_import (heartbeat_at) WHERE status = 'RUNNING';
