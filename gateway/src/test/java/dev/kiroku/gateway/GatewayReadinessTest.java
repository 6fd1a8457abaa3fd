package dev.kiroku.gateway;

import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

/**
 * Readiness means the gateway can verify a token: not ready while the token issuer was never reached (alive all the
 * same; a token meanwhile gets a 503 problem, not a 500), ready once the issuer's keys are loaded — by the readiness
 * probe itself, no request needed — and still ready, still verifying tokens, while the issuer is down again.
 */
@QuarkusTest
@TestProfile(StandInIssuer.Profile.class)
@QuarkusTestResource(value = EchoBackendResource.class, restrictToAnnotatedClass = true)
class GatewayReadinessTest {

    @AfterAll
    static void stopIssuer() {
        StandInIssuer.stop();
    }

    /**
     * No OTLP endpoint is set here: spans are still made (log lines carry the trace id, see below) but nothing is
     * exported, so no export error is logged — not even after the batch processor's 5 s delay.
     */
    @Test
    void tracesWithoutAnEndpointButExportsNothingAndLogsNoExportError() throws Exception {
        given().header("X-Request-Id", "no-export-1").when().get("/api/v1/echo/records").then().statusCode(anyOf(
                org.hamcrest.Matchers.is(401), org.hamcrest.Matchers.is(503)));
        Thread.sleep(6000);
        java.util.List<String> log = java.nio.file.Files.readAllLines(java.nio.file.Path.of("target/kiroku-test.log"));
        assertThat(log).noneMatch(line -> line.contains("Failed to export") || line.contains("OTLP Exporter"));
    }

    @Test
    void isReadyOnlyWithTheIssuersKeysLoadedAndStaysReadyWhenTheIssuerGoesAway() throws Exception {
        JsonPath notReady = given().when().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
        assertThat(notReady.getString("checks.find { it.name == 'token-verification' }.status")).isEqualTo("DOWN");
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().auth().oauth2(LocalTokens.user("early-bird", "auditor")).header("X-Request-Id", "no-keys-1")
                .when().get("/api/v1/echo/records").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "15")
                .body("type", equalTo("urn:kiroku:problem:unavailable"))
                .body("requestId", equalTo("no-keys-1"));
        assertThat(java.nio.file.Files.readAllLines(java.nio.file.Path.of("target/kiroku-test.log")))
                .as("the log line of that request names its trace beside its request id")
                .anyMatch(line -> line.contains("\"requestId\":\"no-keys-1\"")
                        && line.matches(".*\"traceId\":\"[0-9a-f]{32}\".*"));

        StandInIssuer.start();
        int probes = 0;
        while (given().when().get("/q/health/ready").statusCode() != 200 && probes++ < 20) {
            Thread.sleep(250);
        }
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'token-verification' }.data.signingKeys", equalTo("loaded"));
        given().auth().oauth2(LocalTokens.user("first", "auditor"))
                .when().get("/api/v1/echo/records").then().statusCode(200);

        StandInIssuer.stop();
        for (int i = 0; i < 5; i++) {
            given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        }
        // a token never seen before (so not from the gateway's cache) is verified with the keys held
        given().auth().oauth2(LocalTokens.user("while-issuer-down", "auditor"))
                .when().get("/api/v1/echo/records").then().statusCode(200);
        given().auth().oauth2(LocalTokens.forged("while-issuer-down", "auditor"))
                .when().get("/api/v1/echo/records").then().statusCode(401);
    }
}
