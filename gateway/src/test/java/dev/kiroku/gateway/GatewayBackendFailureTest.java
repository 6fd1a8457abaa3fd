package dev.kiroku.gateway;

import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A service that is down or too slow (it would answer 200 after 3 s; the gateway waits 1 s) is answered with a problem carrying the request id, never a hang. */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(value = BackendFailureResource.class, restrictToAnnotatedClass = true)
class GatewayBackendFailureTest {

    private final String token = LocalTokens.user("officer", "compliance-officer");

    @Test
    void answersA502ProblemWhenTheServiceIsDown() {
        given().auth().oauth2(token).header("X-Request-Id", "down-1")
                .when().get("/api/v1/down-service/anything")
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:bad-gateway"))
                .body("detail", containsString("down"))
                .body("requestId", equalTo("down-1"))
                .body("instance", equalTo("/api/v1/down-service/anything"));
    }

    @Test
    void answersA504ProblemWhenTheServiceIsTooSlow() {
        given().auth().oauth2(token).header("X-Request-Id", "slow-1")
                .when().get("/api/v1/slow-service/anything")
                .then().statusCode(504)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:gateway-timeout"))
                .body("requestId", equalTo("slow-1"));
    }

    @Test
    void staysReadyWhileAServiceIsDownBecauseReadinessIsAboutVerifyingTokens() {
        given().auth().oauth2(token).when().get("/api/v1/down-service/anything").then().statusCode(502);
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'token-verification' }.status", equalTo("UP"));
    }

    @Test
    void neverForwardsAnAnonymousApiCall() {
        given().when().get("/api/v1/slow-service/anything")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
