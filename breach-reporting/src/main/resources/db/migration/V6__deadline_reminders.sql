-- Deadline reminders: one digest e-mail per Japanese business day to the breach team, listing the unfiled deadlines
-- that reach a reminder day (T-7, T-2), the 速報 alert day, the internal due date or the legal due date, or are overdue.
-- A run claims its day here before sending (INSERT … ON CONFLICT (day) DO NOTHING, in its own transaction), so a
-- restart or a second replica never sends the same day's digest twice; a failed send deletes the claim and the next
-- run retries. A claim left in SENDING by a run that died is taken over after the claim timeout.
CREATE TABLE breach_reminder_digest (
    id                      UUID         PRIMARY KEY,
    -- the Asia/Tokyo business day the digest is for
    day                     DATE         NOT NULL UNIQUE,
    status                  TEXT         NOT NULL CHECK (status IN ('SENDING', 'SENT')),
    claimed_at              TIMESTAMPTZ  NOT NULL,
    claimed_by              TEXT         NOT NULL,
    -- runs that claimed the day (more than 1 only when a run died holding the claim)
    attempts                INT          NOT NULL CHECK (attempts >= 1),
    -- the Message-ID header, the same for every attempt of the day
    message_id              TEXT         NOT NULL UNIQUE,
    sent_at                 TIMESTAMPTZ,
    -- what the digest covered: per deadline the incident id, filing, state, due date, days overdue (no titles, no
    -- personal data), and how many addresses it went to
    deadlines               JSONB,
    deadline_count          INT          CHECK (deadline_count >= 0),
    recipient_count         INT          CHECK (recipient_count >= 1),
    CHECK ((status = 'SENT') = (sent_at IS NOT NULL)),
    CHECK ((status = 'SENT') <= (deadlines IS NOT NULL AND deadline_count IS NOT NULL AND recipient_count IS NOT NULL))
);

CREATE INDEX breach_reminder_digest_sent ON breach_reminder_digest (day DESC) WHERE status = 'SENT';
