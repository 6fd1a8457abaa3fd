package dev.kiroku.platform.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.audit.merkle.MerkleTree;
import dev.kiroku.platform.audit.merkle.Rfc9162;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import dev.kiroku.platform.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The linear chain's entries become the first leaves of the Merkle log, in their order, when the log's migrations run
 * over a database that holds a chain (done here in a schema of its own, migrated to V1, filled, then migrated on),
 * and each is then authenticated by the log's key (V6).
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class AuditLogMigrationTest {

    @Inject
    AuditEntryMacs macs;

    @Test
    void existingChainEntriesBecomeTheFirstLeavesInTheirOrder() throws Exception {
        String schema = "legacy_chain";
        var flyway = Flyway.configure(AuditSchema.class.getClassLoader())
                .dataSource(TestDatabase.url(), "postgres", EmbeddedPostgresResource.SUPERUSER_PASSWORD)
                .schemas(schema).defaultSchema(schema).createSchemas(true)
                .locations("classpath:kiroku/audit/db").javaMigrations(new V3__merkle_log_backfill())
                .table(AuditSchema.HISTORY_TABLE);
        flyway.target("1").load().migrate();
        ObjectMapper json = new ObjectMapper();
        List<byte[]> leaves = new ArrayList<>();
        try (Connection c = TestDatabase.superuser()) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("SET search_path TO " + schema);
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_entry (seq, entry_id, recorded_at, "
                    + "actor, action, aggregate_type, aggregate_id, reason, content, previous_hash, entry_hash) "
                    + "VALUES (?, ?, ?, 'officer', 'thing.created', 'thing', ?, NULL, ?, ?, ?)")) {
                for (int seq = 1; seq <= 37; seq++) {
                    UUID id = UUID.randomUUID();
                    Instant at = Instant.parse("2026-01-01T00:00:00.123456Z").plusSeconds(seq);
                    String content = "{\"n\":" + seq + "}";
                    insert.setLong(1, seq);
                    insert.setObject(2, id);
                    insert.setObject(3, at.atOffset(java.time.ZoneOffset.UTC));
                    insert.setString(4, "thing-" + seq);
                    insert.setString(5, content);
                    insert.setString(6, "0".repeat(64));
                    insert.setString(7, HexFormat.of().formatHex(Rfc9162.leafHash(new byte[]{(byte) seq})));
                    insert.executeUpdate();
                    leaves.add(AuditHashing.leaf(json, seq, id.toString(), at, "officer", "thing.created", "thing",
                            "thing-" + seq, null, content));
                }
            }
            var migrated = Flyway.configure(AuditSchema.class.getClassLoader())
                .dataSource(TestDatabase.url(), "postgres", EmbeddedPostgresResource.SUPERUSER_PASSWORD)
                    .schemas(schema).defaultSchema(schema)
                    .locations("classpath:kiroku/audit/db")
                    .javaMigrations(new V3__merkle_log_backfill(), new V6__audit_entry_mac(macs))
                    .table(AuditSchema.HISTORY_TABLE).load().migrate();
            assertThat(migrated.migrationsExecuted).isGreaterThanOrEqualTo(2);
            try (Statement s = c.createStatement()) {
                s.execute("SET search_path TO " + schema);
            }
            MerkleTree tree = new MerkleTree(AuditTreeNodes.reader(c));
            var reference = new dev.kiroku.platform.audit.merkle.CompactRange();
            leaves.forEach(leaf -> reference.append(Rfc9162.leafHash(leaf)));
            assertThat(AuditChain.treeSize(c)).isEqualTo(37);
            assertThat(HexFormat.of().formatHex(tree.rootHash(37))).isEqualTo(HexFormat.of().formatHex(reference.root()));
            assertThat(HexFormat.of().formatHex(tree.inclusionProof(5, 37).get(0)))
                    .isEqualTo(HexFormat.of().formatHex(Rfc9162.leafHash(leaves.get(4))));
            try (Statement s = c.createStatement(); var rs = s.executeQuery(
                    "SELECT count(*) FROM audit_entry WHERE entry_hash IS NOT NULL")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the chain's own hashes are kept").isEqualTo(37);
            }
            // V6: every entry already logged is authenticated by the log's key, over its leaf
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT e.seq, e.mac, n.hash FROM "
                    + "audit_entry e JOIN audit_tree_node n ON n.level = 0 AND n.idx = e.seq - 1 ORDER BY e.seq")) {
                int authenticated = 0;
                while (rs.next()) {
                    assertThat(macs.authenticates(rs.getLong(1), rs.getBytes(3), rs.getBytes(2)))
                            .as("entry " + rs.getLong(1)).isTrue();
                    authenticated++;
                }
                assertThat(authenticated).isEqualTo(37);
            }
            try (Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_entry SET mac = NULL WHERE seq = 1"))
                        .as("the guard is on again").hasMessageContaining("append-only");
                s.execute("SET search_path TO public");
            }
        }
    }
}
