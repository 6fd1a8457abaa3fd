package dev.kiroku.provisionrecords.provision;

import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import dev.kiroku.platform.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.AUDITOR;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.BILLING;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.BREACH_MANAGER;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.CRM;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.OFFICER;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.PROVISIONS;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.TODAY;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.consentReceipt;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.newSubjectId;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.optOutProvision;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Provision records over HTTP against a real PostgreSQL: ingest, idempotency, the law's 422s, corrections, search. */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ProvisionResourceTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static Response create(String token, Map<String, Object> event) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(event).when().post(PROVISIONS);
    }

    @Test
    void anOptOutProvisionIsRecordedWithItsRetentionRuleAndAuditEntry() {
        String subject = newSubjectId();
        String id = create(CRM, optOutProvision(subject, "株式会社サンプル商事", TODAY))
                .then().statusCode(201)
                .header("Location", containsString(PROVISIONS + "/"))
                .body("statutory", equalTo(true))
                .body("legalBasisArticle", equalTo("APPI Art. 27(2)"))
                .body("subject.identifier", equalTo(subject))
                .body("retention.legalRetainUntil", equalTo(TODAY.plusYears(3).toString()))
                .body("retention.rule", containsString("Art. 29(2)"))
                .body("recordedBy", equalTo("service-account-demo-crm"))
                .body("auditEntryId", notNullValue())
                .extract().path("id");

        given().auth().oauth2(AUDITOR).when().get(PROVISIONS + "/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id)).body("versionNo", equalTo(1))
                .body("counterparty.name", equalTo("株式会社サンプル商事"))
                .body("dataItems", hasItem("PHONE"));
    }

    @Test
    void aRetryWithTheSameKeyAnswersTheFirstRecordAndADifferentBodyIsRefused() {
        Map<String, Object> event = with(optOutProvision(newSubjectId(), "株式会社サンプル商事", TODAY),
                "clientEventId", null);
        String first = given().auth().oauth2(CRM).header("Idempotency-Key", "retry-" + event.hashCode())
                .contentType(ContentType.JSON).body(event).when().post(PROVISIONS)
                .then().statusCode(201).header("Idempotent-Replayed", nullValue()).extract().path("id");
        given().auth().oauth2(CRM).header("Idempotency-Key", "retry-" + event.hashCode())
                .contentType(ContentType.JSON).body(event).when().post(PROVISIONS)
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first))
                .body("clientEventId", equalTo("retry-" + event.hashCode()));
        given().auth().oauth2(CRM).header("Idempotency-Key", "retry-" + event.hashCode())
                .contentType(ContentType.JSON).body(with(event, "dataItems", List.of("NAME")))
                .when().post(PROVISIONS)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:idempotency-key-reused"));
        // keys are scoped to the client: another system may use the same key
        given().auth().oauth2(BILLING).header("Idempotency-Key", "retry-" + event.hashCode())
                .contentType(ContentType.JSON).body(event).when().post(PROVISIONS)
                .then().statusCode(201).header("Idempotent-Replayed", nullValue());
    }

    @Test
    void theBodysClientEventIdIsAKeyTooAndMustAgreeWithTheHeader() {
        Map<String, Object> event = optOutProvision(newSubjectId(), "株式会社サンプル商事", TODAY);
        String first = create(CRM, event).then().statusCode(201).extract().path("id");
        create(CRM, event).then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        given().auth().oauth2(CRM).header("Idempotency-Key", "another-key").contentType(ContentType.JSON).body(event)
                .when().post(PROVISIONS)
                .then().statusCode(400).body("violations[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void aRecordMissingAnItemItsBasisRequiresIsRefusedListingTheItemAndTheRule() {
        Map<String, Object> event = with(optOutProvision(newSubjectId(), "株式会社サンプル商事", TODAY),
                "providedOn", null, "method", "BULK");
        create(CRM, event).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:provision-record-refused"))
                .body("violations.field", hasItem("method"))
                .body("violations.rule", hasItem("APPI Rule 19(2) proviso / Rule 23(2) proviso"))
                .body("violations.field", hasItem("period.first"));
        Map<String, Object> receipt = with(consentReceipt(newSubjectId(), "株式会社データ提供", TODAY),
                "acquisitionCircumstances", null);
        create(CRM, receipt).then().statusCode(422)
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo("acquisitionCircumstances"))
                .body("violations[0].rule", equalTo("APPI Rule 24(1)(ii), Art. 30(1)"));
    }

    @Test
    void anEntrustmentAbroadIsCheckedAgainstTheDesignatedCountriesAndTheSystemRouteKeepsItsMeasures() {
        Map<String, Object> event = with(optOutProvision(newSubjectId(), "Example Cloud Inc.", TODAY),
                "legalBasis", "ENTRUST_27_5_I");
        @SuppressWarnings("unchecked")
        Map<String, Object> abroad = new java.util.LinkedHashMap<>((Map<String, Object>) event.get("counterparty"));
        abroad.put("country", "CN");
        // APPI Art. 28(1): China is not a designated country, so the route cannot be "equivalent country"
        create(CRM, with(event, "counterparty", abroad, "foreignTransfer", Map.of("route", "EQUIVALENT_COUNTRY")))
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", hasItem("foreignTransfer.route"))
                .body("violations.rule", hasItem(containsString("APPI Art. 28(1)")))
                .body("violations.message", hasItem(containsString("Allowed routes: CONSENT_28_1, EXCEPTION_27_1, "
                        + "RECIPIENT_SYSTEM")));
        // a control character in the measures' reference is refused as the field's fault, never a 500
        create(CRM, with(event, "counterparty", abroad, "foreignTransfer",
                Map.of("route", "RECIPIENT_SYSTEM", "measuresRef", "DPA\u0000")))
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(containsString("measuresRef")));
        // Art. 28(3), Rule 18: the 体制整備 route records where the provider's measures are documented
        create(CRM, with(event, "counterparty", abroad, "foreignTransfer", Map.of("route", "RECIPIENT_SYSTEM")))
                .then().statusCode(422)
                .body("violations.field", hasItem("foreignTransfer.measuresRef"));
        String id = create(CRM, with(event, "counterparty", abroad, "clientEventId", "evt-" + UUID.randomUUID(),
                        "foreignTransfer", Map.of("route", "RECIPIENT_SYSTEM", "measuresRef", "DPA-2026-014 第9条")))
                .then().statusCode(201)
                .body("statutory", equalTo(false))
                .body("foreignTransferRoute", equalTo("RECIPIENT_SYSTEM"))
                .body("foreignTransferMeasuresRef", equalTo("DPA-2026-014 第9条"))
                .extract().path("id");
        given().auth().oauth2(AUDITOR).when().get(PROVISIONS + "/" + id)
                .then().statusCode(200).body("foreignTransferMeasuresRef", equalTo("DPA-2026-014 第9条"));
        given().auth().oauth2(AUDITOR).when().get("/api/v1/provisions/verification")
                .then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void aMalformedEventIsA400WithItsFields() {
        Map<String, Object> event = with(optOutProvision(newSubjectId(), "株式会社サンプル商事", TODAY),
                "direction", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> counterparty = new java.util.LinkedHashMap<>((Map<String, Object>) event.get("counterparty"));
        counterparty.put("country", "Japan");
        create(CRM, with(event, "counterparty", counterparty))
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(containsString("direction")))
                .body("violations.field", hasItem(containsString("counterparty.country")));
        given().auth().oauth2(CRM).contentType(ContentType.JSON).body("{\"direction\": \"SIDEWAYS\"}")
                .when().post(PROVISIONS).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aProvisionUnderAnExemptBasisIsKeptAsVoluntaryEvidence() {
        create(CRM, with(optOutProvision(newSubjectId(), "警視庁", TODAY), "legalBasis", "EXC_27_1_I"))
                .then().statusCode(201)
                .body("statutory", equalTo(false))
                .body("retention.rule", containsString("voluntary"));
    }

    @Test
    void ingestSystemsCreateButNeverReadAndOthersAreRefused() {
        String id = create(CRM, optOutProvision(newSubjectId(), "株式会社サンプル商事", TODAY))
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(CRM).when().get(PROVISIONS + "/" + id).then().statusCode(403);
        given().auth().oauth2(CRM).when().get(PROVISIONS).then().statusCode(403);
        create(AUDITOR, optOutProvision(newSubjectId(), "株式会社サンプル商事", TODAY)).then().statusCode(403);
        create(BREACH_MANAGER, optOutProvision(newSubjectId(), "株式会社サンプル商事", TODAY)).then().statusCode(403);
        given().contentType(ContentType.JSON).body(optOutProvision(newSubjectId(), "x", TODAY))
                .when().post(PROVISIONS).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(OFFICER).when().get(PROVISIONS + "/019a8f2e-7c41-7d3a-9b1e-2f4c6a8e0b12")
                .then().statusCode(404).body("type", equalTo("urn:kiroku:problem:not-found"));
    }

    @Test
    void aCorrectionIsANewVersionAndTheOriginalStaysReadable() {
        Map<String, Object> original = optOutProvision(newSubjectId(), "株式会社サンプル商事", TODAY);
        String v1 = create(CRM, original).then().statusCode(201).extract().path("id");
        Map<String, Object> corrected = with(original, "clientEventId", null, "dataItems", List.of("NAME", "ADDRESS"));

        String v2 = given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("reason", "電話番号は提供していなかったため訂正", "record", corrected))
                .when().post(PROVISIONS + "/" + v1 + "/corrections")
                .then().statusCode(201)
                .body("versionNo", equalTo(2)).body("correctsId", equalTo(v1)).body("lineageId", equalTo(v1))
                .body("correctionReason", equalTo("電話番号は提供していなかったため訂正"))
                .body("recordedBy", equalTo("officer"))
                .body("retention.legalRetainUntil", equalTo(TODAY.plusYears(3).toString()))
                .extract().path("id");

        given().auth().oauth2(AUDITOR).when().get(PROVISIONS + "/" + v1)
                .then().statusCode(200).body("dataItems", hasItem("PHONE")).body("versionNo", equalTo(1));
        given().auth().oauth2(AUDITOR).when().get(PROVISIONS + "/" + v1 + "/history")
                .then().statusCode(200)
                .body("currentId", equalTo(v2)).body("versions", hasSize(2))
                .body("versions[1].correctsId", equalTo(v1));
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("reason", "二重訂正", "record", corrected))
                .when().post(PROVISIONS + "/" + v1 + "/corrections")
                .then().statusCode(409).body("type", equalTo("urn:kiroku:problem:provision-record-superseded"));
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("record", corrected))
                .when().post(PROVISIONS + "/" + v2 + "/corrections")
                .then().statusCode(400).body("violations[0].field", containsString("reason"));
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("reason", "日付を削除", "record", with(corrected, "providedOn", null)))
                .when().post(PROVISIONS + "/" + v2 + "/corrections")
                .then().statusCode(422).body("violations[0].rule", equalTo("APPI Rule 20(1)(i)"));
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(Map.of("reason", "x", "record", corrected))
                .when().post(PROVISIONS + "/" + v2 + "/corrections").then().statusCode(403);
    }

    @Test
    void searchFindsCurrentVersionsBySubjectCounterpartyItemAndDateWithTotalsAndPages() {
        String subject = newSubjectId();
        String counterparty = "株式会社検索テスト" + subject.substring(2, 10);
        for (int i = 0; i < 3; i++) {
            create(CRM, optOutProvision(subject, counterparty, TODAY.minusDays(i))).then().statusCode(201);
        }
        create(CRM, consentReceipt(subject, "株式会社データ提供", TODAY.minusDays(40))).then().statusCode(201);
        create(CRM, optOutProvision(newSubjectId(), counterparty, TODAY)).then().statusCode(201);

        given().auth().oauth2(OFFICER)
                .queryParam("subjectScheme", "customer-number").queryParam("subjectIdentifier", subject)
                .when().get(PROVISIONS)
                .then().statusCode(200).body("total", equalTo(4)).body("items", hasSize(4));
        given().auth().oauth2(OFFICER).queryParam("counterparty", " " + counterparty.replace("株式会社", "株式会社 "))
                .queryParam("limit", 2)
                .when().get(PROVISIONS)
                .then().statusCode(200).body("total", equalTo(4)).body("items", hasSize(2))
                .body("next", notNullValue()).header("Link", containsString("rel=\"next\""));
        given().auth().oauth2(AUDITOR)
                .queryParam("subjectScheme", "customer-number").queryParam("subjectIdentifier", subject)
                .queryParam("item", "EMAIL").queryParam("direction", "RECEIVED")
                .queryParam("from", TODAY.minusDays(60).toString()).queryParam("to", TODAY.minusDays(30).toString())
                .when().get(PROVISIONS)
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].legalBasis", equalTo("CONSENT_27_1"));
        given().auth().oauth2(OFFICER).queryParam("subjectIdentifier", subject).when().get(PROVISIONS)
                .then().statusCode(400).body("violations[0].field", equalTo("subjectScheme"));
        given().auth().oauth2(OFFICER).queryParam("limit", 501).when().get(PROVISIONS).then().statusCode(400);
    }

    @Test
    void aBatchAnswersEveryEventCreatedDuplicateOrRejectedAndWritesOnlyWholeEvents() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            events.add(optOutProvision(newSubjectId(), "株式会社バッチ", TODAY));
        }
        Map<String, Object> earlier = optOutProvision(newSubjectId(), "株式会社バッチ", TODAY);
        create(CRM, earlier).then().statusCode(201);
        events.add(earlier);                                                     // 1000: recorded before
        events.add(with(events.get(0), "subject", Map.of("scheme", "customer-number", "identifier", "other")));
        events.add(with(events.get(1), "providedOn", null));                     // 1002: same key, other body
        events.add(with(optOutProvision(newSubjectId(), "株式会社バッチ", TODAY), "providedOn", null)); // 1003: 422
        events.add(with(optOutProvision(newSubjectId(), "株式会社バッチ", TODAY), "clientEventId", null)); // 1004: 400
        events.add(events.get(2));                                               // 1005: repeated in the batch

        Response response = given().auth().oauth2(CRM).contentType(ContentType.JSON).body(Map.of("events", events))
                .when().post(PROVISIONS + "/batch");
        response.then().statusCode(200)
                .body("created", equalTo(1000)).body("duplicates", equalTo(2)).body("rejected", equalTo(4))
                .body("items", hasSize(1006))
                .body("items[0].status", equalTo("CREATED"))
                .body("items[1000].status", equalTo("DUPLICATE"))
                .body("items[1001].problem.type", equalTo("urn:kiroku:problem:idempotency-key-reused"))
                .body("items[1002].problem.status", equalTo(422))
                .body("items[1003].problem.type", equalTo("urn:kiroku:problem:provision-record-refused"))
                .body("items[1003].problem.violations[0].rule", equalTo("APPI Rule 20(1)(i)"))
                .body("items[1004].problem.status", equalTo(400))
                .body("items[1005].status", equalTo("DUPLICATE"))
                .body("items[1005].id", equalTo(response.path("items[2].id")));

        // the same batch again: nothing new is written
        given().auth().oauth2(CRM).contentType(ContentType.JSON).body(Map.of("events", events.subList(0, 1000)))
                .when().post(PROVISIONS + "/batch")
                .then().statusCode(200).body("created", equalTo(0)).body("duplicates", equalTo(1000));
        String created = response.path("items[0].id");
        given().auth().oauth2(OFFICER).when().get(PROVISIONS + "/" + created).then().statusCode(200)
                .body("auditEntryId", notNullValue());
        given().auth().oauth2(CRM).contentType(ContentType.JSON).body(Map.of("events", List.of()))
                .when().post(PROVISIONS + "/batch").then().statusCode(400);
    }

    @Test
    void aBatchKeepsEveryCharacterOutsideTheBasicPlaneAsSentHoweverLongTheBatch() {
        // 𠮷 (U+20BB7, common in Japanese names) is two UTF-16 units. The batch's rows are 1.8 million units, and the
        // odd-length prefix of every third row puts pairs at odd and even offsets: any re-encoding of the text in
        // pieces of an even number of units splits some pairs (the driver's reader-fed COPY stored "??" in 15 of
        // 1,000 such rows, whose records then failed verification). The body is 7.5 MB: the JSON escapes each pair.
        String counterparty = "株式会社𠮷野" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> sent = new java.util.HashMap<>();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            Map<String, Object> e = consentReceipt(newSubjectId(), counterparty, TODAY);
            String circumstances = "あ".repeat(i % 3) + "𠮷".repeat(990 + i % 5) + "から取得";
            e.put("acquisitionCircumstances", circumstances);
            sent.put((String) e.get("clientEventId"), circumstances);
            events.add(e);
        }
        given().auth().oauth2(CRM).contentType(ContentType.JSON).body(Map.of("events", events))
                .when().post(PROVISIONS + "/batch")
                .then().statusCode(200).body("created", equalTo(600));

        Map<String, String> stored = new java.util.HashMap<>();
        String after = null;
        do {
            var page = given().auth().oauth2(OFFICER).queryParam("counterparty", counterparty).queryParam("limit", 500)
                    .queryParams(after == null ? Map.of() : Map.of("after", after))
                    .when().get(PROVISIONS).then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            items.forEach(item -> stored.put((String) item.get("clientEventId"),
                    (String) item.get("acquisitionCircumstances")));
            after = page.getString("next");
        } while (after != null);
        assertThat(stored).isEqualTo(sent);
    }

    @Test
    void aBatchReadsEachEventOnItsOwnSoAnUnreadableEventIsRejectedAndTheOthersAreRecorded() {
        List<Object> events = new ArrayList<>();
        events.add(optOutProvision(newSubjectId(), "株式会社バッチ", TODAY));                      // 0: fine
        events.add(with(optOutProvision(newSubjectId(), "株式会社バッチ", TODAY), "direction", "SIDEWAYS"));
        events.add(with(optOutProvision(newSubjectId(), "株式会社バッチ", TODAY), "providedOn", "2026-02-30"));
        events.add(with(optOutProvision(newSubjectId(), "株式会社バッチ", TODAY), "providedOn", "yesterday"));
        events.add(with(optOutProvision(newSubjectId(), "株式会社バッチ", TODAY), "counterparty", 12));
        events.add(with(optOutProvision(newSubjectId(), "株式会社バッチ", TODAY), "dataItems",
                List.of("NAME", "SHOE_SIZE")));
        events.add("not an event");
        events.add(optOutProvision(newSubjectId(), "株式会社バッチ", TODAY));                      // 7: fine

        given().auth().oauth2(CRM).contentType(ContentType.JSON).body(Map.of("events", events))
                .when().post(PROVISIONS + "/batch")
                .then().statusCode(200)
                .body("created", equalTo(2)).body("rejected", equalTo(6))
                .body("items[0].status", equalTo("CREATED"))
                .body("items[7].status", equalTo("CREATED"))
                .body("items[1].status", equalTo("REJECTED"))
                .body("items[1].clientEventId", equalTo(((Map<?, ?>) events.get(1)).get("clientEventId")))
                .body("items[1].problem.status", equalTo(400))
                .body("items[1].problem.violations[0].field", equalTo("direction"))
                .body("items[1].problem.violations[0].message", containsString("PROVIDED, RECEIVED"))
                .body("items[2].problem.violations[0].field", equalTo("providedOn"))
                .body("items[3].problem.violations[0].field", equalTo("providedOn"))
                .body("items[4].problem.violations[0].field", equalTo("counterparty"))
                .body("items[5].problem.violations[0].field", equalTo("dataItems[1]"))
                .body("items[5].problem.violations[0].message", containsString("NAME"))
                .body("items[6].status", equalTo("REJECTED"))
                .body("items[6].problem.status", equalTo(400))
                .body("toString()", org.hamcrest.Matchers.not(containsString("SIDEWAYS")))
                .body("toString()", org.hamcrest.Matchers.not(containsString("SHOE_SIZE")));

        // only an envelope that is not a batch fails the request
        given().auth().oauth2(CRM).contentType(ContentType.JSON).body("{\"events\": 12}")
                .when().post(PROVISIONS + "/batch").then().statusCode(400);
        given().auth().oauth2(CRM).contentType(ContentType.JSON).body("{\"events\": [")
                .when().post(PROVISIONS + "/batch").then().statusCode(400);
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteARecordBehindTheServicesBack() throws SQLException {
        String id = create(CRM, optOutProvision(newSubjectId(), "株式会社サンプル商事", TODAY))
                .then().statusCode(201).extract().path("id");
        // the table's owner meets the triggers (the service's own role has not even the privilege: DatabaseRolesTest)
        try (Connection c = TestDatabase.owner(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE provision_record SET data_items = '{NAME}' WHERE id = '"
                    + id + "'")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM provision_record WHERE id = '" + id + "'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("TRUNCATE provision_record CASCADE"))
                    .hasMessageContaining("append-only");
        }
        given().auth().oauth2(OFFICER).when().get(PROVISIONS + "/" + id).then().statusCode(200);
        assertThat(id).isNotBlank();
    }
}
