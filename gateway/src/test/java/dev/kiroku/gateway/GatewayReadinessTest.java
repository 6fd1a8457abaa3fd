package dev.kiroku.gateway;

import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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

    /**
     * Without an endpoint no span is recorded (UnexportedSpansSampler), yet the caller's trace goes on: the service
     * gets a traceparent of the same trace with the gateway's own span id, marked not sampled, and the gateway's
     * access line names the trace.
     */
    @Test
    void withoutAnEndpointTheCallersTraceGoesOnUnrecorded() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpan = "00f067aa0ba902b7";
        List<String> lines = new CopyOnWriteArrayList<>();
        ExtHandler capture = new ExtHandler() {
            @Override
            protected void doPublish(ExtLogRecord record) {
                record.getMessage().lines().forEach(lines::add); // lines come in batches, one per request
            }
        };
        Logger access = Logger.getLogger("kiroku.access");
        access.addHandler(capture);
        try {
            String sent = given().header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                    .header("X-Request-Id", "unrecorded-1")
                    .when().get("/public/v1/echo-notices/latest").then().statusCode(200)
                    .extract().jsonPath().getString("headers.traceparent");
            assertThat(sent).matches("00-" + traceId + "-[0-9a-f]{16}-00").doesNotContain(callerSpan);
            long deadline = System.currentTimeMillis() + 5000;
            while (lines.stream().noneMatch(line -> line.contains("unrecorded-1"))
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            access.removeHandler(capture);
        }
        assertThat(lines).as("the access line of that request names the caller's trace")
                .anyMatch(line -> line.contains("\"requestId\":\"unrecorded-1\"")
                        && line.contains("\"traceId\":\"" + traceId + "\""));
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
