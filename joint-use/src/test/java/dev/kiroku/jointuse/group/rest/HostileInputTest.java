package dev.kiroku.jointuse.group.rest;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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

import static dev.kiroku.jointuse.group.JointUseFixtures.policy002;
import static dev.kiroku.platform.testing.HostileRequests.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Hostile and odd input on joint-use (issue 14): each is a 4xx problem naming the field, never a 500, and no group
 * is stored. The create is a joint-use group; the lists are the groups and the audit chain.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final String GROUPS = "/api/v1/joint-use-groups";
    private static final String AUDIT = "/api/v1/audit/joint-use/entries";
    private static final String OFFICER = LocalTokens.user("officer", "compliance-officer");
    private static final String AUDITOR = LocalTokens.user("auditor", "auditor");
    private static final String MARK = "\"__VALUE__\"";

    @Inject
    AgroalDataSource dataSource;

    private long groupsBefore;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void countRows() throws SQLException {
        groupsBefore = count();
    }

    @AfterEach
    void nothingWasStored() throws SQLException {
        assertThat(count()).as("joint-use groups").isEqualTo(groupsBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"a\\u0000b\"", "\"a\\ud800b\"", "\"\\udfff\"", "\"a\\ufffe\"", "\"\\ufdef\""})
    void aNulALoneSurrogateOrANonCharacterIsA400NamingTheField(String value) {
        assertProblem(createWith("/name", value), 400).body("violations[0].field", equalTo("name"));
        assertProblem(createWith("/purposes/0", value), 400).body("violations[0].field", equalTo("purposes[0]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"GMO\\u200bグループ\"", "\"\\u202eGMO\"", "\"GMO\\u2067\"", "\"GMO\\r\\nグループ\""})
    void namesWithZeroWidthBidiOrLineBreakCharactersAreA400(String value) {
        assertProblem(createWith("/name", value), 400).body("violations[0].field", equalTo("name"));
        assertProblem(createWith("/scope/members/0/name", value), 400)
                .body("violations[0].field", equalTo("scope.members[0].name"));
        assertProblem(createWith("/responsibleParty/corporateNumber", value), 400)
                .body("violations[0].field", equalTo("responsibleParty.corporateNumber"));
    }

    @Test
    void coercedScalarsAndUnknownFieldTypesAreRefused() {
        assertProblem(createWith("/name", "12345"), 400).body("violations[0].field", equalTo("name"));
        assertProblem(createWith("/dataItems/0", "true"), 400).body("violations[0].field", equalTo("dataItems[0]"));
    }

    @Test
    void aNullMemberIsA400() {
        assertProblem(createWith("/scope/members/0", "null"), 400);
    }

    @Test
    void aDuplicateKeyOrTrailingContentIsA400() {
        String valid = valid().toString();
        assertProblem(post(valid.replaceFirst("\\{", "{\"name\": \"other\", ")), 400)
                .body("violations[0].field", equalTo("name"));
        assertProblem(post(valid + "]"), 400);
    }

    @Test
    void aBodyWithoutContentTypeOrDeclaredUtf16IsA415() {
        byte[] body = valid().toString().getBytes(StandardCharsets.UTF_8);
        for (String type : new String[] {null, "application/json; charset=UTF-16"}) {
            HttpResponse<String> response = HostileRequests.post(GROUPS, OFFICER, type, body);
            assertThat(response.statusCode()).as(String.valueOf(type)).isEqualTo(415);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(HostileRequests.PROBLEM_JSON);
        }
    }

    @Test
    void malformedQueryParametersAreA400NamingTheParameter() {
        assertProblem(list(GROUPS, "status=GONE"), 400).body("violations[0].field", equalTo("status"))
                .body("violations[0].message", equalTo("must be one of DRAFT, PUBLISHED, ENDED"));
        assertProblem(list(GROUPS, "limit=abc"), 400).body("violations[0].field", equalTo("limit"));
        assertProblem(list(GROUPS, "after=not-a-uuid"), 400).body("violations[0].field", equalTo("after"));
        assertProblem(list(AUDIT, "aggregateId=%00"), 400).body("violations[0].field", equalTo("aggregateId"));
        assertProblem(list(AUDIT, "aggregateType=x%00"), 400).body("violations[0].field", equalTo("aggregateType"));
    }

    @Test
    void anOverlongUriIsA414Problem() {
        assertProblem(list(GROUPS, "status=" + "D".repeat(10 * 1024)), 414);
    }

    private static ValidatableResponse list(String path, String query) {
        return given().auth().oauth2(AUDITOR).urlEncodingEnabled(false).when().get(path + "?" + query).then();
    }

    private static ObjectNode valid() {
        return JSON.valueToTree(policy002());
    }

    /** The valid definition with the raw JSON value at the pointer (an object member or an array element). */
    private static ValidatableResponse createWith(String pointer, String rawJsonValue) {
        ObjectNode tree = valid();
        JsonPointer at = JsonPointer.compile(pointer);
        var parent = tree.at(at.head());
        String last = at.last().getMatchingProperty();
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), TextNode.valueOf("__VALUE__"));
        } else {
            ((ObjectNode) parent).put(last, "__VALUE__");
        }
        return post(tree.toString().replace(MARK, rawJsonValue));
    }

    private static ValidatableResponse post(String json) {
        return given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(json).when().post(GROUPS).then();
    }

    private long count() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM joint_use_group")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
