package dev.kiroku.breachreporting.report;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import dev.kiroku.breachreporting.incident.IncidentFixtures;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import dev.kiroku.platform.testing.TestDatabase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Reports to the PPC over HTTP against a real PostgreSQL, with locally signed tokens for every role. */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ReportResourceTest {

    static final String INCIDENTS = "/api/v1/incidents";
    static final String MANAGER = LocalTokens.user("breach-manager", "breach-manager");
    static final String OFFICER = LocalTokens.user("officer", "compliance-officer");
    static final String AUDITOR = LocalTokens.user("auditor", "auditor");
    static final String CRM = LocalTokens.user("crm", "ingest");

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    /** An incident over the Rule 7(iv) threshold whose reporting has started. */
    static String reportingIncident() {
        OffsetDateTime awareness = OffsetDateTime.now(IncidentFixtures.JST).minusHours(6).truncatedTo(ChronoUnit.SECONDS);
        String id = given().auth().oauth2(MANAGER).contentType(ContentType.JSON)
                .body(IncidentFixtures.draft(awareness)).when().post(INCIDENTS)
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(IncidentFixtures.overThreshold())
                .when().post(INCIDENTS + "/" + id + "/assessments").then().statusCode(201);
        act(id, "start-reporting", null).statusCode(201);
        return id;
    }

    static ValidatableResponse act(String id, String action, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("action", action);
        if (reason != null) {
            body.put("reason", reason);
        }
        return given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(body)
                .when().post(INCIDENTS + "/" + id + "/transitions").then();
    }

    static String reports(String id) {
        return INCIDENTS + "/" + id + "/reports";
    }

    static ValidatableResponse draft(String token, String id, String kind, Map<String, Object> items) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("kind", kind, "items", items))
                .when().post(reports(id)).then();
    }

    static ValidatableResponse submit(String token, String id, String reportId, Map<String, Object> submission) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(submission)
                .when().post(reports(id) + "/" + reportId + "/submissions").then();
    }

    @Test
    void aPreliminaryReportIsDraftedRevisedAndSubmittedWhichIsTheIncidentsFiling() {
        String id = reportingIncident();
        Map<String, Object> items = new LinkedHashMap<>(ReportFixtures.preliminaryItems());
        items.remove("cause");
        String reportId = draft(OFFICER, id, "PRELIMINARY", items).statusCode(201)
                .header("Location", containsString(reports(id) + "/"))
                .body("seq", equalTo(1))
                .body("kind", equalTo("PRELIMINARY"))
                .body("kindJapanese", equalTo("速報"))
                .body("status", equalTo("DRAFT"))
                .body("items.overview.text", containsString("誤送信"))
                .body("items.overview.knownAsOf", notNullValue())
                .body("items.cause", nullValue())
                .body("missingItems.number", equalTo(List.of(4, 6, 7, 8, 9)))
                .body("missingItems[0].heading", equalTo("原因"))
                .body("submission", nullValue())
                .extract().path("id");

        given().auth().oauth2(MANAGER).contentType(ContentType.JSON)
                .body(Map.of("items", ReportFixtures.preliminaryItems()))
                .when().put(reports(id) + "/" + reportId)
                .then().statusCode(200)
                .body("items.cause.text", equalTo("配信ツールの宛先設定の誤り"))
                .body("missingItems.number", equalTo(List.of(6, 7, 8, 9)))
                .body("updatedBy", equalTo("breach-manager"))
                .body("createdBy", equalTo("officer"));

        submit(MANAGER, id, reportId, ReportFixtures.ppcSubmission("R8-00123")).statusCode(201)
                .header("Location", containsString(reports(id) + "/" + reportId))
                .body("status", equalTo("SUBMITTED"))
                .body("submission.channel", equalTo("PPC_WEB_FORM"))
                .body("submission.receiptNumber", equalTo("R8-00123"))
                .body("submission.submittingBusiness", equalTo("株式会社サンプル商店"))
                .body("submission.recordedBy", equalTo("breach-manager"))
                .body("submission.transitionSeq", equalTo(3))
                .body("filing.kind", equalTo("PRELIMINARY"))
                .body("filing.late", equalTo(false));

        given().auth().oauth2(AUDITOR).when().get(INCIDENTS + "/" + id)
                .then().statusCode(200)
                .body("status", equalTo("PRELIM_SUBMITTED"))
                .body("filings.kind", equalTo(List.of("PRELIMINARY")))
                .body("deadlines.find { it.kind == 'PRELIMINARY' }.state", equalTo("FILED"));
        given().auth().oauth2(AUDITOR).when().get(INCIDENTS + "/" + id + "/transitions/3")
                .then().statusCode(200)
                .body("action", equalTo("submit-preliminary"))
                .body("reason", containsString("R8-00123"));
        given().auth().oauth2(AUDITOR).when().get(reports(id))
                .then().statusCode(200).body("id", equalTo(List.of(reportId)));

        // frozen: no revision, no second submission, no second preliminary report
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON)
                .body(Map.of("items", ReportFixtures.allItems()))
                .when().put(reports(id) + "/" + reportId)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:report-submitted"))
                .body("seq", equalTo(1));
        submit(MANAGER, id, reportId, ReportFixtures.ppcSubmission("R8-00124")).statusCode(409)
                .body("type", equalTo("urn:kiroku:problem:report-submitted"));
        draft(MANAGER, id, "PRELIMINARY", ReportFixtures.preliminaryItems()).statusCode(409)
                .body("type", equalTo("urn:kiroku:problem:report-already-filed"));
        draft(MANAGER, id, "SUPPLEMENT", ReportFixtures.preliminaryItems()).statusCode(409)
                .body("type", equalTo("urn:kiroku:problem:report-already-filed"));
    }

    @Test
    void aFinalReportStatesAllNineItemsAndASupplementToADelegatedMinistryNamesIt() {
        String id = reportingIncident();
        ReportFixtures.file(MANAGER, id, "PRELIMINARY", ReportFixtures.preliminaryItems());
        String early = draft(MANAGER, id, "FINAL", ReportFixtures.allItems()).statusCode(201).extract().path("id");
        submit(MANAGER, id, early, ReportFixtures.ppcSubmission("R8-2")).statusCode(409)
                .body("type", equalTo("urn:kiroku:problem:incident-illegal-transition"))
                .body("action", equalTo("submit-final"))
                .body("status", equalTo(409))
                .body("incidentStatus", equalTo("PRELIM_SUBMITTED"));
        act(id, "notify-individuals", null).statusCode(201);
        act(id, "await-final", null).statusCode(201).body("status", equalTo("FINAL_DUE"));

        Map<String, Object> incomplete = new LinkedHashMap<>(ReportFixtures.allItems());
        incomplete.remove("recurrencePrevention");
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(Map.of("items", incomplete))
                .when().put(reports(id) + "/" + early).then().statusCode(200);
        submit(MANAGER, id, early, ReportFixtures.ppcSubmission("R8-2")).statusCode(422)
                .body("type", equalTo("urn:kiroku:problem:incident-refused"))
                .body("violations.field", equalTo(List.of("items.recurrencePrevention")))
                .body("violations[0].rule", equalTo("APPI Rule 8(2)"));
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON).body(Map.of("items", ReportFixtures.allItems()))
                .when().put(reports(id) + "/" + early).then().statusCode(200).body("missingItems", hasSize(0));
        submit(OFFICER, id, early, ReportFixtures.ppcSubmission("R8-2")).statusCode(201)
                .body("filing.kind", equalTo("FINAL"))
                .body("filing.late", equalTo(false));
        given().auth().oauth2(AUDITOR).when().get(INCIDENTS + "/" + id).then().statusCode(200)
                .body("status", equalTo("FINAL_SUBMITTED"))
                .body("filings.kind", equalTo(List.of("PRELIMINARY", "FINAL")));

        Map<String, Object> later = Map.of("cause", ReportFixtures.text("外部委託先の設定変更手順の不備（調査完了）"));
        String supplement = draft(OFFICER, id, "SUPPLEMENT", later).statusCode(201)
                .body("kindJapanese", equalTo("追完")).body("seq", equalTo(3)).extract().path("id");
        Map<String, Object> toMinistry = new HashMap<>(Map.of("channel", "DELEGATED_MINISTRY",
                "submittedAt", ReportFixtures.minutesAgo(1), "submittingBusiness", "株式会社サンプル商店"));
        submit(OFFICER, id, supplement, toMinistry).statusCode(422)
                .body("violations.field", equalTo(List.of("ministry")));
        toMinistry.put("ministry", "経済産業省");
        submit(OFFICER, id, supplement, toMinistry).statusCode(201)
                .body("submission.ministry", equalTo("経済産業省"))
                .body("submission.receiptNumber", nullValue())
                .body("filing", nullValue());
        given().auth().oauth2(AUDITOR).when().get(INCIDENTS + "/" + id).then().statusCode(200)
                .body("status", equalTo("SUPPLEMENTED"));
        given().auth().oauth2(AUDITOR).when().get(reports(id)).then().statusCode(200)
                .body("kind", equalTo(List.of("PRELIMINARY", "FINAL", "SUPPLEMENT")))
                .body("status", equalTo(List.of("SUBMITTED", "SUBMITTED", "SUBMITTED")));
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveASubmittedReport() throws SQLException {
        String id = reportingIncident();
        String reportId = ReportFixtures.file(MANAGER, id, "PRELIMINARY", ReportFixtures.preliminaryItems());
        // a superuser who leaves the triggers on (the service's own role may not even DELETE: issue 13)
        try (Connection c = TestDatabase.superuser()) {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE incident_report SET receipt_number = 'R8-forged' WHERE id = ?")) {
                update.setObject(1, UUID.fromString(reportId));
                assertThatThrownBy(update::executeUpdate).isInstanceOf(SQLException.class)
                        .hasMessageContaining("a submitted report is never changed or removed");
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM incident_report WHERE id = ?")) {
                delete.setObject(1, UUID.fromString(reportId));
                assertThatThrownBy(delete::executeUpdate).isInstanceOf(SQLException.class)
                        .hasMessageContaining("a submitted report is never changed or removed");
            }
        }
        given().auth().oauth2(AUDITOR).when().get(reports(id) + "/" + reportId).then().statusCode(200)
                .body("submission.receiptNumber", equalTo("R8-PRELIMINARY"));
    }

    @Test
    void draftsNeedAToken_aWritingRole_anIncidentInReporting_andConsistentItems() {
        String id = reportingIncident();
        given().contentType(ContentType.JSON).body(Map.of("kind", "PRELIMINARY",
                        "items", ReportFixtures.preliminaryItems()))
                .when().post(reports(id)).then().statusCode(401);
        draft(AUDITOR, id, "PRELIMINARY", ReportFixtures.preliminaryItems()).statusCode(403);
        given().when().get(reports(id)).then().statusCode(401);
        draft(MANAGER, UUID.randomUUID().toString(), "PRELIMINARY", ReportFixtures.preliminaryItems())
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(AUDITOR).when().get(reports(id) + "/" + UUID.randomUUID()).then().statusCode(404)
                .body("type", equalTo("urn:kiroku:problem:not-found"));

        given().auth().oauth2(MANAGER).contentType(ContentType.JSON)
                .body(Map.of("items", ReportFixtures.preliminaryItems()))
                .when().post(reports(id)).then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(containsString("kind")));
        Map<String, Object> noKnownAsOf = new LinkedHashMap<>();
        noKnownAsOf.put("overview", Map.of("text", "概要"));
        draft(MANAGER, id, "PRELIMINARY", noKnownAsOf).statusCode(400)
                .body("violations.field", hasItem(containsString("knownAsOf")));

        Map<String, Object> inconsistent = new LinkedHashMap<>();
        inconsistent.put("overview", Map.of("text", "概要", "knownAsOf",
                OffsetDateTime.now(ReportFixtures.JST).plusDays(1).toString()));
        inconsistent.put("secondaryDamage", Map.of("present", true, "knownAsOf", ReportFixtures.minutesAgo(1)));
        draft(MANAGER, id, "PRELIMINARY", inconsistent).statusCode(422)
                .body("type", equalTo("urn:kiroku:problem:incident-refused"))
                .body("violations.field", hasItems("items.overview.knownAsOf", "items.secondaryDamage.details"));

        String first = draft(MANAGER, id, "PRELIMINARY", Map.of("overview", ReportFixtures.text("概要のみ")))
                .statusCode(201).extract().path("id");
        draft(OFFICER, id, "PRELIMINARY", ReportFixtures.preliminaryItems()).statusCode(409)
                .body("type", equalTo("urn:kiroku:problem:report-draft-open"))
                .body("reportId", equalTo(first));
        submit(AUDITOR, id, first, ReportFixtures.ppcSubmission("R8-1")).statusCode(403);
        Map<String, Object> noReceipt = new HashMap<>(ReportFixtures.ppcSubmission("R8-1"));
        noReceipt.remove("receiptNumber");
        submit(MANAGER, id, first, noReceipt).statusCode(422)
                .body("violations.field", equalTo(List.of("receiptNumber")));
        Map<String, Object> future = new HashMap<>(ReportFixtures.ppcSubmission("R8-1"));
        future.put("submittedAt", OffsetDateTime.now(ReportFixtures.JST).plusHours(3).toString());
        submit(MANAGER, id, first, future).statusCode(422)
                .body("violations.field", equalTo(List.of("occurredAt")));
        submit(MANAGER, id, UUID.randomUUID().toString(), ReportFixtures.ppcSubmission("R8-1")).statusCode(404);
        submit(MANAGER, id, first, ReportFixtures.ppcSubmission("R8-1")).statusCode(201)
                .body("missingItems.number", equalTo(List.of(2, 3, 4, 5, 6, 7, 8, 9)));
    }

    @Test
    void noReportBeforeReportingStartsAndAnIdempotencyKeyAnswersTheFirstDraftAgain() {
        String id = given().auth().oauth2(MANAGER).contentType(ContentType.JSON)
                .body(IncidentFixtures.draft(OffsetDateTime.now(IncidentFixtures.JST).minusHours(1)
                        .truncatedTo(ChronoUnit.SECONDS)))
                .when().post(INCIDENTS).then().statusCode(201).extract().path("id");
        draft(MANAGER, id, "PRELIMINARY", ReportFixtures.preliminaryItems()).statusCode(409)
                .body("type", equalTo("urn:kiroku:problem:incident-not-reporting"));

        String reporting = reportingIncident();
        Map<String, Object> body = Map.of("kind", "PRELIMINARY", "items", ReportFixtures.preliminaryItems());
        String first = given().auth().oauth2(MANAGER).contentType(ContentType.JSON).header("Idempotency-Key", "r-1")
                .body(body).when().post(reports(reporting)).then().statusCode(201).extract().path("id");
        String again = given().auth().oauth2(MANAGER).contentType(ContentType.JSON).header("Idempotency-Key", "r-1")
                .body(body).when().post(reports(reporting)).then().statusCode(201)
                .header("Idempotent-Replayed", "true").extract().path("id");
        assertThat(again).isEqualTo(first);
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON).header("Idempotency-Key", "r-1")
                .body(Map.of("kind", "FINAL", "items", ReportFixtures.allItems()))
                .when().post(reports(reporting)).then().statusCode(422)
                .body("type", equalTo("urn:kiroku:problem:idempotency-key-reused"));
        given().auth().oauth2(AUDITOR).when().get(reports(reporting)).then().statusCode(200).body("id", hasSize(1));
    }

    /** The text of every page of a PDF, without the layout's line breaks and spaces. */
    static String pdfText(byte[] pdf) throws IOException {
        PdfReader reader = new PdfReader(pdf);
        try {
            StringBuilder text = new StringBuilder();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(new PdfTextExtractor(reader).getTextFromPage(page));
            }
            return text.toString().replaceAll("[\\s\\u3000]+", "");
        } finally {
            reader.close();
        }
    }

    @Test
    void aSubmittedReportReadsAsAPdfLaidOutLikeThePpcFormByAcceptOrByFormat() throws IOException {
        String id = reportingIncident();
        String reportId = ReportFixtures.file(MANAGER, id, "PRELIMINARY", ReportFixtures.preliminaryItems());

        byte[] pdf = given().auth().oauth2(AUDITOR).accept("application/pdf")
                .when().get(reports(id) + "/" + reportId)
                .then().statusCode(200)
                .contentType("application/pdf")
                .header("Content-Disposition", equalTo(
                        "inline; filename=\"report-1-preliminary-" + reportId + ".pdf\""))
                .extract().asByteArray();
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        String text = pdfText(pdf);
        assertThat(text).contains("個人データの漏えい等の報告書", "■速報□確報□追完", "(1)概要", "(9)その他参考となる事項",
                "顧客向けメールの誤送信により", "未判明（追って報告）", "受付番号R8-PRELIMINARY", "株式会社サンプル商店",
                "発覚日（事態を知った日）", "Kirokuデモ株式会社");
        assertThat(text).doesNotContain("下書き");

        byte[] byFormat = given().auth().oauth2(OFFICER).queryParam("format", "pdf")
                .when().get(reports(id) + "/" + reportId)
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertThat(new String(byFormat, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        given().auth().oauth2(MANAGER).accept("application/pdf").queryParam("format", "json")
                .when().get(reports(id) + "/" + reportId)
                .then().statusCode(200).contentType(ContentType.JSON).body("id", equalTo(reportId));
        given().auth().oauth2(MANAGER).when().get(reports(id) + "/" + reportId)
                .then().statusCode(200).contentType(ContentType.JSON).body("status", equalTo("SUBMITTED"));
    }

    @Test
    void aDraftReadAsAPdfIsMarkedAsADraft() throws IOException {
        String id = reportingIncident();
        String reportId = draft(MANAGER, id, "PRELIMINARY", Map.of("overview", ReportFixtures.text("概要のみ判明")))
                .statusCode(201).extract().path("id");

        byte[] pdf = given().auth().oauth2(MANAGER).accept("application/pdf")
                .when().get(reports(id) + "/" + reportId)
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();

        String text = pdfText(pdf);
        assertThat(text).contains("下書き(DRAFT)", "概要のみ判明", "報告日（未提出）").doesNotContain("受付番号");
    }

    @Test
    void thePdfNeedsATokenAReadingRoleAKnownReportAndAFormatItCanProduce() {
        String id = reportingIncident();
        String reportId = ReportFixtures.file(MANAGER, id, "PRELIMINARY", ReportFixtures.preliminaryItems());
        String report = reports(id) + "/" + reportId;

        given().accept("application/pdf").when().get(report)
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(CRM).accept("application/pdf").when().get(report)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(AUDITOR).accept("application/pdf").when().get(reports(id) + "/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:not-found"));
        given().auth().oauth2(AUDITOR).accept("application/pdf")
                .when().get(reports(UUID.randomUUID().toString()) + "/" + reportId)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(AUDITOR).queryParam("format", "xml").when().get(report)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("format"))
                .body("violations[0].in", equalTo("query"))
                .body("violations[0].message", equalTo("must be json or pdf"));
        given().auth().oauth2(AUDITOR).accept("image/png").when().get(report)
                .then().statusCode(406).contentType("application/problem+json");
    }

    @Test
    void theContractDocumentsTheReportAsJsonAndAsPdfWithEveryErrorResponse() {
        String get = "paths.'/api/v1/incidents/{id}/reports/{reportId}'.get";
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body(get + ".summary", containsString("PDF"))
                .body(get + ".responses.'200'.content.keySet()", hasItems("application/json", "application/pdf"))
                .body(get + ".responses.'200'.content.'application/pdf'.schema.format", equalTo("binary"))
                .body(get + ".responses.'200'.headers.'Content-Disposition'", notNullValue())
                .body(get + ".responses.keySet()", hasItems("200", "400", "401", "403", "404", "406"))
                .body(get + ".responses.'406'.content.'application/problem+json'.examples", notNullValue())
                .body(get + ".parameters.name", hasItem("format"));
    }
}
