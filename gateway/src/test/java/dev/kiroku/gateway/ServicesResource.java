package dev.kiroku.gateway;

import dev.kiroku.platform.testing.KeycloakServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real services behind the gateway: one embedded PostgreSQL with a database per service, and each service's
 * packaged jar ({@code <service>/target/quarkus-app/quarkus-run.jar}, built earlier in the reactor) started on a free
 * port against the build's Keycloak. The gateway's route table is pointed at them.
 */
public class ServicesResource implements QuarkusTestResourceLifecycleManager {

    static final Map<String, String> DATABASES = Map.of(
            "provision-records", "provision_records",
            "joint-use", "joint_use",
            "breach-reporting", "breach_reporting");
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private EmbeddedPostgres postgres;
    private final List<Process> services = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        Path home = Path.of(System.getProperty("kiroku.home", ".."));
        Path logs = home.resolve("gateway/target/e2e-logs");
        Map<String, String> config = new HashMap<>();
        try {
            Files.createDirectories(logs);
            postgres = EmbeddedPostgres.builder().start();
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                for (String database : DATABASES.values()) {
                    statement.execute("CREATE DATABASE " + database);
                }
            }
            Map<String, String> urls = new LinkedHashMap<>();
            for (var entry : DATABASES.entrySet()) {
                String service = entry.getKey();
                Path jar = home.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException("missing " + jar + ": build the whole reactor (./mvnw verify)");
                }
                int port = freePort();
                ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
                        jar.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(logs.resolve(service + ".log").toFile());
                Map<String, String> env = builder.environment();
                env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
                env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", entry.getValue()));
                env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
                env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
                env.put("QUARKUS_OIDC_AUTH_SERVER_URL", KeycloakServer.realmUrl());
                // provision-records' keys for personal data at rest: fresh ones for this test run
                env.put("KIROKU_CRYPTO_KEY", "test1:" + randomKey());
                env.put("KIROKU_CRYPTO_INDEX_KEY", randomKey());
                services.add(builder.start());
                urls.put(service, "http://127.0.0.1:" + port);
                config.put("kiroku.gateway.backends." + service + ".url", "http://127.0.0.1:" + port);
            }
            for (String url : urls.values()) {
                awaitReady(url);
            }
        } catch (IOException | java.sql.SQLException e) {
            stop();
            throw new IllegalStateException("could not start the services for the gateway tests", e);
        }
        return config;
    }

    private void awaitReady(String url) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url + "/q/health/ready").toURL()
                        .openConnection();
                connection.setConnectTimeout(500);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(url + " was not ready in " + READY_TIMEOUT + "; see gateway/target/e2e-logs");
    }

    @Override
    public void stop() {
        services.forEach(Process::destroy);
        for (Process process : services) {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        services.clear();
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // temporary data directory
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Base64 of 32 random bytes: the shape of provision-records' AES and HMAC keys. */
    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }
}
