package dev.kiroku.jointuse.group;

import dev.kiroku.platform.testing.DemoLogins;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.KeycloakResource;
import dev.kiroku.platform.testing.KeycloakTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Joint-use roles with real Keycloak tokens: officers write, auditors read, ingest systems only check. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(KeycloakResource.class)
class JointUseGroupKeycloakTest {

    @Test
    void officersWriteAuditorsReadAndTheRestAreRefused() {
        String officer = KeycloakTokens.forUser(DemoLogins.OFFICER);
        String auditor = KeycloakTokens.forUser(DemoLogins.AUDITOR);
        String crm = KeycloakTokens.forClient(DemoLogins.DEMO_CRM, DemoLogins.DEMO_CRM_SECRET);
        String breachManager = KeycloakTokens.forUser(DemoLogins.BREACH_MANAGER);

        String id = given().auth().oauth2(officer).contentType(ContentType.JSON).body(JointUseFixtures.policy002())
                .when().post("/api/v1/joint-use-groups")
                .then().statusCode(201).body("createdBy", equalTo("officer")).extract().path("id");
        given().auth().oauth2(officer).contentType(ContentType.JSON)
                .body(Map.of("effectiveFrom", LocalDate.now(ZoneId.of("Asia/Tokyo")).toString()))
                .when().post("/api/v1/joint-use-groups/" + id + "/publication").then().statusCode(201);

        given().auth().oauth2(auditor).when().get("/api/v1/joint-use-groups/" + id).then().statusCode(200);
        given().auth().oauth2(auditor).contentType(ContentType.JSON).body(JointUseFixtures.policy002())
                .when().post("/api/v1/joint-use-groups").then().statusCode(403);
        given().auth().oauth2(crm).when().get("/api/v1/joint-use-groups/" + id).then().statusCode(403);
        given().auth().oauth2(breachManager).when().get("/api/v1/joint-use-groups").then().statusCode(403);
        given().when().get("/api/v1/joint-use-groups").then().statusCode(401);
        given().auth().oauth2(crm).contentType(ContentType.JSON)
                .body(Map.of("counterpartyName", "GlobalSign NV", "items", java.util.List.of("お名前"),
                        "date", LocalDate.now(ZoneId.of("Asia/Tokyo")).toString()))
                .when().post("/api/v1/joint-use-checks").then().statusCode(200).body("jointUser", equalTo(true));
        given().accept(ContentType.JSON).when().get("/public/v1/joint-use-notices/" + id)
                .then().statusCode(200).body("version", equalTo(1));
    }
}
