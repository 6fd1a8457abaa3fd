package dev.kiroku.platform.testing;

import io.restassured.RestAssured;

/** Real access tokens from the build's Keycloak ({@link KeycloakServer}). */
public final class KeycloakTokens {

    private KeycloakTokens() {
    }

    /** A demo user's token through the password grant of the dev CLI client. */
    public static String forUser(String username) {
        return RestAssured.given()
                .formParam("grant_type", "password")
                .formParam("client_id", DemoLogins.CLI_CLIENT)
                .formParam("username", username)
                .formParam("password", DemoLogins.passwordOf(username))
                .post(tokenEndpoint())
                .then().statusCode(200)
                .extract().path("access_token");
    }

    /** A confidential client's service-account token through the client-credentials grant. */
    public static String forClient(String clientId, String secret) {
        return RestAssured.given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .post(tokenEndpoint())
                .then().statusCode(200)
                .extract().path("access_token");
    }

    public static String tokenEndpoint() {
        return KeycloakServer.realmUrl() + "/protocol/openid-connect/token";
    }
}
