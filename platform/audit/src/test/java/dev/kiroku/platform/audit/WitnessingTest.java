package dev.kiroku.platform.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.audit.merkle.CompactRange;
import dev.kiroku.platform.audit.merkle.Rfc9162;
import dev.kiroku.platform.audit.note.Checkpoint;
import dev.kiroku.platform.audit.note.Cosignature;
import dev.kiroku.platform.audit.note.NoteKey;
import dev.kiroku.platform.audit.note.SignedNote;
import dev.kiroku.platform.audit.witness.CheckpointSink;
import dev.kiroku.platform.audit.witness.WitnessSubmitter;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log with a witness and an outside sink, against the real PostgreSQL: its checkpoints are cosigned and the
 * cosignatures kept, every checkpoint lands in the sink, and a log rolled back or forked at the same size behind the
 * service's back (with a superuser connection, rewriting the entries, the tree, the checkpoints and even the kept
 * cosignatures) still verifies on its own, but not against its witness and its sink, which name what broke.
 */
@QuarkusTest
@TestProfile(WitnessingProfile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class WitnessingTest {

    private static final String ORIGIN = "kiroku.localhost/kiroku-platform-audit";
    private static final String WITNESS = "kiroku.localhost/kiroku-platform-audit/witness";
    /** The log's own TEST-ONLY signing key (application.properties): what a log operator who forks would use. */
    private static final NoteKey LOG_KEY = NoteKey.signing(ORIGIN,
            Base64.getDecoder().decode("dGVzdC1vbmx5LWF1ZGl0LXNpZ25pbmctc2VlZC0zMmI="));
    private static final List<String> EVIDENCE = List.of("audit_entry", "audit_tree_node", "audit_checkpoint",
            "audit_cosignature");

    @Inject
    AuditChain chain;

    @Inject
    AuditVerifier verifier;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    WitnessSubmitter submitter;

    @Inject
    CheckpointSink sink;

    @Inject
    AgroalDataSource dataSource;

    private void appendSome(int n, String aggregate) {
        for (int i = 0; i < n; i++) {
            String id = aggregate + "-" + i;
            QuarkusTransaction.requiringNew().run(() -> chain.append(new AuditEvent("thing.created", "thing", id,
                    "officer", null, Map.of("n", 1))));
        }
    }

    private long scalar(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Appends and waits until the witness cosigned, and the sink holds, the checkpoint of the new size. */
    private long appendAndAwaitWitnessAndSink(int n, String aggregate) throws Exception {
        appendSome(n, aggregate);
        long size = scalar("SELECT count(*) FROM audit_entry");
        for (int attempt = 0; attempt < 200; attempt++) {
            long cosigned = scalar("SELECT coalesce(max(tree_size), -1) FROM audit_cosignature WHERE witness = '"
                    + WITNESS + "'");
            long sunk = sink.latest().map(CheckpointSink.Entry::treeSize).orElse(-1L);
            if (cosigned >= size && sunk >= size) {
                return size;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the witness and the sink did not reach size " + size);
    }

    @Test
    void everyNewCheckpointIsCosignedByTheWitnessWithATokenAndKeptAndAppendedToTheSink() throws Exception {
        long size = appendAndAwaitWitnessAndSink(3, "cosigned");
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT root_hash, line FROM audit_cosignature WHERE witness = ? AND tree_size = ?")) {
            q.setString(1, WITNESS);
            q.setLong(2, size);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                Cosignature cosignature = Cosignature.verify(rs.getString(2), new Checkpoint(ORIGIN, size,
                        rs.getBytes(1)), NoteKey.cosignatureVerifier(WitnessingProfile.WITNESS_KEY));
                assertThat(cosignature.witness()).isEqualTo(WITNESS);
            }
        }
        // the sink: one JSON line per checkpoint, growing sizes, each note signed by the log's key
        ObjectMapper json = new ObjectMapper();
        long previous = -1;
        List<String> lines = Files.readAllLines(sink.file().orElseThrow());
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode entry = json.readTree(line);
            Checkpoint checkpoint = SignedNote.openCheckpoint(entry.get("note").asText(), checkpoints.verifier(),
                    ORIGIN);
            assertThat(checkpoint.size()).isEqualTo(entry.get("treeSize").asLong()).isGreaterThan(previous);
            previous = checkpoint.size();
        }
        assertThat(previous).isGreaterThanOrEqualTo(size);
        AuditVerification verification = verifier.verify();
        assertThat(verification.intact()).as(verification.problem()).isTrue();
    }

    @Test
    void theLatestCheckpointCarriesItsWitnessesCosignatureAndVerificationNamesTheCosignedCheckpointItCheckedAgainst()
            throws Exception {
        long size = appendAndAwaitWitnessAndSink(3, "served");
        String cosignedBy = "\u2014 " + WITNESS + " ";
        String note = null;
        for (int attempt = 0; attempt < 200 && (note == null || !note.contains(cosignedBy)); attempt++) {
            if (note != null) {
                Thread.sleep(50);
            }
            note = given().auth().oauth2(LocalTokens.user("auditor", "auditor"))
                    .when().get("/api/v1/audit/kiroku-platform-audit/checkpoint")
                    .then().statusCode(200).extract().asString();
        }
        // still the log's signed note (its own signature verifies), with one more signature line: the witness's
        Checkpoint checkpoint = SignedNote.openCheckpoint(note, checkpoints.verifier(), ORIGIN);
        assertThat(checkpoint.size()).isEqualTo(size);
        String line = note.lines().filter(l -> l.startsWith(cosignedBy)).findFirst().orElseThrow();
        assertThat(Cosignature.verify(line, checkpoint, NoteKey.cosignatureVerifier(WitnessingProfile.WITNESS_KEY))
                .witness()).isEqualTo(WITNESS);
        assertThat(note.lines().filter(l -> l.startsWith("\u2014 "))).hasSize(2);

        AuditVerification verification = verifier.verify();
        assertThat(verification.intact()).as(verification.problem()).isTrue();
        assertThat(verification.cosignedSize()).isEqualTo(size);
        assertThat(verification.cosignedBy()).containsExactly(WITNESS);
        assertThat(verification.sinkSize()).isEqualTo(size);
    }

    @Test
    void aNewSinkStartsAtTheLogsLatestCheckpointAndFollowsTheLogFromThere() throws Exception {
        appendAndAwaitWitnessAndSink(2, "before-the-new-sink");
        appendAndAwaitWitnessAndSink(2, "before-the-new-sink-too");
        assertThat(checkpoints.history(-1, 2)).as("a history before the new sink").hasSize(2);
        Path file = Files.createTempDirectory("kiroku-audit-new-sink").resolve("checkpoints.jsonl");
        CheckpointSink fresh = new CheckpointSink(Optional.of(file), checkpoints, new ObjectMapper());
        long latest = checkpoints.latest().orElseThrow().treeSize();

        assertThat(fresh.appendNew()).isEqualTo(1);
        assertThat(Files.readAllLines(file)).singleElement()
                .satisfies(line -> assertThat(new ObjectMapper().readTree(line).get("treeSize").asLong())
                        .isEqualTo(latest));

        long grown = appendAndAwaitWitnessAndSink(2, "after-the-new-sink");
        assertThat(fresh.appendNew()).isPositive();
        assertThat(fresh.latest().orElseThrow().treeSize()).isEqualTo(grown);
        assertThat(Files.readAllLines(file).stream().map(line -> {
            try {
                return new ObjectMapper().readTree(line).get("treeSize").asLong();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        })).first().isEqualTo(latest);
    }

    @Test
    void aWitnessThatHoldsMoreThanTheLogRemembersAnswers409AndTheLogResubmitsFromItsSize() throws Exception {
        long size = appendAndAwaitWitnessAndSink(2, "resubmitted");
        appendSome(2, "resubmitted-more");
        try (Connection c = TestDatabase.superuser(); Statement s = c.createStatement()) {
            // the log forgets every cosignature it kept: it now submits from size 0, the witness answers 409
            s.execute("CREATE TEMP TABLE kept_cosignature AS SELECT * FROM audit_cosignature");
            s.execute("ALTER TABLE audit_cosignature DISABLE TRIGGER audit_cosignature_no_update_or_delete");
            s.executeUpdate("DELETE FROM audit_cosignature");
            try {
                List<WitnessSubmitter.Outcome> outcomes = submitter.submitAll(LocalTokens.user("auditor", "auditor"),
                        true);
                assertThat(outcomes).singleElement().satisfies(outcome -> {
                    assertThat(outcome.state()).isEqualTo(WitnessSubmitter.Outcome.State.COSIGNED);
                    assertThat(outcome.treeSize()).isGreaterThanOrEqualTo(size);
                });
            } finally {
                s.executeUpdate("INSERT INTO audit_cosignature SELECT * FROM kept_cosignature ON CONFLICT DO NOTHING");
                s.execute("DROP TABLE kept_cosignature");
                s.execute("ALTER TABLE audit_cosignature ENABLE TRIGGER audit_cosignature_no_update_or_delete");
            }
        }
    }

    @Test
    void aRollbackToAnOlderCheckpointIsReportedByTheWitnessTheSinkAndVerification() throws Exception {
        long size = appendAndAwaitWitnessAndSink(4, "rolled-back");
        long kept = size - 3;
        try (Connection c = TestDatabase.superuser(); Statement s = c.createStatement()) {
            snapshot(s);
            try {
                // a hostile owner removes the newest entries and everything that covers them in the database
                s.executeUpdate("DELETE FROM audit_entry WHERE seq > " + kept);
                s.executeUpdate("DELETE FROM audit_tree_node WHERE ((idx + 1) << level) > " + kept);
                s.executeUpdate("DELETE FROM audit_checkpoint WHERE tree_size > " + kept);
                s.executeUpdate("DELETE FROM audit_cosignature WHERE tree_size > " + kept);
                AuditVerification alone = chain.verify();
                assertThat(alone.intact()).as("the log alone cannot tell: " + alone.problem()).isTrue();

                AuditVerification verification = verifier.verify();
                assertThat(verification.intact()).isFalse();
                assertThat(verification.problem())
                        .contains("the outside sink")
                        .contains("holds a checkpoint of " + size + " leaves, the log only " + kept
                                + ": entries were removed (rolled back)")
                        .contains("witness " + WITNESS + " cosigned a tree of " + size + " leaves of this log")
                        .contains("the log was rolled back");
            } finally {
                restore(s);
            }
        }
        AuditVerification restored = verifier.verify();
        assertThat(restored.intact()).as(restored.problem()).isTrue();
    }

    @Test
    void aForkOfTheSameSizeSignedWithTheLogsOwnKeyIsReportedByTheWitnessTheSinkAndVerification() throws Exception {
        long size = appendAndAwaitWitnessAndSink(4, "forked");
        try (Connection c = TestDatabase.superuser(); Statement s = c.createStatement()) {
            snapshot(s);
            try {
                // the log's operator changes an entry, rebuilds the tree and signs the new root at the same size
                s.executeUpdate("UPDATE audit_entry SET content = '{\"forged\":true}' WHERE seq = 2");
                byte[] root = rehashEverything(c);
                s.executeUpdate("DELETE FROM audit_checkpoint WHERE tree_size >= " + size);
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_checkpoint (tree_size, key_id, "
                        + "root_hash, note, signed_at) VALUES (?, ?, ?, ?, ?)")) {
                    insert.setLong(1, size);
                    insert.setString(2, LOG_KEY.keyIdHex());
                    insert.setBytes(3, root);
                    insert.setString(4, SignedNote.sign(new Checkpoint(ORIGIN, size, root).body(), LOG_KEY));
                    insert.setTimestamp(5, Timestamp.from(Instant.now()));
                    insert.executeUpdate();
                }
                AuditVerification alone = chain.verify();
                assertThat(alone.intact()).as("the log alone cannot tell: " + alone.problem()).isTrue();

                List<WitnessSubmitter.Outcome> outcomes = submitter.submitAll(LocalTokens.user("auditor", "auditor"),
                        true);
                assertThat(outcomes).singleElement().satisfies(outcome -> {
                    assertThat(outcome.isBroken()).isTrue();
                    assertThat(outcome.message()).contains("refuses the checkpoint of size " + size)
                            .contains("rewritten or forked");
                });
                AuditVerification verification = verifier.verify();
                assertThat(verification.intact()).isFalse();
                assertThat(verification.problem())
                        .contains("the log's first " + size + " entries do not hash to the root")
                        .contains("that witness " + WITNESS + " holds for that size: the log was rewritten")
                        .contains("that the outside sink")
                        .contains("witness " + WITNESS + " refuses the checkpoint of size " + size);
            } finally {
                restore(s);
            }
        }
        AuditVerification restored = verifier.verify();
        assertThat(restored.intact()).as(restored.problem()).isTrue();
    }

    /** Keeps the evidence tables as they are and lets this connection change them. */
    private static void snapshot(Statement s) throws SQLException {
        for (String table : EVIDENCE) {
            s.execute("CREATE TEMP TABLE kept_" + table + " AS SELECT * FROM " + table);
            s.execute("ALTER TABLE " + table + " DISABLE TRIGGER " + table + "_no_update_or_delete");
        }
    }

    /** Puts the evidence tables back as {@link #snapshot} kept them. */
    private static void restore(Statement s) throws SQLException {
        for (String table : EVIDENCE) {
            s.executeUpdate("DELETE FROM " + table);
            s.executeUpdate("INSERT INTO " + table + " SELECT * FROM kept_" + table);
            s.execute("DROP TABLE kept_" + table);
            s.execute("ALTER TABLE " + table + " ENABLE TRIGGER " + table + "_no_update_or_delete");
        }
    }

    /** What a database owner can do without a witness: rebuild every node from the (changed) entries. */
    private byte[] rehashEverything(Connection c) throws SQLException {
        List<AuditEntry> all = chain.entries(null, null, 0, 100_000);
        CompactRange tree = new CompactRange();
        List<CompactRange.Node> nodes = new ArrayList<>();
        for (AuditEntry entry : all) {
            nodes.addAll(tree.append(Rfc9162.leafHash(AuditHashing.leaf(new ObjectMapper(), entry))));
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM audit_tree_node");
        }
        AuditTreeNodes.insert(c, nodes);
        return tree.root();
    }
}
