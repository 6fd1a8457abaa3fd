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

-- The keys opt-out stops and disclosure requests kept on their own rows move here, so their retries still replay.
INSERT INTO idempotency_key (client_id, operation, idem_key, request_sha256, resource_id, created_at)
SELECT client_id, 'POST /api/v1/opt-out-stops', idempotency_key, request_sha256, id::text, registered_at
FROM opt_out_stop WHERE idempotency_key IS NOT NULL;

INSERT INTO idempotency_key (client_id, operation, idem_key, request_sha256, resource_id, created_at)
SELECT client_id, 'POST /api/v1/disclosure-requests', idempotency_key, request_sha256, id::text, answered_at
FROM disclosure_request WHERE idempotency_key IS NOT NULL;

ALTER TABLE opt_out_stop DROP CONSTRAINT opt_out_stop_idempotency,
    DROP COLUMN idempotency_key, DROP COLUMN request_sha256;
ALTER TABLE disclosure_request DROP CONSTRAINT disclosure_request_idempotency,
    DROP COLUMN idempotency_key, DROP COLUMN request_sha256;
