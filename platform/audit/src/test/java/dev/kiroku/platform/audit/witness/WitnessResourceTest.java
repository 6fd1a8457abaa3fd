package dev.kiroku.platform.audit.witness;

import dev.kiroku.platform.audit.note.Checkpoint;
import dev.kiroku.platform.audit.note.Cosignature;
import dev.kiroku.platform.audit.note.NoteKey;
import dev.kiroku.platform.audit.note.SignedNote;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The service as a C2SP tlog-witness, against the real PostgreSQL: it cosigns a log's checkpoints along consistency
 * proofs, and refuses, with the spec's status codes, a stale old size (409 with its size), a rolled-back or forked
 * log (409 / 422), a bad proof (422), a checkpoint not signed by the log's key (403), an unknown log (404) and a
 * malformed request (400); of concurrent submissions from one old size exactly one advances it.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class WitnessResourceTest {

    static final String PATH = "/api/v1/audit/kiroku-platform-audit/witness/add-checkpoint";
    static final String WITNESS_KEY =
            "kiroku.localhost/kiroku-platform-audit/witness+32f0a84f+BNaBBao1EdfEHodEE/3mTauYpp99Iqia4J/s6C1qS3EK";

    /** The log as the witness has seen it so far: every test grows it further (they share one witness state). */
    private static final TestLog LOG = new TestLog("main");

    @Inject
    AgroalDataSource dataSource;

    static String auditor() {
        return LocalTokens.user("auditor", "auditor");
    }

    static Response post(String body) {
        return given().auth().oauth2(auditor()).contentType("text/plain; charset=utf-8")
                .body(body.getBytes(StandardCharsets.UTF_8)).when().post(PATH);
    }

    /** The size the witness holds for the test log (0 before the first cosignature). */
    private long witnessed() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT coalesce(max(tree_size), 0) FROM audit_witnessed_checkpoint WHERE origin = ?")) {
            q.setString(1, TestLog.ORIGIN);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Advances the witness by {@code more} leaves of the test log and answers its new size. */
    private synchronized long advance(long more) throws SQLException {
        long known = witnessed();
        long size = known + more;
        LOG.grow(size);
        post(LOG.request(known, size)).then().statusCode(200);
        return size;
    }

    @Test
    void aConsistentCheckpointIsCosignedWithACosignatureThatVerifiesUnderTheWitnessKey() throws Exception {
        long known = witnessed();
        long size = known + 5;
        LOG.grow(size);
        String answer = post(LOG.request(known, size)).then().statusCode(200).contentType(startsWith("text/plain"))
                .extract().asString();
        NoteKey witness = NoteKey.cosignatureVerifier(WITNESS_KEY);
        Checkpoint checkpoint = LOG.checkpoint(size);
        Cosignature cosignature = Cosignature.verify(answer, checkpoint, witness);
        assertThat(cosignature.witness()).isEqualTo("kiroku.localhost/kiroku-platform-audit/witness");
        assertThat(cosignature.time()).isPositive();
        assertThat(witnessed()).isEqualTo(size);
        // the log's note with the cosignature appended is a signed note both keys open
        String cosigned = LOG.note(size) + answer;
        assertThat(SignedNote.openCheckpoint(cosigned, TestLog.KEY, TestLog.ORIGIN)).isEqualTo(checkpoint);
        // the same checkpoint again, from the size it now holds: cosigned again, nothing changes
        post(LOG.request(size, size)).then().statusCode(200);
        assertThat(witnessed()).isEqualTo(size);
        given().auth().oauth2(auditor()).when().get("/api/v1/audit/kiroku-platform-audit/witness/verifier-key")
                .then().statusCode(200).body(equalTo(WITNESS_KEY + "\n"));
    }

    @Test
    void aStaleOldSizeIs409WithTheWitnessSizeAndTheResubmissionFromItIsCosigned() throws Exception {
        long known = advance(3);
        LOG.grow(known + 2);
        post(LOG.request(0, known + 2)).then().statusCode(409).contentType("text/x.tlog.size")
                .body(equalTo(known + "\n"));
        // a client that accepts only problems gets the same size as a problem member
        given().auth().oauth2(auditor()).accept("application/problem+json").contentType("text/plain")
                .body(LOG.request(0, known + 2).getBytes(StandardCharsets.UTF_8)).when().post(PATH)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:audit-witness-old-size"))
                .body("knownSize", equalTo((int) known));
        post(LOG.request(known, known + 2)).then().statusCode(200);
    }

    @Test
    void aRolledBackCheckpointIsRefusedNamingTheSizeTheWitnessHolds() throws Exception {
        long known = advance(4);
        // the log presents an older, smaller tree as its latest: from the witness's size it is malformed (400) ...
        post(LOG.request(0, known - 2).replaceFirst("old 0", "old " + known)).then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:kiroku:problem:audit-witness-malformed"));
        // ... and from its own (smaller) size the witness answers 409 with the size it cosigned, larger than the log's
        String answer = post(LOG.request(known - 2, known - 2)).then().statusCode(409)
                .contentType("text/x.tlog.size").extract().asString();
        assertThat(Long.parseLong(answer.trim())).isEqualTo(known).isGreaterThan(known - 2);
        assertThat(witnessed()).isEqualTo(known);
    }

    @Test
    void aForkOfTheSameSizeOrAfterItIsRefusedAs422() throws Exception {
        long known = advance(2);
        TestLog fork = new TestLog("fork").grow(known + 3);
        post(Witness.requestBody(known, List.of(), fork.note(known))).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:audit-witness-inconsistent"))
                .body("detail", org.hamcrest.Matchers.containsString("another root hash (a fork)"));
        post(Witness.requestBody(known, fork.tree().consistencyProof(known, known + 3), fork.note(known + 3)))
                .then().statusCode(422).body("detail", org.hamcrest.Matchers.containsString("consistency proof"));
        assertThat(witnessed()).isEqualTo(known);
    }

    @Test
    void aConsistencyProofWithAnyBitFlippedIsRefusedAs422() throws Exception {
        long known = advance(5);
        long size = known + 7;
        LOG.grow(size);
        List<byte[]> proof = LOG.tree().consistencyProof(known, size);
        assertThat(proof).isNotEmpty();
        for (int h = 0; h < proof.size(); h++) {
            for (int bit = 0; bit < 256; bit += 37) {
                List<byte[]> flipped = new ArrayList<>();
                proof.forEach(p -> flipped.add(p.clone()));
                flipped.get(h)[bit / 8] ^= (byte) (1 << (bit % 8));
                post(Witness.requestBody(known, flipped, LOG.note(size))).then().statusCode(422);
            }
        }
        assertThat(witnessed()).isEqualTo(known);
    }

    @Test
    void aCheckpointNotSignedByTheLogsKeyIs403AndAnUnknownLogIs404() throws Exception {
        long known = advance(1);
        LOG.grow(known + 1);
        NoteKey impostor = NoteKey.signing(TestLog.ORIGIN, "TEST-ONLY an impostor's seed 32b".getBytes(StandardCharsets.UTF_8));
        String forged = SignedNote.sign(LOG.checkpoint(known + 1).body(), impostor);
        post(Witness.requestBody(known, LOG.tree().consistencyProof(known, known + 1), forged)).then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:audit-witness-untrusted-checkpoint"));
        String tampered = LOG.note(known + 1).replaceFirst("\n" + (known + 1) + "\n", "\n" + (known + 2) + "\n");
        post(Witness.requestBody(known, List.of(), tampered)).then().statusCode(403);

        NoteKey unknown = NoteKey.signing("kiroku.test/unknown-log", "TEST-ONLY an unknown log seed 32".getBytes(StandardCharsets.UTF_8));
        String other = SignedNote.sign(new Checkpoint("kiroku.test/unknown-log", 1, new byte[32]).body(), unknown);
        post(Witness.requestBody(0, List.of(), other)).then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:audit-witness-unknown-log"));
        assertThat(witnessed()).isEqualTo(known);
    }

    @Test
    void malformedRequestsAre400Problems() throws Exception {
        long known = advance(1);
        String note = LOG.note(known);
        List<String> bodies = List.of("", "old 1\n", "old x\n\n" + note, "old 01\n\n" + note, "old -1\n\n" + note,
                "old " + known + "\nnot-base64\n\n" + note,
                "old " + known + "\n" + Base64.getEncoder().encodeToString(new byte[31]) + "\n\n" + note,
                "old " + known + "\n\nkiroku.test/remote-log\nten\n",
                "old " + known + "\n\n" + note.substring(0, note.indexOf("\n\n")) + "\n",
                "old " + known + "\n\n" + "x".repeat(Witness.MAX_BODY));
        for (String body : bodies) {
            post(body).then().statusCode(400).contentType("application/problem+json")
                    .body("requestId", org.hamcrest.Matchers.notNullValue());
        }
        given().auth().oauth2(auditor()).contentType("text/plain").body(new byte[]{'o', 'l', 'd', ' ', '1', '\n', '\n',
                (byte) 0xC3, (byte) 0x28}).when().post(PATH).then().statusCode(400);
    }

    @Test
    void onlyAuditRolesSubmitAndOnlyToThisService() {
        given().contentType("text/plain").body("old 0\n\n").when().post(PATH).then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(LocalTokens.user("crm", "ingest")).contentType("text/plain").body("old 0\n\n")
                .when().post(PATH).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(auditor()).contentType("text/plain").body("old 0\n\n")
                .when().post("/api/v1/audit/another-service/witness/add-checkpoint").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void ofConcurrentSubmissionsFromOneOldSizeExactlyOneAdvancesTheWitness() throws Exception {
        long known = advance(1);
        int n = 8;
        LOG.grow(known + n);
        List<String> requests = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            requests.add(LOG.request(known, known + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String request : requests) {
                Callable<Integer> call = () -> {
                    start.await();
                    return post(request).statusCode();
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnly(200, 409);
            assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        long now = witnessed();
        assertThat(now).isBetween(known + 1, known + n);
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT count(*) FROM audit_witnessed_checkpoint WHERE origin = ? AND tree_size > ?")) {
            q.setString(1, TestLog.ORIGIN);
            q.setLong(2, known);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
        }
    }
}
