package dev.kiroku.breachreporting.incident;

import dev.kiroku.breachreporting.incident.rules.AssessmentFacts;
import dev.kiroku.breachreporting.report.ReportFixtures;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Incidents over HTTP against a real PostgreSQL, with locally signed tokens for every role. */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class IncidentResourceTest {

    static final String INCIDENTS = "/api/v1/incidents";
    static final String MANAGER = LocalTokens.user("breach-manager", "breach-manager");
    static final String OFFICER = LocalTokens.user("officer", "compliance-officer");
    static final String AUDITOR = LocalTokens.user("auditor", "auditor");
    static final String CRM = LocalTokens.user("crm", "ingest");

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static OffsetDateTime hoursAgo(long hours) {
        return OffsetDateTime.now(IncidentFixtures.JST).minusHours(hours).truncatedTo(ChronoUnit.SECONDS);
    }

    static String create(String token, IncidentDraft draft) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(draft)
                .when().post(INCIDENTS)
                .then().statusCode(201)
                .header("Location", containsString(INCIDENTS + "/"))
                .body("status", equalTo("DETECTED"))
                .extract().path("id");
    }

    static void assess(String id, AssessmentFacts facts) {
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(facts)
                .when().post(INCIDENTS + "/" + id + "/assessments")
                .then().statusCode(201)
                .header("Location", containsString(INCIDENTS + "/" + id + "/transitions/"));
    }

    static io.restassured.response.ValidatableResponse act(String token, String id, String action, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("action", action);
        if (reason != null) {
            body.put("reason", reason);
        }
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(INCIDENTS + "/" + id + "/transitions").then();
    }

    @Inject
    AgroalDataSource dataSource;

    long incidentRows() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM incident")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void anAwarenessOutsideTheHolidayCalendarIsRefusedBeforeAnythingIsStored() throws SQLException {
        long before = incidentRows();
        OffsetDateTime early = OffsetDateTime.parse("1954-12-31T10:00:00+09:00");
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(IncidentFixtures.draft(early))
                .when().post(INCIDENTS)
                .then().statusCode(422)
                .body("type", equalTo("urn:kiroku:problem:outside-holiday-calendar"))
                .body("violations[0].field", equalTo("awarenessAt"))
                .body("violations[0].message", containsString("1955-01-01..2099-12-31"))
                .body("violations[0].message", not(containsString("1954")));
        org.assertj.core.api.Assertions.assertThat(incidentRows()).isEqualTo(before);
    }

    @Test
    void aStoredIncidentWhoseDeadlinesCannotBeCountedNeverFailsTheLists() throws SQLException {
        String legacy = create(MANAGER, IncidentFixtures.draft(hoursAgo(3)));
        String other = create(MANAGER, IncidentFixtures.draft(hoursAgo(1)));
        // a row as it could be stored before awareness was checked against the calendar
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE incident SET detected_at = '1950-01-01T01:00:00Z', "
                    + "awareness_at = '1950-01-01T01:00:00Z' WHERE id = '" + legacy + "'");
        }
        given().auth().oauth2(AUDITOR).queryParam("limit", 500).when().get(INCIDENTS)
                .then().statusCode(200)
                .body("items.find { it.id == '" + legacy + "' }.deadlinesNotCounted",
                        equalTo("outside-holiday-calendar"))
                .body("items.find { it.id == '" + legacy + "' }.deadlines", hasSize(0))
                .body("items.find { it.id == '" + other + "' }.deadlines", hasSize(2))
                .body("items.find { it.id == '" + other + "' }.deadlinesNotCounted", nullValue());
        given().auth().oauth2(AUDITOR).when().get(INCIDENTS + "/" + legacy)
                .then().statusCode(200).body("deadlinesNotCounted", equalTo("outside-holiday-calendar"));
        given().auth().oauth2(AUDITOR).queryParam("window", "P366D").when().get("/api/v1/breach-deadlines")
                .then().statusCode(200)
                .body("items.incidentId", hasItem(other))
                .body("items.incidentId", not(hasItem(legacy)))
                .body("notCounted.find { it.incidentId == '" + legacy + "' }.reason",
                        equalTo("outside-holiday-calendar"));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE incident SET status = 'CLOSED' WHERE id = '" + legacy + "'");
        }
    }

    @Test
    void aBreachManagerRecordsAnIncidentAndAnAuditorReadsItWithProvisionalDeadlines() {
        String id = create(MANAGER, IncidentFixtures.draft(hoursAgo(2)));
        given().auth().oauth2(AUDITOR).when().get(INCIDENTS + "/" + id)
                .then().statusCode(200)
                .body("role", equalTo("CONTROLLER"))
                .body("createdBy", equalTo("breach-manager"))
                .body("deadlines.kind", equalTo(List.of("PRELIMINARY", "FINAL")))
                .body("deadlines.provisional", everyItem(equalTo(true)))
                .body("deadlines[1].rule", equalTo("APPI Rule 8(2): 30 days"))
                .body("allowedActions", equalTo(List.of("assess")));
    }

    @Test
    void assessmentGivesReasonsAndReassessmentToCategoryThreeMovesTheFinalDeadlineTo60Days() {
        String id = create(OFFICER, IncidentFixtures.draft(hoursAgo(3)));
        assess(id, IncidentFixtures.overThreshold());
        String thirty = given().auth().oauth2(MANAGER).when().get(INCIDENTS + "/" + id)
                .then().statusCode(200)
                .body("status", equalTo("TRIAGED"))
                .body("assessment.reportable", equalTo(true))
                .body("assessment.categories.article", equalTo(List.of("APPI Rule 7(iv)")))
                .body("assessment.finalReportDays", equalTo(30))
                .body("deadlines[1].rule", equalTo("APPI Rule 8(2): 30 days"))
                .extract().path("deadlines[1].dueDate");
        act(MANAGER, id, "start-reporting", null).statusCode(201).body("status", equalTo("PRELIM_DUE"));
        act(OFFICER, id, "submit-preliminary", "速報提出").statusCode(422)
                .body("type", equalTo("urn:kiroku:problem:incident-refused"))
                .body("violations[0].field", equalTo("action"));
        ReportFixtures.file(OFFICER, id, "PRELIMINARY", ReportFixtures.preliminaryItems());
        given().auth().oauth2(AUDITOR).when().get(INCIDENTS + "/" + id)
                .then().statusCode(200)
                .body("status", equalTo("PRELIM_SUBMITTED"))
                .body("filings[0].kind", equalTo("PRELIMINARY"))
                .body("filings[0].late", equalTo(false));
        assess(id, IncidentFixtures.wrongfulOverThreshold());
        given().auth().oauth2(AUDITOR).when().get(INCIDENTS + "/" + id)
                .then().statusCode(200)
                .body("status", equalTo("PRELIM_SUBMITTED"))
                .body("assessment.finalReportDays", equalTo(60))
                .body("deadlines.find { it.kind == 'FINAL' }.rule", equalTo("APPI Rule 8(2): 60 days for Rule 7(iii)"))
                .body("deadlines.find { it.kind == 'FINAL' }.dueDate", not(equalTo(thirty)))
                .body("deadlines.find { it.kind == 'PRELIMINARY' }.state", equalTo("FILED"));
        given().auth().oauth2(AUDITOR).contentType(ContentType.JSON).body(IncidentFixtures.minor())
                .when().post(INCIDENTS + "/" + id + "/assessments")
                .then().statusCode(403);
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(IncidentFixtures.minor())
                .when().post(INCIDENTS + "/" + id + "/assessments")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:incident-refused"));
    }

    @Test
    void illegalTransitionsAre409ProblemsNamingTheAllowedActions() {
        String id = create(MANAGER, IncidentFixtures.draft(hoursAgo(1)));
        act(MANAGER, id, "close", null).statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:incident-illegal-transition"))
                .body("action", equalTo("close"))
                .body("status", equalTo(409))
                .body("incidentStatus", equalTo("DETECTED"))
                .body("allowedActions", hasItem("assess"));
        assess(id, IncidentFixtures.overThreshold());
        act(MANAGER, id, "start-reporting", null).statusCode(201);
        act(MANAGER, id, "close", null).statusCode(409).body("incidentStatus", equalTo("PRELIM_DUE"));
        act(MANAGER, id, "decide-not-reportable", "理由").statusCode(409);
        given().auth().oauth2(MANAGER).when().get(INCIDENTS + "/" + id + "/transitions")
                .then().statusCode(200).body("action", equalTo(List.of("assess", "start-reporting")));
    }

    @Test
    void notReportableIsABreachManagersGovernedDecisionWithARationale() {
        String id = create(OFFICER, IncidentFixtures.draft(hoursAgo(5)));
        assess(id, IncidentFixtures.minor());
        act(OFFICER, id, "decide-not-reportable", "該当なし").statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:governed-breach-decision"));
        act(MANAGER, id, "decide-not-reportable", null).statusCode(422)
                .body("violations[0].field", equalTo("reason"))
                .body("violations[0].rule", containsString("Rule 7"));
        String rationale = "3 名分・要配慮個人情報なし・財産的被害のおそれなし・不正目的なし（規則7条各号非該当）";
        act(MANAGER, id, "decide-not-reportable", rationale).statusCode(201)
                .header("Location", containsString("/transitions/2"))
                .body("status", equalTo("CLOSED_INTERNAL"))
                .body("notReportableRationale", equalTo(rationale))
                .body("deadlines", hasSize(0));
        given().auth().oauth2(AUDITOR).when().get(INCIDENTS + "/" + id + "/transitions/2")
                .then().statusCode(200)
                .body("actor", equalTo("breach-manager"))
                .body("reason", equalTo(rationale))
                .body("from", equalTo("TRIAGED"))
                .body("to", equalTo("CLOSED_INTERNAL"))
                .body("snapshot.assessment.reportable", equalTo(false))
                .body("recordedAt", notNullValue());
        given().auth().oauth2(AUDITOR)
                .when().get("/api/v1/audit/breach-reporting/entries?aggregateType=incident&aggregateId=" + id)
                .then().statusCode(200)
                .body("items.action", equalTo(List.of("incident.created", "incident.assess",
                        "incident.decide-not-reportable")))
                .body("items[2].actor", equalTo("breach-manager"))
                .body("items[2].reason", equalTo(rationale));
        given().auth().oauth2(AUDITOR).when().get("/api/v1/audit/breach-reporting/verification")
                .then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void aReportableIncidentCannotBeDecidedNotReportable() {
        String id = create(MANAGER, IncidentFixtures.draft(hoursAgo(5)));
        assess(id, IncidentFixtures.overThreshold());
        act(MANAGER, id, "decide-not-reportable", "理由").statusCode(422)
                .body("violations[0].field", equalTo("assessment"))
                .body("violations[0].message", containsString("APPI Rule 7(iv)"));
    }

    @Test
    void anEntrustedPartyNotifiesItsPrincipalAndOwesNoAppiDeadline() {
        String id = create(MANAGER, IncidentFixtures.entrusted(hoursAgo(6)));
        assess(id, IncidentFixtures.wrongfulOverThreshold());
        act(MANAGER, id, "notify-principal", "委託元へ規則8条1項の事項（判明分）を書面で通知").statusCode(201)
                .body("status", equalTo("PRINCIPAL_NOTIFIED"))
                .body("principalName", equalTo("株式会社サンプル商事"))
                .body("deadlines", hasSize(0));
        String controller = create(MANAGER, IncidentFixtures.draft(hoursAgo(6)));
        assess(controller, IncidentFixtures.overThreshold());
        act(MANAGER, controller, "notify-principal", "通知").statusCode(422)
                .body("violations[0].rule", containsString("APPI Rule 9"));
    }

    @Test
    void badInputIs400Or422AndUnknownIncidentsAre404() {
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(Map.of("title", "x"))
                .when().post(INCIDENTS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems("awarenessAt", "detectedAt", "role"));
        IncidentDraft d = IncidentFixtures.draft(hoursAgo(1));
        IncidentDraft unjustified = new IncidentDraft(d.title(), hoursAgo(10), d.awarenessAt(), null,
                d.detectingDepartment(), d.role(), null, false);
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(unjustified)
                .when().post(INCIDENTS)
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("awarenessJustification"))
                .body("violations[0].rule", containsString("Rule 8(1),(2)"));
        IncidentDraft future = IncidentFixtures.draft(OffsetDateTime.now().plusDays(1));
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(future)
                .when().post(INCIDENTS).then().statusCode(422);
        String id = create(MANAGER, d);
        act(MANAGER, id, "launch-rocket", null).statusCode(400).body("violations[0].field", equalTo("action"));
        given().auth().oauth2(AUDITOR).when().get(INCIDENTS + "/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        act(MANAGER, UUID.randomUUID().toString(), "close", null).statusCode(404);
        given().auth().oauth2(AUDITOR).when().get(INCIDENTS + "/" + id + "/transitions/99").then().statusCode(404);
        given().auth().oauth2(AUDITOR).when().get(INCIDENTS + "?limit=0").then().statusCode(400);
    }

    @Test
    void rolesAreCheckedByTheServiceItself() {
        given().when().get(INCIDENTS).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(CRM).when().get(INCIDENTS).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(AUDITOR).contentType(ContentType.JSON).body(IncidentFixtures.draft(hoursAgo(1)))
                .when().post(INCIDENTS).then().statusCode(403);
        given().auth().oauth2(CRM).when().get("/api/v1/breach-deadlines").then().statusCode(403);
        given().when().get("/api/v1/breach-deadlines").then().statusCode(401);
    }

    @Test
    void theListIsKeysetPaginated() {
        String first = create(MANAGER, IncidentFixtures.draft(hoursAgo(1)));
        create(MANAGER, IncidentFixtures.draft(hoursAgo(1)));
        create(MANAGER, IncidentFixtures.draft(hoursAgo(1)));
        String next = given().auth().oauth2(AUDITOR).when().get(INCIDENTS + "?status=DETECTED&limit=2&after=" + first)
                .then().statusCode(200)
                .body("items", hasSize(2))
                .header("Link", containsString("rel=\"next\""))
                .extract().path("next");
        given().auth().oauth2(AUDITOR).when().get(INCIDENTS + "?status=DETECTED&limit=2&after=" + next)
                .then().statusCode(200)
                .body("items.id", not(hasItem(next)))
                .body("items.id", not(hasItem(first)));
    }

    @Test
    void anIdempotencyKeyAnswersTheFirstIncidentAgainAndRefusesAnotherBody() {
        IncidentDraft draft = IncidentFixtures.draft(hoursAgo(4));
        String key = "create-" + UUID.randomUUID();
        String id = given().auth().oauth2(MANAGER).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(draft).when().post(INCIDENTS).then().statusCode(201).extract().path("id");
        given().auth().oauth2(MANAGER).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(draft).when().post(INCIDENTS).then().statusCode(201).body("id", equalTo(id))
                .header("Location", containsString(id));
        given().auth().oauth2(MANAGER).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(IncidentFixtures.draft(hoursAgo(8))).when().post(INCIDENTS)
                .then().statusCode(422).body("type", equalTo("urn:kiroku:problem:idempotency-key-reused"));
    }

    @Test
    void theDeadlineQueryShowsOverdueAndUpcomingFilingsWithTheirRules() {
        String overdue = create(MANAGER, IncidentFixtures.draft(hoursAgo(24 * 40)));
        assess(overdue, IncidentFixtures.overThreshold());
        String fresh = create(MANAGER, IncidentFixtures.withEu(IncidentFixtures.draft(hoursAgo(1))));
        given().auth().oauth2(AUDITOR).when().get("/api/v1/breach-deadlines?window=P7D")
                .then().statusCode(200)
                .body("items.find { it.incidentId == '" + overdue + "' && it.deadline.kind == 'FINAL' }.deadline.state",
                        equalTo("OVERDUE"))
                .body("items.find { it.incidentId == '" + overdue + "' && it.deadline.kind == 'FINAL' }.deadline.rule",
                        equalTo("APPI Rule 8(2): 30 days"))
                .body("items.find { it.incidentId == '" + fresh + "' && it.deadline.kind == 'GDPR_SUPERVISORY' }"
                        + ".deadline.rule", equalTo("GDPR Art. 33(1): 72 hours"))
                .body("items.find { it.incidentId == '" + fresh + "' && it.deadline.kind == 'FINAL' }", nullValue());
        given().auth().oauth2(AUDITOR).when().get("/api/v1/breach-deadlines?window=P60D")
                .then().statusCode(200)
                .body("items.find { it.incidentId == '" + fresh + "' && it.deadline.kind == 'FINAL' }.deadline.provisional",
                        equalTo(true));
        given().auth().oauth2(AUDITOR).when().get("/api/v1/breach-deadlines?window=soon")
                .then().statusCode(400).body("violations[0].field", equalTo("window"));
        given().auth().oauth2(AUDITOR).when().get("/api/v1/breach-deadlines?window=P1Y")
                .then().statusCode(400);
    }
}
