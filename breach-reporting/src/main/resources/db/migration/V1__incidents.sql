-- Breach incidents (APPI Art. 26): the incident, its recorded transitions and its frozen filings.

CREATE TABLE incident (
    id                          UUID         PRIMARY KEY,
    title                       TEXT         NOT NULL,
    status                      TEXT         NOT NULL CHECK (status IN ('DETECTED', 'TRIAGED', 'PRINCIPAL_NOTIFIED',
                                    'CLOSED_INTERNAL', 'PRELIM_DUE', 'PRELIM_SUBMITTED', 'INDIVIDUALS_NOTIFIED',
                                    'ALT_MEASURE_PUBLISHED', 'INDIVIDUALS_DEFERRED', 'FINAL_DUE', 'FINAL_SUBMITTED',
                                    'SUPPLEMENTED', 'CLOSED')),
    role                        TEXT         NOT NULL CHECK (role IN ('CONTROLLER', 'ENTRUSTED')),
    principal_name              TEXT,
    detected_at                 TIMESTAMPTZ  NOT NULL,
    -- the legal anchor of every APPI deadline (Rule 8(1),(2)): when the business came to know
    awareness_at                TIMESTAMPTZ  NOT NULL,
    awareness_justification     TEXT,
    detecting_department        TEXT         NOT NULL,
    eu_residents                BOOLEAN      NOT NULL,
    assessment                  JSONB,
    assessed_at                 TIMESTAMPTZ,
    assessed_by                 TEXT,
    individual_notice           TEXT         CHECK (individual_notice IN ('NOTIFIED', 'ALTERNATIVE_MEASURE', 'DEFERRED')),
    not_reportable_rationale    TEXT,
    created_at                  TIMESTAMPTZ  NOT NULL,
    created_by                  TEXT         NOT NULL,
    updated_at                  TIMESTAMPTZ  NOT NULL,
    version                     BIGINT       NOT NULL,
    CHECK ((role = 'ENTRUSTED') = (principal_name IS NOT NULL)),
    CHECK (awareness_at = detected_at OR awareness_justification IS NOT NULL),
    CHECK (status <> 'CLOSED_INTERNAL' OR not_reportable_rationale IS NOT NULL)
);

CREATE INDEX incident_status ON incident (status, id);

CREATE TABLE incident_transition (
    id              UUID         PRIMARY KEY,
    incident_id     UUID         NOT NULL REFERENCES incident (id),
    seq             INT          NOT NULL CHECK (seq > 0),
    action          TEXT         NOT NULL,
    from_status     TEXT         NOT NULL,
    to_status       TEXT         NOT NULL,
    actor           TEXT         NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    reason          TEXT,
    snapshot        JSONB        NOT NULL,
    UNIQUE (incident_id, seq)
);

CREATE TABLE incident_filing (
    id              UUID         PRIMARY KEY,
    incident_id     UUID         NOT NULL REFERENCES incident (id),
    kind            TEXT         NOT NULL CHECK (kind IN ('PRELIMINARY', 'FINAL', 'GDPR_SUPERVISORY')),
    filed_at        TIMESTAMPTZ  NOT NULL,
    rule            TEXT         NOT NULL,
    due_date        DATE,
    due_at          TIMESTAMPTZ,
    late            BOOLEAN      NOT NULL,
    days_late       BIGINT       NOT NULL CHECK (days_late >= 0),
    hours_late      BIGINT       NOT NULL CHECK (hours_late >= 0),
    recorded_by     TEXT         NOT NULL,
    -- lateness is frozen at the first filing of each kind
    UNIQUE (incident_id, kind),
    CHECK ((due_date IS NULL) <> (due_at IS NULL))
);

-- Retried creates: the same Idempotency-Key answers the first incident again.
CREATE TABLE incident_idempotency (
    idempotency_key TEXT         PRIMARY KEY,
    request_sha256  TEXT         NOT NULL,
    incident_id     UUID         NOT NULL REFERENCES incident (id),
    created_by      TEXT         NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL
);

-- Transitions and filings are evidence: the database refuses to change or remove them.
CREATE FUNCTION incident_evidence_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are never changed or removed', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER incident_transition_immutable
    BEFORE UPDATE OR DELETE ON incident_transition
    FOR EACH ROW EXECUTE FUNCTION incident_evidence_guard();
CREATE TRIGGER incident_transition_no_truncate
    BEFORE TRUNCATE ON incident_transition
    FOR EACH STATEMENT EXECUTE FUNCTION incident_evidence_guard();
CREATE TRIGGER incident_filing_immutable
    BEFORE UPDATE OR DELETE ON incident_filing
    FOR EACH ROW EXECUTE FUNCTION incident_evidence_guard();
CREATE TRIGGER incident_filing_no_truncate
    BEFORE TRUNCATE ON incident_filing
    FOR EACH STATEMENT EXECUTE FUNCTION incident_evidence_guard();
