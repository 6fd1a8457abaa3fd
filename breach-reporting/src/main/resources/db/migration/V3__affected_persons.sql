-- The persons affected by an incident (APPI Art. 26(2); Rule 7(iv) counts them): one row per person per incident,
-- de-duplicated by a keyed blind index of (scheme, identifier). Identifier, name and e-mail address are personal data:
-- stored AES-256-GCM encrypted with the row id as associated data (platform/persistence FieldCipher), never in clear.

CREATE TABLE affected_person (
    id                  UUID         PRIMARY KEY,
    incident_id         UUID         NOT NULL REFERENCES incident (id),
    -- HMAC-SHA256 of "<scheme>:<NFKC identifier>" under the index key: the de-duplication key
    subject_index       TEXT         NOT NULL,
    subject_scheme      TEXT         NOT NULL,
    subject_identifier  BYTEA        NOT NULL,
    name                BYTEA,
    email               BYTEA,
    -- the language of the person's notice (Rule 10 templates exist in Japanese and English)
    language            TEXT         NOT NULL CHECK (language IN ('ja', 'en')),
    -- where the person was first named: a CSV import or a derivation from provision-records, and which one
    source              TEXT         NOT NULL CHECK (source IN ('CSV_IMPORT', 'PROVISION_RECORDS')),
    source_id           UUID         NOT NULL,
    added_at            TIMESTAMPTZ  NOT NULL,
    added_by            TEXT         NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL,
    version             BIGINT       NOT NULL,
    UNIQUE (incident_id, subject_index)
);

CREATE INDEX affected_person_incident ON affected_person (incident_id, id);
