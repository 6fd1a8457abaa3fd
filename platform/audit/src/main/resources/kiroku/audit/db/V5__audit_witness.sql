-- Witnessing (C2SP tlog-witness, issue 13 item 4). Both tables are append-only like the log itself.
--
-- audit_witnessed_checkpoint: what this service, as a witness of other services' logs, has cosigned: one row per
-- origin and tree size, the log-signed checkpoint kept as evidence. The latest row of an origin is the witness's state;
-- a new one is inserted under a per-origin transaction lock after its consistency with that state was proved, and the
-- primary key refuses a second root for a size already cosigned.
CREATE TABLE audit_witnessed_checkpoint (
    origin      TEXT        NOT NULL,
    tree_size   BIGINT      NOT NULL CHECK (tree_size >= 0),
    root_hash   BYTEA       NOT NULL CHECK (octet_length(root_hash) = 32),
    note        TEXT        NOT NULL,
    cosigned_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (origin, tree_size)
);

-- audit_cosignature: the cosignatures this service's own log received from its witnesses, one per witness key and
-- tree size (the signature line as the witness answered it, verified before it was kept).
CREATE TABLE audit_cosignature (
    witness     TEXT        NOT NULL,
    key_id      CHAR(8)     NOT NULL,
    tree_size   BIGINT      NOT NULL CHECK (tree_size >= 0),
    root_hash   BYTEA       NOT NULL CHECK (octet_length(root_hash) = 32),
    line        TEXT        NOT NULL,
    cosigned_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (witness, key_id, tree_size)
);

CREATE TRIGGER audit_witnessed_checkpoint_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_witnessed_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_witnessed_checkpoint_no_truncate
    BEFORE TRUNCATE ON audit_witnessed_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_cosignature_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_cosignature
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_cosignature_no_truncate
    BEFORE TRUNCATE ON audit_cosignature
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
