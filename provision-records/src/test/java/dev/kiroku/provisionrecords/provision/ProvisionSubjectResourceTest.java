package dev.kiroku.provisionrecords.provision;

import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.AUDITOR;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.BREACH_MANAGER;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.CRM;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.OFFICER;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.PROVISIONS;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.TODAY;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.corporation;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.newSubjectId;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.optOutProvision;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The distinct subjects of a counterparty's records, as breach-reporting reads them: filters, pages, roles, audit. */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ProvisionSubjectResourceTest {

    static final String SUBJECTS = "/api/v1/provision-subjects";
    static final String BREACH_REPORTING = LocalTokens.forClient("kiroku-breach-reporting",
            "service-account-kiroku-breach-reporting", "service-breach-reporting");

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static void record(String subject, String counterparty, String corporateNumber, List<String> items,
            LocalDate day) {
        Map<String, Object> cp = corporation(counterparty);
        if (corporateNumber != null) {
            cp.put("corporateNumber", corporateNumber);
        }
        Map<String, Object> event = with(optOutProvision(subject, counterparty, day), "counterparty", cp,
                "dataItems", items);
        given().auth().oauth2(CRM).contentType(ContentType.JSON).body(event).when().post(PROVISIONS)
                .then().statusCode(201);
    }

    static String counterparty() {
        return "株式会社漏えい検証" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String corporateNumber() {
        return String.format("%013d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000_000_000L));
    }

    @Test
    void onlyCurrentSubjectsOfTheCounterpartyWithTheItemsInThePeriodAreNamedOnceEach() {
        String cp = counterparty();
        String repeated = newSubjectId();
        String emailed = newSubjectId();
        String phoneOnly = newSubjectId();
        String tooEarly = newSubjectId();
        String elsewhere = newSubjectId();
        record(repeated, cp, null, List.of("NAME", "EMAIL"), TODAY.minusDays(3));
        record(repeated, cp, null, List.of("EMAIL"), TODAY.minusDays(2));
        record(emailed, cp, null, List.of("EMAIL", "PHONE"), TODAY.minusDays(1));
        record(phoneOnly, cp, null, List.of("PHONE"), TODAY.minusDays(1));
        record(tooEarly, cp, null, List.of("EMAIL"), TODAY.minusDays(40));
        record(elsewhere, counterparty(), null, List.of("EMAIL"), TODAY.minusDays(1));

        List<String> identifiers = given().auth().oauth2(BREACH_REPORTING)
                .queryParam("counterpartyName", " " + cp.replace("株式会社", "株式会社 ") + " ")
                .queryParam("item", "EMAIL").queryParam("item", "CREDIT_CARD")
                .queryParam("from", TODAY.minusDays(10).toString()).queryParam("to", TODAY.toString())
                .when().get(SUBJECTS)
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("next", nullValue())
                .body("items.find { it.identifier == '" + repeated + "' }.name", equalTo("佐藤花子"))
                .body("items[0].scheme", equalTo("customer-number"))
                .extract().path("items.identifier");

        assertThat(identifiers).containsExactlyInAnyOrder(repeated, emailed);
    }

    @Test
    void aCounterpartyIsFoundByItsCorporateNumberAndEveryItemCountsWhenNoneIsGiven() {
        String number = corporateNumber();
        String first = newSubjectId();
        String second = newSubjectId();
        record(first, counterparty(), number, List.of("NAME"), TODAY);
        record(second, counterparty(), number, List.of("PHONE"), TODAY);
        record(newSubjectId(), counterparty(), corporateNumber(), List.of("NAME"), TODAY);

        List<String> identifiers = given().auth().oauth2(OFFICER).queryParam("counterpartyCorporateNumber", number)
                .when().get(SUBJECTS)
                .then().statusCode(200).body("total", equalTo(2))
                .extract().path("items.identifier");

        assertThat(identifiers).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void pagesFollowEachOtherWithoutRepeatingASubjectUntilTheLastHasNoNext() {
        String cp = counterparty();
        Set<String> recorded = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            String subject = newSubjectId();
            recorded.add(subject);
            record(subject, cp, null, List.of("NAME"), TODAY);
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(BREACH_REPORTING).queryParam("counterpartyName", cp)
                    .queryParam("limit", 2);
            if (after != null) {
                request.queryParam("after", after);
            }
            Response page = request.when().get(SUBJECTS);
            if (after == null) {
                page.then().statusCode(200).body("total", equalTo(5));
            } else {
                page.then().statusCode(200).body("$", not(hasKey("total")));
            }
            seen.addAll(page.path("items.identifier"));
            after = page.path("next");
            if (after != null) {
                page.then().header("Link", containsString("after=" + after));
            }
            pages++;
        } while (after != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        assertThat(Set.copyOf(seen)).isEqualTo(recorded);
    }

    @Test
    void aFirstPageAskedWithoutCountHasTheSameSubjectsAndNoTotal() {
        String cp = counterparty();
        for (int i = 0; i < 3; i++) {
            record(newSubjectId(), cp, null, List.of("NAME"), TODAY);
        }
        List<String> counted = given().auth().oauth2(BREACH_REPORTING).queryParam("counterpartyName", cp)
                .queryParam("limit", 2).when().get(SUBJECTS)
                .then().statusCode(200).body("total", equalTo(3)).extract().path("items.identifier");
        given().auth().oauth2(BREACH_REPORTING).queryParam("counterpartyName", cp).queryParam("limit", 2)
                .queryParam("count", false).when().get(SUBJECTS)
                .then().statusCode(200).body("$", not(hasKey("total")))
                .body("items.identifier", equalTo(counted)).body("next", notNullValue());
    }

    @Test
    void aQueryWithoutACounterpartyOrWithAnEmptyRangeIsA400Problem() {
        given().auth().oauth2(BREACH_REPORTING).queryParam("item", "EMAIL").when().get(SUBJECTS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("counterpartyCorporateNumber"));
        given().auth().oauth2(BREACH_REPORTING).queryParam("counterpartyName", "株式会社サンプル商事")
                .queryParam("from", TODAY.toString()).queryParam("to", TODAY.minusDays(1).toString())
                .when().get(SUBJECTS)
                .then().statusCode(400).body("violations[0].field", equalTo("to"));
        given().auth().oauth2(BREACH_REPORTING).queryParam("counterpartyCorporateNumber", "12-34")
                .when().get(SUBJECTS).then().statusCode(400);
    }

    @Test
    void ingestAuditorsAndBreachManagersAreRefusedAndAnonymousCallersUnauthenticated() {
        for (String token : List.of(CRM, AUDITOR, BREACH_MANAGER)) {
            given().auth().oauth2(token).queryParam("counterpartyName", "株式会社サンプル商事").when().get(SUBJECTS)
                    .then().statusCode(403).contentType("application/problem+json");
        }
        given().queryParam("counterpartyName", "株式会社サンプル商事").when().get(SUBJECTS)
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void everyCallIsInTheAuditChainWithCallerFilterAndCountButNoSubject() {
        String cp = counterparty();
        String subject = newSubjectId();
        record(subject, cp, null, List.of("EMAIL"), TODAY);

        given().auth().oauth2(BREACH_REPORTING).queryParam("counterpartyName", cp).queryParam("item", "EMAIL")
                .when().get(SUBJECTS).then().statusCode(200).body("items", hasSize(1));

        List<Map<String, Object>> entries = given().auth().oauth2(AUDITOR)
                .queryParam("aggregateType", "provision-subjects-query").queryParam("limit", 500)
                .when().get("/api/v1/audit/provision-records/entries")
                .then().statusCode(200).extract().path("items");
        Map<String, Object> last = entries.stream()
                .filter(e -> String.valueOf(e.get("content")).contains(cp)).reduce((a, b) -> b).orElseThrow();
        assertThat(last.get("actor")).isEqualTo("service-account-kiroku-breach-reporting");
        assertThat(last.get("action")).isEqualTo("provision-subjects.read");
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) last.get("content");
        assertThat(content).containsEntry("counterpartyName", cp).containsEntry("returned", 1)
                .containsEntry("total", 1).containsEntry("items", List.of("EMAIL"))
                .containsEntry("client", "kiroku-breach-reporting");
        assertThat(content.get("subjectsDigest")).asString().hasSize(64);
        assertThat(String.valueOf(last)).doesNotContain(subject).doesNotContain("佐藤花子");
        given().auth().oauth2(AUDITOR).when().get("/api/v1/audit/provision-records/verification")
                .then().statusCode(200).body("intact", equalTo(true));
    }
}
