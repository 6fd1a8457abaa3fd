package dev.kiroku.provisionrecords.optout;

import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.AUDITOR;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.CRM;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.OFFICER;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.PROVISIONS;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.TODAY;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.newSubjectId;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.optOutProvision;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Opt-out stop requests (APPI Art. 27(2); privacy policy 001 Art. 12): register, enforce, withdraw. */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class OptOutStopResourceTest {

    static final String STOPS = "/api/v1/opt-out-stops";

    static String register(String subject, List<Map<String, Object>> recipients, String from) {
        return given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("subject", Map.of("scheme", "customer-number", "identifier", subject),
                        "recipients", recipients, "effectiveFrom", from, "receivedVia", "お問い合わせ窓口（電話）"))
                .when().post(STOPS)
                .then().statusCode(201).header("Location", containsString(STOPS + "/"))
                .body("active", equalTo(true)).body("subject.identifier", equalTo(subject))
                .extract().path("id");
    }

    @Test
    void anOptOutProvisionAfterTheSubjectsStopIsRefusedCitingTheStop() {
        String subject = newSubjectId();
        String stop = register(subject, List.of(), TODAY.minusDays(1).toString());

        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(optOutProvision(subject, "株式会社サンプル商事", TODAY)).when().post(PROVISIONS)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:opt-out-stopped"))
                .body("stopId", equalTo(stop))
                .body("article", containsString("Art. 27(2)"));
        // before the stop took effect, and on another basis, provision stays possible
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(optOutProvision(subject, "株式会社サンプル商事", TODAY.minusDays(2))).when().post(PROVISIONS)
                .then().statusCode(201);
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(with(optOutProvision(subject, "株式会社サンプル商事", TODAY), "legalBasis", "CONSENT_27_1"))
                .when().post(PROVISIONS).then().statusCode(201);
    }

    @Test
    void aStopToNamedRecipientsLeavesOthersAndAWithdrawalLiftsIt() {
        String subject = newSubjectId();
        String stop = register(subject, List.of(Map.of("name", "株式会社サンプル商事")), TODAY.minusDays(10).toString());

        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(optOutProvision(subject, "株式会社 サンプル商事", TODAY)).when().post(PROVISIONS)
                .then().statusCode(409);
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(optOutProvision(subject, "株式会社ほかの会社", TODAY)).when().post(PROVISIONS)
                .then().statusCode(201);

        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("from", TODAY.toString(), "reason", "本人から撤回の申出"))
                .when().post(STOPS + "/" + stop + "/withdrawals")
                .then().statusCode(200).body("active", equalTo(false)).body("withdrawnOn", equalTo(TODAY.toString()))
                .body("withdrawnBy", equalTo("officer"));
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(optOutProvision(subject, "株式会社サンプル商事", TODAY)).when().post(PROVISIONS)
                .then().statusCode(201);
        // the days between the stop and the withdrawal stay stopped
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(optOutProvision(subject, "株式会社サンプル商事", TODAY.minusDays(1))).when().post(PROVISIONS)
                .then().statusCode(409);
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(Map.of("reason", "再度"))
                .when().post(STOPS + "/" + stop + "/withdrawals")
                .then().statusCode(409).body("type", equalTo("urn:kiroku:problem:opt-out-stop-state"));
    }

    @Test
    void stopsAreListedBySubjectAndStateAndReadOnlyByOfficersAndAuditors() {
        String subject = newSubjectId();
        String stop = register(subject, List.of(), TODAY.toString());
        given().auth().oauth2(AUDITOR).queryParam("subjectScheme", "customer-number")
                .queryParam("subjectIdentifier", subject).queryParam("active", true)
                .when().get(STOPS)
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(stop))
                .body("items[0].allRecipients", equalTo(true));
        given().auth().oauth2(AUDITOR).when().get(STOPS + "/" + stop).then().statusCode(200);
        given().auth().oauth2(CRM).when().get(STOPS).then().statusCode(403);
        given().auth().oauth2(AUDITOR).contentType(ContentType.JSON)
                .body(Map.of("subject", Map.of("scheme", "customer-number", "identifier", subject),
                        "effectiveFrom", TODAY.toString(), "receivedVia", "web"))
                .when().post(STOPS).then().statusCode(403);
        given().when().get(STOPS).then().statusCode(401);
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("subject", Map.of("scheme", "customer-number", "identifier", subject)))
                .when().post(STOPS).then().statusCode(400);
        given().auth().oauth2(OFFICER).when().get(STOPS + "/019a8f2e-7c41-7d3a-9b1e-2f4c6a8e0b12")
                .then().statusCode(404);
    }

    @Test
    void aRetriedStopRegistrationAnswersTheFirstStop() {
        Map<String, Object> body = Map.of("subject", Map.of("scheme", "customer-number", "identifier", newSubjectId()),
                "effectiveFrom", TODAY.toString(), "receivedVia", "web");
        String key = "stop-" + body.hashCode();
        String first = given().auth().oauth2(OFFICER).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).when().post(STOPS).then().statusCode(201).extract().path("id");
        given().auth().oauth2(OFFICER).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).when().post(STOPS)
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
    }
}
