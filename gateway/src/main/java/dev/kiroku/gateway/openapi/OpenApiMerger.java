package dev.kiroku.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the services' OpenAPI documents into documents a browser can try through the gateway: the servers are the
 * gateway itself, only the paths the gateway routes to a service are kept, and every operation is secured by the one
 * {@link KeycloakScheme} unless it declares itself public ({@code security: []}). Merging several documents unites
 * their paths, tags and components; a component defined twice keeps its first definition. The input documents are
 * never modified.
 */
public final class OpenApiMerger {

    /** Extension of the merged document naming the services whose documents could not be fetched. */
    public static final String UNAVAILABLE = "x-kiroku-unavailable";
    static final String TITLE = "Kiroku API";
    static final String DEFAULT_OPENAPI_VERSION = "3.1.0";
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final String SECURITY_SCHEMES = "securitySchemes";
    /** The path parameter of the paths every service serves under its own name (its audit log). */
    static final String SERVICE_PARAMETER = "{service}";
    private static final Logger LOG = Logger.getLogger(OpenApiMerger.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * One service's document with the path prefixes the gateway routes to the service.
     */
    public record Source(String service, List<String> prefixes, ObjectNode document) {

        public Source {
            prefixes = prefixes.stream().map(Source::normalise).toList();
        }

        /** Whether the gateway sends requests for this (templated) path to the service. */
        boolean routes(String path) {
            return prefixes.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
        }

        private static String normalise(String prefix) {
            String trimmed = prefix.trim();
            return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        }
    }

    private final KeycloakScheme scheme;
    private final String version;
    private final Set<String> reportedConflicts;

    /**
     * @param scheme  how callers sign in
     * @param version the version of the merged document (the application's version)
     */
    public OpenApiMerger(KeycloakScheme scheme, String version) {
        this(scheme, version, ConcurrentHashMap.newKeySet());
    }

    /**
     * @param reportedConflicts the conflicting components already warned about, shared by the mergers of one
     *                          gateway so that each distinct conflict is logged once, not at every refresh
     */
    public OpenApiMerger(KeycloakScheme scheme, String version, Set<String> reportedConflicts) {
        this.scheme = scheme;
        this.version = version;
        this.reportedConflicts = reportedConflicts;
    }

    /** A service's own document, adapted to be tried through the gateway; its {@code info} is kept. */
    public ObjectNode forService(Source source) {
        ObjectNode info = source.document().get("info") instanceof ObjectNode own
                ? own.deepCopy()
                : NODES.objectNode().put("title", source.service()).put("version", version);
        return build(info, List.of(source), List.of());
    }

    /**
     * The one document of the suite: the available services' documents merged, and the services whose documents
     * could not be fetched named in {@value #UNAVAILABLE}.
     */
    public ObjectNode merged(List<Source> sources, List<String> unavailable) {
        StringBuilder description = new StringBuilder("Every Kiroku service's API, called through the gateway. "
                + "Sign in with **Authorize** (Keycloak, authorization code with PKCE); the gateway and each service "
                + "check the token and its roles.");
        if (!unavailable.isEmpty()) {
            description.append("\n\nNot included because the service did not answer: ")
                    .append(String.join(", ", unavailable)).append('.');
        }
        ObjectNode info = NODES.objectNode()
                .put("title", TITLE)
                .put("version", version)
                .put("description", description.toString());
        // the suite's contact and licence, which every service's document states (platform/web's defaults)
        for (String shared : List.of("contact", "license")) {
            sources.stream().map(source -> source.document().path("info").get(shared))
                    .filter(node -> node != null && node.isObject()).findFirst()
                    .ifPresent(node -> info.set(shared, node.deepCopy()));
        }
        return build(info, sources, unavailable);
    }

    private ObjectNode build(ObjectNode info, List<Source> sources, List<String> unavailable) {
        ObjectNode paths = NODES.objectNode();
        Map<String, String> pathOwners = new HashMap<>();
        Map<String, JsonNode> declaredTags = new LinkedHashMap<>();
        Set<String> usedTags = new HashSet<>();
        ObjectNode components = NODES.objectNode();
        Map<String, String> componentOwners = new HashMap<>();
        String openapi = null;

        for (Source source : sources) {
            ObjectNode document = source.document();
            if (openapi == null && document.path("openapi").isTextual()) {
                openapi = document.get("openapi").asText();
            }
            document.path("paths").fields().forEachRemaining(entry -> {
                if (!(entry.getValue() instanceof ObjectNode original)) {
                    return;
                }
                // a path shared by every service (the audit log's /api/v1/audit/{service}/…) is this service's own
                String path = entry.getKey().replace(SERVICE_PARAMETER, source.service());
                ObjectNode item = path.equals(entry.getKey()) ? original : withoutServiceParameter(original);
                if (!source.routes(path)) {
                    return;
                }
                String owner = pathOwners.putIfAbsent(path, source.service());
                if (owner != null) {
                    LOG.warnf("Path %s is described by both %s and %s; the API document keeps %s's", path, owner,
                            source.service(), owner);
                    return;
                }
                paths.set(path, secured(item == original ? item.deepCopy() : item, usedTags));
            });
            for (JsonNode tag : document.path("tags")) {
                if (tag.path("name").isTextual()) {
                    declaredTags.putIfAbsent(tag.get("name").asText(), tag);
                }
            }
            document.path("components").fields().forEachRemaining(kind -> {
                if (SECURITY_SCHEMES.equals(kind.getKey()) || !kind.getValue().isObject()) {
                    return;
                }
                ObjectNode merged = components.has(kind.getKey())
                        ? (ObjectNode) components.get(kind.getKey())
                        : components.putObject(kind.getKey());
                kind.getValue().fields().forEachRemaining(component -> {
                    String key = kind.getKey() + "/" + component.getKey();
                    JsonNode kept = merged.get(component.getKey());
                    if (kept == null) {
                        merged.set(component.getKey(), component.getValue().deepCopy());
                        componentOwners.put(key, source.service());
                    } else if (!kept.equals(component.getValue()) && reportedConflicts.add(key + "|"
                            + componentOwners.get(key) + "|" + source.service() + "|" + kept.hashCode() + "|"
                            + component.getValue().hashCode())) {
                        LOG.warnf("%s %s of %s differs from the one of %s; the API document keeps %s's",
                                "schemas".equals(kind.getKey()) ? "Schema" : "Component " + kind.getKey(),
                                component.getKey(), source.service(), componentOwners.get(key),
                                componentOwners.get(key));
                    }
                });
            });
        }
        components.putObject(SECURITY_SCHEMES).set(KeycloakScheme.NAME, scheme.toJson());

        ObjectNode document = NODES.objectNode();
        document.put("openapi", openapi != null ? openapi : DEFAULT_OPENAPI_VERSION);
        document.set("info", info);
        document.putArray("servers").addObject()
                .put("url", "/")
                .put("description", "The Kiroku gateway, which routes each call to its service");
        List<JsonNode> tags = new ArrayList<>();
        declaredTags.forEach((name, tag) -> {
            if (usedTags.contains(name)) {
                tags.add(tag.deepCopy());
            }
        });
        if (!tags.isEmpty()) {
            document.putArray("tags").addAll(tags);
        }
        document.set("paths", paths);
        document.set("components", components);
        if (!unavailable.isEmpty()) {
            ArrayNode names = document.putArray(UNAVAILABLE);
            unavailable.forEach(names::add);
        }
        return document;
    }

    /** A copy of the path item without the {@code service} path parameter its path no longer has. */
    private static ObjectNode withoutServiceParameter(ObjectNode original) {
        ObjectNode item = original.deepCopy();
        removeServiceParameter(item);
        item.fields().forEachRemaining(entry -> {
            if (OPERATIONS.contains(entry.getKey()) && entry.getValue() instanceof ObjectNode operation) {
                removeServiceParameter(operation);
            }
        });
        return item;
    }

    private static void removeServiceParameter(ObjectNode node) {
        if (node.get("parameters") instanceof ArrayNode parameters) {
            for (int i = parameters.size() - 1; i >= 0; i--) {
                JsonNode parameter = parameters.get(i);
                if ("path".equals(parameter.path("in").asText()) && "service".equals(parameter.path("name").asText())) {
                    parameters.remove(i);
                }
            }
            if (parameters.isEmpty()) {
                node.remove("parameters");
            }
        }
    }

    /** Every operation of the path item secured by Keycloak, except those that declare themselves public. */
    private static ObjectNode secured(ObjectNode item, Set<String> usedTags) {
        item.fields().forEachRemaining(entry -> {
            if (!OPERATIONS.contains(entry.getKey()) || !(entry.getValue() instanceof ObjectNode operation)) {
                return;
            }
            JsonNode security = operation.get("security");
            boolean declaredPublic = security != null && security.isArray() && security.isEmpty();
            if (!declaredPublic) {
                ArrayNode requirements = operation.putArray("security");
                requirements.addObject().putArray(KeycloakScheme.NAME);
            }
            for (JsonNode tag : operation.path("tags")) {
                usedTags.add(tag.asText());
            }
        });
        return item;
    }
}
