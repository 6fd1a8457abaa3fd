-- Reports to the PPC (APPI Rule 8): versioned 速報 / 確報 / 追完 reports of an incident, the nine Rule 8(1) items as
-- structured JSON (each item with its known-as-of instant), and the record of each report's submission. A submitted
-- report is evidence: the database refuses to change or remove it.

CREATE TABLE incident_report (
    id                      UUID         PRIMARY KEY,
    incident_id             UUID         NOT NULL REFERENCES incident (id),
    seq                     INT          NOT NULL CHECK (seq > 0),
    kind                    TEXT         NOT NULL CHECK (kind IN ('PRELIMINARY', 'FINAL', 'SUPPLEMENT')),
    items                   JSONB        NOT NULL,
    created_at              TIMESTAMPTZ  NOT NULL,
    created_by              TEXT         NOT NULL,
    updated_at              TIMESTAMPTZ  NOT NULL,
    updated_by              TEXT         NOT NULL,
    idempotency_key         TEXT,
    request_sha256          TEXT,
    -- the submission record, all set together when the report is filed
    channel                 TEXT         CHECK (channel IN ('PPC_WEB_FORM', 'DELEGATED_MINISTRY')),
    ministry                TEXT,
    submitted_at            TIMESTAMPTZ,
    receipt_number          TEXT,
    submitting_business     TEXT,
    submission_note         TEXT,
    submission_recorded_by  TEXT,
    submission_recorded_at  TIMESTAMPTZ,
    transition_seq          INT,
    version                 BIGINT       NOT NULL,
    UNIQUE (incident_id, seq),
    UNIQUE (incident_id, idempotency_key),
    CHECK ((idempotency_key IS NULL) = (request_sha256 IS NULL)),
    CHECK ((submitted_at IS NULL) = (channel IS NULL)
        AND (submitted_at IS NULL) = (submitting_business IS NULL)
        AND (submitted_at IS NULL) = (submission_recorded_by IS NULL)
        AND (submitted_at IS NULL) = (submission_recorded_at IS NULL)
        AND (submitted_at IS NULL) = (transition_seq IS NULL)),
    CHECK ((channel = 'DELEGATED_MINISTRY') = (ministry IS NOT NULL) OR channel IS NULL),
    CHECK (channel <> 'PPC_WEB_FORM' OR receipt_number IS NOT NULL)
);

-- A report of each kind is filed once (supplements may follow one another); at most one draft at a time.
CREATE UNIQUE INDEX incident_report_filed_once ON incident_report (incident_id, kind)
    WHERE submitted_at IS NOT NULL AND kind <> 'SUPPLEMENT';
CREATE UNIQUE INDEX incident_report_one_draft ON incident_report (incident_id) WHERE submitted_at IS NULL;

CREATE FUNCTION incident_report_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.submitted_at IS NOT NULL THEN
        RAISE EXCEPTION 'a submitted report is never changed or removed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER incident_report_submitted_immutable
    BEFORE UPDATE OR DELETE ON incident_report
    FOR EACH ROW EXECUTE FUNCTION incident_report_guard();
CREATE TRIGGER incident_report_no_truncate
    BEFORE TRUNCATE ON incident_report
    FOR EACH STATEMENT EXECUTE FUNCTION incident_evidence_guard();
