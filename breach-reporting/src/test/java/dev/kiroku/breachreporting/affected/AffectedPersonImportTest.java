package dev.kiroku.breachreporting.affected;

import dev.kiroku.breachreporting.incident.IncidentFixtures;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Affected persons from CSV files over HTTP against a real PostgreSQL, with locally signed tokens for every role. */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class AffectedPersonImportTest {

    static final String INCIDENTS = "/api/v1/incidents";
    static final String MANAGER = LocalTokens.user("breach-manager", "breach-manager");
    static final String OFFICER = LocalTokens.user("officer", "compliance-officer");
    static final String AUDITOR = LocalTokens.user("auditor", "auditor");
    static final String CRM = LocalTokens.user("crm", "ingest");
    static final String HEADER = "scheme,identifier,name,email,language\n";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static String incident() {
        OffsetDateTime awareness = OffsetDateTime.now(IncidentFixtures.JST).minusHours(2)
                .truncatedTo(ChronoUnit.SECONDS);
        return given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(IncidentFixtures.draft(awareness))
                .when().post(INCIDENTS).then().statusCode(201).extract().path("id");
    }

    static Response upload(String token, String incident, String csv) {
        return given().auth().oauth2(token).contentType("text/csv")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .when().post(INCIDENTS + "/" + incident + "/affected-person-imports");
    }

    /** Uploads and answers the job's path (Location). */
    static String started(String token, String incident, String csv) {
        String location = upload(token, incident, csv).then().statusCode(202)
                .body("kind", equalTo("CSV_IMPORT"))
                .header("Location", containsString(INCIDENTS + "/" + incident + "/affected-person-imports/"))
                .extract().header("Location");
        return location.substring(location.indexOf(INCIDENTS));
    }

    /** Polls the job until it is no longer RUNNING; answers every body seen. */
    static List<Map<String, Object>> finish(String job) {
        return finish(job, AUDITOR);
    }

    /** Polls the job with this token until it is no longer RUNNING; answers every body seen. */
    static List<Map<String, Object>> finish(String job, String token) {
        List<Map<String, Object>> seen = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            Map<String, Object> body = given().auth().oauth2(token).when().get(job)
                    .then().statusCode(200).extract().as(Map.class);
            seen.add(body);
            if (!"RUNNING".equals(body.get("status"))) {
                return seen;
            }
            sleep(50);
        }
        throw new AssertionError(job + " still running after 2 minutes");
    }

    static ValidatableResponse finished(String job) {
        finish(job);
        return given().auth().oauth2(MANAGER).when().get(job).then().statusCode(200);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String id() {
        return "C-" + UUID.randomUUID().toString().substring(0, 13);
    }

    @Test
    void aValidFileWithAByteOrderMarkLandsEveryPersonEncryptedAndReadableToManagersOnly() {
        String incident = incident();
        String a = id();
        String csv = "\uFEFF" + HEADER + "customer-number," + a + ",佐藤花子,hanako.sato@example.jp,ja\n"
                + "customer-number," + id() + ",鈴木一郎,,\n"
                + "member-id," + id() + ",Emily Clark,emily.clark@example.com,EN\n";

        String job = started(OFFICER, incident, csv);
        finished(job).body("status", equalTo("COMPLETED")).body("total", equalTo(3)).body("processed", equalTo(3))
                .body("percent", equalTo(100.0f)).body("added", equalTo(3)).body("rejected", equalTo(0))
                .body("rejections", hasSize(0)).body("personsOnRecord", equalTo(3))
                .body("requestedBy", equalTo("officer")).body("finishedAt", not(nullValue()));

        given().auth().oauth2(MANAGER).when().get(INCIDENTS + "/" + incident + "/affected-persons")
                .then().statusCode(200).body("total", equalTo(3)).body("bySource.CSV_IMPORT", equalTo(3))
                .body("items.find { it.identifier == '" + a + "' }.email", equalTo("hanako.sato@example.jp"))
                .body("items.find { it.identifier == '" + a + "' }.name", equalTo("佐藤花子"))
                .body("items.language", hasItem("en"))
                .body("items[0].source", equalTo("CSV_IMPORT"));
        String asAuditor = given().auth().oauth2(AUDITOR).when().get(INCIDENTS + "/" + incident + "/affected-persons")
                .then().statusCode(200).body("total", equalTo(3)).body("items", hasSize(3))
                .body("items[0]", not(hasKey("identifier"))).body("items[0]", not(hasKey("email")))
                .body("items[0].source", equalTo("CSV_IMPORT"))
                .extract().asString();
        assertThat(asAuditor).doesNotContain(a).doesNotContain("佐藤花子").doesNotContain("example.jp");
        given().auth().oauth2(AUDITOR).when().get(INCIDENTS + "/" + incident)
                .then().statusCode(200).body("affectedPersonsOnRecord", equalTo(3));
    }

    @Test
    void badRowsAreRejectedWithRowColumnAndRuleButNeverTheirValueWhileGoodRowsLand() {
        String incident = incident();
        String csv = HEADER
                + "customer-number," + id() + ",佐藤花子,hanako.sato@example.jp,ja\n"      // row 2: fine
                + "Customer Number," + id() + ",,,\n"                                    // row 3: scheme
                + "customer-number,,鈴木一郎,,\n"                                          // row 4: identifier
                + "customer-number," + id() + ",,not-an-address@,\n"                     // row 5: email
                + "customer-number," + id() + ",,,fr\n"                                  // row 6: language
                + "customer-number," + id() + "\n"                                       // row 7: field count
                + "customer-number," + "X".repeat(201) + ",,,\n"                         // row 8: too long
                + "\"customer-number\",\"" + id() + "\",\"高橋, 美咲\",,ja\n";            // row 9: quoted, fine

        String body = finished(started(MANAGER, incident, csv))
                .body("status", equalTo("COMPLETED")).body("total", equalTo(8)).body("processed", equalTo(8))
                .body("added", equalTo(2)).body("rejected", equalTo(6))
                .body("rejections.row", equalTo(List.of(3, 4, 5, 6, 7, 8)))
                .body("rejections.column", equalTo(List.of("scheme", "identifier", "email", "language", "*",
                        "identifier")))
                .body("rejections[2].message", equalTo("is not an e-mail address"))
                .extract().asString();

        assertThat(body).doesNotContain("not-an-address").doesNotContain("Customer Number")
                .doesNotContain("XXXXXXXX");
        given().auth().oauth2(MANAGER).when().get(INCIDENTS + "/" + incident + "/affected-persons")
                .then().body("items.name", hasItem("高橋, 美咲"));
    }

    @Test
    void aPersonNamedTwiceInTheFileOrAlreadyOnTheIncidentIsOnePersonAndALaterRowOnlyAddsWhatWasMissing() {
        String incident = incident();
        String a = id();
        String b = "C-0012";
        finished(started(MANAGER, incident, HEADER + "customer-number," + a + ",佐藤花子,,\n"
                + "customer-number," + b + ",,,\n"))
                .body("added", equalTo(2));

        String second = HEADER
                + "customer-number," + a + ",別名,hanako.sato@example.jp,en\n"   // known: e-mail added, name kept
                + "customer-number,Ｃ－００１２,,,\n"                             // known (full-width form of b)
                + "customer-number,C-0099,,,\n"                                  // new
                + "customer-number,C-0099,,c99@example.jp,\n"                    // same file: e-mail added
                + "customer-number,C-0099,,,\n";                                 // same file: nothing new
        finished(started(OFFICER, incident, second))
                .body("status", equalTo("COMPLETED")).body("processed", equalTo(5)).body("added", equalTo(1))
                .body("completed", equalTo(2)).body("duplicates", equalTo(2)).body("personsOnRecord", equalTo(3));

        given().auth().oauth2(MANAGER).when().get(INCIDENTS + "/" + incident + "/affected-persons")
                .then().statusCode(200).body("total", equalTo(3))
                .body("items.find { it.identifier == '" + a + "' }.name", equalTo("佐藤花子"))
                .body("items.find { it.identifier == '" + a + "' }.email", equalTo("hanako.sato@example.jp"))
                .body("items.find { it.identifier == '" + a + "' }.language", equalTo("en"))
                .body("items.find { it.identifier == 'C-0099' }.email", equalTo("c99@example.jp"));
    }

    @Test
    void aFileWithoutAHeaderRowIsRefusedNamingTheMissingColumnsNeverItsFirstPerson() {
        String incident = incident();
        String body = upload(MANAGER, incident, "customer-number,C-0012345,山田太郎,taro@example.jp,ja\n"
                + "customer-number,C-0012346,佐藤花子,hanako@example.jp,ja\n")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:affected-person-file-refused"))
                .body("detail", containsString("lacks the required columns scheme, identifier"))
                .body("violations.field", equalTo(List.of("column 1", "column 2", "column 3", "column 4", "column 5",
                        "scheme", "identifier")))
                .extract().asString();
        org.assertj.core.api.Assertions.assertThat(body)
                .doesNotContain("C-0012345", "山田太郎", "taro@example.jp", "customer-number");
    }

    @Test
    void aFileWithAnUnusableHeaderIsRefusedAtOnceAndNothingIsImported() {
        String incident = incident();
        upload(MANAGER, incident, "scheme,mail,name,name\ncustomer-number,x@example.jp,a,b\n")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:affected-person-file-refused"))
                .body("violations.field", equalTo(List.of("column 2", "name", "identifier")))
                .body("detail", containsString("nothing was imported"));
        upload(MANAGER, incident, "").then().statusCode(422)
                .body("violations[0].message", containsString("empty"));
        upload(MANAGER, incident, HEADER + "customer-number,\"C-1,,,\n").then().statusCode(422)
                .body("title", equalTo("The CSV file is refused"))
                .body("violations[0].message", not(containsString("Exception")))
                .body("violations[0].message", not(containsString("java.")));
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body("{}")
                .when().post(INCIDENTS + "/" + incident + "/affected-person-imports").then().statusCode(415);

        given().auth().oauth2(MANAGER).when().get(INCIDENTS + "/" + incident + "/affected-persons")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aRetryWithTheSameKeyAnswersTheFirstJobAndAnotherFileWithTheKeyIsRefused() {
        String incident = incident();
        String csv = HEADER + "customer-number," + id() + ",,,\n";
        String key = "import-" + UUID.randomUUID();
        String first = given().auth().oauth2(MANAGER).header("Idempotency-Key", key).contentType("text/csv")
                .body(csv).when().post(INCIDENTS + "/" + incident + "/affected-person-imports")
                .then().statusCode(202).extract().header("Location");
        finish(first.substring(first.indexOf(INCIDENTS)));

        given().auth().oauth2(MANAGER).header("Idempotency-Key", key).contentType("text/csv").body(csv)
                .when().post(INCIDENTS + "/" + incident + "/affected-person-imports")
                .then().statusCode(202).header("Location", equalTo(first))
                .header("Idempotent-Replayed", "true").body("status", equalTo("COMPLETED"));
        given().auth().oauth2(MANAGER).header("Idempotency-Key", key).contentType("text/csv")
                .body(csv + "customer-number," + id() + ",,,\n")
                .when().post(INCIDENTS + "/" + incident + "/affected-person-imports")
                .then().statusCode(422).body("type", equalTo("urn:kiroku:problem:idempotency-key-reused"));
        given().auth().oauth2(MANAGER).when().get(INCIDENTS + "/" + incident + "/affected-persons")
                .then().body("total", equalTo(1));
    }

    @Test
    void aFileOfTenThousandRowsFinishesShowingProgressAndReassessesTheIncidentUnderRule7iv() {
        String incident = incident();
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON)
                .body(IncidentFixtures.minor().withAffectedPersons(300))
                .when().post(INCIDENTS + "/" + incident + "/assessments").then().statusCode(201);
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 10_000; i++) {
            csv.append("customer-number,L-").append(String.format("%06d", i)).append(",顧客").append(i)
                    .append(",c").append(i).append("@example.jp,ja\n");
        }

        String job = started(MANAGER, incident, csv.toString());
        List<Map<String, Object>> seen = finish(job);

        long previous = -1;
        for (Map<String, Object> body : seen) {
            long processed = ((Number) body.get("processed")).longValue();
            assertThat(((Number) body.get("total")).longValue()).isEqualTo(10_000);
            assertThat(processed).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(10_000);
            assertThat(processed % 500 == 0 || processed == 10_000).as("progress moves per chunk").isTrue();
            previous = processed;
        }
        String jobId = job.substring(job.lastIndexOf('/') + 1);
        given().auth().oauth2(MANAGER).when().get(job).then()
                .body("status", equalTo("COMPLETED")).body("added", equalTo(10_000))
                .body("processed", equalTo(10_000)).body("personsOnRecord", equalTo(10_000))
                .body("assessmentOutcome", containsString("Rule 7(iv)"));
        given().auth().oauth2(AUDITOR).when().get(INCIDENTS + "/" + incident).then()
                .body("affectedPersonsOnRecord", equalTo(10_000))
                .body("assessment.categories.code", hasItem("OVER_THRESHOLD_PERSONS"));
        given().auth().oauth2(AUDITOR).when().get(INCIDENTS + "/" + incident + "/transitions").then()
                .body("[-1].action", equalTo("reassess")).body("[-1].actor", equalTo("breach-manager"))
                .body("[-1].reason", containsString(jobId))
                .body("[-1].snapshot.assessment.affectedPersons", equalTo(10_000));
        given().auth().oauth2(MANAGER).queryParam("limit", 500)
                .when().get(INCIDENTS + "/" + incident + "/affected-persons")
                .then().body("items", hasSize(500)).header("Link", containsString("rel=\"next\""));
    }

    @Test
    void persons_on_record_below_the_assessed_count_change_nothing_and_an_unassessed_incident_is_not_assessed() {
        String assessed = incident();
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(IncidentFixtures.overThreshold())
                .when().post(INCIDENTS + "/" + assessed + "/assessments").then().statusCode(201);
        finished(started(MANAGER, assessed, HEADER + "customer-number," + id() + ",,,\n"))
                .body("assessmentOutcome", containsString("assessed count of 1500 stands"));
        given().auth().oauth2(AUDITOR).when().get(INCIDENTS + "/" + assessed + "/transitions")
                .then().body("", hasSize(1));

        String detected = incident();
        finished(started(MANAGER, detected, HEADER + "customer-number," + id() + ",,,\n"))
                .body("assessmentOutcome", containsString("not assessed yet"));
        given().auth().oauth2(AUDITOR).when().get(INCIDENTS + "/" + detected)
                .then().body("status", equalTo("DETECTED")).body("affectedPersonsOnRecord", equalTo(1));
    }

    @Test
    void a_later_assessment_declaring_fewer_persons_than_on_record_counts_the_persons_on_record() {
        String incident = incident();
        finished(started(MANAGER, incident, HEADER + "customer-number," + id() + ",,,\n"
                + "customer-number," + id() + ",,,\n"));

        given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(IncidentFixtures.minor()
                        .withAffectedPersons(1))
                .when().post(INCIDENTS + "/" + incident + "/assessments").then().statusCode(201);
        given().auth().oauth2(AUDITOR).when().get(INCIDENTS + "/" + incident)
                .then().body("assessment.facts.affectedPersons", equalTo(2));
    }

    @Test
    void a_derivation_whose_provision_records_cannot_be_reached_fails_with_its_reason() {
        String incident = incident();
        String location = given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("counterparty", Map.of("name", "株式会社サンプル商事"), "items", List.of("EMAIL"),
                        "from", "2026-10-01", "to", "2026-11-20"))
                .when().post(INCIDENTS + "/" + incident + "/affected-person-derivations")
                .then().statusCode(202).body("kind", equalTo("PROVISION_RECORDS"))
                .body("filter.counterpartyName", equalTo("株式会社サンプル商事"))
                .extract().header("Location");
        String job = location.substring(location.indexOf(INCIDENTS));
        finish(job);
        given().auth().oauth2(AUDITOR).when().get(job).then().statusCode(200)
                .body("status", equalTo("FAILED")).body("failure", containsString("provision-records"))
                .body("failure", containsString("a new derivation may be started")).body("added", equalTo(0));
        given().auth().oauth2(AUDITOR).when()
                .get(INCIDENTS + "/" + incident + "/affected-person-imports/" + job.substring(job.lastIndexOf('/') + 1))
                .then().statusCode(404);
    }

    @Test
    void a_derivation_needs_a_counterparty_and_a_period_that_is_not_empty() {
        String incident = incident();
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("counterparty", Map.of(), "from", "2026-10-01", "to", "2026-11-20"))
                .when().post(INCIDENTS + "/" + incident + "/affected-person-derivations")
                .then().statusCode(400).body("violations[0].field", equalTo("counterparty"));
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("counterparty", Map.of("corporateNumber", "1234567890123"), "from", "2026-10-01",
                        "to", "2026-09-30"))
                .when().post(INCIDENTS + "/" + incident + "/affected-person-derivations")
                .then().statusCode(400).body("violations[0].field", equalTo("to"));
    }

    @Test
    void everyEndpointNeedsATokenAndOnlyManagersAndOfficersImportOrDerive() {
        String incident = incident();
        String csv = HEADER + "customer-number," + id() + ",,,\n";
        String base = INCIDENTS + "/" + incident;
        given().contentType("text/csv").body(csv).when().post(base + "/affected-person-imports")
                .then().statusCode(401).contentType("application/problem+json");
        given().when().get(base + "/affected-persons").then().statusCode(401);
        given().when().get(base + "/affected-person-imports/" + UUID.randomUUID()).then().statusCode(401);
        for (String token : List.of(AUDITOR, CRM)) {
            upload(token, incident, csv).then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("counterparty", Map.of("name", "株式会社サンプル商事"), "from", "2026-10-01",
                            "to", "2026-11-20"))
                    .when().post(base + "/affected-person-derivations").then().statusCode(403);
        }
        given().auth().oauth2(CRM).when().get(base + "/affected-persons").then().statusCode(403);
        given().auth().oauth2(CRM).when().get(base + "/affected-person-imports/" + UUID.randomUUID())
                .then().statusCode(403);
        given().auth().oauth2(AUDITOR).when().get(base + "/affected-person-imports/" + UUID.randomUUID())
                .then().statusCode(404);
        given().auth().oauth2(MANAGER).contentType("text/csv").body(csv)
                .when().post(INCIDENTS + "/" + UUID.randomUUID() + "/affected-person-imports").then().statusCode(404);
    }
}
