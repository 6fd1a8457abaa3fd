package dev.kiroku.platform.web;

import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * The problem conventions of every Kiroku service, end to end over HTTP: each failure, whether it happens in
 * Vert.x (authentication, size limit, unknown paths) or in JAX-RS (validation, JSON, content negotiation, thrown
 * problems, unexpected exceptions), is answered with an RFC 9457 {@code application/problem+json} body that quotes
 * the request id and leaks nothing internal.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
class ProblemConventionsTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBE = "/api/v1/probe";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    private static final String VALID_SUBMISSION = """
            {"title": "Quarterly provision to Acme",
             "counterparty": {"name": "Acme KK", "address": "1-1 Marunouchi, Tokyo"},
             "items": [{"name": "customer list", "quantity": 1}, {"name": "order history", "quantity": 2}]}""";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void acceptsAValidSubmissionOfAComplianceOfficer() {
        String requestId = nextRequestId();
        officer(requestId).contentType("application/json").body(VALID_SUBMISSION)
                .when().post(PROBE + "/submissions")
                .then().statusCode(200)
                .header(RequestIds.HEADER, requestId)
                .body("title", equalTo("Quarterly provision to Acme"))
                .body("items", is(2));
    }

    @Test
    void answersInvalidFieldsWithA400ProblemListingEachViolationByItsJsonPath() {
        String requestId = nextRequestId();
        String body = """
                {"title": "Quarterly provision to Acme",
                 "counterparty": {"name": "Acme KK", "address": " "},
                 "items": [{"name": "customer list", "quantity": 1}, {"name": "", "quantity": 2}]}""";
        ValidatableResponse response = officer(requestId).contentType("application/json").body(body)
                .when().post(PROBE + "/submissions")
                .then();
        assertProblem(response, 400, "validation", PROBE + "/submissions", requestId)
                .body("title", equalTo("Request is not valid"))
                .body("detail", equalTo("2 fields are not valid"));
        assertThat(violations(response)).containsExactly(
                Map.of("field", "counterparty.address", "in", "body", "message", "must not be blank"),
                Map.of("field", "items[1].name", "in", "body", "message", "must not be blank"));
    }

    @Test
    void answersAQueryParameterAboveItsMaximumWithA400ProblemNamingTheParameter() {
        String requestId = nextRequestId();
        ValidatableResponse response = officer(requestId).queryParam("limit", 500)
                .when().get(PROBE + "/items")
                .then();
        assertProblem(response, 400, "validation", PROBE + "/items", requestId)
                .body("detail", equalTo("1 field is not valid"));
        assertThat(violations(response)).containsExactly(
                Map.of("field", "limit", "in", "query", "message", "must be less than or equal to 100"));
    }

    @Test
    void answersAMissingBodyWithA400ProblemWhoseViolationConcernsTheWholeBody() {
        String requestId = nextRequestId();
        ValidatableResponse response = officer(requestId).contentType("application/json")
                .when().post(PROBE + "/submissions")
                .then();
        assertProblem(response, 400, "validation", PROBE + "/submissions", requestId);
        assertThat(violations(response)).containsExactly(Map.of("in", "body", "message", "must not be null"));
    }

    @Test
    void answersAnUnreadableBodyWithA400Problem() {
        String requestId = nextRequestId();
        ValidatableResponse response = officer(requestId).contentType("application/json")
                .body("{\"title\": \"Quarterly provision\", \"counterparty\": ")
                .when().post(PROBE + "/submissions")
                .then();
        assertProblem(response, 400, "bad-request", PROBE + "/submissions", requestId)
                .body("title", equalTo("Malformed request body"))
                .body("detail", equalTo("The request body is not valid JSON"))
                .body("violations", nullValue());
        assertLeaksNothing(response);
    }

    @Test
    void answersAFieldOfTheWrongJsonTypeWithA400ProblemNamingTheField() {
        String requestId = nextRequestId();
        String body = """
                {"title": "Quarterly provision to Acme",
                 "counterparty": {"name": "Acme KK", "address": "1-1 Marunouchi, Tokyo"},
                 "items": [{"name": "customer list", "quantity": "many"}]}""";
        ValidatableResponse response = officer(requestId).contentType("application/json").body(body)
                .when().post(PROBE + "/submissions")
                .then();
        assertProblem(response, 400, "bad-request", PROBE + "/submissions", requestId)
                .body("detail", equalTo("The request body does not match the expected structure"));
        assertThat(violations(response)).containsExactly(Map.of("field", "items[0].quantity", "in", "body",
                "message", "has a value of the wrong type or format"));
        assertLeaksNothing(response);
    }

    @Test
    void refusesARequestWithoutTokenWithA401ProblemAndABearerChallenge() {
        String requestId = nextRequestId();
        ValidatableResponse response = given().header(RequestIds.HEADER, requestId)
                .when().get(PROBE + "/items")
                .then();
        assertProblem(response, 401, "unauthenticated", PROBE + "/items", requestId)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void refusesAForgedTokenWithA401ProblemAndABearerChallenge() {
        String requestId = nextRequestId();
        ValidatableResponse response = given().header(RequestIds.HEADER, requestId)
                .auth().oauth2(LocalTokens.forged("mallory", KirokuRoles.COMPLIANCE_OFFICER))
                .when().get(PROBE + "/items")
                .then();
        assertProblem(response, 401, "unauthenticated", PROBE + "/items", requestId)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void refusesATokenOfAnotherRoleWithA403Problem() {
        String requestId = nextRequestId();
        ValidatableResponse response = given().header(RequestIds.HEADER, requestId)
                .auth().oauth2(LocalTokens.user("bob", KirokuRoles.AUDITOR))
                .when().get(PROBE + "/items")
                .then();
        assertProblem(response, 403, "forbidden", PROBE + "/items", requestId)
                .body("detail", equalTo("The token's roles do not allow this operation"));
    }

    @Test
    void answersAnUnknownPathUnderTheApiWithA404Problem() {
        for (String path : List.of(PROBE + "/no-such-thing", "/api/v1/no-such-service/caller")) {
            String requestId = nextRequestId();
            ValidatableResponse response = officer(requestId).when().get(path).then();
            assertProblem(response, 404, "not-found", path, requestId)
                    .body("detail", equalTo("No resource at this path"));
        }
    }

    @Test
    void answersAnUnknownPathOutsideTheApiWithA404ProblemWithoutAToken() {
        String requestId = nextRequestId();
        ValidatableResponse response = given().header(RequestIds.HEADER, requestId)
                .when().get("/nothing")
                .then();
        assertProblem(response, 404, "not-found", "/nothing", requestId)
                .body("detail", equalTo("No resource at this path"));
    }

    @Test
    void answersAWrongMethodWithA405Problem() {
        String requestId = nextRequestId();
        ValidatableResponse response = officer(requestId).when().delete(PROBE + "/items").then();
        assertProblem(response, 405, "method-not-allowed", PROBE + "/items", requestId)
                .body("detail", equalTo("This method is not allowed on this resource"));
    }

    @Test
    void answersAnUnproducibleMediaTypeWithA406Problem() {
        String requestId = nextRequestId();
        ValidatableResponse response = officer(requestId).accept("application/pdf")
                .when().get(PROBE + "/items")
                .then();
        assertProblem(response, 406, "not-acceptable", PROBE + "/items", requestId);
    }

    @Test
    void answersAStateConflictWithA409ProblemCarryingItsExtensionMember() {
        String requestId = nextRequestId();
        ValidatableResponse response = officer(requestId).when().post(PROBE + "/conflict").then();
        assertProblem(response, 409, "record-frozen", PROBE + "/conflict", requestId)
                .body("title", equalTo("Record is frozen"))
                .body("detail", equalTo("The record is frozen while a breach is being assessed"))
                .body("stop", equalTo("breach-assessment-open"));
    }

    @Test
    void refusesABodyAboveTheSizeLimitWithA413Problem() {
        String requestId = nextRequestId();
        byte[] body = new byte[11 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        body[0] = '[';
        body[body.length - 1] = ']';
        // like curl for large bodies: the server can refuse before the body is sent
        ValidatableResponse response = officer(requestId).contentType("application/json").body(body)
                .header("Expect", "100-continue")
                .when().post(PROBE + "/submissions")
                .then();
        assertProblem(response, 413, "payload-too-large", PROBE + "/submissions", requestId)
                .body("detail", equalTo("The request body exceeds the size limit"));
    }

    @Test
    void answersAnUnsupportedContentTypeWithA415Problem() {
        String requestId = nextRequestId();
        ValidatableResponse response = officer(requestId).contentType("text/plain").body("title=Quarterly")
                .when().post(PROBE + "/submissions")
                .then();
        assertProblem(response, 415, "unsupported-media-type", PROBE + "/submissions", requestId);
    }

    @Test
    void answersALegalRuleRefusalWithA422ProblemCitingTheRule() {
        String requestId = nextRequestId();
        ValidatableResponse response = officer(requestId).when().post(PROBE + "/refusal").then();
        assertProblem(response, 422, "consent-missing", PROBE + "/refusal", requestId)
                .body("title", equalTo("Consent is missing"));
        assertThat(violations(response)).containsExactly(Map.of("field", "consent", "in", "body",
                "message", "must be given before the provision", "rule", "APPI Art. 28(1)"));
    }

    @Test
    void answersAnUnexpectedFailureWithA500ProblemThatLeaksNothing() {
        String requestId = nextRequestId();
        ValidatableResponse response = officer(requestId).when().get(PROBE + "/failure").then();
        assertProblem(response, 500, "internal", PROBE + "/failure", requestId)
                .body("detail", equalTo("An unexpected error occurred; quote the request id when reporting it"));
        assertLeaksNothing(response);
        assertThat(response.extract().asString()).doesNotContain("secret internal detail");
    }

    @Test
    void echoesAGivenRequestIdInTheHeaderAndTheProblem() {
        ValidatableResponse response = given().header(RequestIds.HEADER, "ticket-4711:retry.2_a")
                .when().get("/nothing")
                .then();
        assertProblem(response, 404, "not-found", "/nothing", "ticket-4711:retry.2_a");
        officer("ticket-4712").when().get(PROBE + "/items")
                .then().statusCode(200).header(RequestIds.HEADER, "ticket-4712");
    }

    @Test
    void replacesAnInvalidRequestIdWithAUuid() {
        for (String invalid : List.of("bad id with spaces", "x".repeat(129), "<script>")) {
            ValidatableResponse response = given().header(RequestIds.HEADER, invalid)
                    .when().get("/nothing")
                    .then().statusCode(404)
                    .header(RequestIds.HEADER, matchesPattern(UUID))
                    .body("requestId", matchesPattern(UUID));
            assertThat(response.extract().header(RequestIds.HEADER))
                    .isEqualTo(response.extract().path("requestId"));
        }
    }

    @Test
    void mintsARequestIdWhenNoneIsGiven() {
        ValidatableResponse response = given().when().get("/nothing").then()
                .statusCode(404)
                .header(RequestIds.HEADER, matchesPattern(UUID))
                .body("requestId", matchesPattern(UUID));
        assertThat(response.extract().header(RequestIds.HEADER)).isEqualTo(response.extract().path("requestId"));
    }

    @Test
    void writesTheRequestIdIntoTheLogLinesOfTheRequest() {
        String requestId = nextRequestId();
        CapturingHandler handler = new CapturingHandler();
        Logger root = org.jboss.logmanager.Logger.getLogger("");
        root.addHandler(handler);
        try {
            officer(requestId).when().get(PROBE + "/failure").then().statusCode(500);
        } finally {
            root.removeHandler(handler);
        }
        assertThat(handler.records).as("ERROR lines logged while answering the failure")
                .filteredOn(line -> line.level().intValue() >= Level.SEVERE.intValue())
                .filteredOn(line -> line.message().contains(PROBE + "/failure"))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line.requestId()).isEqualTo(requestId));
    }

    private static RequestSpecification officer(String requestId) {
        return given().header(RequestIds.HEADER, requestId)
                .auth().oauth2(LocalTokens.user("alice", KirokuRoles.COMPLIANCE_OFFICER));
    }

    private static String nextRequestId() {
        return "probe-" + REQUESTS.incrementAndGet();
    }

    private static ValidatableResponse assertProblem(ValidatableResponse response, int status, String typeSlug,
                                                     String instance, String requestId) {
        return response.statusCode(status)
                .header("Content-Type", startsWith(PROBLEM_JSON))
                .header(RequestIds.HEADER, requestId)
                .body("type", equalTo(ProblemType.PREFIX + typeSlug))
                .body("status", is(status))
                .body("instance", equalTo(instance))
                .body("requestId", equalTo(requestId));
    }

    private static List<Map<String, Object>> violations(ValidatableResponse response) {
        return response.extract().jsonPath().getList("violations");
    }

    /** No exception class, package name, stack frame or library message reaches the client. */
    private static void assertLeaksNothing(ValidatableResponse response) {
        String body = response.extract().asString();
        assertThat(body).doesNotContain("Exception", "java.", "jakarta.", "com.fasterxml", "dev.kiroku", "\tat ",
                "Unrecognized", "line:", "column:");
    }

    /** One log line: level, formatted message and the request id in its MDC when it was written. */
    private record Line(Level level, String message, String requestId) {
    }

    private static final class CapturingHandler extends Handler {
        final List<Line> records = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            // read the MDC now: it belongs to the thread (and Vert.x context) that is logging
            String requestId = record instanceof ExtLogRecord ext ? ext.getMdc(RequestIds.MDC_KEY) : null;
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            records.add(new Line(record.getLevel(), String.valueOf(message), requestId));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
