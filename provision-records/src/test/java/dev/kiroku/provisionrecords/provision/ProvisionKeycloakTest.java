package dev.kiroku.provisionrecords.provision;

import dev.kiroku.platform.testing.DemoLogins;
import dev.kiroku.platform.testing.EmbeddedPostgresResource;
import dev.kiroku.platform.testing.KeycloakResource;
import dev.kiroku.platform.testing.KeycloakTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.PROVISIONS;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.TODAY;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.newSubjectId;
import static dev.kiroku.provisionrecords.provision.ProvisionFixtures.optOutProvision;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Provision records with real Keycloak tokens: the ingest service account creates but never reads. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(KeycloakResource.class)
class ProvisionKeycloakTest {

    @Test
    void theIngestServiceAccountMayCreateButNotReadOfficersReadAndAnonymousIsRefused() {
        String crm = KeycloakTokens.forClient(DemoLogins.DEMO_CRM, DemoLogins.DEMO_CRM_SECRET);
        String officer = KeycloakTokens.forUser(DemoLogins.OFFICER);
        String auditor = KeycloakTokens.forUser(DemoLogins.AUDITOR);

        String id = given().auth().oauth2(crm).contentType(ContentType.JSON)
                .body(optOutProvision(newSubjectId(), "株式会社サンプル商事", TODAY))
                .when().post(PROVISIONS)
                .then().statusCode(201).body("recordedBy", equalTo("service-account-demo-crm")).extract().path("id");
        given().auth().oauth2(crm).when().get(PROVISIONS + "/" + id).then().statusCode(403);
        given().auth().oauth2(crm).when().get(PROVISIONS).then().statusCode(403);
        given().auth().oauth2(officer).when().get(PROVISIONS + "/" + id).then().statusCode(200);
        given().auth().oauth2(auditor).when().get(PROVISIONS + "/" + id).then().statusCode(200);
        given().auth().oauth2(auditor).contentType(ContentType.JSON)
                .body(optOutProvision(newSubjectId(), "株式会社サンプル商事", TODAY))
                .when().post(PROVISIONS).then().statusCode(403);
        given().when().get(PROVISIONS + "/" + id).then().statusCode(401);
    }
}
