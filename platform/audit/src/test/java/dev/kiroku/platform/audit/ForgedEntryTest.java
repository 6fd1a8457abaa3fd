package dev.kiroku.platform.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.audit.merkle.CompactRange;
import dev.kiroku.platform.audit.merkle.Rfc9162;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import dev.kiroku.platform.testing.TestDatabase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, a forged insert, done for real on the test database with a superuser connection: an entry appended to
 * {@code audit_entry} behind the service's back is named by verification whether the forger leaves the tree alone or
 * also inserts its leaf and the nodes it completes (so the stored tree is consistent with the entries); and the
 * signer never signs a checkpoint over it, so it cannot become part of the signed log.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ForgedEntryTest {

    @Inject
    AuditChain chain;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    AgroalDataSource dataSource;

    /** Appends some entries and waits until a signed checkpoint covers all of them; answers the log's size. */
    private long appendAndAwaitCheckpoint(String aggregate) throws Exception {
        for (int i = 0; i < 3; i++) {
            String id = aggregate + "-" + i;
            QuarkusTransaction.requiringNew().run(() -> chain.append(new AuditEvent("thing.created", "thing", id,
                    "officer", null, Map.of("n", 1))));
        }
        long size = scalar("SELECT count(*) FROM audit_entry");
        for (int attempt = 0; attempt < 100; attempt++) {
            if (checkpoints.latest().map(AuditCheckpoint::treeSize).orElse(-1L) >= size) {
                return size;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no checkpoint covered size " + size);
    }

    private long scalar(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The entry a forger writes after the newest one: well-formed, in sequence, as the service would write it. */
    private static AuditEntry forged(long seq) {
        return new AuditEntry(seq, UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS)
                .atOffset(ZoneOffset.UTC), "officer", "thing.created", "thing", "forged", null, "{\"n\":1}", seq - 1,
                null);
    }

    private static void insert(Connection c, AuditEntry e, byte[] mac) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_entry (seq, entry_id, recorded_at, "
                + "actor, action, aggregate_type, aggregate_id, reason, content, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?)")) {
            insert.setLong(1, e.seq());
            insert.setObject(2, e.entryId());
            insert.setObject(3, e.recordedAt());
            insert.setString(4, e.actor());
            insert.setString(5, e.action());
            insert.setString(6, e.aggregateType());
            insert.setString(7, e.aggregateId());
            insert.setString(8, e.reason());
            insert.setString(9, e.content());
            insert.setBytes(10, mac);
            insert.executeUpdate();
        }
    }

    /** Removes what a test forged after {@code size} leaves (the guards lifted for it) and checks the log holds. */
    private void removeForgedAfter(Statement s, long size) throws SQLException {
        s.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_or_delete");
        s.execute("ALTER TABLE audit_tree_node DISABLE TRIGGER audit_tree_node_no_update_or_delete");
        try {
            s.executeUpdate("DELETE FROM audit_entry WHERE seq > " + size);
            s.executeUpdate("DELETE FROM audit_tree_node WHERE ((idx + 1) << level) > " + size);
        } finally {
            s.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update_or_delete");
            s.execute("ALTER TABLE audit_tree_node ENABLE TRIGGER audit_tree_node_no_update_or_delete");
        }
        AuditVerification restored = chain.verify();
        assertThat(restored.intact()).as(restored.problem()).isTrue();
    }

    @Test
    void aForgedEntryWithoutItsLeafIsNamedByVerification() throws Exception {
        long size = appendAndAwaitCheckpoint("unleafed");
        AuditEntry forged = forged(size + 1);
        try (Connection c = TestDatabase.superuser(); Statement s = c.createStatement()) {
            insert(c, forged, null);
            try {
                AuditVerification verification = chain.verify();
                assertThat(verification.intact()).isFalse();
                assertThat(verification.firstBrokenSeq()).isEqualTo(size + 1);
                assertThat(verification.firstBrokenEntryId()).isEqualTo(forged.entryId());
                assertThat(verification.verifiedEntries()).isEqualTo(size);
                assertThat(verification.problem()).contains("no leaf in the log's tree");
            } finally {
                removeForgedAfter(s, size);
            }
        }
    }

    @Test
    void aForgedEntryWithItsLeafAndNodesIsNeverSignedAndIsNamedByVerification() throws Exception {
        long size = appendAndAwaitCheckpoint("leafed");
        ObjectMapper json = new ObjectMapper();
        // a MAC made without the log's key (the forger's own), and none at all
        for (boolean withMac : new boolean[]{true, false}) {
            AuditEntry forged = forged(size + 1);
            byte[] leafHash = Rfc9162.leafHash(AuditHashing.leaf(json, forged));
            try (Connection c = TestDatabase.superuser(); Statement s = c.createStatement()) {
                CompactRange tree = new CompactRange();
                try (ResultSet rs = s.executeQuery("SELECT hash FROM audit_tree_node WHERE level = 0 ORDER BY idx")) {
                    while (rs.next()) {
                        tree.append(rs.getBytes(1));
                    }
                }
                assertThat(tree.size()).isEqualTo(size);
                List<CompactRange.Node> completed = tree.append(leafHash);
                insert(c, forged, withMac ? AuditEntryMacs.mac(AuditEntryMacs.key(new byte[32]), forged.seq(),
                        leafHash) : null);
                AuditTreeNodes.insert(c, completed);
                try {
                    AuditVerification verification = chain.verify();
                    assertThat(verification.intact()).isFalse();
                    assertThat(verification.firstBrokenSeq()).isEqualTo(size + 1);
                    assertThat(verification.firstBrokenEntryId()).isEqualTo(forged.entryId());
                    assertThat(verification.problem()).contains("not authenticated by the log's key")
                            .contains("inserted behind the service's back");
                    // the tree itself is consistent: without the MACs nothing would tell the forged leaf apart
                    assertThat(AuditChain.treeSize(c)).isEqualTo(size + 1);
                    // the signer runs every 200 ms: a second later it still has signed nothing over the forged leaf
                    Thread.sleep(1000);
                    assertThat(scalar("SELECT coalesce(max(tree_size), 0) FROM audit_checkpoint")).isEqualTo(size);
                } finally {
                    removeForgedAfter(s, size);
                }
            }
        }
        // and the service's own next entry is signed as before
        long grown = appendAndAwaitCheckpoint("after-forgery");
        assertThat(grown).isEqualTo(size + 3);
    }
}
