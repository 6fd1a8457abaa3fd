package dev.kiroku.platform.audit;

import dev.kiroku.platform.audit.merkle.CompactRange;
import dev.kiroku.platform.audit.merkle.NodeId;
import dev.kiroku.platform.audit.merkle.NodeReader;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The stored perfect subtrees of the log ({@code audit_tree_node}), read and written on the caller's connection. */
public final class AuditTreeNodes {

    private AuditTreeNodes() {
    }

    /** Reads the asked nodes in one query: one primary-key lookup per node. */
    public static NodeReader reader(Connection connection) {
        return ids -> read(connection, ids);
    }

    static Map<NodeId, byte[]> read(Connection connection, Collection<NodeId> ids) {
        Short[] levels = new Short[ids.size()];
        Long[] indexes = new Long[ids.size()];
        int i = 0;
        for (NodeId id : ids) {
            levels[i] = (short) id.level();
            indexes[i++] = id.index();
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT n.level, n.idx, n.hash FROM unnest(?::smallint[], ?::bigint[]) AS w(level, idx) "
                        + "JOIN audit_tree_node n ON n.level = w.level AND n.idx = w.idx")) {
            Array levelArray = connection.createArrayOf("smallint", levels);
            Array indexArray = connection.createArrayOf("bigint", indexes);
            query.setArray(1, levelArray);
            query.setArray(2, indexArray);
            Map<NodeId, byte[]> out = new HashMap<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    out.put(new NodeId(rs.getShort(1), rs.getLong(2)), rs.getBytes(3));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new AuditChainException("could not read the audit log's tree", e);
        }
    }

    static void insert(Connection connection, List<CompactRange.Node> nodes) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO audit_tree_node (level, idx, hash) VALUES (?, ?, ?)")) {
            for (CompactRange.Node node : nodes) {
                insert.setShort(1, (short) node.id().level());
                insert.setLong(2, node.id().index());
                insert.setBytes(3, node.hash());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
