package dev.kiroku.platform.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * A Kiroku service's packaged jar ({@code <service>/target/quarkus-app/quarkus-run.jar}, built earlier in the reactor)
 * run as a real process on a free port, for tests that talk to the real thing: the gateway's end-to-end tests, and a
 * service calling another with its service account. Its output goes to a log file; {@link #close} stops it.
 */
public final class PackagedService implements AutoCloseable {

    /** How long a service may take to answer {@code /q/health/ready}. */
    public static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private PackagedService(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** The reactor's root: the {@code kiroku.home} system property (set by the build), else the parent directory. */
    public static Path home() {
        return Path.of(System.getProperty("kiroku.home", ".."));
    }

    /**
     * The packaged jar of a service, or an error naming the command that builds it (a module built alone has not
     * packaged the services it depends on at run time).
     */
    public static Path jar(String service) {
        Path jar = home().resolve(service).resolve("target/quarkus-app/quarkus-run.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("missing " + jar + ": this test runs the packaged " + service
                    + " service; build it first with `./mvnw install -DskipTests -pl " + service + " -am` (or run the "
                    + "whole reactor, `./mvnw verify`, which builds it before this module)");
        }
        return jar;
    }

    /**
     * Starts the service's jar on a free port with the given environment (added to this JVM's), logging to
     * {@code logDirectory/<service>.log}. Call {@link #awaitReady} before using it.
     */
    public static PackagedService start(String service, Map<String, String> environment, Path logDirectory)
            throws IOException {
        return start(service, freePort(), environment, logDirectory);
    }

    /** Starts the service's jar on the given port (e.g. again where it ran before). */
    public static PackagedService start(String service, int port, Map<String, String> environment,
            Path logDirectory) throws IOException {
        Path jar = jar(service);
        Files.createDirectories(logDirectory);
        Path log = logDirectory.resolve(service + ".log");
        // the heap ./kiroku up gives a service by default (KIROKU_JAVA_OPTS_*): breach-reporting takes bodies up to
        // 64 MB, and a chunked one is gathered in a buffer that doubles as it grows; with 256 MB that once ran out
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return new PackagedService(service, port, builder.start(), log);
    }

    /** Waits until the service answers {@code /q/health/ready} with 200 (its database and migrations are up). */
    public PackagedService awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url() + "/q/health/ready").toURL()
                        .openConnection();
                connection.setConnectTimeout(500);
                if (connection.getResponseCode() == 200) {
                    return this;
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
        throw new IllegalStateException(url() + " (" + name + ") was not ready in " + READY_TIMEOUT + "; see " + log);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /** Stops the process and waits for it to end. */
    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the process at once (SIGKILL, as {@code kill -9}: no shutdown hook runs) and waits for it to end. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A free TCP port on this machine. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Base64 of 32 random bytes: the shape of the services' AES and HMAC keys for personal data at rest. */
    public static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
