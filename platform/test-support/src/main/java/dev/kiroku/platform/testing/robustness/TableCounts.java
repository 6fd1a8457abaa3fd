package dev.kiroku.platform.testing.robustness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The row count of every table of a service's database (every schema but PostgreSQL's own), in one query: the suite
 * takes it before and after every request and requires a refused one to have changed none.
 */
public final class TableCounts implements AutoCloseable {

    /**
     * Tables the service writes on its own schedule, whatever requests come: the audit log's signed checkpoints (a new
     * one shortly after any commit, e.g. one an earlier accepted request made). A checkpoint signs the log's state and
     * holds nothing of a request; the log's own tables ({@code audit_entry}, {@code audit_tree_node}) stay counted.
     */
    static final Set<String> WRITTEN_ON_SCHEDULE = Set.of("audit_checkpoint");

    private final Connection connection;
    private final String query;

    public TableCounts(String jdbcUrl, String username, String password) {
        try {
            connection = DriverManager.getConnection(jdbcUrl, username, password);
            List<String> tables = new ArrayList<>();
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT table_schema, table_name FROM information_schema.tables"
                         + " WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')"
                         + " ORDER BY 1, 2")) {
                while (rs.next()) {
                    if (WRITTEN_ON_SCHEDULE.contains(rs.getString(2))) {
                        continue;
                    }
                    tables.add('"' + rs.getString(1) + "\".\"" + rs.getString(2) + '"');
                }
            }
            if (tables.isEmpty()) {
                throw new IllegalStateException("no tables in " + jdbcUrl);
            }
            StringBuilder q = new StringBuilder();
            for (String table : tables) {
                q.append(q.length() == 0 ? "" : " UNION ALL ")
                        .append("SELECT '").append(table.replace("\"", "")).append("', count(*) FROM ").append(table);
            }
            query = q.toString();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the tables of " + jdbcUrl, e);
        }
    }

    /** Table name ({@code schema.table}) to its row count, now. */
    public Map<String, Long> now() {
        Map<String, Long> counts = new TreeMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the tables", e);
        }
        return counts;
    }

    public int tables() {
        return now().size();
    }

    /** The tables whose counts differ, with both counts. */
    public static Map<String, String> changed(Map<String, Long> before, Map<String, Long> after) {
        Map<String, String> changed = new TreeMap<>();
        after.forEach((table, n) -> {
            Long was = before.get(table);
            if (!n.equals(was)) {
                changed.put(table, was + " -> " + n);
            }
        });
        return changed;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a test connection
        }
    }
}
