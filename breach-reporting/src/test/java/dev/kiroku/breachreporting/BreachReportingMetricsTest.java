package dev.kiroku.breachreporting;

import dev.kiroku.breachreporting.incident.IncidentFixtures;
import dev.kiroku.breachreporting.report.ReportFixtures;
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

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** breach-reporting's metrics (docs/metrics.md) after real requests against a real PostgreSQL. */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class BreachReportingMetricsTest {

    static final String INCIDENTS = "/api/v1/incidents";
    static final String MANAGER = LocalTokens.user("breach-manager", "breach-manager");
    static final String OFFICER = LocalTokens.user("officer", "compliance-officer");
    static final String AUDITOR = LocalTokens.user("metrics-auditor", "auditor");

    @Inject
    DatabaseGaugeRefresh gauges;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static double filings(Scrape scrape, String kind, String due) {
        return scrape.value("kiroku_breach_filings_open", "kind", kind, "due", due);
    }

    static String incidentAwareDaysAgo(int days) {
        OffsetDateTime awareness = OffsetDateTime.now(IncidentFixtures.JST).minusDays(days)
                .truncatedTo(ChronoUnit.SECONDS);
        String id = given().auth().oauth2(MANAGER).contentType(ContentType.JSON)
                .body(IncidentFixtures.draft(awareness)).when().post(INCIDENTS)
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(IncidentFixtures.overThreshold())
                .when().post(INCIDENTS + "/" + id + "/assessments").then().statusCode(201);
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(Map.of("action", "start-reporting"))
                .when().post(INCIDENTS + "/" + id + "/transitions").then().statusCode(201);
        return id;
    }

    Scrape refreshed() {
        assertThat(gauges.refresh()).as("every database gauge refreshed").isTrue();
        return Scrape.now();
    }

    @Test
    void everyMetricTheContractListsForBreachReportingIsExposed() {
        given().auth().oauth2(AUDITOR).when().get("/api/v1/audit/breach-reporting/checkpoint").then().statusCode(200);
        gauges.refresh();
        MetricsContract.assertEveryListedMetricIsExposed("breach-reporting");
        Scrape scrape = Scrape.now();
        for (String kind : List.of("preliminary", "final", "gdpr_72h")) {
            for (String due : List.of("overdue", "within_1_business_day", "within_5_days", "later")) {
                assertThat(filings(scrape, kind, due)).as(kind + "/" + due + " present").isNotNaN();
            }
        }
    }

    @Test
    void aPreliminaryReportDueTomorrowIsWithinOneBusinessDayAnOverdueOneIsOverdueAndASubmittedOneLeavesTheCount() {
        Scrape before = refreshed();
        // aware two days ago: the 速報's 3-day target (Rule 8(1)) is tomorrow, on or before the next business day
        incidentAwareDaysAgo(2);
        // aware ten days ago: the target passed a week ago
        String overdue = incidentAwareDaysAgo(10);

        Scrape after = refreshed();
        assertThat(filings(after, "preliminary", "within_1_business_day"))
                .isEqualTo(filings(before, "preliminary", "within_1_business_day") + 1);
        assertThat(filings(after, "preliminary", "overdue")).isEqualTo(filings(before, "preliminary", "overdue") + 1);
        // both 確報 (30 days, Rule 8(2)) are weeks away
        assertThat(filings(after, "final", "later")).isEqualTo(filings(before, "final", "later") + 2);

        ReportFixtures.file(MANAGER, overdue, "PRELIMINARY", ReportFixtures.preliminaryItems());
        Scrape filed = refreshed();
        assertThat(filings(filed, "preliminary", "overdue")).as("the submitted report met the deadline")
                .isEqualTo(filings(before, "preliminary", "overdue"));
        assertThat(filings(filed, "final", "later")).isEqualTo(filings(before, "final", "later") + 2);
    }

    @Test
    void aFailedJobIsCountedAndTheJobAndNoticeGaugesAreTheDatabasesCountsByState() throws Exception {
        String incident = incidentAwareDaysAgo(0);
        Scrape before = refreshed();
        // provision-records is unreachable in this profile: the derivation ends FAILED
        String location = given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("counterparty", Map.of("name", "株式会社サンプル商事"), "items", List.of("EMAIL"),
                        "from", "2026-10-01", "to", "2026-11-20"))
                .when().post(INCIDENTS + "/" + incident + "/affected-person-derivations")
                .then().statusCode(202).extract().header("Location");
        String job = location.substring(location.indexOf(INCIDENTS));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!"FAILED".equals(given().auth().oauth2(AUDITOR).when().get(job).then().statusCode(200)
                .extract().path("status"))) {
            assertThat(Instant.now()).as("the job ends FAILED").isBefore(deadline);
            Thread.sleep(50);
        }

        Scrape after = refreshed();
        assertThat(after.value("kiroku_breach_jobs_failed_total", "kind", "affected_person_import"))
                .isEqualTo(before.value("kiroku_breach_jobs_failed_total", "kind", "affected_person_import") + 1);
        assertThat(after.value("kiroku_breach_jobs", "kind", "affected_person_import", "state", "failed"))
                .isEqualTo(before.value("kiroku_breach_jobs", "kind", "affected_person_import", "state", "failed") + 1);
        assertThat(countsByState("affected_person_import")).allSatisfy((state, n) -> assertThat(
                after.value("kiroku_breach_jobs", "state", state)).as("jobs " + state).isEqualTo(n.doubleValue()));
        Map<String, Long> notices = countsByState("notification_message");
        for (String state : List.of("queued", "sending", "sent", "failed", "bounced", "unconfirmed")) {
            assertThat(after.value("kiroku_breach_notices", "state", state)).as("notices " + state)
                    .isEqualTo(notices.getOrDefault(state, 0L).doubleValue());
        }
    }

    @Test
    void theAuditGaugesTellTheLogsSizeAndTheLatestVerification() {
        incidentAwareDaysAgo(0);
        MetricsContract.assertAuditMetricsMatchTheLog("breach-reporting", AUDITOR, dataSource, gauges::refresh);
    }

    @Test
    void requestsWithManyDistinctIdsMakeNoNewRequestSeries() {
        MetricsContract.assertRequestSeriesStayBounded(AUDITOR);
    }

    Map<String, Long> countsByState(String table) throws SQLException {
        Map<String, Long> counts = new java.util.TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT status, count(*) FROM " + table + " GROUP BY status")) {
            while (rs.next()) {
                counts.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getLong(2));
            }
        }
        return counts;
    }
}
