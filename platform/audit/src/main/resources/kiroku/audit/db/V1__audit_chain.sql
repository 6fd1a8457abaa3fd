-- The audit chain of one service. Owned by kiroku-platform-audit, which migrates it with its own Flyway history
-- table (kiroku_audit_schema_history), so it never collides with the service's own migrations.
CREATE TABLE audit_entry (
    seq            BIGINT       PRIMARY KEY CHECK (seq > 0),
    entry_id       UUID         NOT NULL UNIQUE,
    recorded_at    TIMESTAMPTZ  NOT NULL,
    actor          TEXT         NOT NULL,
    action         TEXT         NOT NULL,
    aggregate_type TEXT         NOT NULL,
    aggregate_id   TEXT         NOT NULL,
    reason         TEXT,
    content        TEXT         NOT NULL,
    previous_hash  CHAR(64)     NOT NULL,
    entry_hash     CHAR(64)     NOT NULL UNIQUE
);

CREATE INDEX audit_entry_aggregate ON audit_entry (aggregate_type, aggregate_id, seq);

-- Append-only: the database itself refuses to change or remove an entry.
CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_entry_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change();

CREATE TRIGGER audit_entry_no_truncate
    BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();
