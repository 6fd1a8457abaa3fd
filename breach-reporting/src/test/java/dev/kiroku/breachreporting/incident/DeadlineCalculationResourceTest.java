package dev.kiroku.breachreporting.incident;

import dev.kiroku.breachreporting.incident.rules.JapaneseAdministrativeCalendar;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** What-if deadlines over HTTP: counted as an incident's, any instant the calendar covers, nothing stored. */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class DeadlineCalculationResourceTest {

    static final String CALCULATIONS = "/api/v1/breach-deadline-calculations";
    static final String PROBLEM = "application/problem+json";
    static final String MANAGER = LocalTokens.user("breach-manager", "breach-manager");
    static final String OFFICER = LocalTokens.user("officer", "compliance-officer");
    static final String AUDITOR = LocalTokens.user("auditor", "auditor");
    static final String CRM = LocalTokens.user("crm", "ingest");

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static Map<String, Object> request(String awarenessAt, List<String> categories) {
        Map<String, Object> body = new HashMap<>();
        body.put("awarenessAt", awarenessAt);
        body.put("categories", categories);
        return body;
    }

    static ValidatableResponse calculate(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(CALCULATIONS).then();
    }

    @Test
    void aFinalReportDueInTheYearEndClosureRollsToTheNextBusinessDayWithEverySkippedDayListed() {
        // hand-worked: Sun 2025-11-30 + 30 = Tue 12-30 (year-end closure to Jan 3; Jan 4 a Sunday) → Mon 2026-01-05
        Map<String, Object> body = request("2025-11-30T10:00:00+09:00", List.of("OVER_THRESHOLD_PERSONS"));
        body.put("detectedAt", "2025-11-30T09:15:00+09:00");
        calculate(OFFICER, body).statusCode(200)
                .contentType(ContentType.JSON)
                .body("awarenessAt", equalTo("2025-11-30T01:00:00Z"))
                .body("detectedAt", equalTo("2025-11-30T00:15:00Z"))
                .body("awarenessDate", equalTo("2025-11-30"))
                .body("assessed", equalTo(true))
                .body("categories.code", equalTo(List.of("OVER_THRESHOLD_PERSONS")))
                .body("categories.article", equalTo(List.of("APPI Rule 7(iv)")))
                .body("finalReportDays", equalTo(30))
                .body("deadlines.kind", equalTo(List.of("PRELIMINARY", "FINAL")))
                .body("deadlines[0].rule", equalTo("APPI Rule 8(1): promptly (速報, target 3 days)"))
                .body("deadlines[0].dueDate", equalTo("2025-12-03"))
                .body("deadlines[0].alertDate", equalTo("2025-12-05"))
                .body("deadlines[1].rule", equalTo("APPI Rule 8(2): 30 days"))
                .body("deadlines[1].reading", containsString("Act on Holidays of Administrative Organs Art. 2"))
                .body("deadlines[1].periodEnd", equalTo("2025-12-30"))
                .body("deadlines[1].skipped", equalTo(List.of(
                        "2025-12-30 year-end closure (Dec 29 – Jan 3)",
                        "2025-12-31 year-end closure (Dec 29 – Jan 3)",
                        "2026-01-01 year-end closure (Dec 29 – Jan 3)",
                        "2026-01-02 year-end closure (Dec 29 – Jan 3)",
                        "2026-01-03 year-end closure (Dec 29 – Jan 3)",
                        "2026-01-04 Sunday")))
                .body("deadlines[1].dueDate", equalTo("2026-01-05"))
                .body("deadlines[1].internalDueDate", equalTo("2025-12-26"))
                .body("deadlines[1].reminders", equalTo(List.of("2025-12-29", "2026-01-03")))
                .body("deadlines[1].calendar", equalTo(JapaneseAdministrativeCalendar.SOURCE_VERSION))
                .body("deadlines[1].projectedCalendar", equalTo(false))
                .body("deadlines[1].provisional", equalTo(false))
                .body("deadlines", everyItem(not(hasKey("state"))))
                .body("deadlines", everyItem(not(hasKey("daysLeft"))))
                .body("notes.code", equalTo(List.of("from-awareness")))
                .body("notes[0].message", containsString("not from detection"))
                .body("calendar", equalTo(JapaneseAdministrativeCalendar.SOURCE_VERSION))
                .body("lastOfficialYear", equalTo(2027))
                .body("projectedCalendar", equalTo(false));
    }

    @Test
    void wrongfulPurposeGivesTheFinalReportSixtyDays() {
        calculate(MANAGER, request("2026-06-01T09:00:00+09:00", List.of("OVER_THRESHOLD_PERSONS", "WRONGFUL_PURPOSE")))
                .statusCode(200)
                .body("categories.code", equalTo(List.of("WRONGFUL_PURPOSE", "OVER_THRESHOLD_PERSONS")))
                .body("finalReportDays", equalTo(60))
                .body("deadlines[1].rule", equalTo("APPI Rule 8(2): 60 days for Rule 7(iii)"))
                .body("deadlines[1].dueDate", equalTo("2026-07-31"));
    }

    @Test
    void noCategoryGivesTheProvisionalDeadlinesOfAnIncidentNotYetAssessed() {
        calculate(AUDITOR, request("2026-06-01T09:00:00+09:00", List.of()))
                .statusCode(200)
                .body("assessed", equalTo(false))
                .body("categories", equalTo(List.of()))
                .body("finalReportDays", equalTo(30))
                .body("deadlines.provisional", everyItem(equalTo(true)))
                .body("deadlines[1].dueDate", equalTo("2026-07-01"))
                .body("notes.code", hasItem("not-assessed"));
    }

    @Test
    void aFutureAwarenessInstantIsAccepted() {
        OffsetDateTime future = OffsetDateTime.now(ZoneOffset.ofHours(9)).plusDays(200).truncatedTo(ChronoUnit.SECONDS);
        calculate(OFFICER, request(future.toString(), List.of("FINANCIAL_DAMAGE")))
                .statusCode(200)
                .body("awarenessDate", equalTo(future.toLocalDate().toString()))
                .body("deadlines[1].periodEnd", equalTo(future.toLocalDate().plusDays(30).toString()));
    }

    @Test
    void aYearTheCabinetOfficeHasNotPublishedIsFlaggedAsProjected() {
        // 2031-06-21 + 30 = Mon 07-21, 海の日 as the Act projects it → Tue 07-22
        calculate(OFFICER, request("2031-06-21T10:00:00+09:00", List.of("SPECIAL_CARE")))
                .statusCode(200)
                .body("deadlines[1].skipped", equalTo(List.of("2031-07-21 海の日 (national holiday, projected)")))
                .body("deadlines[1].dueDate", equalTo("2031-07-22"))
                .body("deadlines[1].projectedCalendar", equalTo(true))
                .body("projectedCalendar", equalTo(true))
                .body("notes.code", hasItem("projected-calendar"));
    }

    @Test
    void euResidentsAddTheGdprDeadlineSeventyTwoHoursAfterAwareness() {
        Map<String, Object> body = request("2026-12-30T15:00:00+09:00", List.of("OVER_THRESHOLD_PERSONS"));
        body.put("euResidents", true);
        String dueAt = calculate(OFFICER, body).statusCode(200)
                .body("euResidents", equalTo(true))
                .body("deadlines.kind", equalTo(List.of("PRELIMINARY", "FINAL", "GDPR_SUPERVISORY")))
                .body("deadlines[2].rule", equalTo("GDPR Art. 33(1): 72 hours"))
                .body("deadlines[2].dueDate", nullValue())
                .extract().path("deadlines[2].dueAt");
        org.assertj.core.api.Assertions.assertThat(Instant.parse(dueAt))
                .isEqualTo(Instant.parse("2026-12-30T06:00:00Z").plus(72, ChronoUnit.HOURS));
    }

    @Test
    void anEntrustedPartyIsToldOfTheReleaseByNotifyingItsPrincipalAndStillSeesTheDeadlines() {
        Map<String, Object> body = request("2026-06-01T09:00:00+09:00", List.of("WRONGFUL_PURPOSE"));
        body.put("entrusted", true);
        calculate(MANAGER, body).statusCode(200)
                .body("entrusted", equalTo(true))
                .body("deadlines.kind", equalTo(List.of("PRELIMINARY", "FINAL")))
                .body("notes.find { it.code == 'entrusted' }.article", containsString("Rule 9"))
                .body("notes.find { it.code == 'entrusted' }.message", containsString("released from reporting"));
    }

    @Test
    void anAwarenessBeforeTheCalendarsFirstYearIsAProblemNotAServerError() {
        calculate(OFFICER, request("1954-12-31T10:00:00+09:00", List.of()))
                .statusCode(422)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:kiroku:problem:outside-holiday-calendar"))
                .body("status", equalTo(422))
                .body("detail", containsString("1955-01-01..2099-12-31"))
                .body("violations[0].field", equalTo("awarenessAt"))
                .body("violations[0].rule", containsString("Act on Holidays of Administrative Organs"))
                .body("requestId", notNullValue());
    }

    @Test
    void deadlinesBeyondTheEndOfTheProjectionAreAProblemNotAServerError() {
        calculate(OFFICER, request("2099-12-20T10:00:00+09:00", List.of("WRONGFUL_PURPOSE")))
                .statusCode(422)
                .body("type", equalTo("urn:kiroku:problem:outside-holiday-calendar"));
        // beyond the platform's date bounds (1900-01-01..2199-12-31) the refusal comes before the calendar
        calculate(OFFICER, request("+10000-01-01T00:00:00Z", List.of()))
                .statusCode(422)
                .body("violations[0].field", equalTo("awarenessAt"));
        calculate(OFFICER, request("+999999999-12-31T23:59:59Z", List.of()))
                .statusCode(anyOf(is(400), is(422)))
                .body("violations[0].field", equalTo("awarenessAt"));
        calculate(OFFICER, request("-0001-01-01T00:00:00Z", List.of()))
                .statusCode(422)
                .body("violations[0].field", equalTo("awarenessAt"));
    }

    @Test
    void malformedRequestsAreValidationProblems() {
        calculate(OFFICER, Map.of("categories", List.of())).statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("awarenessAt"));
        calculate(OFFICER, Map.of("awarenessAt", "2026-06-01T09:00:00+09:00")).statusCode(400)
                .body("violations.field", hasItem("categories"));
        calculate(OFFICER, request("2026-06-01T09:00:00", List.of())).statusCode(400)
                .body("violations[0].field", equalTo("awarenessAt"));
        calculate(OFFICER, request("2026-06-01T09:00:00+09:00", List.of("SKIMMING"))).statusCode(400)
                .body("violations[0].field", equalTo("categories[0]"));
        calculate(OFFICER, request("2026-06-01T09:00:00+09:00", List.of("WRONGFUL_PURPOSE", "WRONGFUL_PURPOSE")))
                .statusCode(400)
                .body("type", equalTo("urn:kiroku:problem:validation"))
                .body("violations[0].field", equalTo("categories"));
        Map<String, Object> misspelt = request("2026-06-01T09:00:00+09:00", List.of());
        misspelt.put("euResident", true);
        calculate(OFFICER, misspelt).statusCode(400)
                .body("violations[0].field", equalTo("euResident"));
    }

    @Test
    void withoutATokenIs401AndTheIngestRoleIs403() {
        given().contentType(ContentType.JSON).body(request("2026-06-01T09:00:00+09:00", List.of()))
                .when().post(CALCULATIONS)
                .then().statusCode(401)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:kiroku:problem:unauthenticated"));
        calculate(CRM, request("2026-06-01T09:00:00+09:00", List.of()))
                .statusCode(403)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:kiroku:problem:forbidden"));
    }

    @Test
    void theOpenApiContractDocumentsTheCalculation() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/v1/breach-deadline-calculations'.post.summary", notNullValue())
                .body("paths.'/api/v1/breach-deadline-calculations'.post.responses.keySet()",
                        contains("200", "400", "401", "403", "422"))
                .body("paths.'/api/v1/breach-deadline-calculations'.post.responses.'200'.content.'application/json'"
                        + ".examples.'final report in the year-end closure'.value.deadlines[1].dueDate", equalTo("2026-01-05"))
                .body("paths.'/api/v1/breach-deadline-calculations'.post.responses.'422'.content.'application/problem+json'"
                        + ".examples.'outside the calendar'.value.type", equalTo("urn:kiroku:problem:outside-holiday-calendar"))
                .body("components.schemas", hasKey("BreachDeadlineCalculationRequest"))
                .body("components.schemas.BreachDeadlineCalculationRequest.properties", not(hasKey("unknownMembers")))
                .body("components.schemas", hasKey("BreachDeadlineCalculation"));
    }
}
