package dev.kiroku.platform.testing;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Token checks with locally signed tokens (no Keycloak): issuer, audience, expiry and signature are each enforced.
 * A service's test extends it with {@code @QuarkusTest @TestProfile(LocalTokens.Profile.class)}.
 */
public abstract class LocalTokenContract {

    protected abstract String service();

    /** Realm roles the caller endpoint allows (any one suffices). */
    protected abstract String allowedRole();

    /** A Kiroku realm role the caller endpoint refuses. */
    protected abstract String deniedRole();

    private String callerPath() {
        return "/api/v1/" + service() + "/caller";
    }

    @Test
    void acceptsAValidTokenOfAnAllowedRole() {
        given().auth().oauth2(LocalTokens.user("alice", allowedRole()))
                .when().get(callerPath())
                .then().statusCode(200).body("username", equalTo("alice"));
    }

    @Test
    void refusesAValidTokenOfAnotherRoleWith403() {
        given().auth().oauth2(LocalTokens.user("alice", deniedRole()))
                .when().get(callerPath())
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void refusesAnExpiredTokenWith401() {
        expectUnauthenticated(LocalTokens.expired("alice", allowedRole()));
    }

    @Test
    void refusesATokenOfAnotherIssuerWith401() {
        expectUnauthenticated(LocalTokens.wrongIssuer("alice", allowedRole()));
    }

    @Test
    void refusesATokenForAnotherAudienceWith401() {
        expectUnauthenticated(LocalTokens.wrongAudience("alice", allowedRole()));
    }

    @Test
    void refusesAForgedSignatureWith401() {
        expectUnauthenticated(LocalTokens.forged("alice", allowedRole()));
    }

    private void expectUnauthenticated(String token) {
        given().auth().oauth2(token)
                .when().get(callerPath())
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:unauthenticated"));
    }
}
