package dev.kiroku.breachreporting.affected;

import dev.kiroku.breachreporting.incident.IncidentFixtures;
import dev.kiroku.platform.testing.DemoLogins;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.KeycloakResource;
import dev.kiroku.platform.testing.KeycloakTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.kiroku.breachreporting.affected.AffectedPersonImportTest.finish;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

/**
 * The service-to-service call: breach-reporting derives an incident's affected persons from the real provision-records
 * (its packaged jar, started by {@link ProvisionRecordsProcess}) with a real Keycloak client-credentials token of its
 * service account {@code kiroku-breach-reporting}; records are seeded there with a real token of an ingest system.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = ProvisionRecordsProcess.class, restrictToAnnotatedClass = true)
class ProvisionRecordsDerivationTest {

    static final String INCIDENTS = "/api/v1/incidents";
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Tokyo"));

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static void provide(String crm, String subject, String name, String counterparty, List<String> items) {
        Map<String, Object> cp = new LinkedHashMap<>();
        cp.put("kind", "CORPORATION");
        cp.put("name", counterparty);
        cp.put("address", "東京都千代田区丸の内一丁目1番1号");
        cp.put("representative", "代表取締役 山田太郎");
        cp.put("country", "JP");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("clientEventId", "evt-" + UUID.randomUUID());
        event.put("direction", "PROVIDED");
        event.put("legalBasis", "OPT_OUT_27_2");
        event.put("method", "PER_EVENT");
        event.put("counterparty", cp);
        event.put("subject", Map.of("scheme", "customer-number", "identifier", subject, "name", name));
        event.put("dataItems", items);
        event.put("providedOn", TODAY.minusDays(5).toString());
        given().auth().oauth2(crm).contentType(ContentType.JSON).body(event)
                .when().post(ProvisionRecordsProcess.url() + "/api/v1/provisions")
                .then().statusCode(201);
    }

    static String derive(String token, String incident, String counterparty) {
        String location = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("counterparty", Map.of("name", counterparty), "items", List.of("EMAIL"),
                        "from", TODAY.minusDays(30).toString(), "to", TODAY.toString()))
                .when().post(INCIDENTS + "/" + incident + "/affected-person-derivations")
                .then().statusCode(202).extract().header("Location");
        return location.substring(location.indexOf(INCIDENTS));
    }

    @Test
    void aDerivationFetchesAServiceAccountTokenPagesThroughProvisionRecordsAndLandsEachPersonOnce() {
        String crm = KeycloakTokens.forClient(DemoLogins.DEMO_CRM, DemoLogins.DEMO_CRM_SECRET);
        String manager = KeycloakTokens.forUser(DemoLogins.BREACH_MANAGER);
        String officer = KeycloakTokens.forUser(DemoLogins.OFFICER);
        String counterparty = "株式会社委託先" + UUID.randomUUID().toString().substring(0, 8);
        List<String> subjects = List.of("S-" + UUID.randomUUID(), "S-" + UUID.randomUUID(), "S-" + UUID.randomUUID(),
                "S-" + UUID.randomUUID(), "S-" + UUID.randomUUID());
        String[] names = {"佐藤花子", "鈴木一郎", "高橋美咲", "田中健太", "伊藤由美"};
        for (int i = 0; i < subjects.size(); i++) {
            provide(crm, subjects.get(i), names[i], counterparty, List.of("NAME", "EMAIL"));
        }
        provide(crm, subjects.get(0), names[0], counterparty, List.of("EMAIL"));         // the same person again
        provide(crm, "S-" + UUID.randomUUID(), "山本さくら", counterparty, List.of("PHONE")); // other items
        provide(crm, "S-" + UUID.randomUUID(), "中村翔", "株式会社別会社", List.of("EMAIL")); // other counterparty

        OffsetDateTime awareness = OffsetDateTime.now(IncidentFixtures.JST).minusHours(1)
                .truncatedTo(ChronoUnit.SECONDS);
        String incident = given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body(IncidentFixtures.draft(awareness)).when().post(INCIDENTS)
                .then().statusCode(201).extract().path("id");
        // a person already named by a CSV file, with an e-mail address and no name: the derivation completes them
        given().auth().oauth2(manager).contentType("text/csv")
                .body("scheme,identifier,email\ncustomer-number," + subjects.get(4) + ",yumi.ito@example.jp\n")
                .when().post(INCIDENTS + "/" + incident + "/affected-person-imports").then().statusCode(202);
        awaitPersons(manager, incident, 1);

        String job = derive(officer, incident, counterparty);
        finish(job, manager);
        String jobId = job.substring(job.lastIndexOf('/') + 1);
        given().auth().oauth2(manager).when().get(job).then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("kind", equalTo("PROVISION_RECORDS"))
                .body("total", equalTo(5)).body("processed", equalTo(5)).body("added", equalTo(4))
                .body("completed", equalTo(1)).body("duplicates", equalTo(0))
                .body("filter.counterpartyName", equalTo(counterparty)).body("filter.items", equalTo(List.of("EMAIL")))
                .body("personsOnRecord", equalTo(5)).body("requestedBy", equalTo("officer"));

        Map<String, Object> page = given().auth().oauth2(manager).when()
                .get(INCIDENTS + "/" + incident + "/affected-persons")
                .then().statusCode(200).body("total", equalTo(5))
                .body("bySource.PROVISION_RECORDS", equalTo(4)).body("bySource.CSV_IMPORT", equalTo(1))
                .body("items.findAll { it.source == 'PROVISION_RECORDS' }.sourceId", everyItem(equalTo(jobId)))
                .body("items.find { it.identifier == '" + subjects.get(4) + "' }.name", equalTo("伊藤由美"))
                .body("items.find { it.identifier == '" + subjects.get(4) + "' }.email",
                        equalTo("yumi.ito@example.jp"))
                .extract().as(Map.class);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        assertThat(items).extracting(p -> p.get("identifier")).containsExactlyInAnyOrderElementsOf(subjects);

        // provision-records recorded who read which subjects: breach-reporting's service account, the count in a
        // read of its own (one subject, the total) beside the pages, which leave the count out
        List<Map<String, Object>> entries = given().auth().oauth2(officer)
                .queryParam("aggregateType", "provision-subjects-query").queryParam("limit", 500)
                .when().get(ProvisionRecordsProcess.url() + "/api/v1/audit/provision-records/entries")
                .then().statusCode(200).extract().path("items");
        List<Map<String, Object>> reads = entries.stream()
                .filter(e -> String.valueOf(e.get("content")).contains(counterparty)).toList();
        assertThat(reads).hasSize(4)
                .allSatisfy(e -> assertThat(e.get("actor")).isEqualTo("service-account-kiroku-breach-reporting"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> contents = reads.stream().map(e -> (Map<String, Object>) e.get("content")).toList();
        assertThat(contents).filteredOn(c -> c.containsKey("total")).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("total", 5).containsEntry("limit", 1));
        assertThat(contents).filteredOn(c -> !c.containsKey("total"))
                .extracting(c -> c.get("returned")).containsExactlyInAnyOrder(2, 2, 1);

        // provision-records down: the job fails with its reason, nothing added; up again: a new derivation completes
        ProvisionRecordsProcess.down();
        try {
            String failed = derive(manager, incident, counterparty);
            finish(failed, manager);
            given().auth().oauth2(manager).when().get(failed).then()
                    .body("status", equalTo("FAILED"))
                    .body("failure", containsString("provision-records at " + ProvisionRecordsProcess.url()))
                    .body("failure", containsString("a new derivation may be started"))
                    .body("added", equalTo(0));
        } finally {
            ProvisionRecordsProcess.up();
        }
        String retried = derive(manager, incident, counterparty);
        finish(retried, manager);
        given().auth().oauth2(manager).when().get(retried).then()
                .body("status", equalTo("COMPLETED")).body("processed", equalTo(5)).body("added", equalTo(0))
                .body("duplicates", equalTo(5)).body("personsOnRecord", equalTo(5));
    }

    static void awaitPersons(String token, String incident, int expected) {
        for (int i = 0; i < 200; i++) {
            int total = given().auth().oauth2(token).when().get(INCIDENTS + "/" + incident + "/affected-persons")
                    .then().statusCode(200).extract().path("total");
            if (total >= expected) {
                return;
            }
            AffectedPersonImportTest.sleep(50);
        }
        throw new AssertionError("the CSV import did not land");
    }

    @Test
    void provisionRecordsRefusesTheSubjectsToAnIngestSystemAndAnAuditor() {
        String crm = KeycloakTokens.forClient(DemoLogins.DEMO_CRM, DemoLogins.DEMO_CRM_SECRET);
        String auditor = KeycloakTokens.forUser(DemoLogins.AUDITOR);
        String service = KeycloakTokens.forClient("kiroku-breach-reporting", "kiroku-breach-reporting-dev-only-secret");
        for (String token : List.of(crm, auditor)) {
            given().auth().oauth2(token).queryParam("counterpartyName", "株式会社サンプル商事")
                    .when().get(ProvisionRecordsProcess.url() + "/api/v1/provision-subjects")
                    .then().statusCode(403).contentType("application/problem+json");
        }
        given().auth().oauth2(service).queryParam("counterpartyName", "株式会社サンプル商事")
                .when().get(ProvisionRecordsProcess.url() + "/api/v1/provision-subjects")
                .then().statusCode(200);
    }
}
