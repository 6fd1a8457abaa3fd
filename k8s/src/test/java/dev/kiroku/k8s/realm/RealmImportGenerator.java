package dev.kiroku.k8s.realm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes {@code k8s/base/keycloak/kiroku-realm-import.yaml}, the Keycloak operator's {@code KeycloakRealmImport},
 * from the repository's one realm file {@code keycloak/kiroku-realm.json}, so that Kubernetes never carries a second,
 * hand-made copy of the realm. What changes on the way:
 * <ul>
 *   <li>clients and users marked {@value #DEV_ONLY} (the dev CLI client, the demo CRM, the demo logins) are left out,
 *       and so is the service-account user of every client left out;</li>
 *   <li>every client secret becomes a Keycloak placeholder {@code ${KIROKU_<CLIENT>_CLIENT_SECRET}}, filled by the
 *       operator from the Secret {@value #CLIENT_SECRETS} (key: the client id);</li>
 *   <li>loopback redirect URIs (the local stack's) become the public Swagger UI of the gateway, on the API host of
 *       {@code k8s/base/common/kiroku-public-hosts.yaml};</li>
 *   <li>the realm's dev-only note attribute is left out.</li>
 * </ul>
 * Everything else is copied as it is, in the same order. Run {@link #main} (or the build with
 * {@code -Dkiroku.realm-import.regenerate=true}) after changing the realm file; the build fails while the committed
 * file differs from what this class produces.
 */
public final class RealmImportGenerator {

    /** Marks clients (description) and users (attribute kiroku.note) that only the tests and the local stack use. */
    public static final String DEV_ONLY = "DEV-ONLY";
    /** The Secret holding the confidential clients' secrets, one key per client id. */
    public static final String CLIENT_SECRETS = "kiroku-oidc-clients";
    /** The Keycloak CR the realm is imported into (k8s/base/keycloak/keycloak.yaml). */
    public static final String KEYCLOAK_CR = "keycloak";
    /** Where the Swagger UI is served behind the gateway. */
    public static final String SWAGGER_UI_PATH = "/q/swagger-ui/*";

    static final String REALM_FILE = "keycloak/kiroku-realm.json";
    static final String PUBLIC_HOSTS_FILE = "k8s/base/common/kiroku-public-hosts.yaml";
    static final String OUTPUT_FILE = "k8s/base/keycloak/kiroku-realm-import.yaml";

    private static final String HEADER = """
            # GENERATED from keycloak/kiroku-realm.json by dev.kiroku.k8s.realm.RealmImportGenerator: do not edit.
            # Regenerate after changing the realm file: ./mvnw -B verify -pl k8s -Dkiroku.realm-import.regenerate=true
            # Left out: the DEV-ONLY demo users and clients. Client secrets: placeholders filled from the Secret
            # kiroku-oidc-clients. Redirect URIs: the gateway's public Swagger UI. See k8s/README.md, "The realm import".
            """;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private RealmImportGenerator() {
    }

    /** Regenerates the committed file; the argument is the repository root (default: the working directory). */
    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        write(root);
        System.out.println("wrote " + root.resolve(OUTPUT_FILE));
    }

    /** Writes the realm import for the repository at {@code root}. */
    public static void write(Path root) {
        try {
            Files.writeString(root.resolve(OUTPUT_FILE), generate(root), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The committed file's path in the repository at {@code root}. */
    public static Path outputFile(Path root) {
        return root.resolve(OUTPUT_FILE);
    }

    /** The realm file's path in the repository at {@code root}. */
    public static Path realmFile(Path root) {
        return root.resolve(REALM_FILE);
    }

    /** The text of the KeycloakRealmImport for the repository at {@code root}. */
    public static String generate(Path root) {
        try {
            JsonNode realmFile = JSON.readTree(root.resolve(REALM_FILE).toFile());
            String apiHost = YAML.readTree(root.resolve(PUBLIC_HOSTS_FILE).toFile()).path("data").path("api-host").asText();
            if (apiHost.isBlank()) {
                throw new IllegalStateException(PUBLIC_HOSTS_FILE + " has no data.api-host");
            }
            return HEADER + YAML.writeValueAsString(realmImport(realmFile, apiHost));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The placeholder for a client's secret, e.g. kiroku-gateway → KIROKU_GATEWAY_CLIENT_SECRET. */
    public static String placeholderName(String clientId) {
        return clientId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_CLIENT_SECRET";
    }

    static ObjectNode realmImport(JsonNode realmFile, String apiHost) {
        ObjectNode realm = realmFile.deepCopy();
        ObjectNode placeholders = JsonNodeFactory.instance.objectNode();

        Set<String> droppedClients = dropDevOnlyClients(realm);
        dropDevOnlyUsers(realm, droppedClients);
        dropDevOnlyNote(realm);
        for (JsonNode client : realm.path("clients")) {
            ObjectNode c = (ObjectNode) client;
            String clientId = c.path("clientId").asText();
            if (c.has("secret")) {
                String name = placeholderName(clientId);
                c.put("secret", "${" + name + "}");
                ObjectNode secret = placeholders.putObject(name).putObject("secret");
                secret.put("name", CLIENT_SECRETS);
                secret.put("key", clientId);
            }
            replaceLoopbackRedirects(c, apiHost);
            replaceLoopbackWebOrigins(c, apiHost);
        }

        ObjectNode cr = JsonNodeFactory.instance.objectNode();
        cr.put("apiVersion", "k8s.keycloak.org/v2alpha1");
        cr.put("kind", "KeycloakRealmImport");
        cr.putObject("metadata").put("name", realm.path("realm").asText());
        ObjectNode spec = cr.putObject("spec");
        spec.put("keycloakCRName", KEYCLOAK_CR);
        if (!placeholders.isEmpty()) {
            spec.set("placeholders", placeholders);
        }
        spec.set("realm", realm);
        return cr;
    }

    private static Set<String> dropDevOnlyClients(ObjectNode realm) {
        Set<String> dropped = new LinkedHashSet<>();
        JsonNode clients = realm.path("clients");
        for (Iterator<JsonNode> it = clients.iterator(); it.hasNext(); ) {
            JsonNode client = it.next();
            if (client.path("description").asText().contains(DEV_ONLY)) {
                dropped.add(client.path("clientId").asText());
                it.remove();
            }
        }
        return dropped;
    }

    private static void dropDevOnlyUsers(ObjectNode realm, Set<String> droppedClients) {
        for (Iterator<JsonNode> it = realm.path("users").iterator(); it.hasNext(); ) {
            JsonNode user = it.next();
            boolean devOnly = false;
            for (JsonNode note : user.path("attributes").path("kiroku.note")) {
                devOnly |= note.asText().contains(DEV_ONLY);
            }
            boolean ofDroppedClient = droppedClients.contains(user.path("serviceAccountClientId").asText(null));
            if (devOnly || ofDroppedClient) {
                it.remove();
            }
        }
    }

    private static void dropDevOnlyNote(ObjectNode realm) {
        JsonNode attributes = realm.get("attributes");
        if (attributes instanceof ObjectNode a) {
            if (a.path("kiroku.note").asText().contains(DEV_ONLY)) {
                a.remove("kiroku.note");
            }
            if (a.isEmpty()) {
                realm.remove("attributes");
            }
        }
    }

    private static void replaceLoopbackRedirects(ObjectNode client, String apiHost) {
        JsonNode redirects = client.get("redirectUris");
        if (!(redirects instanceof ArrayNode uris) || uris.isEmpty()) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (JsonNode uri : uris) {
            if (!isLoopback(uri.asText())) {
                kept.add(uri.asText());
            }
        }
        if (kept.size() == uris.size()) {
            return;
        }
        if (kept.isEmpty()) {
            kept.add("https://" + apiHost + SWAGGER_UI_PATH);
        }
        uris.removeAll();
        kept.forEach(uris::add);
    }

    /**
     * Web origins are explicit (Keycloak derives no origin for "+" from a wildcard-port redirect URI, so the browser's
     * token request is refused with "Invalid origin"): the local stack's loopback origins become the gateway's public
     * origin, {@code https://<api-host>}, which the public-hosts component keeps in step with the Ingress.
     */
    private static void replaceLoopbackWebOrigins(ObjectNode client, String apiHost) {
        JsonNode origins = client.get("webOrigins");
        if (!(origins instanceof ArrayNode list) || list.isEmpty()) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (JsonNode origin : list) {
            if (!isLoopback(origin.asText())) {
                kept.add(origin.asText());
            }
        }
        if (kept.size() == list.size()) {
            return;
        }
        kept.add(0, "https://" + apiHost);
        list.removeAll();
        kept.forEach(list::add);
    }

    /** A redirect URI on the local machine, as the local stack and the tests use them. */
    public static boolean isLoopback(String uri) {
        return uri.startsWith("http://127.0.0.1") || uri.startsWith("http://localhost");
    }
}
