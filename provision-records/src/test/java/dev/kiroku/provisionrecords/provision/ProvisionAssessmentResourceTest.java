package dev.kiroku.provisionrecords.provision;

import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.AUDITOR;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.BREACH_MANAGER;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.CRM;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** The assessment integrators call before a provision: what the record duty asks, from the rule tables. */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ProvisionAssessmentResourceTest {

    static final String ASSESS = "/api/v1/provision-assessments";

    @Test
    void anOptOutProvisionNeedsARecordWithItsDateAndIsKeptThreeYears() {
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("direction", "PROVIDED", "legalBasis", "OPT_OUT_27_2", "counterpartyCountry", "JP",
                        "method", "PER_EVENT"))
                .when().post(ASSESS)
                .then().statusCode(200)
                .body("recordRequired", equalTo(true))
                .body("decidedBy.article", equalTo("APPI Art. 29(1), Rule 20(1)(i)"))
                .body("requiredItems.item", containsInAnyOrder("PROVISION_DATE", "COUNTERPARTY", "SUBJECT",
                        "DATA_ITEMS"))
                .body("itemsRule", equalTo("APPI Rule 20(1)(i)"))
                .body("method.allowed", equalTo(true))
                .body("retention.period", equalTo("P3Y"))
                .body("retention.from", equalTo("RECORD_CREATION"))
                .body("violations", hasSize(0));
    }

    @Test
    void aBulkOptOutRecordIsRefusedAndAForeignConsentProvisionNamesItsRoute() {
        given().auth().oauth2(AUDITOR).contentType(ContentType.JSON)
                .body(Map.of("direction", "PROVIDED", "legalBasis", "OPT_OUT_27_2", "counterpartyCountry", "JP",
                        "method", "BULK"))
                .when().post(ASSESS)
                .then().statusCode(200)
                .body("method.allowed", equalTo(false))
                .body("method.refusal", containsString("bulk record is not allowed"))
                .body("violations.rule", hasItem("APPI Rule 19(2) proviso / Rule 23(2) proviso"));
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("direction", "PROVIDED", "legalBasis", "ENTRUST_27_5_I", "counterpartyCountry", "US",
                        "method", "PER_EVENT"))
                .when().post(ASSESS)
                .then().statusCode(200)
                .body("violations.field", hasItem("foreignTransfer.route"));
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("direction", "PROVIDED", "legalBasis", "ENTRUST_27_5_I", "counterpartyCountry", "US",
                        "method", "PER_EVENT", "foreignTransferRoute", "CONSENT_28_1"))
                .when().post(ASSESS)
                .then().statusCode(200)
                .body("recordRequired", equalTo(true))
                .body("decidedBy.id", equalTo("foreign-27-5-needing-consent"));
    }

    @Test
    void anExemptBasisNeedsNoStatutoryRecord() {
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("direction", "RECEIVED", "legalBasis", "JOINT_USE_27_5_III", "counterpartyCountry", "JP",
                        "method", "PER_EVENT"))
                .when().post(ASSESS)
                .then().statusCode(200)
                .body("recordRequired", equalTo(false))
                .body("retention.rule", containsString("voluntary"));
    }

    @Test
    void anEquivalentCountryClaimForChinaIs422NamingArticle28AndTheAllowedRoutes() {
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("direction", "PROVIDED", "legalBasis", "ENTRUST_27_5_I", "counterpartyCountry", "CN",
                        "method", "PER_EVENT", "foreignTransferRoute", "EQUIVALENT_COUNTRY"))
                .when().post(ASSESS)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:art28-route-not-for-country"))
                .body("violations[0].field", equalTo("foreignTransferRoute"))
                .body("violations[0].rule", containsString("APPI Art. 28(1)"))
                .body("detail", containsString("CN is not designated"))
                .body("allowedRoutes", contains("CONSENT_28_1", "EXCEPTION_27_1", "RECIPIENT_SYSTEM"));
    }

    @Test
    void entrustmentToADesignatedCountryOrARecipientWithASystemNeedsNoRecord() {
        given().auth().oauth2(AUDITOR).contentType(ContentType.JSON)
                .body(Map.of("direction", "PROVIDED", "legalBasis", "ENTRUST_27_5_I", "counterpartyCountry", "FR",
                        "method", "PER_EVENT", "foreignTransferRoute", "EQUIVALENT_COUNTRY"))
                .when().post(ASSESS)
                .then().statusCode(200)
                .body("recordRequired", equalTo(false))
                .body("decidedBy.id", equalTo("foreign-27-5-equivalent-or-system"))
                .body("violations", hasSize(0));
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("direction", "PROVIDED", "legalBasis", "ENTRUST_27_5_I", "counterpartyCountry", "US",
                        "method", "PER_EVENT", "foreignTransferRoute", "RECIPIENT_SYSTEM"))
                .when().post(ASSESS)
                .then().statusCode(200)
                .body("recordRequired", equalTo(false))
                .body("decidedBy.article", containsString("Rule 16"));
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("direction", "PROVIDED", "legalBasis", "ENTRUST_27_5_I", "counterpartyCountry", "DE",
                        "method", "PER_EVENT", "foreignTransferRoute", "RECIPIENT_SYSTEM"))
                .when().post(ASSESS)
                .then().statusCode(422)
                .body("allowedRoutes", contains("EQUIVALENT_COUNTRY", "EXCEPTION_27_1"));
    }

    @Test
    void theRetentionDayIsAnsweredFromTheRecordsCreationOrItsLastProvision() {
        // APPI Rule 21(1)(iii): a per-event record is kept 3 years from its creation
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("direction", "PROVIDED", "legalBasis", "OPT_OUT_27_2", "counterpartyCountry", "JP",
                        "method", "PER_EVENT", "recordCreatedOn", "2026-12-04", "lastProvisionOn", "2026-12-01"))
                .when().post(ASSESS)
                .then().statusCode(200)
                .body("retention.from", equalTo("RECORD_CREATION"))
                .body("retention.fromDay", equalTo("2026-12-04"))
                .body("retention.retainUntil", equalTo("2029-12-04"))
                .body("retention.rule", containsString("Rule 21(1)(iii)"));
        // Rule 21(1)(ii): a bulk record 3 years from the last provision it covers (a leap day stays in February)
        given().auth().oauth2(AUDITOR).contentType(ContentType.JSON)
                .body(Map.of("direction", "PROVIDED", "legalBasis", "CONSENT_27_1", "counterpartyCountry", "JP",
                        "method", "BULK", "lastProvisionOn", "2028-02-29"))
                .when().post(ASSESS)
                .then().statusCode(200)
                .body("retention.from", equalTo("LAST_PROVISION"))
                .body("retention.retainUntil", equalTo("2031-02-28"));
        // without the day it counts from, the period and its rule only
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("direction", "PROVIDED", "legalBasis", "CONSENT_27_1", "counterpartyCountry", "JP",
                        "method", "BULK", "recordCreatedOn", "2026-12-04"))
                .when().post(ASSESS)
                .then().statusCode(200)
                .body("retention.period", equalTo("P3Y"))
                .body("retention.retainUntil", nullValue());
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("direction", "PROVIDED", "legalBasis", "CONSENT_27_1", "counterpartyCountry", "JP",
                        "method", "PER_EVENT", "recordCreatedOn", "+999999999-12-31"))
                .when().post(ASSESS)
                .then().statusCode(422).contentType("application/problem+json");
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("direction", "PROVIDED", "legalBasis", "CONSENT_27_1", "counterpartyCountry", "JP",
                        "method", "PER_EVENT", "recordCreatedOn", "1800-01-01"))
                .when().post(ASSESS)
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("recordCreatedOn"));
    }

    @Test
    void badInputIs400AndOtherRolesAreRefused() {
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("direction", "PROVIDED", "legalBasis", "OPT_OUT_27_2", "counterpartyCountry", "Japan"))
                .when().post(ASSESS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(containsString("counterpartyCountry")))
                .body("violations.field", hasItem(containsString("method")));
        given().auth().oauth2(LocalTokens.forClient("kiroku-swagger", "someone", "service-breach-reporting"))
                .contentType(ContentType.JSON)
                .body(Map.of("direction", "PROVIDED", "legalBasis", "OPT_OUT_27_2", "counterpartyCountry", "JP",
                        "method", "PER_EVENT"))
                .when().post(ASSESS).then().statusCode(403);
        given().auth().oauth2(BREACH_MANAGER).contentType(ContentType.JSON)
                .body(Map.of("direction", "PROVIDED", "legalBasis", "OPT_OUT_27_2", "counterpartyCountry", "JP",
                        "method", "PER_EVENT"))
                .when().post(ASSESS).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of()).when().post(ASSESS).then().statusCode(401);
    }

    @Test
    void theSameBodyIsValidForTheAssessmentAndTheRecord() throws Exception {
        Map<String, Object> usCounterparty = ProvisionFixtures.corporation("Sample Analytics Inc.");
        usCounterparty.put("country", "US");
        Map<String, Object> event = ProvisionFixtures.with(
                ProvisionFixtures.optOutProvision(ProvisionFixtures.newSubjectId(), "unused", ProvisionFixtures.TODAY),
                "legalBasis", "CONSENT_28_1", "counterparty", usCounterparty,
                "foreignTransfer", Map.of("route", "CONSENT_28_1"), "consentRef", "consent:crm:2026-04:77");
        String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(event);

        given().auth().oauth2(CRM).contentType(ContentType.JSON).body(body)
                .when().post(ASSESS)
                .then().statusCode(200)
                .body("recordRequired", equalTo(true))
                .body("retention.fromDay", nullValue())
                .body("violations", hasSize(0));
        given().auth().oauth2(CRM).contentType(ContentType.JSON).body(body)
                .when().post(ProvisionFixtures.PROVISIONS)
                .then().statusCode(201)
                .body("counterparty.country", equalTo("US"))
                .body("legalBasis", equalTo("CONSENT_28_1"));
    }

    @Test
    void theRecordsShapeNamesItsOwnFieldsAndTheDeprecatedFlatFieldsMustAgreeWithIt() {
        Map<String, Object> china = Map.of("kind", "CORPORATION", "name", "示例有限公司", "country", "CN");
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("direction", "PROVIDED", "legalBasis", "ENTRUST_27_5_I", "method", "PER_EVENT",
                        "counterparty", china, "foreignTransfer", Map.of("route", "EQUIVALENT_COUNTRY")))
                .when().post(ASSESS)
                .then().statusCode(422)
                .body("violations[0].field", equalTo("foreignTransfer.route"));
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("direction", "PROVIDED", "legalBasis", "ENTRUST_27_5_I", "method", "PER_EVENT",
                        "counterparty", china, "counterpartyCountry", "US"))
                .when().post(ASSESS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", contains("counterpartyCountry"));
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("direction", "PROVIDED", "legalBasis", "OPT_OUT_27_2", "method", "PER_EVENT"))
                .when().post(ASSESS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", contains("counterparty.country"));
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("direction", "PROVIDED", "legalBasis", "OPT_OUT_27_2", "method", "PER_EVENT",
                        "counterparty", Map.of("kind", "CORPORATION", "country", "JP"),
                        "providedOn", "2026-11-20"))
                .when().post(ASSESS)
                .then().statusCode(200)
                .body("retention.from", equalTo("RECORD_CREATION"));
    }

    @Test
    void theOpenApiMarksTheFlatFieldsDeprecated() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("components.schemas.ProvisionAssessmentRequest.properties.counterpartyCountry.deprecated",
                        equalTo(true))
                .body("components.schemas.ProvisionAssessmentRequest.properties.foreignTransferRoute.deprecated",
                        equalTo(true))
                .body("components.schemas.ProvisionAssessmentRequest.properties.counterparty.deprecated",
                        nullValue());
    }
}
