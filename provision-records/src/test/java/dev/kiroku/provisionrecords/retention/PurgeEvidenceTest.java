package dev.kiroku.provisionrecords.retention;

import dev.kiroku.platform.audit.merkle.MerkleVerifier;
import dev.kiroku.platform.audit.note.Checkpoint;
import dev.kiroku.platform.audit.note.NoteKey;
import dev.kiroku.platform.audit.note.SignedNote;
import dev.kiroku.platform.testing.DatabaseGuards;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import dev.kiroku.platform.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.kiroku.platform.testing.DatabaseGuards.assertAllowedAndRolledBack;
import static dev.kiroku.platform.testing.DatabaseGuards.assertRefused;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.AUDITOR;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.CRM;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.OFFICER;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.PROVISIONS;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.TODAY;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.contractProvision;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.newSubjectId;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue 13 item 6, through the real PostgreSQL: an erasure that keeps the proofs. The purge leaf names each version
 * with its retention rule and dates and no personal data; after the purge nothing stored can reveal the subject (salt,
 * ciphertexts, blind index, request fingerprints); proofs across a purge still verify; and an erasure done behind the
 * service's back (with a superuser connection, the guards switched off) is named by the record verification (APPI
 * Art. 29(2) / 30(4), Rules 21 / 25).
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class PurgeEvidenceTest {

    static final String PURGES = "/api/v1/provision-purges";
    static final String RECORDS_VERIFY = "/api/v1/provisions/verification";
    static final String AUDIT = "/api/v1/audit/provision-records";
    /** The personal columns a purge changes, restored after a tampering. */
    static final List<String> PERSONAL = List.of("subject_index", "subject_identifier_enc", "subject_name_enc",
            "subject_salt", "request_sha256", "purged_at");

    static String record(Map<String, Object> event) {
        return given().auth().oauth2(CRM).contentType(ContentType.JSON).body(event).when().post(PROVISIONS)
                .then().statusCode(201).extract().path("id");
    }

    static JsonPath purge() {
        return given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(Map.of()).when().post(PURGES)
                .then().statusCode(200).extract().jsonPath();
    }

    /** The audit entry of one aggregate (its first). */
    static JsonPath entry(String aggregateType, String aggregateId) {
        return given().auth().oauth2(AUDITOR).queryParam("aggregateType", aggregateType)
                .queryParam("aggregateId", aggregateId).when().get(AUDIT + "/entries")
                .then().statusCode(200).extract().jsonPath().setRootPath("items[0]");
    }

    static String scalar(String sql) throws SQLException {
        try (Connection c = TestDatabase.superuser(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    @Test
    void thePurgeLeafNamesEachVersionItsRuleAndTheDatesItUsedButNoPersonalData_Rule21() {
        String subject = newSubjectId();
        Map<String, Object> original = contractProvision(subject, "株式会社契約先", TODAY.minusYears(2));
        String v1 = record(original);
        String v2 = given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("reason", "提供日の誤りを訂正", "record",
                        with(original, "clientEventId", null, "providedOn", TODAY.minusMonths(18).toString())))
                .when().post(PROVISIONS + "/" + v1 + "/corrections").then().statusCode(201).extract().path("id");

        JsonPath run = purge();
        JsonPath leaf = entry("provision-purge", run.getString("id"));
        assertThat(leaf.getString("action")).isEqualTo("provision.purged");
        assertThat(leaf.getList("content.recordIds", String.class)).contains(v1, v2);
        List<Map<String, Object>> groups = leaf.getList("content.retention");
        Map<String, Object> first = groupOf(groups, v1);
        Map<String, Object> second = groupOf(groups, v2);
        // Rule 21(1)(i): one year from the last provision; the older version is kept as long as the current one
        assertThat(first).containsEntry("rule", "contract").containsEntry("anchor", "LAST_PROVISION")
                .containsEntry("period", "P1Y")
                .containsEntry("countedFrom", TODAY.minusYears(2).toString())
                .containsEntry("legalRetainUntil", TODAY.minusYears(2).plusYears(1).toString())
                .containsEntry("retainUntil", TODAY.minusYears(2).plusYears(1).toString())
                .containsEntry("keptUntil", TODAY.minusMonths(18).plusYears(1).toString());
        assertThat((String) first.get("basis")).contains("Rule 21(1)(i)");
        assertThat(second).containsEntry("countedFrom", TODAY.minusMonths(18).toString())
                .containsEntry("retainUntil", TODAY.minusMonths(18).plusYears(1).toString())
                .containsEntry("keptUntil", TODAY.minusMonths(18).plusYears(1).toString());
        String purgedAt = given().auth().oauth2(AUDITOR).when().get(PROVISIONS + "/" + v1).then().statusCode(200)
                .body("subject", nullValue()).extract().path("purgedAt");
        assertThat(Instant.parse((String) first.get("purgedAt"))).isEqualTo(OffsetDateTime.parse(purgedAt).toInstant());
        String body = given().auth().oauth2(AUDITOR).queryParam("aggregateType", "provision-purge")
                .queryParam("aggregateId", run.getString("id")).when().get(AUDIT + "/entries").then().extract()
                .asString();
        assertThat(body).doesNotContain(subject).doesNotContain("佐藤花子");

        given().auth().oauth2(AUDITOR).when().get(RECORDS_VERIFY).then().statusCode(200)
                .body("intact", equalTo(true));
    }

    private static Map<String, Object> groupOf(List<Map<String, Object>> groups, String id) {
        return groups.stream().filter(g -> ((List<?>) g.get("recordIds")).contains(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no retention group names " + id));
    }

    @Test
    void afterThePurgeNothingStoredRevealsTheSubjectAndARetryOfItsCreateIsRefused_Rule21() throws SQLException {
        String subject = newSubjectId();
        Map<String, Object> event = contractProvision(subject, "株式会社契約先", TODAY.minusYears(2));
        String key = "purge-retry-" + subject;
        String id = given().auth().oauth2(CRM).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(with(event, "clientEventId", null)).when().post(PROVISIONS).then().statusCode(201)
                .extract().path("id");
        assertThat(scalar("SELECT request_sha256 FROM idempotency_key WHERE resource_id = '" + id + "'"))
                .matches("[0-9a-f]{64}");

        purge();
        String where = " FROM provision_record WHERE id = '" + id + "'";
        assertThat(scalar("SELECT concat_ws(',', subject_index, subject_identifier_enc, subject_name_enc, "
                + "subject_salt)" + where)).isEmpty();
        // the request fingerprints were plain hashes over the subject: a guess could be confirmed against them
        assertThat(scalar("SELECT request_sha256" + where)).isEqualTo("purged");
        assertThat(scalar("SELECT request_sha256 FROM idempotency_key WHERE resource_id = '" + id + "'"))
                .isEqualTo("purged");
        // what no erasure can take: the salted commitment (its salt is gone) and the scheme, not the subject
        assertThat(scalar("SELECT subject_commitment" + where)).matches("[0-9a-f]{64}");

        given().auth().oauth2(CRM).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(with(event, "clientEventId", null)).when().post(PROVISIONS).then().statusCode(422);
        given().auth().oauth2(AUDITOR).when().get(RECORDS_VERIFY).then().statusCode(200)
                .body("intact", equalTo(true));
    }

    @Test
    void anIdempotencyKeyChangesOnlyByItsResourceAndThePurgeAndItsGuardCannotBeSwitchedOff_issue13()
            throws SQLException {
        String id = given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .header("Idempotency-Key", "guarded-" + newSubjectId())
                .body(with(contractProvision(newSubjectId(), "株式会社契約先", TODAY), "clientEventId", null))
                .when().post(PROVISIONS).then().statusCode(201).extract().path("id");
        String row = " WHERE resource_id = '" + id + "'";
        assertThat(assertAllowedAndRolledBack(TestDatabase::application,
                "UPDATE idempotency_key SET request_sha256 = 'purged'" + row)).isEqualTo(1);
        assertRefused(TestDatabase::application, "UPDATE idempotency_key SET request_sha256 = repeat('0', 64)" + row,
                "changes only by its resource and the retention purge");
        assertRefused(TestDatabase::application, "UPDATE idempotency_key SET created_at = now()" + row,
                "permission denied for table");
        assertRefused(TestDatabase::superuser, "UPDATE idempotency_key SET resource_id = 'another'" + row,
                "changes only by its resource and the retention purge");
        DatabaseGuards.assertApplicationRoleCannotSwitchOffGuards("idempotency_key");
    }

    @Test
    void aPurgeBeforeRetainUntilDoneBehindTheServicesBackIsNamedByTheRecordVerification_Rule21() throws SQLException {
        String id = record(contractProvision(newSubjectId(), "株式会社契約先", TODAY.minusMonths(2)));
        int seq = entry("provision-record", id).getInt("seq");
        tampered(id, List.of("UPDATE provision_record SET subject_index = NULL, subject_identifier_enc = NULL, "
                + "subject_name_enc = NULL, subject_salt = NULL, purged_at = now() WHERE id = '" + id + "'"), () ->
                given().auth().oauth2(AUDITOR).when().get(RECORDS_VERIFY).then().statusCode(200)
                        .body("intact", equalTo(false))
                        .body("firstBrokenRecordId", equalTo(id))
                        .body("auditSeq", equalTo(seq))
                        .body("problem", containsString("no purge leaf of the audit log names it"))
                        .body("problem", containsString("before its retention ended: kept until "
                                + TODAY.minusMonths(2).plusYears(1))));
        // the personal data removed without even the tombstone's time
        tampered(id, List.of("UPDATE provision_record SET subject_salt = NULL WHERE id = '" + id + "'"), () ->
                given().auth().oauth2(AUDITOR).when().get(RECORDS_VERIFY).then().statusCode(200)
                        .body("intact", equalTo(false)).body("firstBrokenRecordId", equalTo(id))
                        .body("problem", containsString("its subject removed) but no purge leaf")));
        given().auth().oauth2(AUDITOR).when().get(RECORDS_VERIFY).then().statusCode(200)
                .body("intact", equalTo(true));
    }

    @Test
    void aPurgedRowChangedBehindTheServicesBackDisagreesWithItsPurgeLeaf_Rule21() throws SQLException {
        String id = record(contractProvision(newSubjectId(), "株式会社契約先", TODAY.minusYears(2)));
        int leaf = purge().getInt("auditSeq");
        String row = " WHERE id = '" + id + "'";
        tampered(id, List.of("UPDATE provision_record SET purged_at = purged_at + interval '1 hour'" + row), () ->
                given().auth().oauth2(AUDITOR).when().get(RECORDS_VERIFY).then().statusCode(200)
                        .body("intact", equalTo(false)).body("firstBrokenRecordId", equalTo(id))
                        .body("auditSeq", equalTo(leaf))
                        .body("problem", containsString("disagrees with purge leaf " + leaf + ": purgedAt")));
        // moved back before the retention ended: the row itself says the purge was early
        tampered(id, List.of("UPDATE provision_record SET purged_at = purged_at - interval '400 days'" + row), () ->
                given().auth().oauth2(AUDITOR).when().get(RECORDS_VERIFY).then().statusCode(200)
                        .body("intact", equalTo(false)).body("firstBrokenRecordId", equalTo(id))
                        .body("problem", containsString("before its retention ended: kept until "
                                + TODAY.minusYears(2).plusYears(1))));
        // the salt put back: the commitment would again be testable against a guess
        tampered(id, List.of("UPDATE provision_record SET subject_salt = repeat('ab', 32)" + row), () ->
                given().auth().oauth2(AUDITOR).when().get(RECORDS_VERIFY).then().statusCode(200)
                        .body("intact", equalTo(false)).body("firstBrokenRecordId", equalTo(id))
                        .body("problem", containsString("still stores its subject's commitment salt")));
        given().auth().oauth2(AUDITOR).when().get(RECORDS_VERIFY).then().statusCode(200)
                .body("intact", equalTo(true));
    }

    @Test
    void aPurgedRecordsKeyFingerprintPutBackIsNamedByTheRecordVerification_issue13() throws SQLException {
        String id = given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .header("Idempotency-Key", "fingerprint-" + newSubjectId())
                .body(with(contractProvision(newSubjectId(), "株式会社契約先", TODAY.minusYears(2)), "clientEventId",
                        null))
                .when().post(PROVISIONS).then().statusCode(201).extract().path("id");
        purge();
        try (Connection c = TestDatabase.superuser(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE idempotency_key DISABLE TRIGGER idempotency_key_guarded");
            s.executeUpdate("UPDATE idempotency_key SET request_sha256 = repeat('0', 64) WHERE resource_id = '" + id
                    + "'");
            try {
                given().auth().oauth2(AUDITOR).when().get(RECORDS_VERIFY).then().statusCode(200)
                        .body("intact", equalTo(false)).body("firstBrokenRecordId", equalTo(id))
                        .body("problem", containsString("Idempotency-Key table still holds its request's "
                                + "fingerprint"));
            } finally {
                s.executeUpdate("UPDATE idempotency_key SET request_sha256 = 'purged' WHERE resource_id = '" + id
                        + "'");
                s.execute("ALTER TABLE idempotency_key ENABLE TRIGGER idempotency_key_guarded");
            }
        }
        given().auth().oauth2(AUDITOR).when().get(RECORDS_VERIFY).then().statusCode(200)
                .body("intact", equalTo(true));
    }

    /**
     * Checkpoint, purge, checkpoint: the newer tree is consistent with the older, and the purged record's original
     * entry (its leaf unchanged) is proved into the newer one, against the roots signed by the log's key.
     */
    @Test
    void proofsAcrossAPurgeStillVerify_issue13() throws Exception {
        NoteKey key = NoteKey.verifier(given().auth().oauth2(AUDITOR).when().get(AUDIT + "/verifier-key")
                .then().statusCode(200).extract().asString().trim());
        String id = record(contractProvision(newSubjectId(), "株式会社証明先", TODAY.minusYears(2)));
        JsonPath recorded = entry("provision-record", id);
        long seq = recorded.getLong("seq");
        String leafHash = recorded.getString("leafHash");
        Checkpoint before = awaitCheckpoint(key, seq);

        long purgeSeq = purge().getLong("auditSeq");
        Checkpoint after = awaitCheckpoint(key, purgeSeq);
        assertThat(after.size()).isGreaterThan(before.size());
        given().auth().oauth2(AUDITOR).when().get(PROVISIONS + "/" + id).then().statusCode(200)
                .body("purgedAt", notNullValue());

        JsonPath consistency = given().auth().oauth2(AUDITOR).queryParam("firstSize", before.size())
                .queryParam("secondSize", after.size()).when().get(AUDIT + "/proofs/consistency")
                .then().statusCode(200).extract().jsonPath();
        assertThat(MerkleVerifier.verifyConsistency(before.size(), after.size(), before.rootHash(), after.rootHash(),
                decode(consistency.getList("hashes", String.class)))).isTrue();

        assertThat(entry("provision-record", id).getString("leafHash")).isEqualTo(leafHash);
        JsonPath inclusion = given().auth().oauth2(AUDITOR).queryParam("leafIndex", seq - 1)
                .queryParam("treeSize", after.size()).when().get(AUDIT + "/proofs/inclusion")
                .then().statusCode(200).extract().jsonPath();
        assertThat(inclusion.getString("leafHash")).isEqualTo(leafHash);
        assertThat(MerkleVerifier.verifyInclusion(seq - 1, after.size(), Base64.getDecoder().decode(leafHash),
                decode(inclusion.getList("hashes", String.class)), after.rootHash())).isTrue();
        // and the purge leaf itself is in the newer tree
        JsonPath purgeLeaf = given().auth().oauth2(AUDITOR).queryParam("leafIndex", purgeSeq - 1)
                .queryParam("treeSize", after.size()).when().get(AUDIT + "/proofs/inclusion")
                .then().statusCode(200).extract().jsonPath();
        assertThat(MerkleVerifier.verifyInclusion(purgeSeq - 1, after.size(),
                Base64.getDecoder().decode(purgeLeaf.getString("leafHash")),
                decode(purgeLeaf.getList("hashes", String.class)), after.rootHash())).isTrue();
        given().auth().oauth2(AUDITOR).when().get(AUDIT + "/verification").then().statusCode(200)
                .body("intact", equalTo(true));
    }

    private static List<byte[]> decode(List<String> hashes) {
        return hashes.stream().map(Base64.getDecoder()::decode).toList();
    }

    /** Waits for a checkpoint signed by the log's key that covers {@code size} leaves. */
    private static Checkpoint awaitCheckpoint(NoteKey key, long size) throws InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            String note = given().auth().oauth2(AUDITOR).when().get(AUDIT + "/checkpoint").then().statusCode(200)
                    .extract().asString();
            Checkpoint checkpoint = SignedNote.openCheckpoint(note, key, key.name());
            if (checkpoint.size() >= size) {
                return checkpoint;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no checkpoint covered " + size + " leaves");
    }

    /** An assertion that must not throw checked exceptions. */
    @FunctionalInterface
    interface Check {
        void run();
    }

    /**
     * Runs the statements on the record's row as a superuser with its guard switched off (what the service's own role
     * can never do), checks, then puts the row's personal columns back as they were and the guard on again.
     */
    private static void tampered(String id, List<String> statements, Check check) throws SQLException {
        try (Connection c = TestDatabase.superuser(); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE kept_row AS SELECT * FROM provision_record WHERE id = '" + id + "'");
            s.execute("ALTER TABLE provision_record DISABLE TRIGGER provision_record_no_update");
            try {
                for (String statement : statements) {
                    assertThat(s.executeUpdate(statement)).as(statement).isEqualTo(1);
                }
                check.run();
            } finally {
                s.executeUpdate("UPDATE provision_record p SET " + String.join(", ",
                        PERSONAL.stream().map(column -> column + " = k." + column).toList())
                        + " FROM kept_row k WHERE p.id = k.id");
                s.execute("DROP TABLE kept_row");
                s.execute("ALTER TABLE provision_record ENABLE TRIGGER provision_record_no_update");
            }
        }
    }
}
