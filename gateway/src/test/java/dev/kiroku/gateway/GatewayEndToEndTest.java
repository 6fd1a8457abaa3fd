package dev.kiroku.gateway;

import dev.kiroku.platform.testing.DemoLogins;
import dev.kiroku.platform.testing.KeycloakResource;
import dev.kiroku.platform.testing.KeycloakTokens;
import dev.kiroku.platform.testing.LocalTokens;
import dev.kiroku.platform.testing.OtlpReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
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

    /**
     * One W3C trace from the caller through the gateway (server span, then the proxy's client span that sends the
     * {@code traceparent} on) to joint-use (server span) and its PostgreSQL (JDBC spans), as the services exported it
     * over OTLP/HTTP to a real receiver in this JVM ({@link OtlpReceiver}).
     */
    @Test
    void oneTraceSpansTheGatewayTheServiceAndItsDatabase() throws Exception {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String callerSpan = HexFormat.of().formatHex(randomBytes(8));
        given().auth().oauth2(token("auditor")).header("X-Request-Id", "traced-1")
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .when().get("/api/v1/joint-use-groups")
                .then().statusCode(200);

        List<OtlpReceiver.Span> trace = List.of();
        for (int i = 0; i < 60 && !complete(trace); i++) {
            Thread.sleep(250);
            trace = OtlpReceiver.spans(ServicesResource.SPANS).stream()
                    .filter(span -> span.traceId().equals(traceId)).toList();
        }
        OtlpReceiver.Span gatewayServer = only(trace, "gateway", SERVER);
        assertThat(gatewayServer.parentSpanId()).as("the caller's span is the gateway's parent").isEqualTo(callerSpan);
        trace.forEach(span -> System.out.println("exported span: " + span));
        Set<String> gatewaySpans = trace.stream().filter(span -> span.service().equals("gateway"))
                .map(OtlpReceiver.Span::spanId).collect(Collectors.toSet());
        OtlpReceiver.Span proxyCall = only(trace, "gateway", CLIENT);
        assertThat(proxyCall.parentSpanId()).isEqualTo(gatewayServer.spanId());
        OtlpReceiver.Span serviceServer = only(trace, "joint-use", SERVER);
        assertThat(serviceServer.parentSpanId()).as("the proxy's client span sent the trace on (its traceparent)")
                .isEqualTo(proxyCall.spanId()).isIn(gatewaySpans);
        List<OtlpReceiver.Span> database = trace.stream().filter(OtlpReceiver.Span::isDatabase).toList();
        assertThat(database).as("JDBC spans of joint-use in the same trace").isNotEmpty()
                .allSatisfy(span -> assertThat(span.service()).isEqualTo("joint-use"));
        Set<String> serviceSpans = trace.stream().filter(span -> span.service().equals("joint-use"))
                .map(OtlpReceiver.Span::spanId).collect(Collectors.toSet());
        assertThat(database).allSatisfy(span -> assertThat(serviceSpans).contains(span.parentSpanId()));
    }

    private static final int SERVER = 2;
    private static final int CLIENT = 3;

    private static boolean complete(List<OtlpReceiver.Span> trace) {
        return trace.stream().anyMatch(OtlpReceiver.Span::isDatabase)
                && trace.stream().anyMatch(span -> span.service().equals("gateway") && span.kind() == SERVER)
                && trace.stream().anyMatch(span -> span.service().equals("joint-use") && span.kind() == SERVER);
    }

    private static OtlpReceiver.Span only(List<OtlpReceiver.Span> trace, String service, int kind) {
        List<OtlpReceiver.Span> spans = trace.stream()
                .filter(span -> span.service().equals(service) && span.kind() == kind).toList();
        assertThat(spans).as("%s spans of kind %d in %s", service, kind, trace).hasSize(1);
        return spans.get(0);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
