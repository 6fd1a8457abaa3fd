package dev.kiroku.provisionrecords;

import dev.kiroku.platform.testing.DatabaseGuards;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import dev.kiroku.platform.testing.TestDatabase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.optOutProvision;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue 13, items 6 and 7, through the real PostgreSQL: the service connects as a role that owns nothing, so it
 * cannot switch the guards off; the evidence tables refuse to be rewritten even by a superuser who leaves the triggers
 * on; and the database itself refuses to purge a record's personal data before its retention ends (APPI Art. 29(2) /
 * 30(4), Rules 21 / 25), however the UPDATE is written.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class DatabaseGuardsTest {

    static final String STOPS = "/api/v1/opt-out-stops";
    static final String REQUESTS = "/api/v1/disclosure-requests";
    static final String PURGES = "/api/v1/provision-purges";
    static final List<String> EVIDENCE = List.of("provision_record", "opt_out_stop", "disclosure_request",
            "disclosure_request_record", "purge_run", "audit_entry");
    static final String PURGE = "UPDATE provision_record SET subject_index = NULL, subject_identifier_enc = NULL, "
            + "subject_name_enc = NULL, subject_salt = NULL, purged_at = now() WHERE id = '%s'";

    @Inject
    AgroalDataSource dataSource;

    static String record(Map<String, Object> event) {
        return given().auth().oauth2(CRM).contentType(ContentType.JSON).body(event).when().post(PROVISIONS)
                .then().statusCode(201).extract().path("id");
    }

    static String stop(String subject) {
        return given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("subject", Map.of("scheme", "customer-number", "identifier", subject),
                        "effectiveFrom", TODAY.toString(), "receivedVia", "お問い合わせ窓口（電話）"))
                .when().post(STOPS).then().statusCode(201).extract().path("id");
    }

    /** A disclosure request that disclosed one record (a row in each disclosure table). */
    static String disclosure() {
        String subject = newSubjectId();
        record(optOutProvision(subject, "株式会社開示先", TODAY.minusDays(1)));
        return given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("subject", Map.of("scheme", "customer-number", "identifier", subject),
                        "method", "DOCUMENT", "receivedVia", "郵送（開示請求書）"))
                .when().post(REQUESTS).then().statusCode(201).body("recordCount", equalTo(1)).extract().path("id");
    }

    static String purgeRun() {
        return given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(Map.of()).when().post(PURGES)
                .then().statusCode(200).extract().path("id");
    }

    /**
     * Issue 18: a disclosure stores the ids of the records it disclosed without locking those records (V7: no foreign
     * key whose check takes a FOR KEY SHARE lock, a write into every disclosed record's tuple).
     */
    @Test
    void aDisclosureLeavesTheRecordsItDisclosedUnlocked() throws SQLException {
        String request = disclosure();
        try (Connection connection = dataSource.getConnection();
             var query = connection.prepareStatement("SELECT r.xmax::text FROM disclosure_request_record d "
                     + "JOIN provision_record r ON r.id = d.record_id WHERE d.request_id = ?::uuid")) {
            query.setString(1, request);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("the request disclosed a record").isTrue();
                assertThat(rows.getString(1)).as("no transaction locked or updated the disclosed record")
                        .isEqualTo("0");
            }
        }
    }

    @Test
    void theServiceConnectsAsARoleThatOwnsNothingAndCannotReachTheMigrationHistory_issue13() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_user")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(EmbeddedPostgresResource.APP);
        }
        DatabaseGuards.assertApplicationRoleOwnsNothing();
        for (String history : List.of("flyway_schema_history", "kiroku_audit_schema_history")) {
            assertRefused(TestDatabase::application, "SELECT count(*) FROM " + history, "permission denied for table");
            assertRefused(TestDatabase::application, "DELETE FROM " + history, "permission denied for table");
        }
    }

    @Test
    void theApplicationRoleCannotSwitchOffTheGuardsOfAnyEvidenceTable_issue13() throws SQLException {
        DatabaseGuards.assertApplicationRoleCannotSwitchOffGuards(EVIDENCE.toArray(String[]::new));
    }

    @Test
    void theApplicationRoleHoldsNoPrivilegeToRewriteOrRemoveEvidence_Art29_30_33() throws SQLException {
        String id = record(optOutProvision(newSubjectId(), "株式会社サンプル商事", TODAY));
        for (String table : EVIDENCE) {
            assertRefused(TestDatabase::application, "DELETE FROM " + table, "permission denied for table " + table);
            assertRefused(TestDatabase::application, "TRUNCATE " + table + " CASCADE",
                    "permission denied for table");
        }
        for (String update : List.of(
                "UPDATE provision_record SET counterparty_name = '株式会社偽物' WHERE id = '" + id + "'",
                "UPDATE provision_record SET retain_until = '2000-01-01' WHERE id = '" + id + "'",
                "UPDATE opt_out_stop SET effective_from = '2999-01-01'",
                "UPDATE disclosure_request SET outcome = 'NO_RECORDS'",
                "UPDATE disclosure_request_record SET record_id = record_id",
                "UPDATE purge_run SET purged_count = 0",
                "UPDATE audit_entry SET actor = 'mallory'")) {
            assertRefused(TestDatabase::application, update, "permission denied for table");
        }
    }

    @Test
    void evenASuperuserWhoLeavesTheTriggersOnCannotRewriteOrRemoveAnyEvidenceRow_Art29_30_33() throws SQLException {
        String recordId = record(optOutProvision(newSubjectId(), "株式会社サンプル商事", TODAY));
        String stopId = stop(newSubjectId());
        String requestId = disclosure();
        String runId = purgeRun();
        Map<String, String> rows = Map.of(
                "provision_record", "id = '" + recordId + "'",
                "opt_out_stop", "id = '" + stopId + "'",
                "disclosure_request", "id = '" + requestId + "'",
                "disclosure_request_record", "request_id = '" + requestId + "'",
                "purge_run", "id = '" + runId + "'",
                "audit_entry", "seq = 1");
        Map<String, String> changes = Map.of(
                "provision_record", "counterparty_name = '株式会社偽物'",
                "opt_out_stop", "effective_from = '2999-01-01'",
                "disclosure_request", "outcome = 'NO_RECORDS', record_count = 0",
                "disclosure_request_record", "record_id = '" + recordId + "'",
                "purge_run", "purged_count = 0",
                "audit_entry", "actor = 'mallory'");
        Map<String, String> refusals = Map.of(
                "provision_record", "append-only",
                "opt_out_stop", "opt_out_stop",
                "disclosure_request", "disclosure_request is append-only evidence",
                "disclosure_request_record", "disclosure_request_record is append-only evidence",
                "purge_run", "purge_run is append-only evidence",
                "audit_entry", "append-only");
        for (String table : EVIDENCE) {
            String where = rows.get(table);
            assertRefused(TestDatabase::superuser, "UPDATE " + table + " SET " + changes.get(table) + " WHERE " + where,
                    refusals.get(table));
            assertRefused(TestDatabase::superuser, "DELETE FROM " + table + " WHERE " + where, refusals.get(table));
            assertRefused(TestDatabase::superuser, "TRUNCATE " + table + " CASCADE", "refused");
            assertRefused(TestDatabase::owner, "DELETE FROM " + table + " WHERE " + where, refusals.get(table));
        }
        given().auth().oauth2(AUDITOR).when().get(REQUESTS + "/" + requestId).then().statusCode(200)
                .body("recordCount", equalTo(1));
    }

    @Test
    void anOptOutStopChangesOnlyByItsOneWithdrawal_Art27_2() throws SQLException {
        String stopId = stop(newSubjectId());
        String withdrawal = "UPDATE opt_out_stop SET withdrawn_at = now(), withdrawn_on = current_date, "
                + "withdrawn_by = 'officer', withdrawal_reason = '本人から撤回の申出' WHERE id = '" + stopId + "'";
        assertThat(assertAllowedAndRolledBack(TestDatabase::application, withdrawal)).isEqualTo(1);
        assertRefused(TestDatabase::superuser, "UPDATE opt_out_stop SET recipients = '[{\"name\":\"株式会社X\"}]' "
                + "WHERE id = '" + stopId + "'", "changes only by its one withdrawal");
        assertRefused(TestDatabase::superuser, "UPDATE opt_out_stop SET withdrawn_at = now(), withdrawn_on = "
                + "current_date, withdrawn_by = 'officer', effective_from = '2000-01-01' WHERE id = '" + stopId + "'",
                "changes only by its one withdrawal");

        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("from", TODAY.toString(), "reason", "本人から撤回の申出"))
                .when().post(STOPS + "/" + stopId + "/withdrawals").then().statusCode(200);
        assertRefused(TestDatabase::superuser, "UPDATE opt_out_stop SET withdrawn_on = '2999-01-01' WHERE id = '"
                + stopId + "'", "changes only by its one withdrawal");
        assertRefused(TestDatabase::superuser, "UPDATE opt_out_stop SET withdrawn_at = NULL, withdrawn_on = NULL, "
                + "withdrawn_by = NULL, withdrawal_reason = NULL WHERE id = '" + stopId + "'",
                "changes only by its one withdrawal");
    }

    @Test
    void aPurgeBeforeRetainUntilIsRefusedByTheDatabaseEvenInDirectSql_Rule21() throws SQLException {
        String subject = newSubjectId();
        String kept = record(contractProvision(subject, "株式会社契約先", TODAY.minusMonths(2)));
        String retainUntil = given().auth().oauth2(AUDITOR).when().get(PROVISIONS + "/" + kept).then()
                .statusCode(200).extract().path("retention.retainUntil");

        // the service's own purge statement, as of a day far ahead, by the service's role and by a superuser
        String asOfFarAhead = "UPDATE provision_record SET subject_index = NULL, subject_identifier_enc = NULL, "
                + "subject_name_enc = NULL, subject_salt = NULL, purged_at = now() WHERE purged_at IS NULL AND "
                + "lineage_id IN (SELECT r.lineage_id FROM provision_record r WHERE r.retain_until < '2999-01-01' "
                + "AND r.id = '" + kept + "')";
        for (DatabaseGuards.As as : List.<DatabaseGuards.As>of(TestDatabase::application, TestDatabase::superuser)) {
            assertRefused(as, asOfFarAhead, "is kept until " + retainUntil);
            assertRefused(as, PURGE.formatted(kept), "purge refused before");
        }
        // other shapes: the personal data removed without the tombstone, or replaced
        assertRefused(TestDatabase::superuser, "UPDATE provision_record SET subject_index = NULL, subject_identifier_enc "
                + "= NULL, subject_name_enc = NULL, subject_salt = NULL WHERE id = '" + kept + "'", "append-only");
        assertRefused(TestDatabase::superuser, "UPDATE provision_record SET subject_name_enc = '\\x00'::bytea "
                + "WHERE id = '" + kept + "'", "append-only");
        // and moving the retention first is no way round: retain_until cannot be changed at all
        assertRefused(TestDatabase::superuser, "UPDATE provision_record SET retain_until = '2000-01-01' WHERE id = '"
                + kept + "'", "append-only");

        given().auth().oauth2(AUDITOR).when().get(PROVISIONS + "/" + kept).then().statusCode(200)
                .body("purgedAt", nullValue()).body("subject.identifier", equalTo(subject));
        given().auth().oauth2(AUDITOR).when().get("/api/v1/provisions/verification").then().statusCode(200)
                .body("intact", equalTo(true));
    }

    @Test
    void aRecordWhoseRetentionEndedMayStillBePurged_Rule21() throws SQLException {
        String expired = record(contractProvision(newSubjectId(), "株式会社契約先", TODAY.minusYears(2)));
        assertThat(assertAllowedAndRolledBack(TestDatabase::application, PURGE.formatted(expired))).isEqualTo(1);
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(Map.of()).when().post(PURGES)
                .then().statusCode(200).body("purgedCount", greaterThan(0));
        given().auth().oauth2(AUDITOR).when().get(PROVISIONS + "/" + expired).then().statusCode(200)
                .body("purgedAt", notNullValue()).body("subject", nullValue());
    }

    @Test
    void anOlderVersionIsKeptAsLongAsTheCurrentVersionOfItsRecord_Rule21() throws SQLException {
        Map<String, Object> original = contractProvision(newSubjectId(), "株式会社契約先", TODAY.minusYears(2));
        String v1 = record(original);
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("reason", "提供日の誤りを訂正", "record",
                        with(original, "clientEventId", null, "providedOn", TODAY.minusMonths(1).toString())))
                .when().post(PROVISIONS + "/" + v1 + "/corrections").then().statusCode(201);

        assertRefused(TestDatabase::superuser, PURGE.formatted(v1), "purge refused before");
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(Map.of()).when().post(PURGES)
                .then().statusCode(200);
        given().auth().oauth2(AUDITOR).when().get(PROVISIONS + "/" + v1).then().statusCode(200)
                .body("purgedAt", nullValue());
    }
}
