package dev.kiroku.breachreporting.incident;

import dev.kiroku.platform.testing.ConcurrentCreates;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.GreenMailResource;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent actions on one incident take their turn on the incident's row lock (a plain SELECT … FOR UPDATE, not a
 * locking load that joins the eager collections): never a 5xx, and the final state is every accepted action once.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(GreenMailResource.class)
class ConcurrentIncidentActionsTest {

    static final String INCIDENTS = "/api/v1/incidents";
    static final String MANAGER = LocalTokens.user("breach-manager", "breach-manager");

    @Test
    void twentyConcurrentReassessmentsOfOneIncidentAreAllRecordedInTurn() {
        String id = assessed();
        Response before = get(id);
        List<Response> answers = ConcurrentCreates.fire(20, () -> given().auth().oauth2(MANAGER)
                .contentType(ContentType.JSON).body(IncidentFixtures.overThreshold())
                .when().post(INCIDENTS + "/" + id + "/assessments"));
        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).as(a.asString()).isEqualTo(201));
        assertThat(answers.stream().map(a -> a.header("Location")).distinct()).hasSize(20);
        Response after = get(id);
        assertThat(after.<Integer>path("transitions")).isEqualTo(before.<Integer>path("transitions") + 20);
        assertThat(((Number) after.path("version")).longValue())
                .isEqualTo(((Number) before.path("version")).longValue() + 20);
    }

    @Test
    void twentyConcurrentMixedActionsOnOneIncidentNeverAnswer5xxAndApplyTheOneThatMayHappen() {
        String id = assessed();
        List<Response> answers = ConcurrentCreates.fire(20, () -> given().auth().oauth2(MANAGER)
                .contentType(ContentType.JSON).body(Map.of("action", "start-reporting"))
                .when().post(INCIDENTS + "/" + id + "/transitions"));
        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).as(a.asString()).isLessThan(500));
        assertThat(answers).filteredOn(a -> a.statusCode() == 201).hasSize(1);
        assertThat(answers).filteredOn(a -> a.statusCode() != 201)
                .allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(409));
        assertThat(get(id).<String>path("status")).isEqualTo("PRELIM_DUE");

        Map<String, Object> draft = Map.of("kind", "PRELIMINARY",
                "items", dev.kiroku.breachreporting.report.ReportFixtures.preliminaryItems());
        List<Response> drafts = ConcurrentCreates.fire(20, () -> given().auth().oauth2(MANAGER)
                .contentType(ContentType.JSON).body(draft).when().post(INCIDENTS + "/" + id + "/reports"));
        assertThat(drafts).allSatisfy(a -> assertThat(a.statusCode()).as(a.asString()).isLessThan(500));
        assertThat(drafts).filteredOn(a -> a.statusCode() == 201).hasSize(1);
        assertThat(drafts).filteredOn(a -> a.statusCode() != 201)
                .allSatisfy(a -> assertThat(a.<String>path("type")).isEqualTo("urn:kiroku:problem:report-draft-open"));
    }

    private static String assessed() {
        OffsetDateTime awareness = OffsetDateTime.now(IncidentFixtures.JST).minusHours(6)
                .truncatedTo(ChronoUnit.SECONDS);
        String id = given().auth().oauth2(MANAGER).contentType(ContentType.JSON)
                .body(IncidentFixtures.draft(awareness)).when().post(INCIDENTS)
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(IncidentFixtures.overThreshold())
                .when().post(INCIDENTS + "/" + id + "/assessments").then().statusCode(201);
        return id;
    }

    private static Response get(String id) {
        return given().auth().oauth2(MANAGER).when().get(INCIDENTS + "/" + id).then().statusCode(200).extract()
                .response();
    }
}
