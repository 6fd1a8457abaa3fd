package dev.kiroku.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroku.platform.testing.KeycloakResource;
import dev.kiroku.platform.testing.KeycloakServer;
import dev.kiroku.platform.testing.PackagedService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API contract as committed under {@code docs/openapi/}: each service's own document ({@code /q/openapi}) and the
 * gateway's merged "Kiroku API", from which the build lints (Spectral, {@code .spectral.yaml}) and generates the Java
 * client. The committed documents must be exactly the live ones; the live ones are written to
 * {@code gateway/target/openapi/} so that a changed contract is committed by copying them over.
 */
@QuarkusTest
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(value = ServicesResource.class, restrictToAnnotatedClass = true)
class ApiContractTest {

    /** The realm URL the committed merged document names: the local stack's ({@code ./kiroku up}). */
    static final String COMMITTED_REALM_URL = "http://127.0.0.1:8180/realms/kiroku";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void theCommittedDocumentsAreTheLiveContract() throws IOException {
        Map<String, JsonNode> live = liveDocuments();
        Path committed = PackagedService.home().resolve("docs/openapi");
        Path written = PackagedService.home().resolve("gateway/target/openapi");
        Files.createDirectories(written);
        List<String> stale = new ArrayList<>();
        for (var entry : live.entrySet()) {
            String file = entry.getKey() + ".json";
            Files.writeString(written.resolve(file), JSON.writeValueAsString(entry.getValue()) + "\n");
            Path kept = committed.resolve(file);
            if (!Files.exists(kept) || !JSON.readTree(kept.toFile()).equals(entry.getValue())) {
                stale.add(file);
            }
        }
        assertThat(stale).as("docs/openapi/ differs from the live contract; copy gateway/target/openapi/%s to "
                + "docs/openapi/ and commit", stale).isEmpty();
    }

    @Test
    void everyOperationHasAReadableIdUniqueInTheMergedDocument() {
        JsonNode merged = liveDocuments().get("kiroku");
        Map<String, String> ids = new HashMap<>();
        List<String> missing = new ArrayList<>();
        merged.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!METHODS.contains(op.getKey())) {
                return;
            }
            String where = op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
            String id = op.getValue().path("operationId").asText("");
            if (id.isEmpty()) {
                missing.add(where);
            } else {
                assertThat(ids.put(id, where)).as("operationId %s of %s", id, where).isNull();
            }
        }));
        assertThat(missing).isEmpty();
        assertThat(ids).containsEntry("createProvision", "POST /api/v1/provisions")
                .containsEntry("listIncidents", "GET /api/v1/incidents")
                .containsEntry("createIncident", "POST /api/v1/incidents")
                .containsEntry("getDisclosureRequest", "GET /api/v1/disclosure-requests/{id}");
        assertThat(ids.keySet()).allMatch(id -> id.matches("[a-z][A-Za-z0-9]+"));
    }

    /** The three services' own documents and the merged one, the realm URL as the local stack's. */
    static Map<String, JsonNode> liveDocuments() {
        Map<String, JsonNode> documents = new java.util.TreeMap<>();
        try {
            for (String service : ServicesResource.DATABASES.keySet()) {
                String url = ConfigProvider.getConfig().getValue("kiroku.gateway.backends." + service + ".url",
                        String.class);
                documents.put(service, JSON.readTree(given().accept("application/json").when()
                        .get(url + "/q/openapi").then().statusCode(200).extract().asString()));
            }
            String merged = given().accept("application/json").when().get("/openapi/kiroku.json")
                    .then().statusCode(200).extract().asString();
            documents.put("kiroku", JSON.readTree(merged.replace(KeycloakServer.realmUrl(), COMMITTED_REALM_URL)));
        } catch (IOException e) {
            throw new IllegalStateException("an API document is not JSON", e);
        }
        return documents;
    }
}
