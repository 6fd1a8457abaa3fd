package dev.kiroku.provisionrecords.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.audit.merkle.MerkleVerifier;
import dev.kiroku.platform.audit.merkle.Rfc9162;
import dev.kiroku.platform.audit.note.Checkpoint;
import dev.kiroku.platform.audit.note.NoteException;
import dev.kiroku.platform.audit.note.NoteKey;
import dev.kiroku.platform.audit.note.SignedNote;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static dev.kiroku.provisionrecords.disclosure.DisclosureRequestResourceTest.REQUESTS;
import static dev.kiroku.provisionrecords.disclosure.DisclosureRequestResourceTest.ask;
import static dev.kiroku.provisionrecords.disclosure.DisclosureRequestResourceTest.record;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.AUDITOR;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.CRM;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.OFFICER;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.PROVISIONS;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.TODAY;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.consentReceipt;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.newSubjectId;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.optOutProvision;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every disclosure answer (APPI Art. 33(5)) links to receipts (C2SP tlog-proof) that prove each disclosed record's
 * audit entry is in a checkpoint signed by the service's key (issue 13, item 3): checked here with the RFC 9162
 * verification and the signed-note key, never by asking the service, and refused when any bit is changed.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class DisclosureReceiptsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the receipts of a real disclosure are written, for the offline verifier's own tests and the README. */
    static final Path OUT = Path.of("target", "receipts");

    @Test
    void everyDisclosedRecordHasAReceiptThatProvesItsAuditEntryInASignedCheckpoint() throws Exception {
        Disclosure d = disclose();
        NoteKey key = NoteKey.verifier(verifierKey());

        JsonNode receipts = d.receipts().path("receipts");
        assertThat(receipts).hasSize(3);
        List<String> disclosed = new ArrayList<>();
        d.answer().path("records").forEach(r -> disclosed.add(r.path("recordId").asText()));
        List<String> proven = new ArrayList<>();
        for (JsonNode receipt : receipts) {
            proven.add(receipt.path("recordId").asText());
            assertThat(verify(receipt, key)).as("receipt of %s", receipt.path("recordId")).isNull();
        }
        assertThat(proven).containsExactlyInAnyOrderElementsOf(disclosed);
        assertThat(receipts.findValues("batchInclusion")).as("the batch-recorded records carry their row's proof in "
                + "the batch").hasSize(2);
        assertThat(receipts.findValues("batchRows")).as("and no longer every row of the batch").isEmpty();
        assertThat(d.receipts().path("receipts").toString()).doesNotContain(d.subject());

        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("disclosure.json"), d.answer().toPrettyString());
        Files.writeString(OUT.resolve("receipts.json"), d.receipts().toPrettyString());
        Files.writeString(OUT.resolve("verifier-key.txt"), verifierKey() + "\n");
    }

    @Test
    void theOfflineVerifierFindsTheDisclosureValidAndATamperedOneInvalid() throws Exception {
        Disclosure d = disclose();
        Path dir = Files.createDirectories(OUT.resolve("offline"));
        Path answer = Files.writeString(dir.resolve("disclosure.json"), d.answer().toString());
        Path receipts = Files.writeString(dir.resolve("receipts.json"), d.receipts().toString());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream print = new java.io.PrintStream(out, true, StandardCharsets.UTF_8);
        String[] args = {"--key", verifierKey(), answer.toString(), receipts.toString()};
        assertThat(dev.kiroku.verifier.Main.run(args, print, print)).as(out.toString(StandardCharsets.UTF_8))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("VALID: all 3 records are in the signed log");

        Files.writeString(answer, d.answer().toString().replace("株式会社バッチ商事", "株式会社別会社"));
        out.reset();
        assertThat(dev.kiroku.verifier.Main.run(args, print, print)).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("facts-differ: 'counterparty'");
    }

    @Test
    void everyFormatOfTheAnswerLinksToItsReceipts() {
        Disclosure d = disclose();
        String link = "</api/v1/disclosure-requests/" + d.id() + "/receipts>; rel=\"receipts\"";
        for (String format : List.of("json", "csv", "pdf")) {
            given().auth().oauth2(AUDITOR).queryParam("format", format).when().get(REQUESTS + "/" + d.id())
                    .then().statusCode(200).header("Link", equalTo(link));
        }
    }

    @Test
    void anyFlippedBitInAProofOrItsCheckpointIsRefused() throws Exception {
        Disclosure d = disclose();
        NoteKey key = NoteKey.verifier(verifierKey());
        JsonNode receipt = d.receipts().path("receipts").get(0);
        byte[] proof = receipt.path("proof").asText().getBytes(StandardCharsets.UTF_8);
        int accepted = 0;
        for (int i = 0; i < proof.length * 8; i++) {
            byte[] flipped = proof.clone();
            flipped[i / 8] ^= (byte) (1 << (i % 8));
            com.fasterxml.jackson.databind.node.ObjectNode changed = receipt.deepCopy();
            changed.put("proof", new String(flipped, StandardCharsets.UTF_8));
            if (!java.util.Arrays.equals(new String(flipped, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8),
                    flipped)) {
                continue; // not UTF-8 text any more: no JSON could carry it
            }
            if (verify(changed, key) == null) {
                accepted++;
            }
        }
        assertThat(accepted).as("receipts with one bit flipped that still verified").isZero();
    }

    @Test
    void aChangedContentOrEventNoLongerMatchesItsLeaf() throws Exception {
        Disclosure d = disclose();
        NoteKey key = NoteKey.verifier(verifierKey());
        for (JsonNode receipt : d.receipts().path("receipts")) {
            for (String field : List.of("content", "event")) {
                com.fasterxml.jackson.databind.node.ObjectNode changed = receipt.deepCopy();
                changed.put(field, receipt.path(field).asText().replace("\"", "\" "));
                assertThat(verify(changed, key)).as(field).isNotNull();
            }
        }
    }

    @Test
    void receiptsOfAnUnknownRequestAreAProblem() {
        given().auth().oauth2(AUDITOR).when().get(REQUESTS + "/019a9000-aaaa-7bbb-8ccc-ddddeeeeffff/receipts")
                .then().statusCode(404).contentType("application/problem+json")
                .body("requestId", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(CRM).when().get(REQUESTS + "/019a9000-aaaa-7bbb-8ccc-ddddeeeeffff/receipts")
                .then().statusCode(403);
        given().when().get(REQUESTS + "/019a9000-aaaa-7bbb-8ccc-ddddeeeeffff/receipts").then().statusCode(401);
    }

    record Disclosure(String id, String subject, JsonNode answer, JsonNode receipts) {
    }

    /** A subject with one record made alone and two made in one batch (with somebody else's), then disclosed. */
    private static Disclosure disclose() {
        String subject = newSubjectId();
        record(optOutProvision(subject, "株式会社サンプル商事", TODAY.minusDays(3)));
        given().auth().oauth2(CRM).contentType(ContentType.JSON).body(Map.of("events", List.of(
                        consentReceipt(subject, "株式会社データ提供", TODAY.minusDays(20)),
                        optOutProvision(newSubjectId(), "株式会社他社", TODAY.minusDays(2)),
                        optOutProvision(subject, "株式会社バッチ商事", TODAY.minusDays(1)))))
                .when().post(PROVISIONS + "/batch").then().statusCode(200).body("created", equalTo(3));
        String answer = given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(ask(subject))
                .when().post(REQUESTS).then().statusCode(201).body("recordCount", equalTo(3)).extract().asString();
        try {
            JsonNode answered = JSON.readTree(answer);
            String id = answered.path("id").asText();
            String receipts = given().auth().oauth2(AUDITOR).when().get(REQUESTS + "/" + id + "/receipts")
                    .then().statusCode(200).contentType(ContentType.JSON).extract().asString();
            return new Disclosure(id, subject, answered, JSON.readTree(receipts));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String verifierKey() {
        return given().auth().oauth2(AUDITOR).when().get("/api/v1/audit/provision-records/verifier-key")
                .then().statusCode(200).extract().asString().trim();
    }

    /**
     * Checks one receipt the way an auditor would, from the outside in; answers why it fails, or {@code null}.
     */
    static String verify(JsonNode receipt, NoteKey key) throws NoSuchAlgorithmException {
        String proof = receipt.path("proof").asText();
        int split = proof.indexOf("\n\n");
        if (split < 0) {
            return "not a tlog-proof";
        }
        String[] head = proof.substring(0, split).split("\n", -1);
        if (head.length < 3 || !head[0].equals("c2sp.org/tlog-proof@v1") || !head[1].startsWith("extra ")
                || !head[2].matches("index (0|[1-9][0-9]*)")) {
            return "not a tlog-proof";
        }
        byte[] leaf = SignedNote.strictBase64(head[1].substring(6));
        if (leaf == null) {
            return "extra is not base64";
        }
        long index = Long.parseLong(head[2].substring(6));
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 3; i < head.length; i++) {
            byte[] hash = SignedNote.strictBase64(head[i]);
            if (hash == null) {
                return "a proof hash is not base64";
            }
            hashes.add(hash);
        }
        Checkpoint checkpoint;
        try {
            checkpoint = SignedNote.openCheckpoint(proof.substring(split + 2), key, key.name());
        } catch (NoteException e) {
            return "checkpoint: " + e.getMessage();
        }
        if (!MerkleVerifier.verifyInclusion(index, checkpoint.size(), Rfc9162.leafHash(leaf), hashes,
                checkpoint.rootHash())) {
            return "the proof does not reach the checkpoint's root";
        }
        JsonNode entry;
        JsonNode change;
        try {
            entry = JSON.readTree(leaf);
            change = JSON.readTree(entry.path("content").asText());
        } catch (IOException e) {
            return "the leaf is not the JSON of an entry";
        }
        String contentSha256 = sha256(receipt.path("content").asText());
        if (receipt.has("batchInclusion")) {
            JsonNode inclusion = receipt.path("batchInclusion");
            byte[] batchRoot = SignedNote.strictBase64(change.path("recordsRoot").asText());
            List<byte[]> path = new ArrayList<>();
            for (JsonNode hash : inclusion.path("hashes")) {
                byte[] bytes = SignedNote.strictBase64(hash.asText());
                if (bytes == null) {
                    return "a batch proof hash is not base64";
                }
                path.add(bytes);
            }
            byte[] row = (receipt.path("recordId").asText() + " " + contentSha256 + "\n")
                    .getBytes(StandardCharsets.US_ASCII);
            if (!"provision.batch-recorded".equals(entry.path("action").asText()) || batchRoot == null
                    || inclusion.path("size").asLong() != change.path("count").asLong()
                    || !MerkleVerifier.verifyInclusion(inclusion.path("index").asLong(), change.path("count").asLong(),
                    Rfc9162.leafHash(row), path, batchRoot)) {
                return "the record's row does not lead up its batch proof to the root its batch's leaf recorded";
            }
        } else if (receipt.has("batchRows")) {
            StringBuilder rows = new StringBuilder();
            receipt.path("batchRows").forEach(r -> rows.append(r.asText()).append('\n'));
            if (!"provision.batch-recorded".equals(entry.path("action").asText())
                    || !sha256(rows.toString()).equals(change.path("recordsSha256").asText())
                    || change.path("count").asInt() != receipt.path("batchRows").size()
                    || !rows.toString().contains(receipt.path("recordId").asText() + " " + contentSha256 + "\n")) {
                return "the record is not among the rows its batch's leaf recorded";
            }
        } else if (!change.path("id").asText().equals(receipt.path("recordId").asText())
                || !change.path("contentSha256").asText().equals(contentSha256)) {
            return "the leaf names another record or another content";
        }
        JsonNode content;
        try {
            content = JSON.readTree(receipt.path("content").asText());
        } catch (IOException e) {
            return "the content is not JSON";
        }
        if (!content.path("id").asText().equals(receipt.path("recordId").asText())
                || !content.path("eventSha256").asText().equals(sha256(receipt.path("event").asText()))) {
            return "the content is not that of this record and event";
        }
        return null;
    }

    private static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
