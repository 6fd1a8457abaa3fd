package dev.kiroku.provisionrecords.retention;

import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import dev.kiroku.platform.testing.TestDatabase;
import dev.kiroku.provisionrecords.provision.ProvisionFixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.AUDITOR;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.CRM;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.OFFICER;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.PROVISIONS;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.TODAY;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.contractProvision;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.newSubjectId;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.optOutProvision;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Retention purge, the audit chain and the regulator export, against a real PostgreSQL. */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetentionAuditExportTest {

    static final String PURGES = "/api/v1/provision-purges";
    static final String VERIFY = "/api/v1/audit/provision-records/verification";
    static final String RECORDS_VERIFY = "/api/v1/provisions/verification";

    static String record(Map<String, Object> event) {
        return given().auth().oauth2(CRM).contentType(ContentType.JSON).body(event).when().post(PROVISIONS)
                .then().statusCode(201).extract().path("id");
    }

    /** The chain sequence number of the entry that recorded a single create. */
    static int seqOf(String recordId) {
        return given().auth().oauth2(AUDITOR).queryParam("aggregateType", "provision-record")
                .queryParam("aggregateId", recordId).when().get("/api/v1/audit/provision-records/entries")
                .then().statusCode(200).extract().path("items[0].seq");
    }

    @Test
    @Order(1)
    void thePurgeRemovesPersonalDataOfExpiredRecordsKeepsTombstonesAndTheChainVerifies() {
        String subject = newSubjectId();
        // a contract record is kept one year from the last provision (Rule 21(1)(i)): two years ago has expired
        String expired = record(contractProvision(subject, "株式会社契約先", TODAY.minusYears(2)));
        String kept = record(contractProvision(subject, "株式会社契約先", TODAY.minusMonths(2)));
        given().auth().oauth2(OFFICER).when().get(PROVISIONS + "/" + expired).then().statusCode(200)
                .body("retention.retainUntil", equalTo(TODAY.minusYears(1).toString()));

        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(Map.of())
                .when().post(PURGES)
                .then().statusCode(200).body("purgedCount", greaterThanOrEqualTo(1))
                .body("asOf", equalTo(TODAY.toString())).body("triggeredBy", equalTo("officer"))
                .body("auditSeq", notNullValue());

        given().auth().oauth2(AUDITOR).when().get(PROVISIONS + "/" + expired).then().statusCode(200)
                .body("purgedAt", notNullValue()).body("subject", nullValue())
                .body("legalBasis", equalTo("CONSENT_27_1")).body("contentSha256", notNullValue())
                .body("providedOn", equalTo(TODAY.minusYears(2).toString()));
        given().auth().oauth2(AUDITOR).when().get(PROVISIONS + "/" + kept).then().statusCode(200)
                .body("purgedAt", nullValue()).body("subject.identifier", equalTo(subject));
        given().auth().oauth2(AUDITOR).queryParam("subjectScheme", "customer-number")
                .queryParam("subjectIdentifier", subject).when().get(PROVISIONS)
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(kept));
        given().auth().oauth2(AUDITOR).queryParam("counterparty", "株式会社契約先").queryParam("includePurged", true)
                .when().get(PROVISIONS)
                .then().statusCode(200).body("items.id", hasItem(expired));

        // idempotent: nothing left to purge
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(Map.of())
                .when().post(PURGES).then().statusCode(200).body("purgedCount", equalTo(0))
                .body("auditSeq", nullValue());
        given().auth().oauth2(AUDITOR).when().get(PURGES).then().statusCode(200)
                .body("items[0].purgedCount", equalTo(0)).body("items[1].purgedCount", greaterThan(0));
        given().auth().oauth2(AUDITOR).when().get(VERIFY).then().statusCode(200).body("intact", equalTo(true));
        given().auth().oauth2(AUDITOR).when().get(RECORDS_VERIFY).then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    @Order(2)
    void aPurgeCannotRunAsOfAFutureDayAndOnlyOfficersRunIt() {
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(Map.of("asOf", TODAY.plusDays(1).toString()))
                .when().post(PURGES).then().statusCode(400).body("violations[0].field", equalTo("asOf"));
        given().auth().oauth2(AUDITOR).contentType(ContentType.JSON).body(Map.of()).when().post(PURGES)
                .then().statusCode(403);
        given().auth().oauth2(CRM).when().get(PURGES).then().statusCode(403);
    }

    @Test
    @Order(3)
    void everyWriteIsInTheChainWithTheSubjectOnlyAsACommitment() {
        String subject = newSubjectId();
        String id = record(optOutProvision(subject, "株式会社サンプル商事", TODAY));
        String entryId = given().auth().oauth2(AUDITOR).when().get(PROVISIONS + "/" + id).then().statusCode(200)
                .extract().path("auditEntryId");
        given().auth().oauth2(AUDITOR).queryParam("aggregateType", "provision-record").queryParam("aggregateId", id)
                .when().get("/api/v1/audit/provision-records/entries")
                .then().statusCode(200)
                .body("items[0].entryId", equalTo(entryId))
                .body("items[0].action", equalTo("provision.recorded"))
                .body("items[0].actor", equalTo("service-account-demo-crm"))
                .body("items[0].content.contentSha256", notNullValue())
                .body(not(containsString(subject)))
                .body(not(containsString("佐藤花子")));
    }

    @Test
    @Order(4)
    void anUpdateBehindTheServicesBackMakesVerificationFailAndNameTheEntry() throws SQLException {
        String id = record(optOutProvision(newSubjectId(), "株式会社サンプル商事", TODAY));
        int seq = seqOf(id);
        String original;
        try (Connection c = TestDatabase.superuser(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT content FROM audit_entry WHERE seq = " + seq)) {
                rs.next();
                original = rs.getString(1);
            }
            // what only the owner or a superuser can do, never the service's own role (issue 13): switch off the guard
            // and rewrite history
            s.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_or_delete");
            s.executeUpdate("UPDATE audit_entry SET content = replace(content, 'true', 'false') WHERE seq = " + seq);
        }
        try {
            given().auth().oauth2(AUDITOR).when().get(VERIFY).then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstBrokenSeq", equalTo(seq))
                    .body("problem", containsString("does not match its leaf"));
        } finally {
            try (Connection c = TestDatabase.superuser(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE audit_entry SET content = '" + original.replace("'", "''") + "' WHERE seq = "
                        + seq);
                s.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update_or_delete");
            }
        }
        given().auth().oauth2(AUDITOR).when().get(VERIFY).then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    @Order(5)
    void aRecordChangedBehindTheServicesBackIsNamedWithItsChainEntry() throws SQLException {
        given().auth().oauth2(AUDITOR).when().get(RECORDS_VERIFY).then().statusCode(200)
                .body("intact", equalTo(true)).body("verifiedRecords", greaterThan(0));
        String id = record(optOutProvision(newSubjectId(), "株式会社本物", TODAY));
        int seq = seqOf(id);
        try (Connection c = TestDatabase.superuser(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE provision_record DISABLE TRIGGER provision_record_no_update");
            s.executeUpdate("UPDATE provision_record SET counterparty_name = '株式会社偽物' WHERE id = '" + id + "'");
        }
        try {
            given().auth().oauth2(AUDITOR).when().get(RECORDS_VERIFY).then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstBrokenRecordId", equalTo(id))
                    .body("auditSeq", equalTo(seq))
                    .body("problem", containsString("changed after it was recorded"));
            given().auth().oauth2(CRM).when().get(RECORDS_VERIFY).then().statusCode(403);
        } finally {
            try (Connection c = TestDatabase.superuser(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE provision_record SET counterparty_name = '株式会社本物' WHERE id = '" + id + "'");
                s.execute("ALTER TABLE provision_record ENABLE TRIGGER provision_record_no_update");
            }
        }
        given().auth().oauth2(AUDITOR).when().get(RECORDS_VERIFY).then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    @Order(6)
    void theRegulatorExportStreamsEveryRecordOfThePeriodAsCsvOrJson() {
        String counterparty = "株式会社輸出先" + newSubjectId().substring(2, 8);
        String subject = newSubjectId();
        String a = record(optOutProvision(subject, counterparty, TODAY.minusDays(1)));
        String b = record(ProvisionFixtures.with(optOutProvision(newSubjectId(), counterparty, TODAY),
                "order11Ground", "PUBLIC_SAFETY"));
        record(optOutProvision(newSubjectId(), counterparty, TODAY.minusDays(400)));

        String csv = given().auth().oauth2(AUDITOR).accept("text/csv")
                .queryParam("from", TODAY.minusDays(7).toString()).queryParam("to", TODAY.toString())
                .queryParam("counterparty", counterparty)
                .when().get("/api/v1/provision-exports")
                .then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment"))
                .extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("\uFEFFid,lineageId,versionNo");
        assertThat(lines).hasSize(3);
        assertThat(csv).contains(a, b, subject, "PUBLIC_SAFETY");

        given().auth().oauth2(OFFICER).queryParam("format", "json")
                .queryParam("from", TODAY.minusDays(7).toString()).queryParam("to", TODAY.toString())
                .queryParam("counterparty", counterparty).queryParam("basis", "OPT_OUT_27_2")
                .when().get("/api/v1/provision-exports")
                .then().statusCode(200).contentType(containsString("application/json"))
                .body("size()", equalTo(2)).body("id", hasItem(a));
        given().auth().oauth2(OFFICER).queryParam("from", TODAY.toString()).when().get("/api/v1/provision-exports")
                .then().statusCode(400);
        given().auth().oauth2(CRM).queryParam("from", TODAY.toString()).queryParam("to", TODAY.toString())
                .when().get("/api/v1/provision-exports").then().statusCode(403);
        given().auth().oauth2(AUDITOR).queryParam("action", "provision-export.made")
                .queryParam("aggregateType", "provision-export")
                .when().get("/api/v1/audit/provision-records/entries")
                .then().statusCode(200).body("items.action", hasItem("provision-export.made"));
    }
}
