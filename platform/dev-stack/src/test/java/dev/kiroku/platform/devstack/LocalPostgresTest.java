package dev.kiroku.platform.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LocalPostgresTest {

    @Test
    void keepsDataAndDatabasesAcrossRestarts(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        try (EmbeddedPostgres first = LocalPostgres.start(dataDir, port)) {
            LocalPostgres.createMissing(first, List.of("provision_records", "joint_use"));
            try (Connection c = first.getDatabase("postgres", "joint_use").getConnection();
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (id int)");
                s.execute("INSERT INTO kept VALUES (42)");
            }
        }
        try (EmbeddedPostgres second = LocalPostgres.start(dataDir, port)) {
            LocalPostgres.createMissing(second, List.of("provision_records", "joint_use", "breach_reporting"));
            try (Connection c = second.getDatabase("postgres", "joint_use").getConnection();
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
            try (Connection c = second.getDatabase("postgres", "breach_reporting").getConnection()) {
                assertThat(c.isValid(1)).isTrue();
            }
        }
    }

    @Test
    void theStacksSharedBuffersAreAnEighthOfMemoryBetweenPostgresDefaultAndFourGigabytes() {
        long gib = 1024L * 1024 * 1024;
        assertThat(LocalPostgres.sharedBuffers(24 * gib)).isEqualTo("3072MB");
        assertThat(LocalPostgres.sharedBuffers(8 * gib)).isEqualTo("1024MB");
        assertThat(LocalPostgres.sharedBuffers(gib / 2)).isEqualTo("128MB");
        assertThat(LocalPostgres.sharedBuffers(128 * gib)).isEqualTo("4096MB");
    }

    @Test
    void startsWithTheSharedBuffersItIsGiven(@TempDir Path dataDir) throws Exception {
        assertThat(settingsOf(dataDir, "256MB", "shared_buffers")).containsEntry("shared_buffers", "256MB");
    }

    @Test
    void flushesToDiskSoACrashOfTheMachineLosesAtMostTheLastCommitsNeverTheDatabase(@TempDir Path dataDir)
            throws Exception {
        // fsync: the embedded server's -F turned it off; synchronous_commit: a commit does not wait for the flush
        assertThat(settingsOf(dataDir, null, "fsync", "full_page_writes", "synchronous_commit"))
                .containsExactly(Map.entry("fsync", "on"), Map.entry("full_page_writes", "on"),
                        Map.entry("synchronous_commit", "off"));
    }

    @Test
    void theBuffersOfOneRunAreReadBackAfterTheNextStart(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        try (EmbeddedPostgres first = LocalPostgres.start(dataDir, port, "128MB");
             Connection c = first.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE warm AS SELECT g AS id, repeat('x', 200) AS filler FROM generate_series(1, 20000) g");
            s.execute("SELECT count(*) FROM warm");
        }
        // pg_prewarm's autoprewarm listed the buffered blocks at shutdown
        assertThat(dataDir.resolve("autoprewarm.blocks")).isNotEmptyFile();
        try (EmbeddedPostgres second = LocalPostgres.start(dataDir, port, "128MB");
             Connection c = second.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            assertThat(show(s, "shared_preload_libraries")).isEqualTo("pg_prewarm");
            // the table's blocks come back into shared buffers without a query touching it (a background worker)
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_buffercache");
            long buffered = 0;
            for (int i = 0; i < 100 && buffered == 0; i++) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_buffercache b JOIN pg_class r "
                        + "ON b.relfilenode = pg_relation_filenode(r.oid) WHERE r.relname = 'warm'")) {
                    rs.next();
                    buffered = rs.getLong(1);
                }
                if (buffered == 0) {
                    Thread.sleep(100);
                }
            }
            assertThat(buffered).isPositive();
        }
    }

    @Test
    void eachDatabaseHasAnOwnerThatTakesOverWhatPostgresCreatedAndAnApplicationRoleThatOwnsNothing(
            @TempDir Path dataDir) throws Exception {
        int port = freePort();
        try (EmbeddedPostgres postgres = LocalPostgres.start(dataDir, port)) {
            LocalPostgres.createMissing(postgres, List.of("joint_use"));
            // what an earlier stack left: a table and a function created by postgres
            try (Connection c = postgres.getDatabase("postgres", "joint_use").getConnection();
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (id serial PRIMARY KEY)");
                s.execute("CREATE FUNCTION kept_guard() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$");
            }
            LocalPostgres.provisionRoles(postgres, "joint_use", "owner-dev-only", "app-dev-only");
            LocalPostgres.provisionRoles(postgres, "joint_use", "owner-dev-only", "app-dev-only"); // idempotent

            try (Connection c = postgres.getDatabase("postgres", "joint_use").getConnection();
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_get_userbyid(d.datdba), "
                         + "(SELECT string_agg(DISTINCT pg_get_userbyid(relowner), ',') FROM pg_class "
                         + "WHERE relnamespace = 'public'::regnamespace), "
                         + "(SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'kept_guard'), "
                         + "(SELECT count(*) FROM pg_class WHERE relowner = 'joint_use_app'::regrole), "
                         + "(SELECT rolsuper FROM pg_roles WHERE rolname = 'joint_use_app') "
                         + "FROM pg_database d WHERE d.datname = current_database()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("joint_use");
                assertThat(rs.getString(2)).isEqualTo("joint_use");
                assertThat(rs.getString(3)).isEqualTo("joint_use");
                assertThat(rs.getLong(4)).isZero();
                assertThat(rs.getBoolean(5)).isFalse();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A server setting as SHOW gives it. */
    /** These settings of a server started on the data directory with these shared buffers (null: the default). */
    private static Map<String, String> settingsOf(Path dataDir, String sharedBuffers, String... names)
            throws Exception {
        try (EmbeddedPostgres postgres = LocalPostgres.start(dataDir, freePort(), sharedBuffers);
             Connection c = postgres.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            Map<String, String> values = new java.util.LinkedHashMap<>();
            for (String name : names) {
                values.put(name, show(s, name));
            }
            return values;
        }
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
