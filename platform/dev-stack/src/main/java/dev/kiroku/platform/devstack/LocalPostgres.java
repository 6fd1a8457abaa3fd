package dev.kiroku.platform.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The local stack's PostgreSQL: real PostgreSQL binaries from Maven (no container engine, no system package), its
 * data kept in a folder between runs, one database per service created when missing. Runs until it is terminated.
 *
 * <pre>java -jar kiroku-dev-stack.jar &lt;data-dir&gt; &lt;port&gt; &lt;database&gt;...</pre>
 */
public final class LocalPostgres {

    private LocalPostgres() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: LocalPostgres <data-dir> <port> <database>...");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        List<String> databases = List.of(args).subList(2, args.length);
        Files.createDirectories(dataDir);

        EmbeddedPostgres postgres = start(dataDir, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "postgres-stop"));
        createMissing(postgres, databases);
        System.out.println("PostgreSQL ready on 127.0.0.1:" + port + " with databases " + databases
                + " (data in " + dataDir + ")");
        stopped.await();
    }

    /** Starts on the kept data directory: initialised on first use, reused afterwards. */
    static EmbeddedPostgres start(Path dataDir, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    static void createMissing(EmbeddedPostgres postgres, List<String> databases) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            for (String database : databases) {
                if (!database.matches("[a-z][a-z0-9_]*")) {
                    throw new IllegalArgumentException("not a plain database name: " + database);
                }
                try (PreparedStatement exists = connection.prepareStatement(
                        "SELECT 1 FROM pg_database WHERE datname = ?")) {
                    exists.setString(1, database);
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE " + database);
                }
                System.out.println("created database " + database);
            }
        }
    }
}
