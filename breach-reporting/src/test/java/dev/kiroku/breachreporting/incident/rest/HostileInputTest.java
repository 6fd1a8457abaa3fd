package dev.kiroku.breachreporting.incident.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.kiroku.breachreporting.incident.IncidentFixtures;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.HostileRequests;
import dev.kiroku.platform.testing.LocalTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import static dev.kiroku.platform.testing.HostileRequests.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * Hostile and odd input on breach-reporting (issue 14): each is a 4xx problem naming the field, never a 500, and no
 * incident is stored. The create is an incident (and an affected-person CSV); the lists are incidents, the deadline
 * board and the audit chain.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String INCIDENTS = "/api/v1/incidents";
    private static final String DEADLINES = "/api/v1/breach-deadlines";
    private static final String AUDIT = "/api/v1/audit/breach-reporting/entries";
    private static final String MANAGER = LocalTokens.user("breach-manager", "breach-manager");
    private static final String AUDITOR = LocalTokens.user("auditor", "auditor");
    private static final String MARK = "\"__VALUE__\"";

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"a\\u0000b\"", "\"a\\ud800b\"", "\"\\udbff\"", "\"a\\uffff\"", "\"\\ufdd5\""})
    void aNulALoneSurrogateOrANonCharacterIsA400NamingTheField(String value) throws SQLException {
        long before = incidents();
        assertProblem(createWith("title", value), 400).body("violations[0].field", equalTo("title"));
        assertProblem(createWith("awarenessJustification", value), 400)
                .body("violations[0].field", equalTo("awarenessJustification"));
        assertThat(incidents()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"誤送信\\u200b\"", "\"\\u202e誤送信\"", "\"誤送信\\u2069\"", "\"誤送信\\n続き\""})
    void aTitleOrPrincipalWithZeroWidthBidiOrLineBreakCharactersIsA400(String value) throws SQLException {
        long before = incidents();
        assertProblem(createWith("title", value), 400).body("violations[0].field", equalTo("title"));
        assertProblem(createWith("principalName", value), 400).body("violations[0].field", equalTo("principalName"));
        assertThat(incidents()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000-01-01T00:00:00Z", "1800-01-01T00:00:00+09:00", "9999-12-31T00:00:00Z",
            "-0001-01-01T00:00:00Z"})
    void anAwarenessOutsideTheBoundsIsA422NamingFieldAndBounds(String instant) throws SQLException {
        long before = incidents();
        assertProblem(createWith("awarenessAt", "\"" + instant + "\""), 422)
                .body("violations[0].field", equalTo("awarenessAt"))
                .body("violations[0].message", containsString("1900-01-01 and 2199-12-31"));
        assertThat(incidents()).isEqualTo(before);
    }

    @Test
    void anInstantBeyondWhatJavaHoldsIsAProblemNotA500() {
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON)
                .body(body("awarenessAt", "\"+999999999-12-31T00:00:00Z\"")).when().post(INCIDENTS)
                .then().statusCode(anyOf(is(400), is(422))).contentType(HostileRequests.PROBLEM_JSON)
                .body("violations[0].field", equalTo("awarenessAt"));
    }

    @Test
    void coercedScalarsAndUnknownEnumValuesAreRefused() {
        assertProblem(createWith("title", "12345"), 400).body("violations[0].field", equalTo("title"));
        assertProblem(createWith("awarenessAt", "1700000000"), 400).body("violations[0].field", equalTo("awarenessAt"));
        assertProblem(createWith("euResidents", "\"true\""), 400);
        assertProblem(createWith("role", "\"OWNER\""), 400).body("violations[0].field", equalTo("role"))
                .body("violations[0].message", equalTo("must be one of CONTROLLER, ENTRUSTED"));
    }

    @Test
    void aDuplicateKeyOrTrailingContentIsA400() {
        String valid = body(null, null);
        assertProblem(post(valid.replaceFirst("\\{", "{\"title\": \"別件\", ")), 400)
                .body("violations[0].field", equalTo("title"));
        assertProblem(post(valid + "{"), 400);
    }

    @Test
    void aBodyWithoutContentTypeOrDeclaredUtf16IsA415() {
        byte[] body = body(null, null).getBytes(StandardCharsets.UTF_8);
        for (String type : new String[] {null, "application/json; charset=UTF-16"}) {
            HttpResponse<String> response = HostileRequests.post(INCIDENTS, MANAGER, type, body);
            assertThat(response.statusCode()).as(String.valueOf(type)).isEqualTo(415);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(HostileRequests.PROBLEM_JSON);
        }
    }

    @Test
    void malformedQueryParametersAreA400NamingTheParameter() {
        assertProblem(list(INCIDENTS, "status=OPEN"), 400).body("violations[0].field", equalTo("status"))
                .body("violations[0].message", containsString("DETECTED, TRIAGED"));
        assertProblem(list(INCIDENTS, "limit=abc"), 400).body("violations[0].field", equalTo("limit"));
        assertProblem(list(INCIDENTS, "after=123"), 400).body("violations[0].field", equalTo("after"));
        assertProblem(list(DEADLINES, "window=%00"), 400).body("violations[0].field", equalTo("window"));
        assertProblem(list(AUDIT, "aggregateId=%00"), 400).body("violations[0].field", equalTo("aggregateId"));
        assertProblem(list(AUDIT, "limit=1e3"), 400).body("violations[0].field", equalTo("limit"));
    }

    @Test
    void anOverlongUriIsA414Problem() {
        assertProblem(list(INCIDENTS, "status=" + "X".repeat(10 * 1024)), 414);
    }

    @Test
    void aMalformedCsvIsRefusedWithoutAClassNameOfTheParser() {
        OffsetDateTime awareness = OffsetDateTime.now(IncidentFixtures.JST).minusHours(2).truncatedTo(ChronoUnit.SECONDS);
        String incident = given().auth().oauth2(MANAGER).contentType(ContentType.JSON)
                .body(IncidentFixtures.draft(awareness)).when().post(INCIDENTS)
                .then().statusCode(201).extract().path("id");
        String csv = "scheme,identifier,name,email,language\ncustomer-number,\"C-1\"x,佐藤花子,a@example.jp,ja\n";
        assertProblem(given().auth().oauth2(MANAGER).contentType("text/csv")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .when().post(INCIDENTS + "/" + incident + "/affected-person-imports").then(), 422)
                .body(not(containsString("IOException")))
                .body(not(containsString("佐藤")));
    }

    private static ValidatableResponse list(String path, String query) {
        return given().auth().oauth2(AUDITOR).urlEncodingEnabled(false).when().get(path + "?" + query).then();
    }

    private static ValidatableResponse createWith(String field, String rawJsonValue) {
        return post(body(field, rawJsonValue));
    }

    private static ValidatableResponse post(String json) {
        return given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(json).when().post(INCIDENTS).then();
    }

    /** A valid incident draft (an entrusted one, so it names a principal) with the field's raw JSON value. */
    private static String body(String field, String rawJsonValue) {
        OffsetDateTime awareness = OffsetDateTime.now(IncidentFixtures.JST).minusHours(2).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode tree = JSON.valueToTree(IncidentFixtures.entrusted(awareness));
        if (field == null) {
            return tree.toString();
        }
        tree.put(field, "__VALUE__");
        return tree.toString().replace(MARK, rawJsonValue);
    }

    private long incidents() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM incident")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
