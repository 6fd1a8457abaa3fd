package dev.kiroku.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroku.gateway.openapi.KeycloakScheme;
import dev.kiroku.gateway.openapi.OpenApiMerger;
import dev.kiroku.gateway.openapi.OpenApiMerger.Source;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The merging rules of the gateway's API documents, without HTTP. */
class OpenApiMergerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeycloakScheme KEYCLOAK = new KeycloakScheme("http://127.0.0.1:8180/realms/kiroku");
    private final OpenApiMerger merger = new OpenApiMerger(KEYCLOAK, "1.2.3");

    @Test
    void keepsTheFirstOfTwoDifferentSchemasOfTheSameNameAndWarnsOnceNamingOnlyTheSchema() {
        ObjectNode first = document("""
                {"openapi": "3.1.0", "paths": {},
                 "components": {"schemas": {"Party": {"type": "object", "description": "first-secret-shape"}}}}""");
        ObjectNode second = document("""
                {"openapi": "3.1.0", "paths": {},
                 "components": {"schemas": {"Party": {"type": "string", "description": "second-secret-shape"}}}}""");

        List<String> warnings = warningsOf(() -> {
            for (int refresh = 0; refresh < 2; refresh++) {
                ObjectNode merged = merger.merged(List.of(new Source("alpha", List.of("/api/v1/a"), first),
                        new Source("beta", List.of("/api/v1/b"), second)), List.of());
                assertThat(merged.at("/components/schemas/Party/description").asText())
                        .isEqualTo("first-secret-shape");
            }
        });

        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("Party", "alpha", "beta")
                .doesNotContain("first-secret-shape", "second-secret-shape");
    }

    @Test
    void takesIdenticalSchemasOnceWithoutWarning() {
        String shared = """
                {"openapi": "3.1.0", "paths": {},
                 "components": {"schemas": {"Problem": {"type": "object"}}}}""";

        List<String> warnings = warningsOf(() -> assertThat(merger.merged(List.of(
                new Source("alpha", List.of("/a"), document(shared)),
                new Source("beta", List.of("/b"), document(shared))), List.of())
                .at("/components/schemas/Problem").toString()).isEqualTo("{\"type\":\"object\"}"));

        assertThat(warnings).isEmpty();
    }

    @Test
    void eachServicesAuditPathsAreItsOwnNamedPathsWithoutTheServiceParameter() {
        String audit = """
                {"openapi": "3.1.0", "paths": {
                  "/api/v1/audit/{service}/entries": {"get": {"summary": "entries",
                    "parameters": [{"name": "service", "in": "path", "required": true, "schema": {"type": "string"}},
                                   {"name": "limit", "in": "query", "schema": {"type": "integer"}}]}}}}""";

        ObjectNode merged = merger.merged(List.of(
                new Source("alpha", List.of("/api/v1/a", "/api/v1/audit/alpha"), document(audit)),
                new Source("beta", List.of("/api/v1/b", "/api/v1/audit/beta"), document(audit))), List.of());

        List<String> paths = new ArrayList<>();
        merged.get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).containsExactly("/api/v1/audit/alpha/entries", "/api/v1/audit/beta/entries");
        assertThat(merged.at("/paths/~1api~1v1~1audit~1beta~1entries/get/parameters").toString())
                .isEqualTo("[{\"name\":\"limit\",\"in\":\"query\",\"schema\":{\"type\":\"integer\"}}]");
    }

    @Test
    void routesAPrefixOnlyToItselfAndItsSubPaths() {
        ObjectNode jointUse = document("""
                {"openapi": "3.1.0", "paths": {
                  "/api/v1/joint-use": {"get": {"summary": "exact"}},
                  "/api/v1/joint-use/caller": {"get": {"summary": "below"}},
                  "/api/v1/joint-use-groups": {"get": {"summary": "only shares the first characters"}}}}""");

        ObjectNode document = merger.forService(new Source("joint-use", List.of("/api/v1/joint-use/"), jointUse));

        List<String> paths = new ArrayList<>();
        document.get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).containsExactly("/api/v1/joint-use", "/api/v1/joint-use/caller");
    }

    @Test
    void securesOperationsWithoutSecurityTooButKeepsThoseDeclaredPublic() {
        ObjectNode service = document("""
                {"openapi": "3.1.0", "security": [{"bearer": []}], "paths": {
                  "/api/v1/things/{id}": {
                    "parameters": [{"name": "id", "in": "path", "required": true}],
                    "get": {"summary": "inherits the document's security"},
                    "delete": {"summary": "own scheme", "security": [{"bearer": []}, {"apiKey": []}]}},
                  "/public/v1/things": {"get": {"summary": "public", "security": []}}},
                 "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}}}""");

        ObjectNode document = merger.forService(new Source("things", List.of("/api/v1/things", "/public/v1/things"),
                service));

        assertThat(document.at("/paths/~1api~1v1~1things~1{id}/get/security").toString())
                .isEqualTo("[{\"keycloak\":[]}]");
        assertThat(document.at("/paths/~1api~1v1~1things~1{id}/delete/security").toString())
                .isEqualTo("[{\"keycloak\":[]}]");
        assertThat(document.at("/paths/~1api~1v1~1things~1{id}/parameters").toString())
                .doesNotContain("keycloak");
        assertThat(document.at("/paths/~1public~1v1~1things/get/security").toString()).isEqualTo("[]");
        assertThat(document.has("security")).isFalse();
        assertThat(document.at("/components/securitySchemes").toString())
                .isEqualTo("{\"keycloak\":" + KEYCLOAK.toJson() + "}");
    }

    @Test
    void leavesTheServicesDocumentsUntouched() {
        ObjectNode service = document("""
                {"openapi": "3.1.0", "info": {"title": "svc", "version": "9"},
                 "paths": {"/api/v1/x": {"get": {"security": [{"bearer": []}], "tags": ["X"]}},
                           "/internal/y": {"get": {}}},
                 "tags": [{"name": "X"}, {"name": "Y"}],
                 "components": {"schemas": {"S": {"type": "string"}},
                                "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}}}""");
        JsonNode before = service.deepCopy();

        ObjectNode own = merger.forService(new Source("svc", List.of("/api/v1/x"), service));
        ObjectNode merged = merger.merged(List.of(new Source("svc", List.of("/api/v1/x"), service)), List.of("down"));
        ((ObjectNode) own.get("info")).put("title", "changed afterwards");

        assertThat(service).isEqualTo(before);
        assertThat(merged.at("/info/title").asText()).isEqualTo("Kiroku API");
        assertThat(merged.at("/info/version").asText()).isEqualTo("1.2.3");
        assertThat(merged.get("x-kiroku-unavailable").toString()).isEqualTo("[\"down\"]");
    }

    @Test
    void answersAnEmptyButValidDocumentWhenEveryServiceIsDown() {
        ObjectNode merged = merger.merged(List.of(), List.of("joint-use", "provision-records"));

        assertThat(merged.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(merged.get("paths").isEmpty()).isTrue();
        assertThat(merged.at("/components/securitySchemes/keycloak/type").asText()).isEqualTo("oauth2");
        assertThat(merged.get("x-kiroku-unavailable").toString()).isEqualTo("[\"joint-use\",\"provision-records\"]");
    }

    @Test
    void signsInAtThePublicRealmUrlWhenConfiguredElseAtTheGatewaysOwn() {
        Optional<String> gatewayRealm = Optional.of("http://keycloak:8080/realms/kiroku/");

        KeycloakScheme own = KeycloakScheme.of(Optional.empty(), gatewayRealm).orElseThrow();
        KeycloakScheme published = KeycloakScheme.of(Optional.of("https://login.example.jp/realms/kiroku"),
                gatewayRealm).orElseThrow();

        assertThat(own.authorizationUrl()).isEqualTo("http://keycloak:8080/realms/kiroku/protocol/openid-connect/auth");
        assertThat(own.tokenUrl()).isEqualTo("http://keycloak:8080/realms/kiroku/protocol/openid-connect/token");
        assertThat(published.authorizationUrl())
                .isEqualTo("https://login.example.jp/realms/kiroku/protocol/openid-connect/auth");
        assertThat(published.toJson().at("/flows/authorizationCode/tokenUrl").asText())
                .isEqualTo("https://login.example.jp/realms/kiroku/protocol/openid-connect/token");
        assertThat(KeycloakScheme.of(Optional.of(" "), Optional.empty())).isEmpty();
        assertThatThrownBy(() -> new KeycloakScheme("/realms/kiroku")).isInstanceOf(IllegalArgumentException.class);
    }

    private static ObjectNode document(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The WARN messages the merger logs while the action runs. */
    private static List<String> warningsOf(Runnable action) {
        Logger logger = Logger.getLogger(OpenApiMerger.class.getName());
        List<String> warnings = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            action.run();
        } finally {
            logger.removeHandler(handler);
        }
        return warnings;
    }
}
