package dev.kiroku.gateway;

import dev.kiroku.platform.testing.KeycloakResource;
import dev.kiroku.platform.testing.KeycloakServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The merged API document through the gateway, made of the real services' documents, signing in at the real realm. */
@QuarkusTest
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(value = ServicesResource.class, restrictToAnnotatedClass = true)
class GatewayOpenApiEndToEndTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void mergesTheRealServicesDocumentsIntoOneSignedInAtTheRealm() {
        JsonPath merged = given().accept("application/json").when().get("/openapi/kiroku.json")
                .then().statusCode(200).contentType("application/json")
                .extract().jsonPath();

        Map<String, Object> paths = merged.getMap("paths");
        assertThat(paths).containsKeys("/api/v1/joint-use-groups", "/public/v1/joint-use-notices",
                "/api/v1/provision-records/caller", "/api/v1/breach-reporting/caller");
        assertThat(merged.getList("x-kiroku-unavailable")).isNull();
        assertThat(merged.getString("components.securitySchemes.keycloak.flows.authorizationCode.authorizationUrl"))
                .isEqualTo(KeycloakServer.realmUrl().replaceAll("/+$", "") + "/protocol/openid-connect/auth");
        List<Object> publicSecurity = merged.getList("paths.'/public/v1/joint-use-notices'.get.security");
        assertThat(publicSecurity).isEmpty();
        assertThat(merged.getList("paths.'/api/v1/joint-use-groups'.get.security").toString())
                .isEqualTo("[{keycloak=[]}]");
    }

    @Test
    void theMergedDocumentHoldsEveryOperationOfEveryService() {
        Set<String> merged = operations(given().accept("application/json").when().get("/openapi/kiroku.json")
                .then().statusCode(200).extract().jsonPath(), null);
        Set<String> union = new TreeSet<>();
        for (String service : ServicesResource.DATABASES.keySet()) {
            String url = ConfigProvider.getConfig().getValue("kiroku.gateway.backends." + service + ".url",
                    String.class);
            union.addAll(operations(given().accept("application/json").when().get(url + "/q/openapi")
                    .then().statusCode(200).extract().jsonPath(), service));
        }
        assertThat(union).contains("GET /api/v1/audit/provision-records/entries",
                "GET /api/v1/audit/breach-reporting/verification");
        assertThat(merged).isEqualTo(union);
    }

    /** "METHOD path" of every operation; a service's {service} paths under its own name. */
    private static Set<String> operations(JsonPath document, String service) {
        Set<String> operations = new TreeSet<>();
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        paths.forEach((path, item) -> item.keySet().stream()
                .filter(m -> Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(m))
                .forEach(m -> operations.add(m.toUpperCase(java.util.Locale.ROOT) + " "
                        + (service == null ? path : path.replace("{service}", service)))));
        return operations;
    }
}
