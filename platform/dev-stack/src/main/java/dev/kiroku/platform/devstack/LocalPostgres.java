package dev.kiroku.platform.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.lang.management.ManagementFactory;
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
 * data kept in a folder between runs, one database per service created when missing. Each database has two roles, as
 * in Kubernetes (issue 13): its owner, named like the database, which the service's Flyway migrates as, and
 * {@code <database>_app}, which the service connects as and which owns nothing. Their passwords come from the
 * environment ({@code KIROKU_DB_PASSWORD_<DATABASE>}, {@code KIROKU_DB_APP_PASSWORD_<DATABASE>}, generated once by
 * {@code ./kiroku up}). Its shared buffers are an eighth of this machine's memory, between 128 MB and 4 GB
 * ({@link #sharedBuffers}; {@code KIROKU_POSTGRES_SHARED_BUFFERS} overrides, e.g. {@code 512MB}): PostgreSQL's own
 * default of 128 MB reads the records a disclosure or a breach derivation needs from the operating system's cache page
 * by page once the record table has millions of rows. Runs until it is terminated.
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

        String sharedBuffers = System.getenv().getOrDefault("KIROKU_POSTGRES_SHARED_BUFFERS",
                sharedBuffers(physicalMemory()));
        EmbeddedPostgres postgres = start(dataDir, port, sharedBuffers);
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
        for (String database : databases) {
            provisionRoles(postgres, database, password("KIROKU_DB_PASSWORD_", database),
                    password("KIROKU_DB_APP_PASSWORD_", database));
        }
        System.out.println("PostgreSQL ready on 127.0.0.1:" + port + " with databases " + databases
                + " (data in " + dataDir + ", shared_buffers " + sharedBuffers + ")");
        stopped.await();
    }

    /** Starts on the kept data directory: initialised on first use, reused afterwards; PostgreSQL's default buffers. */
    static EmbeddedPostgres start(Path dataDir, int port) throws IOException {
        return start(dataDir, port, null);
    }

    /**
     * As {@link #start(Path, int)}, with these shared buffers (a PostgreSQL size such as {@code 3GB}; null: 128 MB).
     * PostgreSQL's own pg_prewarm keeps the buffers across restarts: it writes the list of buffered blocks to the data
     * directory every 5 minutes and at shutdown, and reads those blocks back in the background after a start. Without
     * it, the first minutes after a restart read every index page from the operating system again (bench/provision-
     * records, about 12 million records): ingest ran at 5,500 events/s against 9,400 once warm; disclosures right after
     * a restart had a p50 of 14.7 ms and a p99 of 40 ms without it, 7.2–7.5 ms and 29–34 ms with it.
     * <p>
     * It flushes to disk ({@code fsync=on}): the embedded server starts with {@code -F} (no flushing at all), with which
     * a crash of the machine can leave the data directory corrupt. {@code synchronous_commit} stays off, as the
     * embedded server sets it: a commit does not wait for its flush, so such a crash loses at most the commits of the
     * last moments (three times {@code wal_writer_delay}, 600 ms) and never the database.
     */
    static EmbeddedPostgres start(Path dataDir, int port, String sharedBuffers) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("shared_preload_libraries", "pg_prewarm")
                .setServerConfig("fsync", "on");
        if (sharedBuffers != null) {
            builder.setServerConfig("shared_buffers", sharedBuffers);
        }
        return builder.start();
    }

    /**
     * The stack's shared buffers for a machine of this much memory: an eighth of it, at least PostgreSQL's default of
     * 128 MB and at most 4 GB, in whole megabytes. On the 24 GiB benchmark machine, 3 GB: there a breach derivation
     * over 100,000 subjects of a 10-million-record table took 14 s with 128 MB and 8.5–10.9 s with 3 GB (bench/
     * provision-records).
     */
    static String sharedBuffers(long physicalMemoryBytes) {
        long mb = physicalMemoryBytes / 8 / (1024 * 1024);
        return Math.max(128, Math.min(4096, mb)) + "MB";
    }

    private static long physicalMemory() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
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

    private static String password(String prefix, String database) {
        String name = prefix + database.toUpperCase(java.util.Locale.ROOT);
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: start the local stack with ./kiroku up");
        }
        return value;
    }

    /** The name of the role a service connects as. */
    static String appRole(String database) {
        return database + "_app";
    }

    /**
     * Gives the database its two roles: the owner (named like the database: it owns the database, its schema and
     * every object in it, taking over those a previous version of the stack created as {@code postgres}) and the
     * application role, which owns nothing and gets its grants from the service's migrations. Only the two may
     * connect. Passwords are set on every start, so they always match the generated ones.
     */
    static void provisionRoles(EmbeddedPostgres postgres, String database, String ownerPassword, String appPassword)
            throws SQLException {
        String owner = database;
        String app = appRole(database);
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            upsertRole(c, owner, ownerPassword);
            upsertRole(c, app, appPassword);
            s.execute("ALTER DATABASE " + database + " OWNER TO " + owner);
            s.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
            s.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + database + " TO " + app);
        }
        try (Connection c = postgres.getDatabase("postgres", database).getConnection();
             Statement s = c.createStatement()) {
            s.execute("""
                    DO $adopt$
                    DECLARE
                        r record;
                    BEGIN
                        FOR r IN SELECT c.oid::regclass AS name FROM pg_class c
                                 WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                                   AND c.relowner <> '%1$s'::regrole
                                   AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d
                                        WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
                        LOOP
                            EXECUTE format('ALTER TABLE %%s OWNER TO %1$s', r.name);
                        END LOOP;
                        FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p
                                 WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> '%1$s'::regrole
                        LOOP
                            EXECUTE format('ALTER FUNCTION %%s OWNER TO %1$s', r.name);
                        END LOOP;
                    END
                    $adopt$""".formatted(owner));
        }
    }

    private static void upsertRole(Connection c, String role, String password) throws SQLException {
        boolean exists;
        try (PreparedStatement query = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, role);
            try (ResultSet rs = query.executeQuery()) {
                exists = rs.next();
            }
        }
        String quoted;
        try (PreparedStatement quote = c.prepareStatement("SELECT quote_literal(?)")) {
            quote.setString(1, password);
            try (ResultSet rs = quote.executeQuery()) {
                rs.next();
                quoted = rs.getString(1);
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                    + "PASSWORD " + quoted);
        }
    }
}
