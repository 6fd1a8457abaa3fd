package dev.kiroku.provisionrecords.provision;

import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import dev.kiroku.platform.web.LawTexts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.AUDITOR;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.CRM;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.TODAY;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The law summary's verification markers ([M], [S], [V], [M wording]) are for maintainers (docs/law.md
 * "Verification status"): neither the contract nor an assessment, a record's retention rule or the regulator export
 * carries one — including the rows that are unverified readings.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class NoVerificationMarkersInAnswersTest {

    static final String ASSESS = "/api/v1/provision-assessments";

    static String assess(String direction, String basis, String method, boolean goods) {
        return given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("direction", direction, "legalBasis", basis, "method", method, "goodsOrServices", goods,
                        "counterparty", Map.of("kind", "CORPORATION", "country", "JP")))
                .when().post(ASSESS).then().statusCode(200).extract().asString();
    }

    @Test
    void neitherTheContractNorTheUnverifiedRowsAnswersNorARecordNorTheExportCarryAMarker() {
        List<String> answers = new ArrayList<>();
        answers.add(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
        answers.add(given().queryParam("format", "yaml").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
        // the unverified rows: retention of contract and bulk records, non-business receipt, interpretive
        answers.add(assess("PROVIDED", "CONSENT_27_1", "CONTRACT", true));
        answers.add(assess("PROVIDED", "CONSENT_27_1", "BULK", false));
        answers.add(assess("RECEIVED", "FROM_NON_BUSINESS", "PER_EVENT", false));
        answers.add(assess("PROVIDED", "NOT_PROVISION_INTERPRETIVE", "PER_EVENT", false));

        String subject = ProvisionFixtures.newSubjectId();
        String counterparty = "株式会社マーカー検査" + subject;
        answers.add(given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(ProvisionFixtures.contractProvision(subject, counterparty, TODAY.minusDays(1)))
                .when().post(ProvisionFixtures.PROVISIONS).then().statusCode(201).extract().asString());
        answers.add(given().auth().oauth2(AUDITOR).queryParam("format", "csv")
                .queryParam("from", TODAY.minusDays(2).toString()).queryParam("to", TODAY.toString())
                .queryParam("counterparty", counterparty)
                .when().get("/api/v1/provision-exports").then().statusCode(200).extract().asString());

        assertThat(answers).hasSize(8).allSatisfy(answer -> assertThat(LawTexts.hasMarker(answer))
                .as("a verification marker in %s", answer.length() > 300 ? answer.substring(0, 300) : answer)
                .isFalse());
        assertThat(String.join("\n", answers)).contains("1 year from the last provision covered",
                "3 years from the last provision covered", "APPI Rule 24(1)(iii), Art. 30(1)");
    }
}
