package dev.kiroku.jointuse.group;

import dev.kiroku.platform.testing.ConcurrentCreates;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.kiroku.jointuse.group.JointUseFixtures.RESPONSIBLE;
import static dev.kiroku.jointuse.group.JointUseFixtures.policy002;
import static dev.kiroku.jointuse.group.JointUseFixtures.withItems;
import static dev.kiroku.jointuse.group.JointUseFixtures.withResponsible;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every create of joint-use through the one idempotency mechanism: 20 concurrent identical creates (same
 * Idempotency-Key, same body) write one row and never answer 5xx; the same key with another body is a 422 that
 * writes nothing; keys are scoped per client.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class IdempotentCreatesTest {

    static final String GROUPS = "/api/v1/joint-use-groups";
    static final String OFFICER = LocalTokens.forClient("kiroku-swagger", "officer", "compliance-officer");
    static final String OTHER_CLIENT = LocalTokens.forClient("kiroku-console", "officer", "compliance-officer");
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Tokyo"));

    @Inject
    AgroalDataSource dataSource;

    @Test
    void twentyConcurrentIdenticalGroupCreatesWriteOneGroup() throws SQLException {
        JointUseDefinition definition = policy002();
        String key = "grp-" + UUID.randomUUID();
        long before = count("joint_use_group");
        ConcurrentCreates.createOnce(() -> post(OFFICER, GROUPS, key, definition), 201, r -> r.path("id"));
        assertThat(count("joint_use_group")).isEqualTo(before + 1);
    }

    @Test
    void twentyConcurrentIdenticalChangesWriteOneNoticeVersion() throws SQLException {
        String id = published();
        Party newRepresentative = new Party(RESPONSIBLE.name(), RESPONSIBLE.address(), "代表取締役社長 鈴木 花子",
                RESPONSIBLE.corporateNumber());
        Map<String, Object> change = Map.of("definition", withResponsible(policy002(), newRepresentative),
                "reason", "代表者の交代", "occurredOn", TODAY.minusDays(1).toString());
        String key = "chg-" + UUID.randomUUID();
        String version = ConcurrentCreates.createOnce(() -> post(OFFICER, GROUPS + "/" + id + "/changes", key, change),
                201, r -> String.valueOf((Object) r.path("version")));
        assertThat(version).isEqualTo("2");
        given().auth().oauth2(OFFICER).when().get(GROUPS + "/" + id + "/notices")
                .then().statusCode(200).body("size()", equalTo(2));
    }

    @Test
    void theSameKeyWithAnotherBodyIsA422AndWritesNothing() throws SQLException {
        String key = "reuse-" + UUID.randomUUID();
        post(OFFICER, GROUPS, key, policy002()).then().statusCode(201);
        long before = count("joint_use_group");
        post(OFFICER, GROUPS, key, withItems(policy002(), List.of("お名前")))
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:idempotency-key-reused"))
                .body("title", equalTo("Idempotency key reused with a different request"));
        assertThat(count("joint_use_group")).isEqualTo(before);
    }

    @Test
    void twoClientsWithTheSameKeyCreateTwoGroups() throws SQLException {
        String key = "shared-" + UUID.randomUUID();
        long before = count("joint_use_group");
        String first = post(OFFICER, GROUPS, key, policy002()).then().statusCode(201).extract().path("id");
        String second = post(OTHER_CLIENT, GROUPS, key, policy002()).then().statusCode(201).extract().path("id");
        assertThat(second).isNotEqualTo(first);
        assertThat(count("joint_use_group")).isEqualTo(before + 2);
        post(OFFICER, GROUPS, key, policy002()).then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(first));
    }

    private static String published() {
        String id = post(OFFICER, GROUPS, null, policy002()).then().statusCode(201).extract().path("id");
        post(OFFICER, GROUPS + "/" + id + "/publication", null, Map.of("effectiveFrom", TODAY.toString()))
                .then().statusCode(201);
        return id;
    }

    private static Response post(String token, String path, String key, Object body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.when().post(path);
    }

    private long count(String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
