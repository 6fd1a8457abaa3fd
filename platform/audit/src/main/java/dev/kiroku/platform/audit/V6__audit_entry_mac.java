package dev.kiroku.platform.audit;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Every entry carries its MAC ({@link AuditEntryMacs}): adds the column and authenticates the entries already logged,
 * each over its stored leaf, in one pass (the owner lifts the append-only guard for this migration only). Run once,
 * by the schema's owner, with the service's key; from then on only the service writes MACs.
 */
public class V6__audit_entry_mac extends BaseJavaMigration {

    private static final int BATCH = 5000;

    private final AuditEntryMacs macs;

    public V6__audit_entry_mac(AuditEntryMacs macs) {
        this.macs = macs;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement s = connection.createStatement()) {
            s.execute("ALTER TABLE audit_entry ADD COLUMN mac BYTEA CHECK (octet_length(mac) = 32)");
            s.execute("COMMENT ON COLUMN audit_entry.mac IS 'HMAC-SHA256 of seq and the leaf hash by a key the "
                    + "database does not hold (AuditEntryMacs): an entry the service did not write has none'");
            s.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_or_delete");
        }
        try (PreparedStatement leaves = connection.prepareStatement(
                "SELECT idx, hash FROM audit_tree_node WHERE level = 0 ORDER BY idx");
             PreparedStatement update = connection.prepareStatement("UPDATE audit_entry SET mac = ? WHERE seq = ?")) {
            leaves.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet rs = leaves.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1) + 1;
                    update.setBytes(1, macs.mac(seq, rs.getBytes(2)));
                    update.setLong(2, seq);
                    update.addBatch();
                    if (++pending == BATCH) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                update.executeBatch();
            }
        }
        try (Statement s = connection.createStatement()) {
            s.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update_or_delete");
        }
    }
}
