package dev.kiroku.jointuse;

import dev.kiroku.jointuse.group.JointUseFixtures;
import dev.kiroku.platform.persistence.DatabaseGaugeRefresh;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import dev.kiroku.platform.testing.MetricsContract;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/** joint-use's metrics (docs/metrics.md: the "every service" rows) after real requests against a real PostgreSQL. */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class JointUseMetricsTest {

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

    @Test
    void everyMetricTheContractListsForJointUseIsExposed() {
        given().auth().oauth2(AUDITOR).when().get("/api/v1/audit/joint-use/checkpoint").then().statusCode(200);
        gauges.refresh();
        MetricsContract.assertEveryListedMetricIsExposed("joint-use");
    }

    @Test
    void theAuditGaugesTellTheLogsSizeAndTheLatestVerification() {
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(JointUseFixtures.policy002())
                .when().post("/api/v1/joint-use-groups").then().statusCode(201);
        MetricsContract.assertAuditMetricsMatchTheLog("joint-use", AUDITOR, dataSource, gauges::refresh);
    }

    @Test
    void requestsWithManyDistinctIdsMakeNoNewRequestSeries() {
        MetricsContract.assertRequestSeriesStayBounded(AUDITOR);
    }
}
