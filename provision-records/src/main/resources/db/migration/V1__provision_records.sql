-- Provision and confirmation records (APPI Art. 29 / Art. 30). One row per version of a record; a correction is a
-- new row linked to the version it corrects (append-only: the database refuses UPDATE except the retention purge,
-- and refuses DELETE and TRUNCATE). Subject identity is stored only encrypted (AES-GCM) with a keyed blind index.
CREATE TABLE provision_record (
    id                         uuid PRIMARY KEY,
    lineage_id                 uuid        NOT NULL,
    version_no                 integer     NOT NULL CHECK (version_no >= 1),
    corrects_id                uuid REFERENCES provision_record (id),
    correction_reason          text,
    direction                  text        NOT NULL,
    legal_basis                text        NOT NULL,
    statutory                  boolean     NOT NULL,
    method                     text        NOT NULL,
    contract_ref               text,
    goods_or_services          boolean     NOT NULL,
    counterparty_kind          text        NOT NULL,
    counterparty_name          text,
    counterparty_key           text,
    counterparty_address       text,
    counterparty_representative text,
    counterparty_country       text        NOT NULL,
    counterparty_corporate_no  text,
    art28_route                text,
    subject_scheme             text,
    subject_index              text,
    subject_identifier_enc     bytea,
    subject_name_enc           bytea,
    subject_salt               text,
    subject_commitment         text        NOT NULL,
    data_items                 text[]      NOT NULL,
    other_items                text[]      NOT NULL,
    provided_on                date,
    period_first               date,
    period_last                date,
    consent_ref                text,
    acquisition_circumstances  text,
    ppc_publication_ref        text,
    order11_ground             text,
    client_id                  text        NOT NULL,
    idempotency_key            text,
    request_sha256             text        NOT NULL,
    recorded_at                timestamptz NOT NULL,
    recorded_by                text        NOT NULL,
    retain_until               date,
    retention_rule             text        NOT NULL,
    legal_retain_until         date,
    content_sha256             text        NOT NULL,
    audit_entry_id             uuid        NOT NULL,
    purged_at                  timestamptz,
    CONSTRAINT provision_record_version UNIQUE (lineage_id, version_no),
    CONSTRAINT provision_record_idempotency UNIQUE (client_id, idempotency_key)
);

-- Exact lookup of a subject (disclosure, search, opt-out checks) through the blind index only.
CREATE INDEX provision_record_subject ON provision_record (subject_index);
CREATE INDEX provision_record_corrects ON provision_record (corrects_id) WHERE corrects_id IS NOT NULL;
CREATE INDEX provision_record_counterparty ON provision_record (counterparty_key);
CREATE INDEX provision_record_recorded ON provision_record (recorded_at);
CREATE INDEX provision_record_retention ON provision_record (retain_until) WHERE purged_at IS NULL;

CREATE FUNCTION provision_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    personal text[] := ARRAY['subject_index', 'subject_identifier_enc', 'subject_name_enc', 'subject_salt',
                             'purged_at'];
BEGIN
    IF TG_OP = 'UPDATE'
       AND OLD.purged_at IS NULL AND NEW.purged_at IS NOT NULL
       AND NEW.subject_index IS NULL AND NEW.subject_identifier_enc IS NULL AND NEW.subject_name_enc IS NULL
       AND NEW.subject_salt IS NULL
       AND (to_jsonb(NEW) - personal) = (to_jsonb(OLD) - personal) THEN
        RETURN NEW; -- the retention purge: personal data removed, the tombstone kept
    END IF;
    RAISE EXCEPTION 'provision records are append-only: % refused (correct by a new version)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER provision_record_no_update BEFORE UPDATE OR DELETE ON provision_record
    FOR EACH ROW EXECUTE FUNCTION provision_record_append_only();
CREATE TRIGGER provision_record_no_truncate BEFORE TRUNCATE ON provision_record
    FOR EACH STATEMENT EXECUTE FUNCTION provision_record_append_only();

-- Opt-out stop requests (APPI Art. 27(2); policy 001 Art. 12): a subject asks the business to stop providing their
-- data by opt-out, to every recipient or to named ones, from a date. Withdrawal is the only change.
CREATE TABLE opt_out_stop (
    id                     uuid PRIMARY KEY,
    subject_scheme         text        NOT NULL,
    subject_index          text        NOT NULL,
    subject_identifier_enc bytea       NOT NULL,
    all_recipients         boolean     NOT NULL,
    recipients             jsonb       NOT NULL,
    effective_from         date        NOT NULL,
    received_via           text        NOT NULL,
    registered_at          timestamptz NOT NULL,
    registered_by          text        NOT NULL,
    withdrawn_at           timestamptz,
    withdrawn_on           date,
    withdrawn_by           text,
    withdrawal_reason      text,
    client_id              text        NOT NULL,
    idempotency_key        text,
    request_sha256         text        NOT NULL,
    CONSTRAINT opt_out_stop_idempotency UNIQUE (client_id, idempotency_key)
);
CREATE INDEX opt_out_stop_subject ON opt_out_stop (subject_index);

-- Disclosure requests (APPI Art. 33(5)): who asked, when, how, what was answered, and the records disclosed.
CREATE TABLE disclosure_request (
    id                     uuid PRIMARY KEY,
    subject_scheme         text        NOT NULL,
    subject_index          text        NOT NULL,
    subject_identifier_enc bytea       NOT NULL,
    range_from             date,
    range_to               date,
    method                 text        NOT NULL,
    received_at            timestamptz NOT NULL,
    received_via           text        NOT NULL,
    requested_by_agent     boolean     NOT NULL,
    outcome                text        NOT NULL,
    refusal_ground         text,
    refusal_detail         text,
    answered_at            timestamptz NOT NULL,
    answered_by            text        NOT NULL,
    record_count           integer     NOT NULL,
    client_id              text        NOT NULL,
    idempotency_key        text,
    request_sha256         text        NOT NULL,
    CONSTRAINT disclosure_request_idempotency UNIQUE (client_id, idempotency_key)
);
CREATE INDEX disclosure_request_subject ON disclosure_request (subject_index);

CREATE TABLE disclosure_request_record (
    request_id uuid NOT NULL REFERENCES disclosure_request (id),
    record_id  uuid NOT NULL REFERENCES provision_record (id),
    PRIMARY KEY (request_id, record_id)
);

-- Retention purge runs (scheduled or on demand): what was removed, when, by whom.
CREATE TABLE purge_run (
    id            uuid PRIMARY KEY,
    started_at    timestamptz NOT NULL,
    finished_at   timestamptz NOT NULL,
    as_of         date        NOT NULL,
    triggered_by  text        NOT NULL,
    purged_count  integer     NOT NULL,
    audit_seq     bigint
);
