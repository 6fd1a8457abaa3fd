-- Jobs that name an incident's affected persons: a CSV import or a derivation from provision-records. One row per job
-- with its progress (updated by each chunk's own transaction, so a long job shows how far it got), its counts, and
-- for a derivation its filter. Rejected CSV rows are reported by row number, column and message: never the value.

CREATE TABLE affected_person_import (
    id                 UUID         PRIMARY KEY,
    incident_id        UUID         NOT NULL REFERENCES incident (id),
    kind               TEXT         NOT NULL CHECK (kind IN ('CSV_IMPORT', 'PROVISION_RECORDS')),
    status             TEXT         NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED')),
    -- rows in the file (known once it is spooled) or subjects provision-records counts (known after the first page)
    total              BIGINT       CHECK (total >= 0),
    processed          BIGINT       NOT NULL CHECK (processed >= 0),
    added              BIGINT       NOT NULL CHECK (added >= 0),
    completed          BIGINT       NOT NULL CHECK (completed >= 0),
    duplicates         BIGINT       NOT NULL CHECK (duplicates >= 0),
    rejected           BIGINT       NOT NULL CHECK (rejected >= 0),
    -- a derivation's filter (counterparty, items, period); no personal data
    filter             JSONB,
    failure            TEXT,
    -- what the completed job did to the incident's Rule 7(iv) count and assessment
    persons_after      BIGINT,
    assessment_outcome TEXT,
    requested_by       TEXT         NOT NULL,
    started_at         TIMESTAMPTZ  NOT NULL,
    finished_at        TIMESTAMPTZ,
    idempotency_key    TEXT,
    request_sha256     TEXT         NOT NULL,
    version            BIGINT       NOT NULL,
    UNIQUE (incident_id, idempotency_key),
    CHECK ((status = 'RUNNING') = (finished_at IS NULL)),
    CHECK ((status = 'FAILED') = (failure IS NOT NULL))
);

CREATE INDEX affected_person_import_incident ON affected_person_import (incident_id, id);

CREATE TABLE affected_person_import_rejection (
    import_id    UUID     NOT NULL REFERENCES affected_person_import (id),
    row_no       BIGINT   NOT NULL CHECK (row_no > 0),
    column_name  TEXT     NOT NULL,
    message      TEXT     NOT NULL,
    PRIMARY KEY (import_id, row_no, column_name)
);
