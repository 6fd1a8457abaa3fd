package dev.kiroku.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.testing.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The one API surface: the services' OpenAPI documents served and merged by the gateway, and its Swagger UI loading
 * them through the gateway and signing in with Keycloak (PKCE). Two fake services serve canned documents; the
 * third service is down.
 */
@QuarkusTest
@TestProfile(LocalTokens.Profile.class)
@QuarkusTestResource(value = OpenApiServicesResource.class, restrictToAnnotatedClass = true)
class GatewayOpenApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REALM = OpenApiServicesResource.REALM;
    /** How the Swagger UI page lists the documents it loads. */
    private static final Pattern SPEC_ENTRY = Pattern.compile("\\{url: \"([^\"]+)\", name: \"([^\"]+)\"}");

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void servesEachServicesDocumentReadyToBeCalledThroughTheGateway() {
        JsonNode document = document("/openapi/joint-use.json");

        assertThat(document.at("/info/title").asText()).isEqualTo("Kiroku joint-use");
        assertThat(document.at("/servers/0/url").asText()).isEqualTo("/");
        assertThat(document.at("/servers").size()).isEqualTo(1);
        assertThat(names(document.get("paths")))
                .containsExactlyInAnyOrder("/api/v1/joint-use-groups", "/public/v1/joint-use-notices");
        assertThat(names(document.at("/components/securitySchemes"))).containsExactly("keycloak");
        assertThat(operation(document, "/api/v1/joint-use-groups", "post").get("security").toString())
                .isEqualTo("[{\"keycloak\":[]}]");
        assertThat(names(document.at("/components/schemas"))).containsExactlyInAnyOrder("Problem", "JointUseGroup");
    }

    @Test
    void mergesEveryServicesPathsIntoOneDocumentWithOneProblemSchema() {
        JsonNode merged = document("/openapi/kiroku.json");

        assertThat(merged.at("/openapi").asText()).isEqualTo("3.1.0");
        assertThat(merged.at("/info/title").asText()).isEqualTo("Kiroku API");
        assertThat(merged.at("/info/version").asText()).isNotBlank();
        assertThat(merged.at("/servers").toString()).contains("\"url\":\"/\"");
        assertThat(merged.at("/servers").size()).isEqualTo(1);
        assertThat(names(merged.get("paths"))).containsExactlyInAnyOrder(
                "/api/v1/provisions", "/api/v1/provisions/{id}",
                "/api/v1/joint-use-groups", "/public/v1/joint-use-notices");
        assertThat(names(merged.at("/components/schemas")))
                .containsExactlyInAnyOrder("Problem", "Provision", "JointUseGroup");
        assertThat(merged.at("/components/schemas/Problem").get("description").asText())
                .isEqualTo("RFC 9457 problem details");
        // declared tags that no kept operation uses ("Opt-out", "Internal") are left out
        assertThat(tagNames(merged)).containsExactly("Joint-use groups", "Public notices", "Provisions");
    }

    @Test
    void signsInWithKeycloakByAuthorizationCodeSoTheSwaggerUiCanUsePkce() {
        JsonNode merged = document("/openapi/kiroku.json");

        assertThat(names(merged.at("/components/securitySchemes"))).containsExactly("keycloak");
        JsonNode scheme = merged.at("/components/securitySchemes/keycloak");
        assertThat(scheme.get("type").asText()).isEqualTo("oauth2");
        assertThat(names(scheme.get("flows"))).containsExactly("authorizationCode");
        JsonNode flow = scheme.at("/flows/authorizationCode");
        assertThat(flow.get("authorizationUrl").asText()).isEqualTo(REALM + "/protocol/openid-connect/auth");
        assertThat(flow.get("tokenUrl").asText()).isEqualTo(REALM + "/protocol/openid-connect/token");
        assertThat(names(flow.get("scopes"))).contains("openid");
    }

    @Test
    void keepsPublicOperationsPublicAndSecuresEveryOtherOperationWithKeycloak() {
        JsonNode merged = document("/openapi/kiroku.json");

        assertThat(operation(merged, "/public/v1/joint-use-notices", "get").get("security").toString())
                .isEqualTo("[]");
        for (String[] secured : new String[][] {{"/api/v1/provisions", "post"}, {"/api/v1/provisions/{id}", "get"},
                {"/api/v1/joint-use-groups", "get"}, {"/api/v1/joint-use-groups", "post"}}) {
            assertThat(operation(merged, secured[0], secured[1]).get("security").toString())
                    .as("%s %s", secured[1], secured[0])
                    .isEqualTo("[{\"keycloak\":[]}]");
        }
        assertThat(merged.toString()).doesNotContain("\"bearer\"");
    }

    @Test
    void dropsPathsTheGatewayDoesNotRouteToTheService() {
        JsonNode merged = document("/openapi/kiroku.json");
        JsonNode provisionRecords = document("/openapi/provision-records.json");

        // provision-records describes these, but the gateway does not route them to it
        assertThat(names(merged.get("paths"))).doesNotContain("/internal/v1/reindex", "/api/v1/opt-out-stops");
        assertThat(names(provisionRecords.get("paths")))
                .containsExactlyInAnyOrder("/api/v1/provisions", "/api/v1/provisions/{id}");
        // joint-use describes /api/v1/provisions too, but the gateway routes that path to provision-records
        assertThat(names(merged.at("/paths/~1api~1v1~1provisions"))).containsExactly("post");
        assertThat(operation(merged, "/api/v1/provisions", "post").get("summary").asText())
                .isEqualTo("Record a provision");
    }

    @Test
    void stillAnswersTheMergedDocumentWhenAServiceIsDownAndNamesIt() {
        JsonNode merged = document("/openapi/kiroku.json");

        assertThat(merged.get("x-kiroku-unavailable").toString()).isEqualTo("[\"breach-reporting\"]");
        assertThat(merged.at("/info/description").asText()).contains("breach-reporting");
        assertThat(names(merged.get("paths"))).noneMatch(path -> path.startsWith("/api/v1/incidents"));
    }

    @Test
    void answersA502ProblemForTheDocumentOfAServiceThatIsDown() {
        given().header("X-Request-Id", "openapi-down-1")
                .when().get("/openapi/breach-reporting.json")
                .then().statusCode(502)
                .contentType("application/problem+json")
                .header("X-Request-Id", "openapi-down-1")
                .body("type", equalTo("urn:kiroku:problem:bad-gateway"))
                .body("detail", containsString("breach-reporting"))
                .body("instance", equalTo("/openapi/breach-reporting.json"))
                .body("requestId", equalTo("openapi-down-1"));
    }

    @Test
    void answersA404ProblemForTheDocumentOfAServiceTheGatewayDoesNotKnow() {
        given().header("X-Request-Id", "openapi-unknown-1")
                .when().get("/openapi/payroll.json")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:not-found"))
                .body("instance", equalTo("/openapi/payroll.json"))
                .body("requestId", equalTo("openapi-unknown-1"));
        given().when().get("/openapi/joint-use.yaml")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kiroku:problem:not-found"));
    }

    @Test
    void reusesAFetchedDocumentUntilItsCacheTtlExpires() {
        String service = backendUrl("provision-records");
        document("/openapi/provision-records.json");
        int before = documentRequests(service);

        document("/openapi/provision-records.json");
        document("/openapi/kiroku.json");
        document("/openapi/provision-records.json");

        assertThat(before).isPositive();
        assertThat(documentRequests(service)).isEqualTo(before);
    }

    @Test
    void theSwaggerUiPageLoadsItsSpecsThroughTheGateway() {
        String page = given().when().get("/q/swagger-ui/")
                .then().statusCode(200).contentType(containsString("text/html"))
                .extract().asString();

        Map<String, String> specs = new LinkedHashMap<>();
        Matcher entry = SPEC_ENTRY.matcher(page);
        while (entry.find()) {
            specs.put(entry.group(2), entry.group(1));
        }
        assertThat(specs).containsExactlyInAnyOrderEntriesOf(Map.of(
                "kiroku", "/openapi/kiroku.json",
                "provision-records", "/openapi/provision-records.json",
                "joint-use", "/openapi/joint-use.json",
                "breach-reporting", "/openapi/breach-reporting.json"));
        assertThat(page).containsPattern("\"urls\\.primaryName\":\\s*'kiroku'");
        assertThat(page).containsPattern("clientId:\\s*['\"]kiroku-swagger['\"]");
        assertThat(page).containsPattern("usePkceWithAuthorizationCodeGrant:\\s*true");
        assertThat(page).containsPattern("scopes:\\s*['\"]openid['\"]");

        // every document the page loads is served by the gateway; the one of the service that is down is a problem
        for (Map.Entry<String, String> spec : specs.entrySet()) {
            if (spec.getKey().equals("breach-reporting")) {
                given().when().get(spec.getValue())
                        .then().statusCode(502).contentType("application/problem+json");
            } else {
                JsonNode document = document(spec.getValue());
                assertThat(document.at("/servers/0/url").asText()).as(spec.getKey()).isEqualTo("/");
                assertThat(names(document.at("/components/securitySchemes"))).as(spec.getKey())
                        .containsExactly("keycloak");
            }
        }
        // where Keycloak sends the officer back with the authorization code
        given().when().get("/q/swagger-ui/oauth2-redirect.html").then().statusCode(200);
    }

    private static JsonNode document(String path) {
        String body = given().accept("application/json").when().get(path)
                .then().statusCode(200).contentType("application/json")
                .extract().asString();
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(path + " is not JSON", e);
        }
    }

    private static JsonNode operation(JsonNode document, String path, String method) {
        JsonNode operation = document.get("paths").path(path).get(method);
        assertThat(operation).as("%s %s", method, path).isNotNull();
        return operation;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> tagNames(JsonNode document) {
        List<String> names = new ArrayList<>();
        document.path("tags").forEach(tag -> names.add(tag.get("name").asText()));
        return names;
    }

    private static String backendUrl(String service) {
        return ConfigProvider.getConfig().getValue("kiroku.gateway.backends." + service + ".url", String.class);
    }

    /** How many documents the fake service has served. */
    private static int documentRequests(String serviceUrl) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(serviceUrl + "/test/document-requests")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return Integer.parseInt(response.body().trim());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
