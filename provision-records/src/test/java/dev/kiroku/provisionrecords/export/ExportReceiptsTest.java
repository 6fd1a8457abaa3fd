package dev.kiroku.provisionrecords.export;

import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.LocalTokens;
import dev.kiroku.verifier.Main;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;

import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.AUDITOR;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.CRM;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.PROVISIONS;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.TODAY;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.newSubjectId;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.optOutProvision;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A regulator export (APPI Art. 146) links to receipts of the records it holds (issue 13, item 3), which the offline
 * verifier finds valid, record by record, and invalid once the export is changed.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ExportReceiptsTest {

    @Test
    void aRegulatorExportLinksToReceiptsTheOfflineVerifierAccepts() throws Exception {
        String counterparty = "株式会社輸出検証" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(CRM).contentType(ContentType.JSON).body(optOutProvision(newSubjectId(), counterparty,
                TODAY.minusDays(1))).when().post(PROVISIONS).then().statusCode(201);
        given().auth().oauth2(CRM).contentType(ContentType.JSON).body(Map.of("events", List.of(
                        optOutProvision(newSubjectId(), counterparty, TODAY.minusDays(2)),
                        optOutProvision(newSubjectId(), counterparty, TODAY.minusDays(3)))))
                .when().post(PROVISIONS + "/batch").then().statusCode(200).body("created", equalTo(2));

        Response export = given().auth().oauth2(AUDITOR).queryParam("from", TODAY.minusDays(5).toString())
                .queryParam("to", TODAY.toString()).queryParam("counterparty", counterparty)
                .queryParam("format", "json").when().get("/api/v1/provision-exports");
        export.then().statusCode(200);
        Matcher link = java.util.regex.Pattern.compile("^<(/api/v1/provision-exports/receipts\\?[^>]+)>; "
                + "rel=\"receipts\"$").matcher(export.header("Link"));
        assertThat(link.matches()).as(export.header("Link")).isTrue();
        assertThat(link.group(1)).doesNotContain("format=");
        String receipts = given().auth().oauth2(AUDITOR).urlEncodingEnabled(false).when().get(link.group(1))
                .then().statusCode(200).contentType(ContentType.JSON).body("receipts.size()", equalTo(3))
                .extract().asString();
        String key = given().auth().oauth2(AUDITOR).when().get("/api/v1/audit/provision-records/verifier-key")
                .then().statusCode(200).extract().asString().trim();

        Path dir = Files.createDirectories(Path.of("target", "receipts", "export"));
        Path exported = Files.writeString(dir.resolve("export.json"), export.asString());
        Path proofs = Files.writeString(dir.resolve("receipts.json"), receipts);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        String[] args = {"--key", key, exported.toString(), proofs.toString()};
        assertThat(Main.run(args, print, print)).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("VALID: all 3 records are in the signed log");

        Files.writeString(exported, export.asString().replaceFirst("\"providedOn\":\"[0-9-]+\"",
                "\"providedOn\":\"2000-01-01\""));
        out.reset();
        assertThat(Main.run(args, print, print)).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("facts-differ: 'providedOn'");
    }

    @Test
    void receiptsOfAnExportNeedItsPeriod() {
        given().auth().oauth2(AUDITOR).when().get("/api/v1/provision-exports/receipts?from=2026-01-01")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(CRM).when().get("/api/v1/provision-exports/receipts?from=2026-01-01&to=2026-12-31")
                .then().statusCode(403);
    }
}
