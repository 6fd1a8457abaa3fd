package dev.kiroku.gateway;

import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.kiroku.platform.testing.HostileRequests.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The request head's limits at the gateway, before any route policy or proxy: a URI over 8 KiB is a 414 problem
 * (Vert.x alone answered a bare 414 beyond 4 KiB), header fields over 16 KiB a 431 problem; neither reaches a service.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(value = EchoBackendResource.class, restrictToAnnotatedClass = true)
class GatewayRequestHeadLimitsTest {

    static final String AUDITOR = LocalTokens.user("limits-auditor", "auditor");

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void anOverlongUriIsA414ProblemThatNeverReachesTheService() {
        int before = EchoBackendResource.REQUESTS.get();
        assertProblem(given().auth().oauth2(AUDITOR).urlEncodingEnabled(false)
                .when().get("/api/v1/echo/records?q=" + "a".repeat(10 * 1024)).then(), 414)
                .body("type", equalTo("urn:kiroku:problem:uri-too-long"));
        assertThat(EchoBackendResource.REQUESTS.get()).isEqualTo(before);
    }

    @Test
    void overlargeHeadersAreA431ProblemThatNeverReachesTheService() {
        int before = EchoBackendResource.REQUESTS.get();
        assertProblem(given().auth().oauth2(AUDITOR).header("X-Padding", "p".repeat(20 * 1024))
                .when().get("/api/v1/echo/records").then(), 431)
                .body("type", equalTo("urn:kiroku:problem:headers-too-large"));
        assertThat(EchoBackendResource.REQUESTS.get()).isEqualTo(before);
    }

    @Test
    void aUriWithinTheLimitIsForwarded() {
        given().auth().oauth2(AUDITOR).urlEncodingEnabled(false)
                .when().get("/api/v1/echo/records?q=" + "a".repeat(6 * 1024)).then().statusCode(200);
    }
}
