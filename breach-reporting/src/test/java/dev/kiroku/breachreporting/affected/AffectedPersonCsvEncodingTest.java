package dev.kiroku.breachreporting.affected;

import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static dev.kiroku.breachreporting.affected.AffectedPersonImportTest.HEADER;
import static dev.kiroku.breachreporting.affected.AffectedPersonImportTest.INCIDENTS;
import static dev.kiroku.breachreporting.affected.AffectedPersonImportTest.MANAGER;
import static dev.kiroku.breachreporting.affected.AffectedPersonImportTest.finished;
import static dev.kiroku.breachreporting.affected.AffectedPersonImportTest.id;
import static dev.kiroku.breachreporting.affected.AffectedPersonImportTest.incident;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Affected-person files as Excel saves them (docs/api-conventions.md "CSV"): UTF-8 with or without a byte-order mark, and
 * Shift_JIS — windows-31j, Excel's "CSV (comma delimited)" in Japan — declared or recognised; any other encoding is
 * refused with how to save "CSV UTF-8" from Excel.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class AffectedPersonCsvEncodingTest {

    static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    /** 髙 and ① are in windows-31j (IBM/NEC extensions) but not in JIS X 0208: Excel writes them all the same. */
    static final String NAME = "髙橋①子";

    static Response upload(String incident, String contentType, byte[] body) {
        return given().auth().oauth2(MANAGER).contentType(contentType).body(body)
                .when().post(INCIDENTS + "/" + incident + "/affected-person-imports");
    }

    static void landsWithItsName(String incident, String contentType, byte[] body, String identifier) {
        String location = upload(incident, contentType, body).then().statusCode(202).extract().header("Location");
        finished(location.substring(location.indexOf(INCIDENTS))).body("status", equalTo("COMPLETED"))
                .body("added", equalTo(1)).body("rejected", equalTo(0));
        given().auth().oauth2(MANAGER).when().get(INCIDENTS + "/" + incident + "/affected-persons")
                .then().statusCode(200)
                .body("items.find { it.identifier == '" + identifier + "' }.name", equalTo(NAME));
    }

    static String file(String identifier) {
        return HEADER + "customer-number," + identifier + "," + NAME + ",,ja\r\n";
    }

    @Test
    void aShiftJisFileAsExcelInJapanSavesItIsRecognisedWithoutADeclaredCharset() {
        String id = id();
        landsWithItsName(incident(), "text/csv", file(id).getBytes(WINDOWS_31J), id);
    }

    @Test
    void aShiftJisFileDeclaredInTheContentTypeIsReadAsShiftJis() {
        String id = id();
        landsWithItsName(incident(), "text/csv; charset=Shift_JIS", file(id).getBytes(WINDOWS_31J), id);
    }

    @Test
    void aUtf8FileWithoutAByteOrderMarkIsReadAsUtf8() {
        String id = id();
        landsWithItsName(incident(), "text/csv", file(id).getBytes(StandardCharsets.UTF_8), id);
    }

    @Test
    void aFileInAnotherEncodingIsRefusedSayingHowToSaveCsvUtf8FromExcel() {
        String incident = incident();
        byte[] utf16 = ("\uFEFF" + file(id())).getBytes(StandardCharsets.UTF_16LE);
        upload(incident, "text/csv", utf16).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:affected-person-file-refused"))
                .body("detail", containsString("neither UTF-8 nor Shift_JIS"))
                .body("violations[0].message", containsString("CSV UTF-8"));
        upload(incident, "text/csv; charset=UTF-8", file(id()).getBytes(WINDOWS_31J)).then().statusCode(422)
                .body("violations[0].message", containsString("not valid UTF-8"))
                .body("violations[0].message", containsString("CSV UTF-8"));
        upload(incident, "text/csv; charset=EUC-JP", file(id()).getBytes(StandardCharsets.UTF_8))
                .then().statusCode(422).body("violations[0].message", containsString("CSV UTF-8"));
        given().auth().oauth2(MANAGER).when().get(INCIDENTS + "/" + incident + "/affected-persons")
                .then().statusCode(200).body("total", equalTo(0));
    }
}
