package dev.kiroku.gateway;

import dev.kiroku.gateway.routing.ProxyRoutes;
import dev.kiroku.platform.web.security.VerifiedTokens;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import io.restassured.response.Response;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The gateway's own lock and hygiene in front of a service stand-in: route policies (401/403/405), token checks
 * (expired, foreign issuer or audience, forged), rate limits (429), forwarding and streaming, security headers and
 * the access log.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(value = EchoBackendResource.class, restrictToAnnotatedClass = true)
class GatewayPolicyTest {

    static final String AUDITOR = LocalTokens.user("auditor", "auditor");

    @Inject
    VerifiedTokens verifiedTokens;

    @Inject
    ProxyRoutes proxyRoutes;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static void expectRefusedBeforeTheService(Runnable call) {
        int before = EchoBackendResource.REQUESTS.get();
        call.run();
        assertThat(EchoBackendResource.REQUESTS.get()).as("requests that reached the service").isEqualTo(before);
    }

    @Test
    void theRequestMetricsAreTaggedWithTheRouteTemplateSoManyIdsMakeNoNewSeries() {
        // a user of its own: the rate budget is per client and subject, and the other tests share AUDITOR's
        String reader = LocalTokens.user("metrics-reader", "auditor");
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = java.util.UUID.randomUUID().toString();
            ids.add(id);
            given().auth().oauth2(reader).when().get("/api/v1/echo/records/" + id).then().statusCode(200);
        }
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.Set<String> uris = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?m)^http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"").matcher(metrics);
        while (m.find()) {
            uris.add(m.group(1));
        }
        assertThat(uris).contains("/api/v1/echo/**");
        assertThat(uris).noneMatch(uri -> ids.stream().anyMatch(uri::contains));
        assertThat(uris).as("series by uri after 30 distinct ids").hasSizeLessThan(20);
    }

    @Test
    void forwardsPathQueryTokenAndRequestIdButNotHopByHopHeaders() {
        given().auth().oauth2(AUDITOR).header("X-Request-Id", "fwd-1").header("Proxy-Authorization", "Basic eA==")
                .header("TE", "trailers")
                .when().get("/api/v1/echo/records/42?from=2026-01-01&limit=5")
                .then().statusCode(200)
                .body("uri", equalTo("/api/v1/echo/records/42?from=2026-01-01&limit=5"))
                .body("headers.authorization", equalTo("Bearer " + AUDITOR))
                .body("headers.x-request-id", equalTo("fwd-1"))
                .body("headers.x-forwarded-proto", equalTo("http"))
                .body("headers.x-forwarded-host", containsString("localhost"))
                .body("headers.x-forwarded-for", equalTo("127.0.0.1"))
                .body("headers.proxy-authorization", nullValue())
                .body("headers.te", nullValue());
    }

    @Test
    void aTokenVerifiedOnceIsAnsweredFromTheCacheWhileAForgedTwinIsStillRefused() {
        String token = LocalTokens.user("cache-user", "auditor");
        assertThat(verifiedTokens.find(token)).isEmpty();

        given().auth().oauth2(token).when().get("/api/v1/echo/records").then().statusCode(200);
        assertThat(verifiedTokens.find(token)).as("remembered after quarkus-oidc verified it")
                .hasValueSatisfying(v -> assertThat(v.roles()).contains("auditor"));
        given().auth().oauth2(token).when().get("/api/v1/echo/records").then().statusCode(200);

        String forged = LocalTokens.forged("cache-user", "auditor");
        expectRefusedBeforeTheService(() -> given().auth().oauth2(forged)
                .when().get("/api/v1/echo/records").then().statusCode(401));
        assertThat(verifiedTokens.find(forged)).isEmpty();
        String expired = LocalTokens.expired("cache-user", "auditor");
        expectRefusedBeforeTheService(() -> given().auth().oauth2(expired)
                .when().get("/api/v1/echo/records").then().statusCode(401));
        assertThat(verifiedTokens.find(expired)).isEmpty();
    }

    /**
     * A caller whose token the gateway verified a moment ago takes the short way ({@code ProxyFastPath}): straight
     * from the request filters to the route policy, rate limit and proxy. Its answers are the ordinary way's, call for
     * call: the first call with a fresh token goes the ordinary way (quarkus-oidc verifies it), the second the short
     * one, as the gateway's own count shows (also exported as
     * {@code kiroku_gateway_short_way_total}).
     */
    @Test
    void aRememberedCallerTakesTheShortWayAndGetsTheSameAnswersAsOnTheOrdinaryWay() {
        String auditor = LocalTokens.user("short-way-auditor", "auditor");
        String ingest = LocalTokens.user("short-way-crm", "ingest");
        for (int call = 1; call <= 2; call++) {
            long before = shortWays();
            given().auth().oauth2(auditor).header("X-Request-Id", "short-" + call)
                    .when().get("/api/v1/echo/records?limit=5").then().statusCode(200)
                    .body("uri", equalTo("/api/v1/echo/records?limit=5"))
                    .body("headers.authorization", equalTo("Bearer " + auditor))
                    .body("headers.x-request-id", equalTo("short-" + call))
                    .body("headers.x-forwarded-for", equalTo("127.0.0.1"))
                    .header("X-Content-Type-Options", "nosniff")
                    .header("X-Request-Id", "short-" + call);
            expectRefusedBeforeTheService(() -> given().auth().oauth2(auditor)
                    .when().delete("/api/v1/echo/records/42")
                    .then().statusCode(405).header("Allow", "GET, POST")
                    .body("type", equalTo("urn:kiroku:problem:method-not-allowed")));
            expectRefusedBeforeTheService(() -> given().auth().oauth2(auditor)
                    .when().get("/api/v1/echo-unguarded/x").then().statusCode(403)
                    .body("detail", containsString("No route policy")));
            expectRefusedBeforeTheService(() -> given().auth().oauth2(ingest)
                    .when().get("/api/v1/echo/records").then().statusCode(403)
                    .body("detail", equalTo("The token's roles do not allow this route")));
            // each token's first request went the ordinary way (the auditor's 200, the ingest client's 403), every
            // later one the short way
            assertThat(shortWays() - before).as("requests on the short way, round %d", call)
                    .isEqualTo(call == 1 ? 2 : 4);
        }
        // a token not remembered (forged twin of a remembered one) never takes it, and is refused as always
        long before = shortWays();
        expectRefusedBeforeTheService(() -> given().auth().oauth2(LocalTokens.forged("short-way-auditor", "auditor"))
                .when().get("/api/v1/echo/records").then().statusCode(401));
        expectRefusedBeforeTheService(() -> given().when().get("/api/v1/echo/records").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer")));
        assertThat(shortWays() - before).isZero();
        // a public route without a token takes it
        given().when().get("/public/v1/echo-notices/7").then().statusCode(200);
        assertThat(shortWays() - before).isEqualTo(1);
    }

    private long shortWays() {
        return proxyRoutes.shortWays();
    }

    @Test
    void refusesAWrongRoleWith403AtTheGateway() {
        expectRefusedBeforeTheService(() -> given().auth().oauth2(LocalTokens.user("crm", "ingest"))
                .when().get("/api/v1/echo/records")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:forbidden")));
        expectRefusedBeforeTheService(() -> given().auth().oauth2(AUDITOR)
                .when().get("/api/v1/echo-admin/settings")
                .then().statusCode(403));
        given().auth().oauth2(LocalTokens.user("officer", "compliance-officer"))
                .when().get("/api/v1/echo-admin/settings").then().statusCode(200);
    }

    @Test
    void refusesARoutedPathThatNoPolicyNamesEvenWithAValidToken() {
        expectRefusedBeforeTheService(() -> given().auth().oauth2(LocalTokens.user("officer", "compliance-officer"))
                .when().get("/api/v1/echo-unguarded/x")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("No route policy")));
    }

    @Test
    void eachUserOfASharedClientHasABudgetOfTheirOwn() {
        String greedy = LocalTokens.forClient("shared-ui", "greedy", "auditor");
        for (int i = 0; i < 100; i++) {
            if (given().auth().oauth2(greedy).when().get("/api/v1/echo/records").statusCode() == 429) {
                break;
            }
        }
        given().auth().oauth2(greedy).when().get("/api/v1/echo/records").then().statusCode(429);
        given().auth().oauth2(LocalTokens.forClient("shared-ui", "patient", "auditor"))
                .when().get("/api/v1/echo/records").then().statusCode(200);
    }

    @Test
    void refusesAMethodTheRouteDoesNotAllowWith405AndAllow() {
        expectRefusedBeforeTheService(() -> given().auth().oauth2(AUDITOR)
                .when().delete("/api/v1/echo/records/42")
                .then().statusCode(405).contentType("application/problem+json")
                .header("Allow", "GET, POST")
                .body("type", equalTo("urn:kiroku:problem:method-not-allowed")));
    }

    @Test
    void refusesEveryBadTokenWith401BeforeTheService() {
        for (String token : List.of(LocalTokens.expired("auditor", "auditor"), LocalTokens.wrongIssuer("auditor",
                "auditor"), LocalTokens.wrongAudience("auditor", "auditor"), LocalTokens.forged("auditor", "auditor"),
                "not-a-jwt")) {
            expectRefusedBeforeTheService(() -> given().auth().oauth2(token)
                    .when().get("/api/v1/echo/records")
                    .then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Bearer")));
        }
        expectRefusedBeforeTheService(() -> given().when().get("/api/v1/echo/records").then().statusCode(401));
    }

    @Test
    void letsPublicRoutesPassWithoutATokenButOnlyWithTheirMethods() {
        given().when().get("/public/v1/echo-notices/7").then().statusCode(200).body("headers.authorization", nullValue());
        expectRefusedBeforeTheService(() -> given().when().post("/public/v1/echo-notices/7").then().statusCode(405));
    }

    @Test
    void limitsEachClientWith429AndRetryAfter() {
        String burst = LocalTokens.forClient("burst-client", "robot", "auditor");
        // capacity 40 per minute, refilled continuously: the 41st request comes too soon unless the machine is slow
        int allowed = 0;
        Response refused = null;
        for (int i = 0; i < 100 && refused == null; i++) {
            Response response = given().auth().oauth2(burst).when().get("/api/v1/echo/records");
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                allowed++;
            }
        }
        assertThat(allowed).isGreaterThanOrEqualTo(40);
        assertThat(refused).as("a 429 after the burst").isNotNull();
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:too-many-requests"))
                .body("status", equalTo(429))
                .body("requestId", equalTo(refused.header("X-Request-Id")));
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        // another client keeps its own budget
        given().auth().oauth2(AUDITOR).when().get("/api/v1/echo/records").then().statusCode(200);
    }

    @Test
    void limitsAPublicRoutePerAddress() {
        for (int i = 0; i < 5; i++) {
            given().when().get("/public/v1/echo-burst/x").then().statusCode(200);
        }
        given().when().get("/public/v1/echo-burst/x").then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void streamsALargeBodyThroughUnchanged() throws Exception {
        byte[] body = new byte[16 * 1024 * 1024];
        new Random(42).nextBytes(body);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        given().auth().oauth2(AUDITOR).contentType("application/octet-stream").body(body)
                .when().post("/api/v1/echo/uploads")
                .then().statusCode(200)
                .body("length", equalTo(body.length))
                .body("sha256", equalTo(sha));
    }

    @Test
    void aBodyAnnouncedLargerThanTheServiceAcceptsIsA413ProblemThatNeverReachesIt() {
        // the echo service accepts 20 MB, the gateway itself 64 MB: the gateway, not the service, refuses 21 MB
        byte[] body = new byte[21 * 1024 * 1024];
        String uploader = LocalTokens.user("announced-uploader", "auditor"); // a rate budget of its own
        expectRefusedBeforeTheService(() -> given().auth().oauth2(uploader).header("X-Request-Id", "too-large-1")
                .contentType("application/octet-stream").body(body)
                .when().post("/api/v1/echo/uploads")
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("requestId", equalTo("too-large-1"))
                .body("detail", containsString("echo service")));
    }

    @Test
    void aChunkedBodyPastTheLimitIsA413ProblemNotABadGateway() throws Exception {
        long limit = 20L * 1024 * 1024;
        String uploader = LocalTokens.user("chunked-uploader", "auditor"); // a rate budget of its own
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        java.util.function.LongFunction<java.net.http.HttpRequest> chunked = size -> java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/echo/uploads"))
                .header("Authorization", "Bearer " + uploader)
                .header("Content-Type", "application/octet-stream")
                // an InputStream of unknown length: sent chunked, with no Content-Length
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.InputStream() {
                    private long left = size;

                    @Override
                    public int read() {
                        return left-- > 0 ? 'x' : -1;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (left <= 0) {
                            return -1;
                        }
                        int n = (int) Math.min(len, left);
                        java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                        left -= n;
                        return n;
                    }
                })).build();

        java.net.http.HttpResponse<String> over = client.send(chunked.apply(limit + 1024 * 1024),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(over.statusCode()).isEqualTo(413);
        assertThat(over.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(over.body()).contains("\"status\":413").contains("requestId").doesNotContain("not reachable");

        java.net.http.HttpResponse<String> under = client.send(chunked.apply(limit - 1024),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(under.statusCode()).isEqualTo(200);
        assertThat(under.body()).contains("\"length\":" + (limit - 1024));
    }

    @Test
    void hardensEveryResponseAndHidesTheServiceBanner() {
        given().auth().oauth2(AUDITOR).when().get("/api/v1/echo/records")
                .then().statusCode(200)
                .header("Server", nullValue())
                .header("X-Powered-By", nullValue())
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", containsString("default-src 'none'"));
    }

    @Test
    void writesOneAccessLineWithoutPersonalData() throws Exception {
        List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
        ExtHandler capture = new ExtHandler() {
            @Override
            protected void doPublish(ExtLogRecord record) {
                records.add(record);
            }
        };
        Logger logger = Logger.getLogger("kiroku.access");
        logger.addHandler(capture);
        try {
            String token = LocalTokens.user("yamada.taro", "auditor");
            given().auth().oauth2(token).header("X-Request-Id", "access-1")
                    .when().get("/api/v1/echo/subjects/山田太郎?email=taro@example.jp")
                    .then().statusCode(200);
            long deadline = System.currentTimeMillis() + 5000;
            while (records.stream().noneMatch(r -> r.getMessage().contains("access-1"))
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            logger.removeHandler(capture);
        }
        // lines come in batches, one line per request
        String line = records.stream().flatMap(r -> r.getMessage().lines()).filter(m -> m.contains("access-1"))
                .findFirst().orElseThrow();
        var json = io.restassured.path.json.JsonPath.from(line);
        assertThat(json.getString("route")).isEqualTo("/api/v1/echo/**");
        assertThat(json.getString("method")).isEqualTo("GET");
        assertThat(json.getInt("status")).isEqualTo(200);
        assertThat(json.getString("user")).isEqualTo(LocalTokens.subjectOf("yamada.taro"));
        assertThat(json.getString("client")).isEqualTo("kiroku-local-test");
        assertThat(json.getList("roles")).containsExactly("auditor");
        assertThat(json.getDouble("latencyMs")).isPositive();
        assertThat(line).doesNotContain("山田").doesNotContain("yamada").doesNotContain("taro@")
                .doesNotContain("subjects").doesNotContain("Bearer");
    }
}
