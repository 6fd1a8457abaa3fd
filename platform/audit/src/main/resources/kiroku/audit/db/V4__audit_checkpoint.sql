-- Signed checkpoints of the audit log (C2SP tlog-checkpoint in a C2SP signed-note, Ed25519), one per tree size and
-- signing key, append-only. The note is what is served; root_hash is kept beside it for queries.
CREATE TABLE audit_checkpoint (
    tree_size BIGINT      NOT NULL CHECK (tree_size >= 0),
    key_id    CHAR(8)     NOT NULL,
    root_hash BYTEA       NOT NULL CHECK (octet_length(root_hash) = 32),
    note      TEXT        NOT NULL,
    signed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tree_size, key_id)
);

CREATE INDEX audit_checkpoint_latest ON audit_checkpoint (signed_at DESC, tree_size DESC);

CREATE TRIGGER audit_checkpoint_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_checkpoint_no_truncate
    BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
