package dev.kiroku.platform.testing;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The realm file as a real Keycloak serves it: the Swagger UI's browser token request is accepted from the gateway's
 * origin and refused from any other, and the login page is Japanese first with English on request.
 */
class KirokuRealmTest {

    private static final String REDIRECT = "http://127.0.0.1:8080/q/swagger-ui/oauth2-redirect.html";

    @Test
    void theSwaggerUisTokenRequestIsAcceptedFromTheGatewaysOriginOnly() {
        String token = KeycloakServer.realmUrl() + "/protocol/openid-connect/token";
        // an unknown code: past the origin check, Keycloak refuses the code itself — with the CORS header the browser needs
        Response fromGateway = given().header("Origin", "http://127.0.0.1:8080")
                .formParam("grant_type", "authorization_code").formParam("client_id", "kiroku-swagger")
                .formParam("code", "unknown").formParam("redirect_uri", REDIRECT)
                .formParam("code_verifier", "v".repeat(43))
                .when().post(token);
        assertThat(fromGateway.statusCode()).isEqualTo(400);
        assertThat(fromGateway.jsonPath().getString("error")).isEqualTo("invalid_grant");
        assertThat(fromGateway.header("Access-Control-Allow-Origin")).isEqualTo("http://127.0.0.1:8080");
        Response fromElsewhere = given().header("Origin", "http://attacker.example")
                .formParam("grant_type", "authorization_code").formParam("client_id", "kiroku-swagger")
                .formParam("code", "unknown").formParam("redirect_uri", REDIRECT)
                .when().post(token);
        assertThat(fromElsewhere.statusCode()).isEqualTo(403);
        assertThat(fromElsewhere.jsonPath().getString("error")).isEqualTo("Invalid origin");
    }

    @Test
    void theLoginPageIsJapaneseFirstAndEnglishOnRequest() {
        String auth = KeycloakServer.realmUrl() + "/protocol/openid-connect/auth";
        String japanese = given().redirects().follow(false)
                .queryParam("client_id", "kiroku-swagger").queryParam("response_type", "code")
                .queryParam("redirect_uri", REDIRECT).queryParam("code_challenge", "c".repeat(43))
                .queryParam("code_challenge_method", "S256")
                .when().get(auth).then().statusCode(200).extract().asString();
        assertThat(japanese).contains("lang=\"ja\"").contains("サインイン");
        String english = given().redirects().follow(false)
                .queryParam("client_id", "kiroku-swagger").queryParam("response_type", "code")
                .queryParam("redirect_uri", REDIRECT).queryParam("code_challenge", "c".repeat(43))
                .queryParam("code_challenge_method", "S256").queryParam("ui_locales", "en")
                .when().get(auth).then().statusCode(200).extract().asString();
        assertThat(english).contains("lang=\"en\"").contains("Sign in");
        RestAssured.reset();
    }
}
