package dev.kiroku.platform.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LocalPostgresTest {

    @Test
    void keepsDataAndDatabasesAcrossRestarts(@TempDir Path dataDir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
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
}
