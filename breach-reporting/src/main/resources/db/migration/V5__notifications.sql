-- Notices to the affected persons (APPI Art. 26(2); Rule 10) by e-mail, through a transactional outbox: a campaign
-- carries the Rule 10 items (Japanese, optionally English) and the inquiry contact; creating it writes one outbox row per
-- person reachable by e-mail in the same transaction, and lists the persons without an address, for whom the
-- alternative measure of the Art. 26(2) proviso (publication, inquiry contact) is recorded on the campaign.

CREATE TABLE notification_campaign (
    id                      UUID         PRIMARY KEY,
    incident_id             UUID         NOT NULL REFERENCES incident (id),
    status                  TEXT         NOT NULL CHECK (status IN ('ACTIVE', 'PAUSED', 'COMPLETED')),
    -- the Rule 10 items per language and the sender / inquiry contact (no personal data of the affected persons)
    content                 JSONB        NOT NULL,
    content_sha256          TEXT         NOT NULL,
    reachable               INT          NOT NULL CHECK (reachable >= 0),
    unreachable             INT          NOT NULL CHECK (unreachable >= 0),
    idempotency_key         TEXT,
    request_sha256          TEXT,
    created_at              TIMESTAMPTZ  NOT NULL,
    created_by              TEXT         NOT NULL,
    updated_at              TIMESTAMPTZ  NOT NULL,
    updated_by              TEXT         NOT NULL,
    completed_at            TIMESTAMPTZ,
    -- the alternative measure for the persons who cannot be reached (publication, inquiry contact), when recorded
    alternative_measure     JSONB,
    version                 BIGINT       NOT NULL,
    UNIQUE (incident_id, idempotency_key),
    CHECK ((idempotency_key IS NULL) = (request_sha256 IS NULL)),
    CHECK ((status = 'COMPLETED') = (completed_at IS NOT NULL))
);

CREATE INDEX notification_campaign_incident ON notification_campaign (incident_id, id);

-- The outbox: one row per person reachable by e-mail. A person of an incident is given at most one message, whatever
-- the campaign (the unique key below): a later campaign covers only persons named since.
CREATE TABLE notification_message (
    id                      UUID         PRIMARY KEY,
    campaign_id             UUID         NOT NULL REFERENCES notification_campaign (id),
    incident_id             UUID         NOT NULL REFERENCES incident (id),
    affected_person_id      UUID         NOT NULL REFERENCES affected_person (id),
    -- the template the person gets (their language when the campaign has it, else Japanese)
    language                TEXT         NOT NULL CHECK (language IN ('ja', 'en')),
    status                  TEXT         NOT NULL CHECK (status IN ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'BOUNCED',
                                             'UNCONFIRMED')),
    attempts                INT          NOT NULL CHECK (attempts >= 0),
    next_attempt_at         TIMESTAMPTZ  NOT NULL,
    claimed_at              TIMESTAMPTZ,
    claimed_by              TEXT,
    sent_at                 TIMESTAMPTZ,
    -- the SMTP reply code of the last failure and a description written by the service (never the server's text,
    -- which may quote the address)
    smtp_code               INT,
    last_error              TEXT,
    -- the Message-ID header of the mail, derived from the row id: the same on every attempt
    message_id              TEXT         NOT NULL UNIQUE,
    created_at              TIMESTAMPTZ  NOT NULL,
    updated_at              TIMESTAMPTZ  NOT NULL,
    updated_by              TEXT         NOT NULL,
    version                 BIGINT       NOT NULL,
    UNIQUE (incident_id, affected_person_id),
    CHECK ((status = 'SENDING') <= (claimed_at IS NOT NULL)),
    CHECK ((status = 'SENT') <= (sent_at IS NOT NULL))
);

CREATE INDEX notification_message_due ON notification_message (next_attempt_at, id) WHERE status = 'QUEUED';
CREATE INDEX notification_message_sending ON notification_message (claimed_at) WHERE status = 'SENDING';
CREATE INDEX notification_message_campaign ON notification_message (campaign_id, id);

-- Persons a campaign could not reach by e-mail (no address known): the ones the alternative measure is for.
CREATE TABLE notification_unreachable (
    id                      UUID         PRIMARY KEY,
    campaign_id             UUID         NOT NULL REFERENCES notification_campaign (id),
    incident_id             UUID         NOT NULL REFERENCES incident (id),
    affected_person_id      UUID         NOT NULL REFERENCES affected_person (id),
    reason                  TEXT         NOT NULL CHECK (reason IN ('NO_EMAIL')),
    listed_at               TIMESTAMPTZ  NOT NULL,
    UNIQUE (campaign_id, affected_person_id)
);

CREATE INDEX notification_unreachable_campaign ON notification_unreachable (campaign_id, id);
CREATE INDEX notification_unreachable_incident ON notification_unreachable (incident_id, affected_person_id);
