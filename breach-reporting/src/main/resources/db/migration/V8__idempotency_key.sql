-- The suite's one Idempotency-Key mechanism (platform IdempotencyStore): a create claims (client, operation, key)
-- by inserting here in its own transaction, so the primary key decides which of concurrent duplicates writes; the
-- fingerprint refuses the same key with another request; resource_id answers a retry with the first resource.
CREATE TABLE idempotency_key (
    client_id      text        NOT NULL,
    operation      text        NOT NULL,
    idem_key       text        NOT NULL,
    request_sha256 text        NOT NULL,
    resource_id    text,
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (client_id, operation, idem_key)
);

-- The keys the creates kept before move here, so their retries still replay. Those rows never recorded the OAuth
-- client, so the actor stands for it (a service account's actor is its own); reports, campaigns and jobs were keyed
-- per incident, which the operation keeps.
INSERT INTO idempotency_key (client_id, operation, idem_key, request_sha256, resource_id, created_at)
SELECT created_by, 'POST /api/v1/incidents', idempotency_key, request_sha256, incident_id::text, created_at
FROM incident_idempotency;

INSERT INTO idempotency_key (client_id, operation, idem_key, request_sha256, resource_id, created_at)
SELECT created_by, 'POST /api/v1/incidents/' || incident_id || '/reports', idempotency_key, request_sha256,
       id::text, created_at
FROM incident_report WHERE idempotency_key IS NOT NULL
ON CONFLICT DO NOTHING;

INSERT INTO idempotency_key (client_id, operation, idem_key, request_sha256, resource_id, created_at)
SELECT created_by, 'POST /api/v1/incidents/' || incident_id || '/notification-campaigns', idempotency_key,
       request_sha256, id::text, created_at
FROM notification_campaign WHERE idempotency_key IS NOT NULL
ON CONFLICT DO NOTHING;

INSERT INTO idempotency_key (client_id, operation, idem_key, request_sha256, resource_id, created_at)
SELECT requested_by, 'POST /api/v1/incidents/' || incident_id
           || CASE kind WHEN 'CSV_IMPORT' THEN '/affected-person-imports' ELSE '/affected-person-derivations' END,
       idempotency_key, request_sha256, id::text, started_at
FROM affected_person_import WHERE idempotency_key IS NOT NULL
ON CONFLICT DO NOTHING;

-- Dropping a column drops the unique and check constraints that named it.
DROP TABLE incident_idempotency;
ALTER TABLE incident_report DROP COLUMN idempotency_key, DROP COLUMN request_sha256;
ALTER TABLE notification_campaign DROP COLUMN idempotency_key, DROP COLUMN request_sha256;
ALTER TABLE affected_person_import DROP COLUMN idempotency_key;
