package dev.kiroku.gateway;

import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.KeycloakServer;
import dev.kiroku.platform.testing.OtlpReceiver;
import dev.kiroku.platform.testing.PackagedService;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real services behind the gateway: one embedded PostgreSQL with a database per service, and each service's
 * packaged jar ({@link PackagedService}, built earlier in the reactor) started on a free port against the build's
 * Keycloak. The gateway's route table is pointed at them, and each database's superuser URL is published as
 * {@code kiroku.test.databases.<service>.jdbc-url} (user and password {@code postgres}) for tests that look at the rows.
 */
public class ServicesResource implements QuarkusTestResourceLifecycleManager {

    static final Map<String, String> DATABASES = Map.of(
            "provision-records", "provision_records",
            "joint-use", "joint_use",
            "breach-reporting", "breach_reporting");

    /** Where the OTLP receiver writes the spans the gateway and the services export (one JSON line each). */
    static final Path SPANS = PackagedService.home().resolve("gateway/target/otlp/spans.jsonl");

    private EmbeddedPostgres postgres;
    private OtlpReceiver otlp;
    private final List<PackagedService> services = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        Path logs = PackagedService.home().resolve("gateway/target/e2e-logs");
        Map<String, String> config = new HashMap<>();
        try {
            DATABASES.keySet().forEach(PackagedService::jar);
            otlp = OtlpReceiver.start(SPANS);
            // the gateway and every service export their spans to the receiver, flushed every 100 ms
            config.put("quarkus.otel.exporter.otlp.traces.endpoint", otlp.endpoint());
            config.put("quarkus.otel.bsp.schedule.delay", "100ms");
            postgres = EmbeddedPostgres.builder().start();
            for (var entry : DATABASES.entrySet()) {
                // each service as deployed: connected as <db>_app, migrated as the owner <db> (issue 13)
                Map<String, String> env = new HashMap<>(
                        EmbeddedPostgresResource.serviceDatabase(postgres, entry.getValue()));
                env.put("QUARKUS_OIDC_AUTH_SERVER_URL", KeycloakServer.realmUrl());
                env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", otlp.endpoint());
                env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms");
                // the services' keys for personal data at rest: fresh ones for this test run
                env.put("KIROKU_CRYPTO_KEY", "test1:" + PackagedService.randomKey());
                env.put("KIROKU_CRYPTO_INDEX_KEY", PackagedService.randomKey());
                env.put("KIROKU_CRYPTO_AUDIT_SIGNING_KEY", PackagedService.randomKey());
                PackagedService service = PackagedService.start(entry.getKey(), env, logs);
                services.add(service);
                config.put("kiroku.gateway.backends." + entry.getKey() + ".url", service.url());
                config.put("kiroku.test.databases." + entry.getKey() + ".jdbc-url",
                        postgres.getJdbcUrl("postgres", entry.getValue()));
            }
            services.forEach(PackagedService::awaitReady);
        } catch (IOException | java.sql.SQLException | RuntimeException e) {
            stop();
            throw new IllegalStateException("could not start the services for the gateway tests", e);
        }
        return config;
    }

    @Override
    public void stop() {
        services.forEach(PackagedService::close);
        services.clear();
        if (otlp != null) {
            otlp.close();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // temporary data directory
            }
        }
    }
}
