package dev.kiroku.gateway;

import dev.kiroku.platform.testing.DemoLogins;
import dev.kiroku.platform.testing.KeycloakResource;
import dev.kiroku.platform.testing.KeycloakTokens;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/** Through the gateway to the real services, with real Keycloak tokens that each service checks again. */
@QuarkusTest
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(value = ServicesResource.class, restrictToAnnotatedClass = true)
class GatewayEndToEndTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static String token(String login) {
        return DemoLogins.DEMO_CRM.equals(login)
                ? KeycloakTokens.forClient(DemoLogins.DEMO_CRM, DemoLogins.DEMO_CRM_SECRET)
                : KeycloakTokens.forUser(login);
    }

    @ParameterizedTest(name = "{0}: {1} may, {3} may not")
    @CsvSource({
            "provision-records, demo-crm, service-account-demo-crm, breach-manager",
            "joint-use, officer, officer, demo-crm",
            "breach-reporting, breach-manager, breach-manager, demo-crm"})
    void routesEachServiceWhichChecksTheForwardedTokenItself(String service, String allowed, String username,
            String denied) {
        String path = "/api/v1/" + service + "/caller";
        given().auth().oauth2(token(allowed)).when().get(path)
                .then().statusCode(200)
                .body("service", equalTo(service))
                .body("username", equalTo(username));
        // the gateway lets any valid token through; the service itself refuses the wrong role
        given().auth().oauth2(token(denied)).header("X-Request-Id", "e2e-" + service).when().get(path)
                .then().statusCode(403)
                .contentType("application/problem+json")
                .header("X-Request-Id", "e2e-" + service)
                .body("type", equalTo("urn:kiroku:problem:forbidden"))
                .body("requestId", equalTo("e2e-" + service));
        given().when().get(path)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void enforcesRoutePoliciesWithRealTokensBeforeTheService() {
        given().auth().oauth2(token("auditor")).contentType("application/json").body("{}")
                .when().post("/api/v1/joint-use-groups")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("route"));
        given().auth().oauth2(token("demo-crm")).when().get("/api/v1/joint-use-groups").then().statusCode(403);
        given().auth().oauth2(token("auditor")).when().delete("/api/v1/joint-use-groups/0190c3a2-0000-7000-8000-000000000000")
                .then().statusCode(405).header("Allow", containsString("GET"));
        given().auth().oauth2(token("auditor")).when().get("/api/v1/joint-use-groups")
                .then().statusCode(200).body("items", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void refusesForgedAndExpiredTokensAtTheGateway() {
        given().auth().oauth2(LocalTokens.forged("officer", "compliance-officer"))
                .when().get("/api/v1/joint-use/caller")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl")
                .when().get("/api/v1/joint-use/caller")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void forwardsAMintedRequestIdThatTheServiceQuotes() {
        String minted = given().auth().oauth2(token("demo-crm"))
                .when().get("/api/v1/joint-use/caller")
                .then().statusCode(403)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .extract().header("X-Request-Id");
        given().auth().oauth2(token("demo-crm")).header("X-Request-Id", minted)
                .when().get("/api/v1/joint-use/caller")
                .then().statusCode(403).body("requestId", equalTo(minted));
    }

    @Test
    void passesTheServicesProblemsThroughForUnknownPaths() {
        given().auth().oauth2(token("officer"))
                .when().get("/api/v1/provisions/0190c3a2-0000-7000-8000-000000000000")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("instance", equalTo("/api/v1/provisions/0190c3a2-0000-7000-8000-000000000000"));
    }

    @Test
    void answersAPathNoServiceOwnsWithItsOwn404Problem() {
        given().auth().oauth2(token("officer"))
                .when().get("/api/v1/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:not-found"));
    }

    @Test
    void servesPublishedJointUseNoticesWithoutATokenButNothingElse() {
        given().accept("application/json").when().get("/public/v1/joint-use-notices")
                .then().statusCode(200).contentType("application/json");
        given().when().get("/api/v1/joint-use-groups")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void isLiveAndReady() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
