-- The audit chain becomes an RFC 9162 Merkle log (issue 13). Every audit_entry row is leaf seq - 1; its leaf is the
-- RFC 8785 canonical JSON of the entry (AuditHashing.leaf). audit_tree_node stores every perfect subtree of the log
-- (level 0 = the leaf hashes): a root or a proof is one batched primary-key read of at most 2·log2(n) rows.
-- previous_hash / entry_hash keep the linear chain's hashes of the entries written before this migration; new
-- entries leave them NULL (the tree replaces the chain). V3 (a Java migration) builds the tree over the existing rows.
ALTER TABLE audit_entry ALTER COLUMN previous_hash DROP NOT NULL;
ALTER TABLE audit_entry ALTER COLUMN entry_hash DROP NOT NULL;

CREATE TABLE audit_tree_node (
    level SMALLINT NOT NULL CHECK (level BETWEEN 0 AND 62),
    idx   BIGINT   NOT NULL CHECK (idx >= 0),
    hash  BYTEA    NOT NULL CHECK (octet_length(hash) = 32),
    PRIMARY KEY (level, idx)
);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_tree_node_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_tree_node
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_tree_node_no_truncate
    BEFORE TRUNCATE ON audit_tree_node
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
