package dev.kiroku.platform.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Checks of what the roles of {@link EmbeddedPostgresResource} can do to a service's tables (issue 13): the
 * application role owns nothing, so it cannot switch a guard off; a statement a guard or a missing privilege refuses
 * fails with SQLSTATE 42501 and a message saying why.
 */
public final class DatabaseGuards {

    /** SQLSTATE insufficient_privilege: a missing grant, a table one does not own, and every Kiroku guard. */
    public static final String INSUFFICIENT_PRIVILEGE = "42501";

    private DatabaseGuards() {
    }

    /** A way to connect as one role. */
    @FunctionalInterface
    public interface As {
        Connection connect() throws SQLException;
    }

    /**
     * The application role is no superuser, owns no relation and no schema, cannot create a table, and cannot set
     * {@code session_replication_role} (which would silence every trigger).
     */
    public static void assertApplicationRoleOwnsNothing() throws SQLException {
        try (Connection c = TestDatabase.application(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, "
                    + "(SELECT count(*) FROM pg_class WHERE relowner = r.oid), "
                    + "(SELECT count(*) FROM pg_namespace WHERE nspowner = r.oid) "
                    + "FROM pg_roles r WHERE rolname = current_user")) {
                assertThat(rs.next()).isTrue();
                assertThat(List.of(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4)))
                        .as("superuser, createrole, createdb, bypassrls").containsOnly(false);
                assertThat(rs.getLong(5)).as("relations the application role owns").isZero();
                assertThat(rs.getLong(6)).as("schemas the application role owns").isZero();
            }
        }
        assertRefused(TestDatabase::application, "CREATE TABLE app_made (id int)", "permission denied for schema");
        assertRefused(TestDatabase::application, "SET session_replication_role = replica",
                "permission denied to set parameter");
    }

    /** The application role cannot disable, drop or replace the triggers of these tables, nor take them over. */
    public static void assertApplicationRoleCannotSwitchOffGuards(String... tables) throws SQLException {
        for (String table : tables) {
            for (String attack : List.of("ALTER TABLE " + table + " DISABLE TRIGGER ALL",
                    "ALTER TABLE " + table + " DISABLE TRIGGER USER",
                    "ALTER TABLE " + table + " OWNER TO current_user")) {
                assertRefused(TestDatabase::application, attack, "must be owner of");
            }
            for (String trigger : triggersOf(table)) {
                assertRefused(TestDatabase::application, "ALTER TABLE " + table + " DISABLE TRIGGER " + trigger,
                        "must be owner of");
                assertRefused(TestDatabase::application, "DROP TRIGGER " + trigger + " ON " + table,
                        "must be owner of");
            }
        }
    }

    /** The user triggers of a table (a guarded table has at least one). */
    public static List<String> triggersOf(String table) throws SQLException {
        List<String> triggers = new ArrayList<>();
        try (Connection c = TestDatabase.owner(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = '"
                     + table + "'::regclass ORDER BY tgname")) {
            while (rs.next()) {
                triggers.add(rs.getString(1));
            }
        }
        assertThat(triggers).as("the guards of " + table).isNotEmpty();
        return triggers;
    }

    /** The statement fails as that role with SQLSTATE 42501 and a message containing the text; nothing changes. */
    public static void assertRefused(As as, String sql, String message) throws SQLException {
        try (Connection c = as.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                s.execute(sql);
                fail("not refused: " + sql);
            } catch (SQLException e) {
                assertThat(e.getSQLState()).as(sql + " → " + e.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE);
                assertThat(e.getMessage()).as(sql).contains(message);
            } finally {
                c.rollback();
            }
        }
    }

    /** The statement succeeds as that role; it is rolled back. Answers the rows it changed. */
    public static int assertAllowedAndRolledBack(As as, String sql) throws SQLException {
        try (Connection c = as.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                return s.executeUpdate(sql);
            } finally {
                c.rollback();
            }
        }
    }
}
