package dev.kiroku.provisionrecords.export;

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
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.AUDITOR;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.CRM;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.OFFICER;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.PROVISIONS;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.TODAY;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.newSubjectId;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.optOutProvision;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * The CSV files people open in Excel (docs/api-conventions.md "CSV"): UTF-8 with a byte-order mark by default, Shift_JIS as
 * Excel in Japan writes it (windows-31j) on request, instants in JST with the offset, nothing silently altered.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class CsvFilesForExcelTest {

    static final String EXPORTS = "/api/v1/provision-exports";
    static final String REQUESTS = "/api/v1/disclosure-requests";
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    static final Charset WINDOWS_31J = Charset.forName("windows-31j");

    static void record(String subject, String counterparty) {
        given().auth().oauth2(CRM).contentType(ContentType.JSON)
                .body(optOutProvision(subject, counterparty, TODAY.minusDays(1)))
                .when().post(PROVISIONS).then().statusCode(201);
    }

    static String disclosureOf(String subject) {
        return given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("subject", Map.of("scheme", "customer-number", "identifier", subject),
                        "method", "DOCUMENT", "receivedVia", "郵送（開示請求書）",
                        "receivedAt", TODAY.atStartOfDay(java.time.ZoneId.of("Asia/Tokyo")).toOffsetDateTime()
                                .toString()))
                .when().post(REQUESTS).then().statusCode(201).extract().path("id");
    }

    static List<CSVRecord> rows(String text) throws IOException {
        return CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
    }

    @Test
    void exportsAreUtf8WithAByteOrderMarkByDefaultAndShowInstantsInJstWithTheOffset() throws IOException {
        String subject = newSubjectId();
        String counterparty = "株式会社エクセル商事" + subject;
        record(subject, counterparty);

        byte[] export = given().auth().oauth2(AUDITOR).accept("text/csv")
                .queryParam("from", TODAY.minusDays(2).toString()).queryParam("to", TODAY.toString())
                .queryParam("counterparty", counterparty)
                .when().get(EXPORTS)
                .then().statusCode(200).contentType(equalTo("text/csv; charset=UTF-8"))
                .extract().asByteArray();
        assertThat(Arrays.copyOf(export, 3)).isEqualTo(BOM);
        List<CSVRecord> rows = rows(new String(export, 3, export.length - 3, StandardCharsets.UTF_8));
        assertThat(rows.get(0).get(0)).isEqualTo("id");
        int recordedAt = rows.get(0).toList().indexOf("recordedAt");
        assertThat(rows.get(1).get(recordedAt)).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+09:00");
        assertThat(rows.get(1).toList()).contains(counterparty);

        String id = disclosureOf(subject);
        byte[] disclosure = given().auth().oauth2(AUDITOR).queryParam("format", "csv").when().get(REQUESTS + "/" + id)
                .then().statusCode(200).contentType(equalTo("text/csv; charset=UTF-8")).extract().asByteArray();
        assertThat(Arrays.copyOf(disclosure, 3)).isEqualTo(BOM);
        assertThat(new String(disclosure, StandardCharsets.UTF_8)).startsWith("\uFEFF記録ID,区分,年月日");
    }

    @Test
    void shiftJisIsWhatExcelInJapanWritesAskedForByAcceptOrQuery() throws IOException {
        String subject = newSubjectId();
        // ① and ㈱ are NEC extensions: in windows-31j (what Excel writes), not in strict JIS X 0208 Shift_JIS
        String counterparty = "㈱髙橋①商事" + subject;
        record(subject, counterparty);

        byte[] export = given().auth().oauth2(AUDITOR).accept("text/csv; charset=Shift_JIS")
                .queryParam("from", TODAY.minusDays(2).toString()).queryParam("to", TODAY.toString())
                .queryParam("counterparty", counterparty)
                .when().get(EXPORTS)
                .then().statusCode(200).contentType(equalTo("text/csv; charset=Shift_JIS"))
                .extract().asByteArray();
        assertThat(Arrays.copyOf(export, 3)).isNotEqualTo(BOM);
        List<CSVRecord> rows = rows(WINDOWS_31J.newDecoder().decode(java.nio.ByteBuffer.wrap(export)).toString());
        assertThat(rows.get(0).get(0)).isEqualTo("id");
        assertThat(rows.get(1).toList()).contains(counterparty, "佐藤花子");

        String id = disclosureOf(subject);
        byte[] disclosure = given().auth().oauth2(AUDITOR).queryParam("format", "csv")
                .queryParam("charset", "Shift_JIS").when().get(REQUESTS + "/" + id)
                .then().statusCode(200).contentType(equalTo("text/csv; charset=Shift_JIS")).extract().asByteArray();
        String text = WINDOWS_31J.newDecoder().decode(java.nio.ByteBuffer.wrap(disclosure)).toString();
        assertThat(text).startsWith("記録ID,区分,年月日").contains(counterparty);
    }

    @Test
    void aCharacterShiftJisCannotHoldRefusesTheShiftJisFileNamingRowAndColumnNeverAltering() {
        String subject = newSubjectId();
        String counterparty = "𠮷野家ホールディングス" + subject; // U+20BB7 is outside windows-31j
        record(subject, counterparty);

        given().auth().oauth2(AUDITOR).queryParam("format", "csv").queryParam("charset", "Shift_JIS")
                .queryParam("from", TODAY.minusDays(2).toString()).queryParam("to", TODAY.toString())
                .queryParam("counterparty", counterparty)
                .when().get(EXPORTS)
                .then().statusCode(406).contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:csv-not-encodable"))
                .body("row", equalTo(2))
                .body("column", equalTo("counterpartyName"))
                .body("detail", containsString("UTF-8"))
                .body("detail", not(containsString("𠮷")));
        String id = disclosureOf(subject);
        given().auth().oauth2(AUDITOR).accept("text/csv; charset=Shift_JIS").when().get(REQUESTS + "/" + id)
                .then().statusCode(406)
                .body("column", equalTo("提供先・提供元"));
        given().auth().oauth2(AUDITOR).accept("text/csv").when().get(REQUESTS + "/" + id)
                .then().statusCode(200).body(containsString(counterparty));
    }

    @Test
    void anUnknownCharsetIs400InTheQueryAnd406InAccept() {
        given().auth().oauth2(AUDITOR).queryParam("format", "csv").queryParam("charset", "EUC-JP")
                .queryParam("from", TODAY.minusDays(2).toString()).queryParam("to", TODAY.toString())
                .when().get(EXPORTS)
                .then().statusCode(400).body("violations.field", hasItem("charset"));
        given().auth().oauth2(AUDITOR).accept("text/csv; charset=EUC-JP")
                .queryParam("from", TODAY.minusDays(2).toString()).queryParam("to", TODAY.toString())
                .when().get(EXPORTS)
                .then().statusCode(406);
    }
}
