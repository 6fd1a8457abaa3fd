package dev.kiroku.breachreporting.report;

import dev.kiroku.platform.testing.DatabaseGuards;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import dev.kiroku.platform.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static dev.kiroku.platform.testing.DatabaseGuards.assertRefused;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 13, item 7, through the real PostgreSQL: breach-reporting connects as a role that owns nothing, so it cannot
 * switch the guards off; its evidence (an incident's transitions and filings, submitted reports to the PPC under
 * APPI Art. 26(1) / Rule 8, the persons a notice could not reach under the Art. 26(2) proviso) is refused any change,
 * even by a superuser who leaves the triggers on; and the service's role may delete nothing but a reminder day's
 * claim.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class EvidenceDatabaseGuardsTest {

    static final List<String> EVIDENCE = List.of("incident_transition", "incident_filing", "incident_report",
            "notification_unreachable", "audit_entry");
    static final List<String> NO_DELETE = List.of("incident", "incident_transition", "incident_filing",
            "incident_report", "affected_person", "affected_person_import", "affected_person_import_rejection",
            "notification_campaign", "notification_message", "notification_unreachable", "idempotency_key",
            "audit_entry");

    @Test
    void theServiceConnectsAsARoleThatOwnsNothingAndCannotSwitchOffAnyGuard_issue13() throws SQLException {
        DatabaseGuards.assertApplicationRoleOwnsNothing();
        DatabaseGuards.assertApplicationRoleCannotSwitchOffGuards(EVIDENCE.toArray(String[]::new));
    }

    @Test
    void theServiceRoleMayNotDeleteAnyRowNorUpdateAppendOnlyEvidence_issue13() throws SQLException {
        for (String table : NO_DELETE) {
            assertRefused(TestDatabase::application, "DELETE FROM " + table, "permission denied for table " + table);
            assertRefused(TestDatabase::application, "TRUNCATE " + table + " CASCADE", "permission denied for table");
        }
        for (String update : List.of("UPDATE incident_transition SET reason = 'x'",
                "UPDATE incident_filing SET late = false", "UPDATE notification_unreachable SET reason = 'NO_EMAIL'",
                "UPDATE affected_person_import_rejection SET message = 'x'",
                "UPDATE idempotency_key SET request_sha256 = 'x'", "UPDATE audit_entry SET actor = 'mallory'")) {
            assertRefused(TestDatabase::application, update, "permission denied for table");
        }
    }

    @Test
    void anIncidentsTransitionsFilingsAndSubmittedReportsAreRefusedAnyChangeEvenToASuperuser_Art26() throws SQLException {
        String id = ReportResourceTest.reportingIncident();
        String reportId = ReportFixtures.file(ReportResourceTest.MANAGER, id, "PRELIMINARY",
                ReportFixtures.preliminaryItems());
        String ofIncident = " WHERE incident_id = '" + id + "'";
        for (String attack : List.of("UPDATE incident_transition SET reason = 'forged'" + ofIncident,
                "DELETE FROM incident_transition" + ofIncident,
                "UPDATE incident_filing SET late = false, days_late = 0, hours_late = 0" + ofIncident,
                "DELETE FROM incident_filing" + ofIncident,
                "TRUNCATE incident_transition", "TRUNCATE incident_filing", "TRUNCATE notification_unreachable")) {
            assertRefused(TestDatabase::superuser, attack, "never changed or removed");
        }
        assertRefused(TestDatabase::superuser, "UPDATE incident_report SET submitted_at = submitted_at - interval '1 day' "
                + "WHERE id = '" + reportId + "'", "a submitted report is never changed or removed");
        assertRefused(TestDatabase::superuser, "TRUNCATE incident_report CASCADE", "never changed or removed");
        given().auth().oauth2(ReportResourceTest.AUDITOR).when().get("/api/v1/incidents/" + id + "/reports/" + reportId)
                .then().statusCode(200).body("submission.receiptNumber", equalTo("R8-PRELIMINARY"));
    }
}
