package dev.kiroku.provisionrecords.provision.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroku.platform.audit.AuditChain;
import dev.kiroku.platform.audit.AuditEvent;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import dev.kiroku.platform.testing.TestDatabase;
import dev.kiroku.platform.web.Digests;
import dev.kiroku.platform.web.TimeOrderedIds;
import dev.kiroku.provisionrecords.common.SubjectVault;
import dev.kiroku.provisionrecords.provision.ProvisionEvent;
import dev.kiroku.provisionrecords.provision.ProvisionRecord;
import dev.kiroku.provisionrecords.provision.repository.ProvisionRecordRepository;
import dev.kiroku.provisionrecords.provision.repository.ProvisionRecordRepository.NewRecord;
import dev.kiroku.verifier.Main;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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
import static org.assertj.core.api.Assertions.fail;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A batch of records is one audit leaf that commits to the RFC 9162 Merkle root of its rows (issue 13 item 1), so the
 * receipt of a record of a batch (APPI Art. 33(5) disclosure) is two proofs: its row in the batch, the batch in the
 * signed log. Checked against a real PostgreSQL with both offline verifiers (Java, tools/verifier; Node.js,
 * tools/verifier/src/test/node/verify-receipts.mjs); batches of the earlier flat form still verify; a row of a batch
 * changed behind the service's back is reported by the record verification.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class BatchReceiptsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUESTS = "/api/v1/disclosure-requests";
    private static final String RECORDS_VERIFY = "/api/v1/provisions/verification";
    private static final Path NODE_VERIFIER = Path.of("../tools/verifier/src/test/node/verify-receipts.mjs");

    @Inject
    ProvisionRecordRepository records;

    @Inject
    AuditChain chain;

    @Inject
    SubjectVault vault;

    @Inject
    ObjectMapper json;

    @Test
    void aBatchedRecordsReceiptIsItsRowsProofInTheBatchAndTheBatchsProofInTheLogAndBothVerifiersAcceptIt()
            throws Exception {
        String subject = newSubjectId();
        record(optOutProvision(subject, "株式会社単独", TODAY.minusDays(4)));
        List<String> batch = ingest(List.of(
                consentReceipt(subject, "株式会社データ提供", TODAY.minusDays(9)),
                optOutProvision(newSubjectId(), "株式会社他社", TODAY.minusDays(3)),
                optOutProvision(subject, "株式会社バッチ商事", TODAY.minusDays(2)),
                optOutProvision(newSubjectId(), "株式会社他社", TODAY.minusDays(2)),
                optOutProvision(subject, "株式会社バッチ商事", TODAY.minusDays(1))));
        Disclosure d = disclose(subject, 4);

        JsonNode entry = JSON.readTree(chain.entry(records.find(UUID.fromString(batch.get(0))).orElseThrow()
                .auditEntryId()).orElseThrow().content());
        assertThat(entry.path("count").asInt()).isEqualTo(5);
        assertThat(Base64.getDecoder().decode(entry.path("recordsRoot").asText())).hasSize(32);
        assertThat(entry.has("recordsSha256")).isFalse();

        List<String> sortedBatch = batch.stream().map(UUID::fromString).sorted().map(UUID::toString).toList();
        int batched = 0;
        for (JsonNode receipt : d.receipts().path("receipts")) {
            if (!batch.contains(receipt.path("recordId").asText())) {
                assertThat(receipt.has("batchInclusion")).isFalse();
                continue;
            }
            batched++;
            JsonNode inclusion = receipt.path("batchInclusion");
            assertThat(receipt.has("batchRows")).as("no longer every row of the batch").isFalse();
            assertThat(inclusion.path("size").asInt()).isEqualTo(5);
            assertThat(inclusion.path("index").asInt()).as("the row's position in id order")
                    .isEqualTo(sortedBatch.indexOf(receipt.path("recordId").asText()));
            // RFC 9162 PATH in a tree of 5: the four rows of the left subtree need 3 hashes, the fifth row 1
            assertThat(inclusion.path("hashes")).hasSize(inclusion.path("index").asInt() == 4 ? 1 : 3);
        }
        assertThat(batched).isEqualTo(3);
        assertThat(d.receipts().toString()).doesNotContain(subject);

        Path dir = Files.createDirectories(Path.of("target", "receipts", "batch"));
        assertThat(java(dir, d)).contains("VALID: all 4 records are in the signed log", " of a batch of 5");
        String node = node(dir, d, 0);
        assertThat(node).contains("\"ok\":true", "\"batchProofs\":3").containsPattern("\"bitFlipsRefused\":[1-9][0-9]{3}");
        assertThat(node.lines().filter(l -> l.startsWith("VALID   ") && l.contains("of a batch of 5"))).hasSize(3);

        // one hash of one batch proof changed: the row no longer reaches the batch's root, for both verifiers
        int first = indexOf(d.receipts(), r -> r.has("batchInclusion"));
        ObjectNode changed = d.receipts().deepCopy();
        ArrayNode hashes = (ArrayNode) changed.path("receipts").get(first).path("batchInclusion").path("hashes");
        byte[] hash = Base64.getDecoder().decode(hashes.get(0).asText());
        hash[7] ^= 0x10;
        hashes.set(0, Base64.getEncoder().encodeToString(hash));
        Disclosure tampered = new Disclosure(d.answer(), changed);
        assertThat(java(dir, tampered, 1)).contains("batch-proof-does-not-reach-root");
        assertThat(node(dir, tampered, 1)).contains("batch-proof-does-not-reach-root", "\"ok\":false");

        given().auth().oauth2(AUDITOR).when().get(RECORDS_VERIFY).then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void aBatchOfTheEarlierFlatFormStillVerifiesItsReceiptsCarryItsRows() throws Exception {
        String subject = newSubjectId();
        String alone = record(optOutProvision(subject, "株式会社旧形式", TODAY.minusDays(6)));
        List<UUID> flat = recordAFlatFormBatch(UUID.fromString(alone), 3);
        Disclosure d = disclose(subject, 4);

        int rows = 0;
        for (JsonNode receipt : d.receipts().path("receipts")) {
            if (flat.contains(UUID.fromString(receipt.path("recordId").asText()))) {
                assertThat(receipt.has("batchInclusion")).isFalse();
                assertThat(receipt.path("batchRows")).hasSize(3);
                rows++;
            }
        }
        assertThat(rows).isEqualTo(3);
        Path dir = Files.createDirectories(Path.of("target", "receipts", "flat-batch"));
        assertThat(java(dir, d)).contains("VALID: all 4 records are in the signed log", "(a batch of 3, its rows given)");
        assertThat(node(dir, d, 0)).contains("\"ok\":true", "\"flatBatches\":3");
        given().auth().oauth2(AUDITOR).when().get(RECORDS_VERIFY).then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void aRowOfABatchChangedBehindTheServicesBackIsNamedByTheRecordVerification() throws Exception {
        List<String> batch = ingest(List.of(
                optOutProvision(newSubjectId(), "株式会社本物", TODAY.minusDays(1)),
                optOutProvision(newSubjectId(), "株式会社本物", TODAY.minusDays(1)),
                optOutProvision(newSubjectId(), "株式会社本物", TODAY.minusDays(1))));
        String row = batch.get(1);
        UUID entryId = records.find(UUID.fromString(row)).orElseThrow().auditEntryId();
        long seq = chain.entry(entryId).orElseThrow().seq();
        String original = records.find(UUID.fromString(row)).orElseThrow().contentSha256();

        // a fact of the row changed: its content no longer hashes to its stored hash
        tamper("UPDATE provision_record SET counterparty_name = '株式会社偽物' WHERE id = '" + row + "'");
        try {
            given().auth().oauth2(AUDITOR).when().get(RECORDS_VERIFY).then().statusCode(200)
                    .body("intact", equalTo(false)).body("firstBrokenRecordId", equalTo(row))
                    .body("auditSeq", equalTo((int) seq)).body("problem", containsString("changed after it was recorded"));

            // and its stored hash rewritten to match: the batch's Merkle root no longer holds
            String forged = RecordContent.sha256(json, RecordContent.of(json,
                    records.find(UUID.fromString(row)).orElseThrow()));
            tamper("UPDATE provision_record SET content_sha256 = '" + forged + "' WHERE id = '" + row + "'");
            given().auth().oauth2(AUDITOR).when().get(RECORDS_VERIFY).then().statusCode(200)
                    .body("intact", equalTo(false)).body("auditSeq", equalTo((int) seq))
                    .body("firstBrokenRecordId", equalTo(batch.stream().sorted(Comparator.comparing(UUID::fromString))
                            .findFirst().orElseThrow()))
                    .body("problem", containsString("their Merkle tree has another root than the entry's recordsRoot"));
        } finally {
            tamper("UPDATE provision_record SET counterparty_name = '株式会社本物', content_sha256 = '" + original
                    + "' WHERE id = '" + row + "'");
        }
        given().auth().oauth2(AUDITOR).when().get(RECORDS_VERIFY).then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void aRowOfAFlatFormBatchChangedBehindTheServicesBackBreaksItsDigest() throws Exception {
        String alone = record(optOutProvision(newSubjectId(), "株式会社旧形式", TODAY.minusDays(6)));
        List<UUID> flat = recordAFlatFormBatch(UUID.fromString(alone), 2);
        UUID row = flat.get(1);
        long seq = chain.entry(records.find(row).orElseThrow().auditEntryId()).orElseThrow().seq();
        String original = records.find(row).orElseThrow().contentSha256();
        tamper("UPDATE provision_record SET counterparty_name = '株式会社偽物' WHERE id = '" + row + "'");
        String forged = RecordContent.sha256(json, RecordContent.of(json, records.find(row).orElseThrow()));
        tamper("UPDATE provision_record SET content_sha256 = '" + forged + "' WHERE id = '" + row + "'");
        try {
            given().auth().oauth2(AUDITOR).when().get(RECORDS_VERIFY).then().statusCode(200)
                    .body("intact", equalTo(false)).body("auditSeq", equalTo((int) seq))
                    .body("problem", containsString("their digest is not the entry's recordsSha256"));
        } finally {
            tamper("UPDATE provision_record SET counterparty_name = '株式会社旧形式', content_sha256 = '" + original
                    + "' WHERE id = '" + row + "'");
        }
        given().auth().oauth2(AUDITOR).when().get(RECORDS_VERIFY).then().statusCode(200).body("intact", equalTo(true));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    record Disclosure(JsonNode answer, JsonNode receipts) {
    }

    private static String record(Map<String, Object> event) {
        return given().auth().oauth2(CRM).contentType(ContentType.JSON).body(event).when().post(PROVISIONS)
                .then().statusCode(201).extract().path("id");
    }

    /** The ids of a batch's records, in the order of its events. */
    private static List<String> ingest(List<Map<String, Object>> events) {
        return given().auth().oauth2(CRM).contentType(ContentType.JSON).body(Map.of("events", events))
                .when().post(PROVISIONS + "/batch").then().statusCode(200).body("created", equalTo(events.size()))
                .extract().path("items.id");
    }

    private static Disclosure disclose(String subject, int expected) throws IOException {
        Map<String, Object> ask = Map.of(
                "subject", Map.of("scheme", "customer-number", "identifier", subject),
                "method", "DOCUMENT", "receivedVia", "郵送（開示請求書）",
                "receivedAt", TODAY.atStartOfDay(ZoneId.of("Asia/Tokyo")).toOffsetDateTime().toString());
        JsonNode answer = JSON.readTree(given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(ask)
                .when().post(REQUESTS).then().statusCode(201).body("recordCount", equalTo(expected))
                .extract().asString());
        JsonNode receipts = JSON.readTree(given().auth().oauth2(AUDITOR)
                .when().get(REQUESTS + "/" + answer.path("id").asText() + "/receipts")
                .then().statusCode(200).extract().asString());
        return new Disclosure(answer, receipts);
    }

    /**
     * What a batch recorded before batch entries had a Merkle root wrote: its rows (copies of {@code template}'s
     * facts and subject, as new records) and one {@code provision.batch-recorded} entry naming them by count, id range
     * and the flat {@code recordsSha256} over {@code "<id> <contentSha256>\n"} in id order.
     */
    private List<UUID> recordAFlatFormBatch(UUID template, int size) {
        ProvisionRecord t = records.find(template).orElseThrow();
        UUID entryId = TimeOrderedIds.next();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        List<NewRecord> rows = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            UUID id = TimeOrderedIds.next();
            ProvisionEvent e = t.event();
            ProvisionEvent event = new ProvisionEvent("flat-" + id, e.direction(), e.legalBasis(), e.method(),
                    e.contractRef(), e.goodsOrServices(), e.counterparty(), e.subject(), e.dataItems(),
                    e.otherItems(), e.providedOn(), e.period(), e.consentRef(), e.acquisitionCircumstances(),
                    e.ppcPublicationRef(), e.foreignTransfer(), e.order11Ground(), e.retainUntil());
            String salt = AuditChain.newSalt();
            String indexInput = event.subject().indexInput();
            ProvisionRecord unhashed = new ProvisionRecord(id, id, 1, null, null, t.statutory(), event, t.clientId(),
                    t.requestSha256(), now, t.recordedBy(), t.retention(), AuditChain.commitment(salt, indexInput),
                    null, entryId, null);
            String contentSha256 = RecordContent.sha256(json, RecordContent.of(json, unhashed));
            rows.add(new NewRecord(new ProvisionRecord(id, id, 1, null, null, t.statutory(), event, t.clientId(),
                    t.requestSha256(), now, t.recordedBy(), t.retention(), unhashed.subjectCommitment(),
                    contentSha256, entryId, null), salt, vault.indexOf(indexInput)));
        }
        List<ProvisionRecord> ordered = rows.stream().map(NewRecord::record)
                .sorted(Comparator.comparing(ProvisionRecord::id)).toList();
        MessageDigest digest = RecordContent.rowsDigest();
        ordered.forEach(r -> RecordContent.addRow(digest, r.id(), r.contentSha256()));
        Map<String, Object> covered = new LinkedHashMap<>();
        covered.put("count", size);
        covered.put("firstId", ordered.get(0).id().toString());
        covered.put("lastId", ordered.get(size - 1).id().toString());
        covered.put("recordsSha256", Digests.hex(digest));
        QuarkusTransaction.requiringNew().run(() -> {
            records.insert(rows);
            chain.append(new AuditEvent("provision.batch-recorded", "provision-batch", TimeOrderedIds.next().toString(),
                    t.recordedBy(), null, covered), entryId);
        });
        return ordered.stream().map(ProvisionRecord::id).toList();
    }

    /** What only a superuser can do (the service's own role cannot): switch the guard off and change a row. */
    private static void tamper(String update) throws SQLException {
        try (Connection c = TestDatabase.superuser(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE provision_record DISABLE TRIGGER provision_record_no_update");
            try {
                assertThat(s.executeUpdate(update)).isEqualTo(1);
            } finally {
                s.execute("ALTER TABLE provision_record ENABLE TRIGGER provision_record_no_update");
            }
        }
    }

    private static String verifierKey() {
        return given().auth().oauth2(AUDITOR).when().get("/api/v1/audit/provision-records/verifier-key")
                .then().statusCode(200).extract().asString().trim();
    }

    private static String java(Path dir, Disclosure d) throws IOException {
        return java(dir, d, 0);
    }

    /** The Java offline verifier (tools/verifier), in-process; asserts its exit status. */
    private static String java(Path dir, Disclosure d, int status) throws IOException {
        Path answer = Files.writeString(dir.resolve("disclosure.json"), d.answer().toPrettyString());
        Path receipts = Files.writeString(dir.resolve("receipts.json"), d.receipts().toPrettyString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = Main.run(new String[] {"--key", verifierKey(), answer.toString(), receipts.toString()}, print,
                print);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isEqualTo(status);
        return text;
    }

    /** The Node.js verifier, written independently (node:crypto only), as a process; asserts its exit status. */
    private static String node(Path dir, Disclosure d, int status) throws IOException, InterruptedException {
        requireNode();
        Path answer = Files.writeString(dir.resolve("disclosure.json"), d.answer().toString());
        Path receipts = Files.writeString(dir.resolve("receipts.json"), d.receipts().toString());
        assertThat(NODE_VERIFIER).exists();
        Process process = new ProcessBuilder("node", NODE_VERIFIER.toAbsolutePath().toString(), "--key", verifierKey(),
                answer.toString(), receipts.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isEqualTo(status);
        return out;
    }

    private static void requireNode() throws InterruptedException {
        try {
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (version.waitFor() != 0 || !out.matches("v(1[89]|[2-9][0-9])\\..*")) {
                fail("Node.js 18 or newer is needed for the independent verifier (found " + out + "): install it, "
                        + "e.g. apt-get install -y nodejs");
            }
        } catch (IOException e) {
            fail("Node.js is needed for the independent verifier and 'node' is not on the PATH: install it, e.g. "
                    + "apt-get install -y nodejs (.ci/run does this when it is missing)");
        }
    }

    private static int indexOf(JsonNode receipts, java.util.function.Predicate<JsonNode> test) {
        for (int i = 0; i < receipts.path("receipts").size(); i++) {
            if (test.test(receipts.path("receipts").get(i))) {
                return i;
            }
        }
        throw new IllegalStateException("no such receipt");
    }
}
