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

