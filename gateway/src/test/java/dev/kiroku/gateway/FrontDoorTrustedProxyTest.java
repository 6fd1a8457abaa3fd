package dev.kiroku.gateway;

import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Behind a trusted proxy (the default trusts the loopback address, as an ingress on the same host would be), the
 * front door and Quarkus' server both believe its {@code X-Forwarded-*}: the service sees the reader's address, scheme
 * and host, and public budgets count per reader rather than per proxy.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(value = EchoBackendResource.class, restrictToAnnotatedClass = true)
class FrontDoorTrustedProxyTest {

    @Test
    void aTrustedProxysForwardingHeadersReachTheServiceOnEitherWay() {
        String token = LocalTokens.user("trusted-proxy-auditor", "auditor");
        for (int call = 1; call <= 2; call++) {
            given().auth().oauth2(token)
                    .header("X-Forwarded-For", "203.0.113.9, 10.1.2.3")
                    .header("X-Forwarded-Host", "kiroku.example")
                    .header("X-Forwarded-Proto", "https")
                    .when().get("/api/v1/echo/records").then().statusCode(200)
                    .body("headers.x-forwarded-for", equalTo("203.0.113.9"))
                    .body("headers.x-forwarded-host", equalTo("kiroku.example"))
                    .body("headers.x-forwarded-proto", equalTo("https"));
        }
    }

    @Test
    void aPublicBudgetIsCountedPerReaderTheTrustedProxyNames() {
        // echo-burst: 5 requests per client address and period; six readers behind the one proxy pass
        for (int reader = 1; reader <= 6; reader++) {
            given().header("X-Forwarded-For", "198.51.100." + reader)
                    .when().get("/public/v1/echo-burst/y").then().statusCode(200);
        }
    }
}
