package dev.kiroku.provisionrecords.disclosure;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.AUDITOR;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** Disclosure of provision records to the subject (APPI Art. 33(5)) as JSON, CSV and a PDF letter. */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class DisclosureRequestResourceTest {

    static final String REQUESTS = "/api/v1/disclosure-requests";

    static String record(Map<String, Object> event) {
        return given().auth().oauth2(CRM).contentType(ContentType.JSON).body(event).when().post(PROVISIONS)
                .then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> ask(String subject, Object... extra) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of(
                "subject", Map.of("scheme", "customer-number", "identifier", subject),
                "method", "DOCUMENT", "receivedVia", "郵送（開示請求書）",
                "receivedAt", TODAY.atStartOfDay(java.time.ZoneId.of("Asia/Tokyo")).toOffsetDateTime().toString()));
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        return body;
    }

    @Test
    void everyCsvExportNeutralisesCellsASpreadsheetWouldEvaluate() throws IOException {
        String subject = newSubjectId();
        String formula = "=HYPERLINK(\"http://x\")";
        record(with(optOutProvision(subject, formula, TODAY.minusDays(1)), "otherItems", List.of("@SUM(1+1)")));

        String id = given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(ask(subject))
                .when().post(REQUESTS).then().statusCode(201).extract().path("id");
        String disclosure = given().auth().oauth2(AUDITOR).accept("text/csv").when().get(REQUESTS + "/" + id)
                .then().statusCode(200).extract().asString();
        String export = given().auth().oauth2(AUDITOR).accept("text/csv")
                .queryParam("from", TODAY.minusDays(2).toString()).queryParam("to", TODAY.toString())
                .queryParam("counterparty", formula)
                .when().get("/api/v1/provision-exports").then().statusCode(200).extract().asString();

        for (String csv : List.of(disclosure, export)) {
            List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
            assertThat(rows).hasSizeGreaterThan(1);
            List<String> cells = rows.stream().flatMap(r -> r.stream()).toList();
            assertThat(cells).noneMatch(c -> !c.isEmpty() && "=+-@\t\r".indexOf(c.charAt(0)) >= 0);
            assertThat(cells).anyMatch(c -> c.startsWith("'" + formula));
        }
        assertThat(CSVFormat.RFC4180.parse(new StringReader(export)).getRecords().stream()
                .flatMap(r -> r.stream()).toList()).contains("'" + formula, "'@SUM(1+1)");
    }

    @Test
    void aDisclosureHoldsEveryStatutoryRecordAboutTheSubjectAndLeavesOutOrder11AndVoluntaryOnes() throws IOException {
        String subject = newSubjectId();
        String provided = record(optOutProvision(subject, "株式会社サンプル商事", TODAY.minusDays(3)));
        String received = record(consentReceipt(subject, "株式会社データ提供", TODAY.minusDays(20)));
        String withheld = record(with(optOutProvision(subject, "株式会社調査会社", TODAY.minusDays(2)),
                "order11Ground", "PUBLIC_SAFETY"));
        String voluntary = record(with(optOutProvision(subject, "警視庁", TODAY.minusDays(1)),
                "legalBasis", "EXC_27_1_I"));
        record(optOutProvision(newSubjectId(), "株式会社サンプル商事", TODAY)); // somebody else

        String id = given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(ask(subject))
                .when().post(REQUESTS)
                .then().statusCode(201).header("Location", containsString(REQUESTS + "/"))
                .body("outcome", equalTo("DISCLOSED"))
                .body("recordCount", equalTo(2))
                .body("records", hasSize(2))
                .body("records.recordId", org.hamcrest.Matchers.containsInAnyOrder(provided, received))
                .body("records.recordId", not(org.hamcrest.Matchers.hasItem(withheld)))
                .body("records.recordId", not(org.hamcrest.Matchers.hasItem(voluntary)))
                .body("answeredBy", equalTo("officer"))
                .body("timeToAnswer", startsWith("PT"))
                .extract().path("id");

        given().auth().oauth2(AUDITOR).accept("text/csv").when().get(REQUESTS + "/" + id)
                .then().statusCode(200).contentType(containsString("text/csv"))
                .body(containsString("記録ID,区分,年月日"))
                .body(containsString("株式会社サンプル商事"))
                .body(containsString("オプトアウトによる第三者提供（法第27条第2項）"))
                .body(not(containsString("株式会社調査会社")));
        given().auth().oauth2(AUDITOR).queryParam("format", "csv").queryParam("lang", "en")
                .when().get(REQUESTS + "/" + id)
                .then().statusCode(200).body(containsString("Record ID,Direction,Date"))
                .body(containsString("Opt-out provision (Art. 27(2))"));

        byte[] pdf = given().auth().oauth2(OFFICER).accept("application/pdf").when().get(REQUESTS + "/" + id)
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        PdfReader reader = new PdfReader(pdf);
        String text = new PdfTextExtractor(reader).getTextFromPage(1);
        assertThat(text).contains("第三者提供記録の開示について").contains("株式会社サンプル商事")
                .doesNotContain("株式会社調査会社");
        byte[] english = given().auth().oauth2(OFFICER).queryParam("format", "pdf").queryParam("lang", "en")
                .when().get(REQUESTS + "/" + id).then().statusCode(200).extract().asByteArray();
        assertThat(new PdfTextExtractor(new PdfReader(english)).getTextFromPage(1))
                .contains("Disclosure of records of provision to third parties");
    }

    @Test
    void aSubjectWithoutRecordsIsToldSoAndARefusalIsRecordedWithItsGround() {
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(ask(newSubjectId(), "method",
                        "ELECTRONIC_RECORD")).when().post(REQUESTS)
                .then().statusCode(201).body("outcome", equalTo("NO_RECORDS")).body("records", hasSize(0));

        String subject = newSubjectId();
        record(optOutProvision(subject, "株式会社サンプル商事", TODAY));
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(ask(subject, "refusalGround", "HARM_TO_PERSONS", "refusalDetail", "第三者の権利利益を害するおそれ"))
                .when().post(REQUESTS)
                .then().statusCode(201).body("outcome", equalTo("REFUSED"))
                .body("refusalArticle", equalTo("APPI Art. 33(2)(i) as applied by Art. 33(5)"))
                .body("recordCount", equalTo(0));
    }

    @Test
    void aDateRangeNarrowsTheDisclosure() {
        String subject = newSubjectId();
        record(optOutProvision(subject, "株式会社サンプル商事", TODAY.minusDays(100)));
        String recent = record(optOutProvision(subject, "株式会社サンプル商事", TODAY.minusDays(5)));
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(ask(subject, "from", TODAY.minusDays(30).toString(), "to", TODAY.toString()))
                .when().post(REQUESTS)
                .then().statusCode(201).body("recordCount", equalTo(1)).body("records[0].recordId", equalTo(recent));
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(ask(subject, "from", TODAY.toString(), "to", TODAY.minusDays(1).toString()))
                .when().post(REQUESTS).then().statusCode(400);
    }

    @Test
    void onlyOfficersAnswerAndAuditorsRead() {
        String subject = newSubjectId();
        given().auth().oauth2(AUDITOR).contentType(ContentType.JSON).body(ask(subject)).when().post(REQUESTS)
                .then().statusCode(403);
        given().auth().oauth2(CRM).when().get(REQUESTS).then().statusCode(403);
        given().when().get(REQUESTS).then().statusCode(401);
        String id = given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(ask(subject))
                .when().post(REQUESTS).then().statusCode(201).extract().path("id");
        given().auth().oauth2(AUDITOR).queryParam("subjectScheme", "customer-number")
                .queryParam("subjectIdentifier", subject).when().get(REQUESTS)
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(id));
        given().auth().oauth2(AUDITOR).queryParam("format", "xml").when().get(REQUESTS + "/" + id)
                .then().statusCode(400);
        given().auth().oauth2(AUDITOR).accept("image/png").when().get(REQUESTS + "/" + id)
                .then().statusCode(406);
        given().auth().oauth2(AUDITOR).when().get(REQUESTS + "/019a8f2e-7c41-7d3a-9b1e-2f4c6a8e0b12")
                .then().statusCode(404);
    }

    @Test
    void eachLetterHasItsContactLineInItsOwnLanguage() throws IOException {
        String subject = newSubjectId();
        record(optOutProvision(subject, "株式会社サンプル商事", TODAY.minusDays(1)));
        String id = given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(ask(subject))
                .when().post(REQUESTS).then().statusCode(201).extract().path("id");

        String english = pdfText(given().auth().oauth2(OFFICER).queryParam("format", "pdf").queryParam("lang", "en")
                .when().get(REQUESTS + "/" + id).then().statusCode(200).extract().asByteArray());
        String japanese = pdfText(given().auth().oauth2(OFFICER).queryParam("format", "pdf")
                .when().get(REQUESTS + "/" + id).then().statusCode(200).extract().asByteArray());

        assertThat(english).contains("Personal information inquiries: privacy@example.invalid")
                .doesNotContain("お問い合わせ窓口");
        assertThat(japanese).contains("個人情報お問い合わせ窓口").doesNotContain("Personal information inquiries");
    }

    @Test
    void theLetterPrintsEveryCharacterOfTheNamesItCarries() throws IOException {
        // 𠮷 (U+20BB7) and the simplified Chinese 张 are not in IPAexGothic: they print from the CJK fallback font
        String subject = newSubjectId();
        Map<String, Object> provision = optOutProvision(subject, "株式会社𠮷野家", TODAY);
        provision.put("subject", Map.of("scheme", "customer-number", "identifier", subject, "name", "𠮷田张花子"));
        record(provision);
        String id = given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(ask(subject))
                .when().post(REQUESTS).then().statusCode(201).extract().path("id");

        String letter = pdfText(given().auth().oauth2(OFFICER).accept("application/pdf").when().get(REQUESTS + "/" + id)
                .then().statusCode(200).extract().asByteArray());

        // (the text extractor may put a space where the font changes: compared without spaces)
        assertThat(letter.replaceAll("\\s", "")).contains("𠮷田张花子様", "株式会社𠮷野家");
    }

    static String pdfText(byte[] pdf) throws IOException {
        PdfReader reader = new PdfReader(pdf);
        StringBuilder text = new StringBuilder();
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            text.append(new PdfTextExtractor(reader).getTextFromPage(page));
        }
        reader.close();
        return text.toString();
    }
}
