package dev.kiroku.provisionrecords;

import dev.kiroku.platform.persistence.DatabaseGaugeRefresh;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import dev.kiroku.platform.testing.MetricsContract;
import dev.kiroku.platform.testing.MetricsContract.Scrape;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
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
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** provision-records' metrics (docs/metrics.md) after real requests against a real PostgreSQL. */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ProvisionRecordsMetricsTest {

    static final String EVENTS = "kiroku_provision_events_total";

    @Inject
    DatabaseGaugeRefresh gauges;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static double events(Scrape scrape, String outcome, String reason) {
        double v = scrape.value(EVENTS, "outcome", outcome, "reason", reason);
        return Double.isNaN(v) ? 0 : v;
    }

    @Test
    void everyMetricTheContractListsForProvisionRecordsIsExposed() {
        given().auth().oauth2(AUDITOR).when().get("/api/v1/audit/provision-records/checkpoint").then().statusCode(200);
        gauges.refresh();
        MetricsContract.assertEveryListedMetricIsExposed("provision-records");
    }

    @Test
    void eventsAreCountedByOutcomeAndARefusedOneByTheRuleThatRefusedIt() {
        Scrape before = Scrape.now();
        Map<String, Object> valid = optOutProvision(newSubjectId(), "株式会社メトリクス", TODAY);
        // an opt-out provision without its date: APPI Rule 20(1)(i), row provided-opt-out of the required items
        Map<String, Object> undated = with(optOutProvision(newSubjectId(), "株式会社メトリクス", TODAY), "providedOn", null);
        Map<String, Object> keyless = with(optOutProvision(newSubjectId(), "株式会社メトリクス", TODAY),
                "clientEventId", null);
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("events", List.of(valid, valid, undated, keyless)))
                .when().post(PROVISIONS + "/batch").then().statusCode(200)
                .body("created", org.hamcrest.Matchers.equalTo(1)).body("duplicates", org.hamcrest.Matchers.equalTo(1))
                .body("rejected", org.hamcrest.Matchers.equalTo(2));
        // the same refusal through the single-event endpoint (its transaction rolls back; the refusal still counts)
        given().auth().oauth2(CRM).contentType(ContentType.JSON).body(undated).when().post(PROVISIONS)
                .then().statusCode(422);

        Scrape after = Scrape.now();
        assertThat(events(after, "created", "none")).isEqualTo(events(before, "created", "none") + 1);
        assertThat(events(after, "duplicate", "none")).isEqualTo(events(before, "duplicate", "none") + 1);
        assertThat(events(after, "rejected", "items-provided-opt-out"))
                .isEqualTo(events(before, "rejected", "items-provided-opt-out") + 2);
        assertThat(events(after, "rejected", "invalid")).isEqualTo(events(before, "rejected", "invalid") + 1);
        assertThat(after.series(EVENTS)).as("reasons are rule ids, never request values")
                .allSatisfy(s -> assertThat(s.labels().get("reason")).matches("[a-z0-9-]+"));
    }

    @Test
    void aDisclosureIsCountedByOutcomeAndTimed() {
        String subject = newSubjectId();
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(optOutProvision(subject, "株式会社開示先", TODAY.minusDays(1))).when().post(PROVISIONS)
                .then().statusCode(201);
        Scrape before = Scrape.now();

        ask(subject);
        ask(newSubjectId());

        Scrape after = Scrape.now();
        assertThat(after.value("kiroku_disclosures_total", "outcome", "records"))
                .isEqualTo(before.value("kiroku_disclosures_total", "outcome", "records") + 1);
        assertThat(after.value("kiroku_disclosures_total", "outcome", "no_records"))
                .isEqualTo(before.value("kiroku_disclosures_total", "outcome", "no_records") + 1);
        assertThat(after.value("kiroku_disclosure_duration_seconds_count"))
                .isEqualTo(before.value("kiroku_disclosure_duration_seconds_count") + 2);
        assertThat(after.value("kiroku_disclosure_duration_seconds_sum"))
                .isGreaterThan(before.value("kiroku_disclosure_duration_seconds_sum"));
    }

    static void ask(String subject) {
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("subject", Map.of("scheme", "customer-number", "identifier", subject),
                        "method", "DOCUMENT", "receivedVia", "郵送（開示請求書）",
                        "receivedAt", TODAY.atStartOfDay(ZoneId.of("Asia/Tokyo")).toOffsetDateTime().toString()))
                .when().post("/api/v1/disclosure-requests").then().statusCode(201);
    }

    @Test
    void aPurgeRunCountsItselfAndTheRecordsItPurged() {
        // a contract record is kept one year from the last provision (Rule 21(1)(i)): two years ago has expired
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(contractProvision(newSubjectId(), "株式会社契約先", TODAY.minusYears(2))).when().post(PROVISIONS)
                .then().statusCode(201);
        Scrape before = Scrape.now();

        int purged = given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/v1/provision-purges").then().statusCode(200).extract().path("purgedCount");

        Scrape after = Scrape.now();
        assertThat(purged).isPositive();
        assertThat(after.value("kiroku_purge_runs_total")).isEqualTo(before.value("kiroku_purge_runs_total") + 1);
        assertThat(after.value("kiroku_records_purged_total"))
                .isEqualTo(before.value("kiroku_records_purged_total") + purged);
    }

    @Test
    void theAuditGaugesTellTheLogsSizeAndTheLatestVerification() {
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(optOutProvision(newSubjectId(), "株式会社監査", TODAY)).when().post(PROVISIONS)
                .then().statusCode(201);
        MetricsContract.assertAuditMetricsMatchTheLog("provision-records", AUDITOR, dataSource, gauges::refresh);
    }

    @Test
    void requestsWithManyDistinctIdsMakeNoNewRequestSeries() {
        MetricsContract.assertRequestSeriesStayBounded(AUDITOR);
    }
}
