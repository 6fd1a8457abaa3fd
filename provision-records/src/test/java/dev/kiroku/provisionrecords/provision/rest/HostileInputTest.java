package dev.kiroku.provisionrecords.provision.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static dev.kiroku.platform.testing.HostileRequests.assertProblem;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.AUDITOR;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.CRM;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.OFFICER;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.PROVISIONS;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.TODAY;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.newSubjectId;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.optOutProvision;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Hostile and odd input on provision-records (issue 14): each is a 4xx problem naming the field, never a 500, and
 * nothing is stored. The creates are the provision and the opt-out stop; the lists are provisions and the audit chain.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STOPS = "/api/v1/opt-out-stops";
    private static final String AUDIT = "/api/v1/audit/provision-records/entries";
    private static final String MARK = "\"__VALUE__\"";

    @Inject
    AgroalDataSource dataSource;

    private long recordsBefore;
    private long stopsBefore;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void countRows() throws SQLException {
        recordsBefore = count("provision_record");
        stopsBefore = count("opt_out_stop");
    }

    @AfterEach
    void nothingWasStored() throws SQLException {
        assertThat(count("provision_record")).as("provision records").isEqualTo(recordsBefore);
        assertThat(count("opt_out_stop")).as("opt-out stops").isEqualTo(stopsBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"a\\u0000b\"", "\"a\\ud800b\"", "\"\\udc00\"", "\"a\\uffff\"", "\"\\ufdd0\""})
    void aNulALoneSurrogateOrANonCharacterInAStoredStringIsA400NamingTheField(String value) {
        assertProblem(createWith("subject.name", value), 400).body("violations[0].field", equalTo("subject.name"));
        assertProblem(createWith("counterparty.name", value), 400)
                .body("violations[0].field", equalTo("counterparty.name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"C-1\\u200b2\"", "\"\\u202eC-12\"", "\"C-12\\u2066\"", "\"C-1\\r\\n2\"", "\"C-1\\t2\""})
    void anIdentifierWithZeroWidthBidiOrLineBreakCharactersIsA400(String value) {
        assertProblem(createWith("subject.identifier", value), 400)
                .body("violations[0].field", equalTo("subject.identifier"));
        assertProblem(given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body("{\"subject\": {\"scheme\": \"customer-number\", \"identifier\": " + value + "}, "
                        + "\"effectiveFrom\": \"" + TODAY + "\", \"receivedVia\": \"電話\"}")
                .when().post(STOPS).then(), 400).body("violations[0].field", equalTo("subject.identifier"));
    }

    @Test
    void aCounterpartyNameWithABidiOverrideIsA400() {
        assertProblem(createWith("counterparty.name", "\"株式会社\\u202eサンプル\""), 400)
                .body("violations[0].field", equalTo("counterparty.name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000-01-01", "1800-01-01", "9999-12-31", "+999999999-12-31", "-0001-01-01"})
    void aProvisionDatedOutsideTheBoundsIsA422NamingFieldAndBounds(String day) {
        assertProblem(createWith("providedOn", "\"" + day + "\""), 422)
                .body("violations[0].field", equalTo("providedOn"))
                .body("violations[0].message", containsString("1900-01-01 and 2199-12-31"));
    }

    @Test
    void coercedScalarsAreRefused() {
        assertProblem(createWith("clientEventId", "12345"), 400).body("violations[0].field", equalTo("clientEventId"));
        assertProblem(createWith("providedOn", "20000"), 400).body("violations[0].field", equalTo("providedOn"));
        assertProblem(createWith("goodsOrServices", "1"), 400).body("violations[0].field", equalTo("goodsOrServices"));
    }

    @Test
    void anUnknownEnumValueNamesTheFieldAndTheAllowedValues() {
        assertProblem(createWith("direction", "\"SIDEWAYS\""), 400)
                .body("violations[0].field", equalTo("direction"))
                .body("violations[0].message", equalTo("must be one of PROVIDED, RECEIVED"));
    }

    @Test
    void aDuplicateKeyOrTrailingContentIsA400() {
        String valid = validEvent();
        assertProblem(post(valid.replaceFirst("\\{", "{\"direction\": \"RECEIVED\", ")), 400)
                .body("violations[0].field", equalTo("direction"));
        assertProblem(post(valid + " {}"), 400);
        assertProblem(post(valid + "garbage"), 400);
    }

    @Test
    void aBodyWithoutContentTypeOrDeclaredUtf16IsA415() {
        byte[] body = validEvent().getBytes(StandardCharsets.UTF_8);
        for (String type : new String[] {null, "application/json; charset=UTF-16", "text/plain"}) {
            HttpResponse<String> response = HostileRequests.post(PROVISIONS, CRM, type, body);
            assertThat(response.statusCode()).as(String.valueOf(type)).isEqualTo(415);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(HostileRequests.PROBLEM_JSON);
        }
    }

    @Test
    void malformedOrOutOfBoundsQueryParametersAreProblemsNamingTheParameter() {
        assertProblem(list(PROVISIONS, "counterparty=%00"), 400).body("violations[0].field", equalTo("counterparty"));
        assertProblem(list(PROVISIONS, "limit=abc"), 400).body("violations[0].field", equalTo("limit"));
        assertProblem(list(PROVISIONS, "from=notadate"), 400).body("violations[0].field", equalTo("from"));
        assertProblem(list(PROVISIONS, "from=0000-01-01"), 422).body("violations[0].field", equalTo("from"));
        assertProblem(list(PROVISIONS, "to=%2B999999999-12-31"), 422).body("violations[0].field", equalTo("to"));
        assertProblem(list(PROVISIONS, "direction=UP"), 400)
                .body("violations[0].message", equalTo("must be one of PROVIDED, RECEIVED"));
        assertProblem(list(STOPS, "subjectIdentifier=C-%00"), 400)
                .body("violations[0].field", equalTo("subjectIdentifier"));
    }

    @Test
    void theAuditFiltersRefuseNulAndMalformedNumbers() {
        assertProblem(list(AUDIT, "aggregateId=%00"), 400).body("violations[0].field", equalTo("aggregateId"));
        assertProblem(list(AUDIT, "aggregateType=%00"), 400).body("violations[0].field", equalTo("aggregateType"));
        assertProblem(list(AUDIT, "after=x"), 400).body("violations[0].field", equalTo("after"));
    }

    @Test
    void anOverlongUriIsA414AndOverlargeHeadersA431Problem() {
        assertProblem(list(PROVISIONS, "counterparty=" + "a".repeat(10 * 1024)), 414);
        assertProblem(given().auth().oauth2(AUDITOR).header("X-Padding", "p".repeat(20 * 1024))
                .when().get(PROVISIONS).then(), 431);
    }

    private static ValidatableResponse list(String path, String query) {
        return given().auth().oauth2(path.startsWith("/api/v1/audit") ? AUDITOR : OFFICER).urlEncodingEnabled(false)
                .when().get(path + "?" + query).then();
    }

    private static ValidatableResponse createWith(String field, String rawJsonValue) {
        return post(eventWith(field, rawJsonValue));
    }

    private static ValidatableResponse post(String json) {
        return given().auth().oauth2(CRM).contentType(ContentType.JSON).body(json).when().post(PROVISIONS).then();
    }

    private static String validEvent() {
        return eventWith(null, null);
    }

    /** A valid opt-out provision whose field (dotted, one level deep at most) has the raw JSON value. */
    @SuppressWarnings("unchecked")
    private static String eventWith(String field, String rawJsonValue) {
        Map<String, Object> event = optOutProvision(newSubjectId(), "株式会社サンプル商事", TODAY);
        event.put("subject", new java.util.LinkedHashMap<>((Map<String, Object>) event.get("subject")));
        if (field != null) {
            String[] path = field.split("\\.");
            Map<String, Object> target = path.length == 1 ? event : (Map<String, Object>) event.get(path[0]);
            target.put(path[path.length - 1], "__VALUE__");
        }
        try {
            String json = JSON.writeValueAsString(event);
            return field == null ? json : json.replace(MARK, rawJsonValue);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
