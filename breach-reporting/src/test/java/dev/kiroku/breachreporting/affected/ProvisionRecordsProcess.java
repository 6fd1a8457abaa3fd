package dev.kiroku.breachreporting.affected;

import dev.kiroku.platform.testing.KeycloakServer;
import dev.kiroku.platform.testing.PackagedService;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The real provision-records service for breach-reporting's service-to-service tests: its packaged jar (built earlier
 * in the reactor; a clear error names the command otherwise) on a free port, against its own embedded PostgreSQL and
 * the build's Keycloak. breach-reporting is pointed at it, with small pages so that a derivation pages. The test can
 * stop it (provision-records down) and start it again on the same port, database and keys.
 */
public class ProvisionRecordsProcess implements QuarkusTestResourceLifecycleManager {

    static final int PAGE_SIZE = 2;
    private static volatile ProvisionRecordsProcess current;

    private EmbeddedPostgres postgres;
    private PackagedService service;
    private final Map<String, String> env = new HashMap<>();
    private int port;

    @Override
    public Map<String, String> start() {
        PackagedService.jar("provision-records");
        try {
            postgres = EmbeddedPostgres.builder().start();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE provision_records");
            }
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "provision_records"));
            env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
            env.put("QUARKUS_OIDC_AUTH_SERVER_URL", KeycloakServer.realmUrl());
            env.put("KIROKU_CRYPTO_KEY", "test1:" + PackagedService.randomKey());
            env.put("KIROKU_CRYPTO_INDEX_KEY", PackagedService.randomKey());
            env.put("KIROKU_CRYPTO_AUDIT_SIGNING_KEY", PackagedService.randomKey());
            port = PackagedService.freePort();
            service = launch().awaitReady();
        } catch (IOException | SQLException e) {
            stop();
            throw new IllegalStateException("could not start provision-records for the service-to-service tests", e);
        }
        current = this;
        return Map.of(
                "kiroku.breach-reporting.provision-records.url", service.url(),
                "kiroku.breach-reporting.provision-records.page-size", Integer.toString(PAGE_SIZE));
    }

    private PackagedService launch() throws IOException {
        return PackagedService.start("provision-records", port, env,
                PackagedService.home().resolve("breach-reporting/target/s2s-logs"));
    }

    /** provision-records' URL. */
    static String url() {
        return current.service.url();
    }

    /** Stops provision-records (its database stays). */
    static void down() {
        current.service.close();
    }

    /** Starts provision-records again on its port, database and keys. */
    static void up() {
        try {
            current.service = current.launch().awaitReady();
        } catch (IOException e) {
            throw new IllegalStateException("could not restart provision-records", e);
        }
    }

    @Override
    public void stop() {
        if (service != null) {
            service.close();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // temporary data directory
            }
        }
        current = null;
    }
}
