package dev.kiroku.platform.audit;

import dev.kiroku.platform.audit.merkle.CompactRange;
import dev.kiroku.platform.audit.merkle.MerkleTree;
import dev.kiroku.platform.audit.merkle.Rfc9162;
import dev.kiroku.platform.audit.note.Checkpoint;
import dev.kiroku.platform.audit.note.NoteKey;
import dev.kiroku.platform.audit.note.SignedNote;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Signed checkpoints against a real PostgreSQL: the signer covers new commits, the notes verify under the published
 * verifier key, the history is kept, and a log rewritten behind the service's back (entries removed, or one changed
 * and everything after it rehashed, with a superuser connection) no longer hashes to the signed root.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class AuditCheckpointTest {

    private static final String SERVICE = "kiroku-platform-audit";
    private static final String BASE = "/api/v1/audit/" + SERVICE;
    private static final String ORIGIN = "kiroku.localhost/" + SERVICE;

    @Inject
    AuditChain chain;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditNodeCache nodeCache;

    private static String auditor() {
        return LocalTokens.user("auditor", "auditor");
    }

    private void appendSome(int n, String aggregate) {
        for (int i = 0; i < n; i++) {
            String id = aggregate + "-" + i;
            QuarkusTransaction.requiringNew().run(() -> chain.append(new AuditEvent("thing.created", "thing", id,
                    "officer", null, Map.of("n", 1))));
        }
    }

    private Checkpoint awaitCheckpointCovering(NoteKey key, long size) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            String note = given().auth().oauth2(auditor()).when().get(BASE + "/checkpoint")
                    .then().statusCode(200).extract().asString();
            Checkpoint checkpoint = SignedNote.openCheckpoint(note, key, ORIGIN);
            if (checkpoint.size() >= size) {
                return checkpoint;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no checkpoint covered size " + size);
    }

    private long entries() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theLatestCheckpointIsASignedNoteThatCoversNewCommitsAndVerifiesUnderThePublishedKey() throws Exception {
        String verifierKey = given().auth().oauth2(auditor()).when().get(BASE + "/verifier-key")
                .then().statusCode(200).contentType(startsWith("text/plain")).extract().asString().trim();
        assertThat(verifierKey).startsWith(ORIGIN + "+").isEqualTo(checkpoints.verifierKey());
        NoteKey key = NoteKey.verifier(verifierKey);

        appendSome(5, "covered");
        long size = entries();
        Checkpoint checkpoint = awaitCheckpointCovering(key, size);
        try (Connection c = dataSource.getConnection()) {
            assertThat(checkpoint.rootHash())
                    .isEqualTo(new MerkleTree(AuditTreeNodes.reader(c)).rootHash(checkpoint.size()));
        }
        given().auth().oauth2(auditor()).when().get(BASE + "/checkpoint")
                .then().statusCode(200).contentType(startsWith("text/plain"))
                .body(startsWith(ORIGIN + "\n"));

        AuditVerification verification = chain.verify();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.checkpointSize()).isEqualTo(checkpoint.size());
    }

    @Test
    void theHistoryKeepsEveryCheckpointInTreeOrderAndEachVerifies() throws Exception {
        NoteKey key = checkpoints.verifier();
        appendSome(2, "history-a");
        awaitCheckpointCovering(key, entries());
        appendSome(2, "history-b");
        awaitCheckpointCovering(key, entries());
        List<Map<String, Object>> items = given().auth().oauth2(LocalTokens.user("officer", "compliance-officer"))
                .when().get(BASE + "/checkpoints?limit=500").then().statusCode(200)
                .extract().jsonPath().getList("items");
        assertThat(items).hasSizeGreaterThanOrEqualTo(3);
        long previous = -1;
        for (Map<String, Object> item : items) {
            Checkpoint checkpoint = SignedNote.openCheckpoint((String) item.get("note"), key, ORIGIN);
            long size = ((Number) item.get("treeSize")).longValue();
            assertThat(checkpoint.size()).isEqualTo(size).isGreaterThan(previous);
            previous = size;
        }
        given().auth().oauth2(auditor()).when().get(BASE + "/checkpoints?after=0&limit=1")
                .then().statusCode(200).body("items.size()", equalTo(1));
    }

    @Test
    void removingTheNewestEntriesIsDetectedAgainstTheSignedCheckpoint() throws Exception {
        appendSome(3, "removed");
        long size = entries();
        awaitCheckpointCovering(checkpoints.verifier(), size);
        try (Connection c = TestDatabase.superuser(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_or_delete");
            s.execute("ALTER TABLE audit_tree_node DISABLE TRIGGER audit_tree_node_no_update_or_delete");
            try (ResultSet rs = s.executeQuery("SELECT seq FROM audit_entry WHERE seq = " + size)) {
                assertThat(rs.next()).isTrue();
            }
            s.execute("CREATE TEMP TABLE kept_entry AS SELECT * FROM audit_entry WHERE seq = " + size);
            // the nodes the newest leaf completed: those whose range ends at it
            s.execute("CREATE TEMP TABLE kept_node AS SELECT * FROM audit_tree_node WHERE ((idx + 1) << level) = "
                    + size);
            s.executeUpdate("DELETE FROM audit_entry WHERE seq = " + size);
            s.executeUpdate("DELETE FROM audit_tree_node n USING kept_node k WHERE n.level = k.level AND n.idx = k.idx");
            try {
                AuditVerification verification = chain.verify();
                assertThat(verification.intact()).isFalse();
                assertThat(verification.problem()).contains("entries were removed");
            } finally {
                s.executeUpdate("INSERT INTO audit_entry SELECT * FROM kept_entry");
                s.executeUpdate("INSERT INTO audit_tree_node SELECT * FROM kept_node");
                s.execute("DROP TABLE kept_entry");
                s.execute("DROP TABLE kept_node");
                s.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update_or_delete");
                s.execute("ALTER TABLE audit_tree_node ENABLE TRIGGER audit_tree_node_no_update_or_delete");
            }
        }
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    void changingAnEntryAndRehashingTheWholeTreeIsDetectedAgainstTheSignedCheckpoint() throws Exception {
        appendSome(4, "rewritten");
        long size = entries();
        awaitCheckpointCovering(checkpoints.verifier(), size);
        try (Connection c = TestDatabase.superuser(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_or_delete");
            s.execute("ALTER TABLE audit_tree_node DISABLE TRIGGER audit_tree_node_no_update_or_delete");
            s.execute("CREATE TEMP TABLE original_node AS SELECT * FROM audit_tree_node");
            String original;
            try (ResultSet rs = s.executeQuery("SELECT content FROM audit_entry WHERE seq = 2")) {
                rs.next();
                original = rs.getString(1);
            }
            try {
                s.executeUpdate("UPDATE audit_entry SET content = '{\"forged\":true}' WHERE seq = 2");
                rehashEverything(c);
                AuditVerification verification = chain.verify();
                assertThat(verification.intact()).isFalse();
                assertThat(verification.problem()).contains("do not hash to the root signed");
            } finally {
                try (PreparedStatement restore = c.prepareStatement("UPDATE audit_entry SET content = ? WHERE seq = 2")) {
                    restore.setString(1, original);
                    restore.executeUpdate();
                }
                s.executeUpdate("DELETE FROM audit_tree_node");
                s.executeUpdate("INSERT INTO audit_tree_node SELECT * FROM original_node");
                s.execute("DROP TABLE original_node");
                s.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update_or_delete");
                s.execute("ALTER TABLE audit_tree_node ENABLE TRIGGER audit_tree_node_no_update_or_delete");
            }
        }
        assertThat(chain.verify().intact()).isTrue();
    }

    /** What a database owner without the signing key can do: rebuild every node from the (changed) entries. */
    private void rehashEverything(Connection c) throws SQLException {
        List<AuditEntry> all = chain.entries(null, null, 0, 100_000);
        CompactRange tree = new CompactRange();
        List<CompactRange.Node> nodes = new ArrayList<>();
        for (AuditEntry entry : all) {
            nodes.addAll(tree.append(Rfc9162.leafHash(AuditHashing.leaf(new com.fasterxml.jackson.databind.ObjectMapper(),
                    entry))));
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM audit_tree_node");
        }
        AuditTreeNodes.insert(c, nodes);
        assertThat(chain.verify().problem()).doesNotContain("does not match its leaf");
    }

    @Test
    void proofsFromKeptUpperSubtreesAreTheProofsReadFromTheDatabase() throws Exception {
        // enough leaves for stored subtrees at and above kiroku.audit.node-cache-min-level (8: 256 leaves)
        long wanted = 600;
        if (entries() < wanted) {
            appendSome((int) (wanted - entries()), "kept-subtrees");
        }
        long size = entries();
        try (Connection c = dataSource.getConnection()) {
            for (int round = 0; round < 2; round++) { // the second round is answered from the kept subtrees
                for (long leaf = 0; leaf < size; leaf += 7) {
                    MerkleTree.Inclusion kept = new MerkleTree(nodeCache.reader(c)).inclusion(leaf, size);
                    MerkleTree.Inclusion stored = new MerkleTree(AuditTreeNodes.reader(c)).inclusion(leaf, size);
                    assertThat(kept.rootHash()).isEqualTo(stored.rootHash());
                    assertThat(kept.path()).usingElementComparator(java.util.Arrays::compare)
                            .containsExactlyElementsOf(stored.path());
                }
                MerkleTree.Consistency kept = new MerkleTree(nodeCache.reader(c)).consistency(size / 3, size);
                MerkleTree.Consistency stored = new MerkleTree(AuditTreeNodes.reader(c)).consistency(size / 3, size);
                assertThat(kept.proof()).usingElementComparator(java.util.Arrays::compare)
                        .containsExactlyElementsOf(stored.proof());
            }
        }
        assertThat(nodeCache.size()).as("subtrees of 256 leaves and more are kept").isPositive();
    }

    @Test
    void inclusionAndConsistencyProofsVerifyAgainstTheSignedCheckpoints() throws Exception {
        NoteKey key = checkpoints.verifier();
        appendSome(3, "proved-a");
        Checkpoint older = awaitCheckpointCovering(key, entries());
        appendSome(5, "proved-b");
        Checkpoint newer = awaitCheckpointCovering(key, entries());
        var inclusion = given().auth().oauth2(auditor())
                .when().get(BASE + "/proofs/inclusion?leafIndex=1&treeSize=" + newer.size())
                .then().statusCode(200).extract().jsonPath();
        List<byte[]> path = inclusion.getList("hashes", String.class).stream()
                .map(java.util.Base64.getDecoder()::decode).toList();
        byte[] leaf = java.util.Base64.getDecoder().decode(inclusion.getString("leafHash"));
        assertThat(dev.kiroku.platform.audit.merkle.MerkleVerifier.verifyInclusion(1, newer.size(), leaf, path,
                newer.rootHash())).isTrue();
        assertThat(SignedNote.openCheckpoint(inclusion.getString("checkpoint"), key, ORIGIN)).isEqualTo(newer);
        var consistency = given().auth().oauth2(auditor())
                .when().get(BASE + "/proofs/consistency?firstSize=" + older.size() + "&secondSize=" + newer.size())
                .then().statusCode(200).extract().jsonPath();
        assertThat(dev.kiroku.platform.audit.merkle.MerkleVerifier.verifyConsistency(older.size(), newer.size(),
                older.rootHash(), newer.rootHash(), consistency.getList("hashes", String.class).stream()
                        .map(java.util.Base64.getDecoder()::decode).toList())).isTrue();
    }

    @Test
    void proofsOutsideTheLogAreProblemsNotErrors() {
        given().auth().oauth2(auditor()).when().get(BASE + "/proofs/inclusion?leafIndex=999999999&treeSize=1000000000")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:audit-tree-size-out-of-range"));
        given().auth().oauth2(auditor()).when().get(BASE + "/proofs/inclusion?leafIndex=5&treeSize=3")
                .then().statusCode(422).contentType("application/problem+json");
        given().auth().oauth2(auditor()).when().get(BASE + "/proofs/inclusion")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(auditor()).when().get(BASE + "/proofs/consistency?firstSize=-1")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(auditor()).when().get(BASE + "/proofs/consistency?firstSize=5&secondSize=3")
                .then().statusCode(422).contentType("application/problem+json");
        given().auth().oauth2(LocalTokens.user("crm", "ingest")).when().get(BASE + "/proofs/consistency?firstSize=1")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void onlyAuditorsAndOfficersReadCheckpointsAndOnlyOfTheirOwnService() {
        given().auth().oauth2(LocalTokens.user("crm", "ingest")).when().get(BASE + "/checkpoint")
                .then().statusCode(403).contentType("application/problem+json");
        given().when().get(BASE + "/verifier-key").then().statusCode(401).contentType("application/problem+json");
        given().when().get(BASE + "/checkpoints").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(auditor()).when().get("/api/v1/audit/another-service/checkpoint")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(auditor()).when().get(BASE + "/checkpoints?limit=501")
                .then().statusCode(400).body("violations[0].field", equalTo("limit"));
    }
}
