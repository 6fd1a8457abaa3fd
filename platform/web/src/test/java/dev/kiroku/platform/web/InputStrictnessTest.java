package dev.kiroku.platform.web;

import dev.kiroku.platform.testing.LocalTokens;
import dev.kiroku.platform.testing.robustness.RawHttpClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The input rules of the API conventions ("Input that is refused") as every service gets them from this module:
 * strict JSON, strings without NUL / lone surrogates / non-characters and in NFC, single-line identifiers, bounded
 * dates, strict query parameters, the content type of a body, and the limits of the request head.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
class InputStrictnessTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String ENTRIES = "/api/v1/input-probe/entries";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void acceptsAValidEntryAndStoresItsStringsInNfc() {
        officer().contentType("application/json")
                .body(entry("\"name\": \"Cafe\\u0301 山田\", \"description\": \"line one\\nline two\""))
                .when().post(ENTRIES)
                .then().statusCode(200)
                .body("name", equalTo("Caf\u00e9 山田"))
                .body("description", equalTo("line one\nline two"))
                .body("day", equalTo("2025-04-01"));
    }

    @Test
    void refusesADuplicateKeyNamingIt() {
        ValidatableResponse response = post("{\"name\": \"A\", \"name\": \"B\", \"day\": \"2025-04-01\"}");
        problem(response, 400).body("violations[0].field", equalTo("name"))
                .body("violations[0].message", equalTo("is a duplicate key"));
    }

    @Test
    void refusesContentAfterTheDocument() {
        problem(post(entryJson("\"name\": \"A\"") + " {\"name\": \"B\"}"), 400)
                .body("detail", equalTo("The request body has content after the JSON document"));
        problem(post(entryJson("\"name\": \"A\"") + "garbage"), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"name\": 12345", "\"day\": 20000", "\"at\": 1700000000", "\"flag\": 1",
            "\"count\": \"3\"", "\"count\": 1.5", "\"aliases\": [1]", "\"tags\": {\"a\": 1}"})
    void refusesAScalarOfAnotherTypeNamingTheField(String member) {
        String field = member.substring(1, member.indexOf('"', 1));
        ValidatableResponse response = post(entry(member));
        problem(response, 400);
        assertThat(response.extract().path("violations[0].field").toString()).startsWith(field);
    }

    @Test
    void refusesAnUnknownEnumValueListingTheAllowedOnes() {
        problem(post(entry("\"kind\": \"SECOND_PARTY\"")), 400)
                .body("violations[0].field", equalTo("kind"))
                .body("violations[0].message", equalTo("must be one of FIRST_PARTY, THIRD_PARTY"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"description\": \"a\\u0000b\"", "\"description\": \"a\\ud800b\"",
            "\"description\": \"a\\udc00\"", "\"description\": \"a\\uffffb\"", "\"description\": \"\\ufdd0\"",
            "\"description\": \"\\ud83f\\udffe\"", "\"aliases\": [\"ok\", \"a\\u0000\"]",
            "\"tags\": {\"k\\u0000\": \"v\"}"})
    void refusesNulLoneSurrogatesAndNonCharactersInEveryString(String member) {
        String field = member.substring(1, member.indexOf('"', 1));
        ValidatableResponse response = post(entry(member));
        problem(response, 400);
        assertThat(response.extract().path("violations[0].field").toString()).startsWith(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"name\": \"A\\u200bB\"", "\"name\": \"\\u202eABC\"", "\"name\": \"\\u2066A\\u2069\"",
            "\"name\": \"A\\r\\nB\"", "\"name\": \"A\\tB\"", "\"aliases\": [\"A\\u200dB\"]"})
    void refusesControlAndFormatCharactersInSingleLineText(String member) {
        String field = member.substring(1, member.indexOf('"', 1));
        ValidatableResponse response = post(entry(member));
        problem(response, 400).body("type", equalTo("urn:kiroku:problem:validation"));
        assertThat(response.extract().path("violations[0].field").toString()).startsWith(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"day\": \"0000-01-01\"", "\"day\": \"1800-01-01\"", "\"day\": \"9999-12-31\"",
            "\"day\": \"+999999999-12-31\"", "\"day\": \"-0001-01-01\"", "\"at\": \"1800-01-01T00:00:00Z\"",
            "\"at\": \"2200-01-01T00:00:00Z\"", "\"at\": \"+10000-01-01T00:00:00Z\""})
    void refusesDatesOutsideTheBoundsWith422NamingFieldAndBounds(String member) {
        String field = member.substring(1, member.indexOf('"', 1));
        problem(post(entry(member)), 422)
                .body("violations[0].field", equalTo(field))
                .body("violations[0].message", containsString("between 1900-01-01 and 2199-12-31"));
    }

    @Test
    void acceptsTheBoundsThemselves() {
        officer().contentType("application/json")
                .body(entry("\"day\": \"1900-01-01\", \"at\": \"2199-12-31T23:59:59Z\""))
                .when().post(ENTRIES).then().statusCode(200);
    }

    @Test
    void refusesABodyWithoutContentTypeOrInAnotherCharsetWith415() throws Exception {
        byte[] body = entryJson("\"name\": \"A\"").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> none = raw(ENTRIES, null, body);
        assertThat(none.statusCode()).isEqualTo(415);
        assertThat(none.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
        HttpResponse<String> utf16 = raw(ENTRIES, "application/json; charset=UTF-16", body);
        assertThat(utf16.statusCode()).isEqualTo(415);
        assertThat(utf16.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
        assertThat(raw(ENTRIES, "text/plain", body).statusCode()).isEqualTo(415);
        assertThat(raw(ENTRIES, "application/json; charset=utf-8", body).statusCode()).isEqualTo(200);
        assertThat(raw("/api/v1/input-probe/lines", "text/csv; charset=Shift_JIS", "a,b\n".getBytes(
                StandardCharsets.US_ASCII)).statusCode()).isEqualTo(200);
    }

    @Test
    void convertsQueryParametersStrictlyNamingTheParameter() {
        queryProblem("limit=abc", 400).body("violations[0].field", equalTo("limit"))
                .body("violations[0].in", equalTo("query"));
        queryProblem("from=notadate", 400).body("violations[0].field", equalTo("from"));
        queryProblem("since=yesterday", 400).body("violations[0].field", equalTo("since"));
        queryProblem("active=yes", 400).body("violations[0].field", equalTo("active"));
        queryProblem("after=42", 400).body("violations[0].field", equalTo("after"));
        queryProblem("kind=NONE", 400).body("violations[0].field", equalTo("kind"))
                .body("violations[0].message", equalTo("must be one of FIRST_PARTY, THIRD_PARTY"));
        queryProblem("from=0000-01-01", 422).body("violations[0].field", equalTo("from"))
                .body("violations[0].message", containsString("between 1900-01-01 and 2199-12-31"));
        queryProblem("from=%2B999999999-12-31", 422).body("violations[0].field", equalTo("from"));
        queryProblem("since=1800-01-01T00:00:00Z", 422).body("violations[0].field", equalTo("since"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text=a%00b", "text=%EF%BF%BF", "text=%EF%B7%90", "limit=1%00"})
    void refusesNulAndNonCharactersInQueryParameters(String query) {
        queryProblem(query, 400).body("violations[0].field", equalTo(query.substring(0, query.indexOf('='))));
    }

    @Test
    void refusesNulInAPathParameterAndReadsTheQueryInNfc() {
        ValidatableResponse response = officer().urlEncodingEnabled(false)
                .when().get(ENTRIES + "/a%00b").then();
        problem(response, 400).body("violations[0].field", equalTo("id"))
                .body("violations[0].in", equalTo("path"));
        officer().urlEncodingEnabled(false).when().get(ENTRIES + "/x?text=Cafe%CC%81&from=2025-04-01")
                .then().statusCode(200)
                .body("text", equalTo("Caf\u00e9"))
                .body("from", equalTo("2025-04-01"))
                .body("limit", equalTo(20));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text=%FF%FE", "text=a%C3", "text=%E2%80", "text=%C0%AF"})
    void refusesAQueryThatIsNotPercentEncodedUtf8NamingTheParameter(String query) throws IOException {
        RawHttpClient.RawResponse answer = rawGet(ENTRIES + "/x?" + query);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("content-type")).startsWith(PROBLEM_JSON);
        assertThat(answer.body()).contains("\"field\":\"text\"", "\"in\":\"query\"",
                "must be percent-encoded UTF-8", "\"requestId\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%FF", "a%C3", "%ED%A0%80"})
    void refusesAPathThatIsNotPercentEncodedUtf8(String segment) throws IOException {
        RawHttpClient.RawResponse answer = rawGet(ENTRIES + "/" + segment);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("content-type")).startsWith(PROBLEM_JSON);
        assertThat(answer.body()).contains("\"in\":\"path\"", "\"requestId\"");
    }

    private static RawHttpClient.RawResponse rawGet(String target) throws IOException {
        return new RawHttpClient(URI.create("http://localhost:" + RestAssured.port), 30_000).send(
                new RawHttpClient.RawRequest("GET", target, Map.of("Authorization",
                        "Bearer " + LocalTokens.user("alice", KirokuRoles.COMPLIANCE_OFFICER)), null, false));
    }

    @Test
    void answersAChunkedBodyOverTheLimitWithA413ProblemAndReadsOneWithinIt() throws IOException {
        String token = "Bearer " + LocalTokens.user("alice", KirokuRoles.COMPLIANCE_OFFICER);
        RawHttpClient client = new RawHttpClient(URI.create("http://localhost:" + RestAssured.port), 60_000);
        byte[] valid = entry("\"description\": \"chunked\"").getBytes(StandardCharsets.UTF_8);
        RawHttpClient.RawResponse within = client.send(new RawHttpClient.RawRequest("POST", ENTRIES,
                Map.of("Authorization", token, "Content-Type", "application/json"), valid, true));
        assertThat(within.status()).isEqualTo(200);
        assertThat(within.body()).contains("chunked");
        byte[] over = new byte[10 * 1024 * 1024 + 1024];
        java.util.Arrays.fill(over, (byte) ' ');
        System.arraycopy(valid, 0, over, 0, valid.length);
        RawHttpClient.RawResponse refused = client.send(new RawHttpClient.RawRequest("POST", ENTRIES,
                Map.of("Authorization", token, "Content-Type", "application/json"), over, true));
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.header("content-type")).startsWith(PROBLEM_JSON);
        assertThat(refused.body()).contains("\"requestId\"").contains("\"status\":413");
    }

    @Test
    void answersAnOverlongUriWith414AndOverlargeHeadersWith431Problems() {
        problem(officer().urlEncodingEnabled(false).when().get(ENTRIES + "/x?text=" + "a".repeat(10 * 1024)).then(),
                414).body("type", equalTo("urn:kiroku:problem:uri-too-long"));
        problem(officer().header("X-Padding", "b".repeat(20 * 1024)).when().get(ENTRIES + "/x").then(), 431)
                .body("type", equalTo("urn:kiroku:problem:headers-too-large"));
    }

    private static ValidatableResponse queryProblem(String query, int status) {
        return problem(officer().urlEncodingEnabled(false).when().get(ENTRIES + "/x?" + query).then(), status);
    }

    private static ValidatableResponse post(String body) {
        return officer().contentType("application/json").body(body).when().post(ENTRIES).then();
    }

    private static String entry(String member) {
        return entryJson(member);
    }

    /** A valid entry with the member replacing the same-named default. */
    private static String entryJson(String member) {
        Map<String, String> defaults = new java.util.LinkedHashMap<>(Map.of(
                "name", "\"山田商事\"", "day", "\"2025-04-01\"", "at", "\"2025-04-01T09:00:00Z\"",
                "kind", "\"THIRD_PARTY\"", "flag", "true", "count", "3", "aliases", "[\"Yamada\"]",
                "tags", "{\"k\": \"v\"}", "description", "\"free text\""));
        StringBuilder json = new StringBuilder("{").append(member);
        for (String part : List.of(member.split(",\\s*(?=\")"))) {
            defaults.remove(part.substring(1, part.indexOf('"', 1)));
        }
        defaults.forEach((name, value) -> json.append(", \"").append(name).append("\": ").append(value));
        return json.append('}').toString();
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(status))
                .body("requestId", notNullValue())
                .body(not(containsString("java.")))
                .body(not(containsString("com.fasterxml")))
                .body(not(containsString("dev.kiroku")));
    }

    private static RequestSpecification officer() {
        return given().auth().oauth2(LocalTokens.user("alice", KirokuRoles.COMPLIANCE_OFFICER));
    }

    private static HttpResponse<String> raw(String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Authorization", "Bearer " + LocalTokens.user("alice", KirokuRoles.COMPLIANCE_OFFICER))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
