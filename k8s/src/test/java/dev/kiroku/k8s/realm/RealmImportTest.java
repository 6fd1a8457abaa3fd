package dev.kiroku.k8s.realm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kiroku.k8s.support.Repository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed KeycloakRealmImport is generated from keycloak/kiroku-realm.json, never edited by hand: it is exactly
 * what {@link RealmImportGenerator} makes of the current realm file, without the dev-only parts and without any secret.
 */
class RealmImportTest {

    /** Set to true (-Dkiroku.realm-import.regenerate=true) to rewrite the committed file instead of failing. */
    static final String REGENERATE = "kiroku.realm-import.regenerate";

    static Path root;
    static JsonNode realmFile;
    static JsonNode committed;
    static String committedText;

    @BeforeAll
    static void read() throws IOException {
        root = Repository.root();
        if (Boolean.getBoolean(REGENERATE)) {
            RealmImportGenerator.write(root);
        }
        realmFile = new ObjectMapper().readTree(RealmImportGenerator.realmFile(root).toFile());
        committedText = Repository.read(RealmImportGenerator.outputFile(root));
        committed = new YAMLMapper().readTree(committedText);
    }

    @Test
    void theCommittedRealmImportIsWhatTheGeneratorMakesOfTheCurrentRealmFile() {
        assertThat(committedText)
                .as("k8s/base/keycloak/kiroku-realm-import.yaml is out of date with keycloak/kiroku-realm.json; "
                        + "regenerate it: ./mvnw -B verify -pl k8s -D" + REGENERATE + "=true")
                .isEqualTo(RealmImportGenerator.generate(root));
    }

    @Test
    void everyDevOnlyClientAndUserIsLeftOutWithTheServiceAccountsOfLeftOutClients() {
        List<String> devClients = new ArrayList<>();
        realmFile.path("clients").forEach(c -> {
            if (c.path("description").asText().contains(RealmImportGenerator.DEV_ONLY)) {
                devClients.add(c.path("clientId").asText());
            }
        });
        List<String> devUsers = new ArrayList<>();
        realmFile.path("users").forEach(u -> {
            if (u.path("attributes").path("kiroku.note").toString().contains(RealmImportGenerator.DEV_ONLY)
                    || devClients.contains(u.path("serviceAccountClientId").asText())) {
                devUsers.add(u.path("username").asText());
            }
        });

        assertThat(devClients).as("the realm file's dev-only clients").contains("kiroku-dev-cli", "demo-crm");
        assertThat(devUsers).as("the realm file's dev-only users").contains("officer", "auditor", "breach-manager",
                "service-account-demo-crm");
        assertThat(clientIds(realm())).doesNotContainAnyElementsOf(devClients);
        assertThat(usernames(realm())).doesNotContainAnyElementsOf(devUsers);
    }

    @Test
    void everyOtherClientUserAndRoleIsImportedAsTheRealmFileHasIt() {
        JsonNode realm = realm();
        List<String> keptClients = new ArrayList<>();
        realmFile.path("clients").forEach(c -> {
            if (!c.path("description").asText().contains(RealmImportGenerator.DEV_ONLY)) {
                keptClients.add(c.path("clientId").asText());
            }
        });

        assertThat(clientIds(realm)).containsExactlyElementsOf(keptClients);
        assertThat(realm.path("roles")).isEqualTo(realmFile.path("roles"));
        for (JsonNode client : realm.path("clients")) {
            JsonNode original = byField(realmFile.path("clients"), "clientId", client.path("clientId").asText());
            ObjectNode a = client.deepCopy();
            ObjectNode b = original.deepCopy();
            for (String replaced : List.of("secret", "redirectUris", "webOrigins")) {
                a.remove(replaced);
                b.remove(replaced);
            }
            assertThat(a).as("client %s apart from its secret, redirect URIs and web origins", client.path("clientId").asText())
                    .isEqualTo(b);
        }
        for (JsonNode user : realm.path("users")) {
            assertThat(user).isEqualTo(byField(realmFile.path("users"), "username", user.path("username").asText()));
        }
        ObjectNode settingsA = realm.deepCopy();
        ObjectNode settingsB = realmFile.deepCopy();
        for (String part : List.of("clients", "users", "roles", "attributes")) {
            settingsA.remove(part);
            settingsB.remove(part);
        }
        assertThat(settingsA).as("realm settings").isEqualTo(settingsB);
    }

    @Test
    void noSecretOrPasswordOfTheRealmFileAppearsAndConfidentialClientsReadTheirsFromTheClientSecret() {
        List<String> devValues = new ArrayList<>();
        realmFile.findValues("secret").forEach(v -> devValues.add(v.asText()));
        realmFile.path("users").forEach(u -> u.path("credentials").forEach(c -> devValues.add(c.path("value").asText())));

        assertThat(devValues).isNotEmpty();
        assertThat(committedText).doesNotContain(devValues.toArray(String[]::new));
        assertThat(committedText.toLowerCase(Locale.ROOT)).doesNotContain("dev-only-secret", "-dev-only\"");
        for (JsonNode client : realm().path("clients")) {
            if (client.path("publicClient").asBoolean()) {
                assertThat(client.has("secret")).isFalse();
                continue;
            }
            String clientId = client.path("clientId").asText();
            String name = RealmImportGenerator.placeholderName(clientId);
            assertThat(client.path("secret").asText()).isEqualTo("${" + name + "}");
            JsonNode secret = committed.path("spec").path("placeholders").path(name).path("secret");
            assertThat(secret.path("name").asText()).isEqualTo(RealmImportGenerator.CLIENT_SECRETS);
            assertThat(secret.path("key").asText()).isEqualTo(clientId);
        }
    }

    @Test
    void loopbackRedirectsBecomeTheGatewaysPublicSwaggerUi() {
        for (JsonNode client : realm().path("clients")) {
            JsonNode original = byField(realmFile.path("clients"), "clientId", client.path("clientId").asText());
            boolean hadLoopback = false;
            for (JsonNode uri : original.path("redirectUris")) {
                hadLoopback |= RealmImportGenerator.isLoopback(uri.asText());
            }
            for (JsonNode uri : client.path("redirectUris")) {
                assertThat(RealmImportGenerator.isLoopback(uri.asText())).as("redirect %s", uri).isFalse();
            }
            if (hadLoopback) {
                assertThat(client.path("redirectUris").get(0).asText())
                        .matches("https://[a-z0-9.-]+" + RealmImportGenerator.SWAGGER_UI_PATH.replace("*", "\\*"));
            }
        }
    }

    @Test
    void swaggerUiOriginIsExplicitlyTheGatewaysPublicOrigin() {
        JsonNode swagger = byField(realm().path("clients"), "clientId", "kiroku-swagger");
        assertThat(swagger.path("webOrigins").toString()).isEqualTo("[\"https://api.kiroku.example\"]");
        for (JsonNode client : realmFile.path("clients")) {
            for (JsonNode origin : client.path("webOrigins")) {
                assertThat(origin.asText()).as("web origin of %s (\"+\" derives none from a wildcard port)",
                        client.path("clientId").asText()).isNotIn("+", "*");
            }
        }
    }

    @Test
    void theGeneratorLeavesOutWhateverAnyRealmMarksDevOnly() throws IOException {
        JsonNode sample = new ObjectMapper().readTree("""
                {"realm": "sample", "attributes": {"kiroku.note": "DEV-ONLY values", "other": "kept"},
                 "clients": [
                   {"clientId": "tool", "description": "DEV-ONLY tool", "secret": "s1"},
                   {"clientId": "app-api", "secret": "s2", "redirectUris": ["http://localhost:*", "https://app.example/cb"]},
                   {"clientId": "ui", "publicClient": true, "redirectUris": ["http://127.0.0.1:*"]}],
                 "users": [
                   {"username": "demo", "attributes": {"kiroku.note": ["DEV-ONLY demo"]}},
                   {"username": "service-account-tool", "serviceAccountClientId": "tool"},
                   {"username": "service-account-app-api", "serviceAccountClientId": "app-api"}]}
                """);

        JsonNode cr = RealmImportGenerator.realmImport(sample, "api.sample.example");

        JsonNode realm = cr.path("spec").path("realm");
        assertThat(cr.path("spec").path("keycloakCRName").asText()).isEqualTo(RealmImportGenerator.KEYCLOAK_CR);
        assertThat(cr.path("metadata").path("name").asText()).isEqualTo("sample");
        assertThat(realm.path("attributes").toString()).isEqualTo("{\"other\":\"kept\"}");
        assertThat(clientIds(realm)).containsExactly("app-api", "ui");
        assertThat(usernames(realm)).containsExactly("service-account-app-api");
        assertThat(realm.path("clients").get(0).path("secret").asText()).isEqualTo("${APP_API_CLIENT_SECRET}");
        assertThat(realm.path("clients").get(0).path("redirectUris").toString()).isEqualTo("[\"https://app.example/cb\"]");
        assertThat(realm.path("clients").get(1).path("redirectUris").toString())
                .isEqualTo("[\"https://api.sample.example/q/swagger-ui/*\"]");
        assertThat(cr.path("spec").path("placeholders").path("APP_API_CLIENT_SECRET").path("secret").toString())
                .isEqualTo("{\"name\":\"kiroku-oidc-clients\",\"key\":\"app-api\"}");
    }

    private static JsonNode realm() {
        return committed.path("spec").path("realm");
    }

    private static List<String> clientIds(JsonNode realm) {
        List<String> ids = new ArrayList<>();
        realm.path("clients").forEach(c -> ids.add(c.path("clientId").asText()));
        return ids;
    }

    private static List<String> usernames(JsonNode realm) {
        List<String> names = new ArrayList<>();
        realm.path("users").forEach(u -> names.add(u.path("username").asText()));
        return names;
    }

    private static JsonNode byField(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no element with " + field + "=" + value);
    }
}
