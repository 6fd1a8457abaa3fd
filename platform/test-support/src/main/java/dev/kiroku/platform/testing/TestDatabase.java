package dev.kiroku.platform.testing;

import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Connections to the test database of {@link EmbeddedPostgresResource} as each of its roles, for tests that check
 * what a role can and cannot do (issue 13): the superuser (an administrator, or an attacker holding one), the
 * schema's owner (the migration role) and the application role the service itself uses.
 */
public final class TestDatabase {

    /** The configuration key holding the test database's JDBC URL (without credentials). */
    static final String URL = "kiroku.test.database.url";

    private TestDatabase() {
    }

    /** As the cluster's superuser {@code postgres}: may disable triggers, so a tampering test can tamper. */
    public static Connection superuser() throws SQLException {
        return connect("postgres", EmbeddedPostgresResource.SUPERUSER_PASSWORD);
    }

    /** As the owner of the schema, the role the migrations run as. */
    public static Connection owner() throws SQLException {
        return connect(EmbeddedPostgresResource.OWNER, EmbeddedPostgresResource.OWNER_PASSWORD);
    }

    /** As the application role the service connects as. */
    public static Connection application() throws SQLException {
        return connect(EmbeddedPostgresResource.APP, EmbeddedPostgresResource.APP_PASSWORD);
    }

    /** The test database's JDBC URL, without credentials. */
    public static String url() {
        return ConfigProvider.getConfig().getValue(URL, String.class);
    }

    private static Connection connect(String user, String password) throws SQLException {
        String url = ConfigProvider.getConfig().getValue(URL, String.class);
        return DriverManager.getConnection(url, user, password);
    }
}
