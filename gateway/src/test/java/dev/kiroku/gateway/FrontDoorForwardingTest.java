package dev.kiroku.gateway;

import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front door and Quarkus' server behind it believe the same forwarding headers: behind a trusted proxy only
 * ({@code KIROKU_GATEWAY_TRUSTED_PROXIES}; here 10.0.0.0/8, so this test's loopback client is not one). A client's
 * own {@code X-Forwarded-*} reach neither the service nor the public rate limit, whether the front door serves the
 * request (a remembered token, a public route) or hands it over (a first token).
 */
@QuarkusTest
@TestProfile(FrontDoorForwardingTest.UntrustedClient.class)
@QuarkusTestResource(value = EchoBackendResource.class, restrictToAnnotatedClass = true)
class FrontDoorForwardingTest {

    /** The local tokens, and a trusted network the test client is not in. */
    public static class UntrustedClient implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(new LocalTokens.Profile().getConfigOverrides());
            config.put("kiroku.gateway.trusted-proxies", "10.0.0.0/8");
            return config;
        }
    }

    @Test
    void anUntrustedClientsForwardingHeadersReachNoServiceOnEitherWay() {
        String token = LocalTokens.user("forwarding-auditor", "auditor");
        long handedOver = FrontDoors.handedOver();
        for (int call = 1; call <= 2; call++) {
            Response echo = given().auth().oauth2(token)
                    .header("X-Forwarded-For", "203.0.113.9")
                    .header("X-Forwarded-Host", "evil.example")
                    .header("X-Forwarded-Proto", "https")
                    .when().get("/api/v1/echo/records").then().statusCode(200).extract().response();
            assertThat(echo.path("headers.x-forwarded-for").toString()).as("call %d", call).isEqualTo("127.0.0.1");
            assertThat(echo.path("headers.x-forwarded-host").toString()).as("call %d", call)
                    .doesNotContain("evil.example").contains("localhost");
            assertThat(echo.path("headers.x-forwarded-proto").toString()).as("call %d", call).isEqualTo("http");
        }
        // handed over to Quarkus' server: the first call (a token not verified yet) and the metrics read that counts;
        // the second call was served at the door
        assertThat(FrontDoors.handedOver() - handedOver).isEqualTo(2);
    }

    @Test
    void anUntrustedClientsSslPortOrForwardedHeadersChangeNoSchemeOrHostOnEitherWay() {
        String token = LocalTokens.user("forwarding-ssl-auditor", "auditor");
        for (int call = 1; call <= 2; call++) {
            Response echo = given().auth().oauth2(token)
                    .header("X-Forwarded-Ssl", "on")
                    .header("X-Forwarded-Port", "1")
                    .header("X-Forwarded-Prefix", "/evil")
                    .header("Forwarded", "for=203.0.113.9;proto=https;host=evil.example")
                    .when().get("/api/v1/echo/records").then().statusCode(200).extract().response();
            assertThat(echo.path("headers.x-forwarded-proto").toString()).as("call %d", call).isEqualTo("http");
            assertThat(echo.path("headers.x-forwarded-host").toString()).as("call %d", call)
                    .doesNotEndWith(":1").doesNotContain("evil");
            assertThat(echo.path("headers.x-forwarded-for").toString()).as("call %d", call).isEqualTo("127.0.0.1");
            assertThat((Object) echo.path("headers.x-forwarded-ssl")).as("call %d", call).isNull();
            assertThat((Object) echo.path("headers.x-forwarded-port")).as("call %d", call).isNull();
            assertThat((Object) echo.path("headers.x-forwarded-prefix")).as("call %d", call).isNull();
            assertThat((Object) echo.path("headers.forwarded")).as("call %d", call).isNull();
        }
    }

    @Test
    void aRequestWithoutAHostOrWithAMalformedOneIsRefusedBeforeAnyService() throws Exception {
        String token = LocalTokens.user("host-auditor", "auditor");
        given().auth().oauth2(token).when().get("/api/v1/echo/records").then().statusCode(200); // remembered now
        int before = EchoBackendResource.REQUESTS.get();
        for (String host : new String[] {null, "exa mple", "a:b:c"}) {
            String head = "GET /api/v1/echo/records HTTP/1.1\r\n" + (host == null ? "" : "Host: " + host + "\r\n")
                    + "Authorization: Bearer " + token + "\r\nConnection: close\r\n\r\n";
            try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                String answer = new String(socket.getInputStream().readAllBytes(),
                        java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(answer).as("Host %s", host).startsWith("HTTP/1.1 400");
            }
        }
        assertThat(EchoBackendResource.REQUESTS.get()).as("requests that reached the service").isEqualTo(before);
    }

    @Test
    void aPublicBudgetIsCountedPerPeerNotPerAddressTheClientClaims() {
        // echo-burst: 5 requests per client address and period (EchoBackendResource)
        for (int call = 1; call <= 5; call++) {
            given().header("X-Forwarded-For", "198.51.100." + call)
                    .when().get("/public/v1/echo-burst/x").then().statusCode(200);
        }
        given().header("X-Forwarded-For", "198.51.100.6")
                .when().get("/public/v1/echo-burst/x").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .contentType("application/problem+json");
    }
}
