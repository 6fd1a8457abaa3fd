package dev.kiroku.jointuse.group;

import dev.kiroku.platform.testing.DatabaseGuards;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import dev.kiroku.platform.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.kiroku.jointuse.group.JointUseFixtures.RESPONSIBLE;
import static dev.kiroku.jointuse.group.JointUseFixtures.policy002;
import static dev.kiroku.jointuse.group.JointUseFixtures.withResponsible;
import static dev.kiroku.platform.testing.DatabaseGuards.assertAllowedAndRolledBack;
import static dev.kiroku.platform.testing.DatabaseGuards.assertRefused;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 13, item 7, through the real PostgreSQL: joint-use connects as a role that owns nothing, so it cannot switch
 * the notice guards off, and a notice version (APPI Art. 27(5)(iii), 27(6)), the evidence of what the public was
 * told, is refused any change but its publication, even to a superuser who leaves the triggers on.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class NoticeDatabaseGuardsTest {

    static final String GROUPS = "/api/v1/joint-use-groups";
    static final String OFFICER = LocalTokens.user("officer", "compliance-officer");
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Tokyo"));

    /** A published group (notice v1 PUBLISHED) with a pending notice v2 (a new representative, not yet published). */
    static String groupWithPendingNotice() {
        String id = given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(policy002())
                .when().post(GROUPS).then().statusCode(201).extract().path("id");
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(Map.of("effectiveFrom", TODAY.toString()))
                .when().post(GROUPS + "/" + id + "/publication").then().statusCode(201);
        Party newRepresentative = new Party(RESPONSIBLE.name(), RESPONSIBLE.address(), "代表取締役社長 鈴木 花子",
                RESPONSIBLE.corporateNumber());
        Map<String, Object> change = new HashMap<>(Map.of("definition", withResponsible(policy002(), newRepresentative),
                "reason", "代表者の交代", "occurredOn", TODAY.toString(), "publishNow", false));
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(change)
                .when().post(GROUPS + "/" + id + "/changes").then().statusCode(201).body("status", equalTo("PENDING"));
        return id;
    }

    static String notice(String groupId, int version) {
        return "group_id = '" + groupId + "' AND version_no = " + version;
    }

    @Test
    void theServiceConnectsAsARoleThatOwnsNothingAndCannotSwitchOffTheNoticeGuards_issue13() throws SQLException {
        DatabaseGuards.assertApplicationRoleOwnsNothing();
        DatabaseGuards.assertApplicationRoleCannotSwitchOffGuards("joint_use_notice", "audit_entry");
        for (String table : List.of("joint_use_notice", "joint_use_group", "audit_entry")) {
            assertRefused(TestDatabase::application, "DELETE FROM " + table, "permission denied for table " + table);
        }
        assertRefused(TestDatabase::application, "UPDATE joint_use_notice SET reason = 'x'",
                "permission denied for table joint_use_notice");
        assertRefused(TestDatabase::application, "UPDATE joint_use_notice SET effective_from = '2000-01-01'",
                "permission denied for table joint_use_notice");
    }

    @Test
    void aPublishedNoticeIsRefusedAnyChangeEvenToASuperuser_Art27_5_iii() throws SQLException {
        String group = groupWithPendingNotice();
        assertRefused(TestDatabase::superuser, "UPDATE joint_use_notice SET definition = '{}' WHERE "
                + notice(group, 1), "is immutable");
        assertRefused(TestDatabase::superuser, "UPDATE joint_use_notice SET due_by = '2999-01-01' WHERE "
                + notice(group, 1), "is immutable");
        assertRefused(TestDatabase::superuser, "DELETE FROM joint_use_notice WHERE " + notice(group, 1),
                "never deleted");
        assertRefused(TestDatabase::superuser, "TRUNCATE joint_use_notice", "never truncated");
    }

    @Test
    void aPendingNoticeChangesOnlyByItsPublicationItsContentIsFixed_Art27_6() throws SQLException {
        String group = groupWithPendingNotice();
        for (String change : List.of("definition = '{}'", "effective_from = '2000-01-01'", "reason = '別の理由'",
                "version_no = 9", "change_kinds = ''")) {
            assertRefused(TestDatabase::superuser, "UPDATE joint_use_notice SET " + change + " WHERE "
                    + notice(group, 2), "changes only by its publication");
        }
        assertRefused(TestDatabase::superuser, "DELETE FROM joint_use_notice WHERE " + notice(group, 2),
                "never deleted");
        // what the service does to a pending notice stays possible for its role
        assertThat(assertAllowedAndRolledBack(TestDatabase::application, "UPDATE joint_use_notice SET status = "
                + "'PUBLISHED', published_at = now(), published_by = 'officer' WHERE " + notice(group, 2)))
                .isEqualTo(1);
        given().auth().oauth2(OFFICER).when().post(GROUPS + "/" + group + "/notices/2/publication")
                .then().statusCode(200).body("status", equalTo("PUBLISHED"));
        assertRefused(TestDatabase::superuser, "UPDATE joint_use_notice SET status = 'PENDING', published_at = NULL, "
                + "published_by = NULL WHERE " + notice(group, 2), "is immutable");
    }
}
