package dev.kiroku.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One real Keycloak for the whole build. Reused when {@code KEYCLOAK_URL} (or {@code -Dkiroku.keycloak.url}) names
 * a running server with the {@code kiroku} realm; otherwise started from the unpacked {@code keycloak-quarkus-dist}
 * by the first test JVM of the build and shared with the later modules' test JVMs of the same Maven process. A small
 * watchdog stops it when that Maven process ends, so no Keycloak outlives the build.
 */
public final class KeycloakServer {

    public static final String REALM = "kiroku";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static String baseUrl;

    private KeycloakServer() {
    }

    /** The base URL (no trailing slash) of a running Keycloak serving the kiroku realm. */
    public static synchronized String baseUrl() {
        if (baseUrl == null) {
            baseUrl = configuredUrl().map(KeycloakServer::requireRealm).orElseGet(KeycloakServer::sharedServer);
        }
        return baseUrl;
    }

    public static String realmUrl() {
        return baseUrl() + "/realms/" + REALM;
    }

    private static Optional<String> configuredUrl() {
        String url = System.getProperty("kiroku.keycloak.url");
        if (url == null || url.isBlank()) {
            url = System.getenv("KEYCLOAK_URL");
        }
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(url.replaceAll("/+$", ""));
    }

    private static String requireRealm(String url) {
        if (!realmAnswers(url)) {
            throw new IllegalStateException("KEYCLOAK_URL=" + url + " does not serve the '" + REALM + "' realm");
        }
        return url;
    }

    private static String sharedServer() {
        Path home = Path.of(required("kiroku.keycloak.home"));
        Path realmFile = Path.of(required("kiroku.realm.file"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak distribution at " + home
                    + "; build with ./mvnw so that platform/test-support unpacks it");
        }
        Path runDir = home.getParent().resolveSibling("run").resolve("test-keycloak");
        long owner = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(ProcessHandle.current().pid());
        try {
            Files.createDirectories(runDir);
            try (FileChannel channel = FileChannel.open(runDir.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                Path urlFile = runDir.resolve("url-" + owner);
                if (Files.exists(urlFile)) {
                    String url = Files.readString(urlFile).trim();
                    if (realmAnswers(url)) {
                        return url;
                    }
                }
                String url = start(home, realmFile, runDir, owner);
                Files.writeString(urlFile, url);
                return url;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String start(Path home, Path realmFile, Path runDir, long owner) throws IOException {
        Path importDir = home.resolve("data/import");
        Files.createDirectories(importDir);
        Files.copy(realmFile, importDir.resolve(REALM + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        int port = freePort();
        String url = "http://127.0.0.1:" + port;
        Path log = runDir.resolve("keycloak-" + port + ".log");
        // Keycloak in the background; the loop waits for the owning Maven process to end, then stops it.
        String script = String.join("\n",
                "bash \"$KIROKU_KC_HOME/bin/kc.sh\" start-dev --http-host=127.0.0.1 --http-port=$KIROKU_KC_PORT"
                        + " --hostname=http://127.0.0.1:$KIROKU_KC_PORT --import-realm --db=dev-mem"
                        + " --log-level=WARN >>\"$KIROKU_KC_LOG\" 2>&1 &",
                "kc=$!",
                "while kill -0 \"$KIROKU_KC_OWNER\" 2>/dev/null && kill -0 \"$kc\" 2>/dev/null; do sleep 2; done",
                "kill \"$kc\" 2>/dev/null; wait \"$kc\"");
        ProcessBuilder builder = new ProcessBuilder(List.of("setsid", "bash", "-c", script))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("KIROKU_KC_HOME", home.toString());
        builder.environment().put("KIROKU_KC_PORT", Integer.toString(port));
        builder.environment().put("KIROKU_KC_LOG", log.toString());
        builder.environment().put("KIROKU_KC_OWNER", Long.toString(owner));
        Process watchdog = builder.start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (realmAnswers(url)) {
                return url;
            }
            if (!watchdog.isAlive()) {
                break;
            }
            sleep();
        }
        watchdog.descendants().forEach(ProcessHandle::destroy);
        watchdog.destroy();
        throw new IllegalStateException("Keycloak did not start serving the realm; see " + log);
    }

    static boolean realmAnswers(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(
                    url + "/realms/" + REALM + "/.well-known/openid-configuration").toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(3000);
            try {
                return connection.getResponseCode() == 200
                        && new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                        .contains("\"issuer\":\"" + url + "/realms/" + REALM + "\"");
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (run the tests with ./mvnw)");
        }
        return value;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
