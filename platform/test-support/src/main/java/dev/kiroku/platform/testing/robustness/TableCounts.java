package dev.kiroku.platform.testing.robustness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The row count of every table of a service's database (every schema but PostgreSQL's own), in one query: the suite
 * takes it before and after every request and requires a refused one to have changed none. Through the gateway it
 * counts the tables of every service's database ({@link #of}), each table named {@code database:schema.table}.
 */
public final class TableCounts implements AutoCloseable {

    /** A database to count, named for the reports (e.g. the service's name). */
    public record Database(String name, String jdbcUrl, String username, String password) {
    }

    private record Counted(String prefix, Connection connection, String query) {
    }

    private final List<Counted> databases = new ArrayList<>();

    /** The tables of one database, named {@code schema.table}. */
    public TableCounts(String jdbcUrl, String username, String password) {
        this(List.of(new Database("", jdbcUrl, username, password)));
    }

    private TableCounts(List<Database> databases) {
        try {
            for (Database database : databases) {
                this.databases.add(counted(database));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The tables of several databases (a service's each), named {@code database:schema.table}. */
    public static TableCounts of(List<Database> databases) {
        if (databases.isEmpty()) {
            throw new IllegalArgumentException("no database to count");
        }
        return new TableCounts(databases);
    }

    private static Counted counted(Database database) {
        String jdbcUrl = database.jdbcUrl();
        try {
            Connection connection = DriverManager.getConnection(jdbcUrl, database.username(), database.password());
            List<String> tables = new ArrayList<>();
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT table_schema, table_name FROM information_schema.tables"
                         + " WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')"
                         + " ORDER BY 1, 2")) {
                while (rs.next()) {
                    tables.add('"' + rs.getString(1) + "\".\"" + rs.getString(2) + '"');
                }
            }
            if (tables.isEmpty()) {
                connection.close();
                throw new IllegalStateException("no tables in " + jdbcUrl);
            }
            StringBuilder q = new StringBuilder();
            for (String table : tables) {
                q.append(q.length() == 0 ? "" : " UNION ALL ")
                        .append("SELECT '").append(table.replace("\"", "")).append("', count(*) FROM ").append(table);
            }
            return new Counted(database.name().isEmpty() ? "" : database.name() + ":", connection, q.toString());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the tables of " + jdbcUrl, e);
        }
    }

    /** Table name ({@code schema.table}, or {@code database:schema.table} for several) to its row count, now. */
    public Map<String, Long> now() {
        Map<String, Long> counts = new TreeMap<>();
        for (Counted database : databases) {
            try (Statement s = database.connection().createStatement(); ResultSet rs = s.executeQuery(database.query())) {
                while (rs.next()) {
                    counts.put(database.prefix() + rs.getString(1), rs.getLong(2));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot count the tables", e);
            }
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
        for (Counted database : databases) {
            try {
                database.connection().close();
            } catch (SQLException ignored) {
                // closing a test connection
            }
        }
    }
}
