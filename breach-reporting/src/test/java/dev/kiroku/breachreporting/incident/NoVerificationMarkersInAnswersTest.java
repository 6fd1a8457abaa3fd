package dev.kiroku.breachreporting.incident;

import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import dev.kiroku.platform.web.LawTexts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The law summary's verification markers ([M], [S], [V], [M wording]) are for maintainers (docs/law.md
 * "Verification status"): no answer a person reads — OpenAPI, deadlines and their readings, assessments, actions —
 * carries one.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class NoVerificationMarkersInAnswersTest {

    static final String MANAGER = LocalTokens.user("breach-manager", "breach-manager");
    static final String INCIDENTS = "/api/v1/incidents";

    @Test
    void neitherTheContractNorTheDeadlinesAssessmentsAndTransitionsOfAnEntrustedIncidentCarryAMarker() {
        List<String> answers = new ArrayList<>();
        answers.add(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
        answers.add(given().queryParam("format", "yaml").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
        answers.add(given().auth().oauth2(MANAGER).contentType(ContentType.JSON)
                .body(Map.of("awarenessAt", "2026-06-01T09:00:00+09:00",
                        "categories", List.of("OVER_THRESHOLD_PERSONS", "WRONGFUL_PURPOSE")))
                .when().post("/api/v1/breach-deadline-calculations").then().statusCode(200).extract().asString());

        OffsetDateTime awareness = OffsetDateTime.now(IncidentFixtures.JST).minusHours(2)
                .truncatedTo(ChronoUnit.SECONDS);
        for (IncidentDraft draft : List.of(IncidentFixtures.draft(awareness), IncidentFixtures.entrusted(awareness))) {
            String id = given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(draft)
                    .when().post(INCIDENTS).then().statusCode(201).extract().path("id");
            answers.add(given().auth().oauth2(MANAGER).contentType(ContentType.JSON)
                    .body(IncidentFixtures.wrongfulOverThreshold())
                    .when().post(INCIDENTS + "/" + id + "/assessments").then().statusCode(201).extract().asString());
            answers.add(given().auth().oauth2(MANAGER).when().get(INCIDENTS + "/" + id)
                    .then().statusCode(200).extract().asString());
            answers.add(given().auth().oauth2(MANAGER).when().get(INCIDENTS + "/" + id + "/transitions")
                    .then().statusCode(200).extract().asString());
        }
        answers.add(given().auth().oauth2(MANAGER).queryParam("window", "P30D").when().get("/api/v1/breach-deadlines")
                .then().statusCode(200).extract().asString());

        assertThat(answers).hasSize(10).allSatisfy(answer -> assertThat(LawTexts.hasMarker(answer))
                .as("a verification marker in %s", answer.length() > 300 ? answer.substring(0, 300) : answer)
                .isFalse());
        assertThat(String.join("\n", answers)).contains("Working reading of guideline 3-5-3-4", "Rule 9");
    }
}
