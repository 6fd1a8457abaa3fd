package dev.kiroku.platform.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.audit.merkle.CompactRange;
import dev.kiroku.platform.audit.merkle.Rfc9162;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the Merkle tree over the entries the linear chain recorded before V2, in their order ({@code seq}), so that
 * nothing recorded so far is lost: entry {@code seq} becomes leaf {@code seq - 1}. Streams the table once and writes
 * the nodes in batches; the entries themselves are not changed.
 */
public class V3__merkle_log_backfill extends BaseJavaMigration {

    private static final int BATCH = 5000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        ObjectMapper json = new ObjectMapper();
        CompactRange tree = new CompactRange();
        List<CompactRange.Node> pending = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT seq, entry_id, recorded_at, actor, action, aggregate_type, aggregate_id, reason, content "
                        + "FROM audit_entry ORDER BY seq")) {
            query.setFetchSize(BATCH);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    if (seq != tree.size() + 1) {
                        throw new IllegalStateException("audit_entry has a gap before seq " + seq
                                + ": the chain must be intact before it becomes a Merkle log");
                    }
                    byte[] leaf = AuditHashing.leaf(json, seq, rs.getObject(2).toString(),
                            rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
                    pending.addAll(tree.append(Rfc9162.leafHash(leaf)));
                    if (pending.size() >= BATCH) {
                        AuditTreeNodes.insert(connection, pending);
                        pending.clear();
                    }
                }
            }
        }
        AuditTreeNodes.insert(connection, pending);
    }
}
