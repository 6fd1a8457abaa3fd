package dev.kiroku.platform.testing.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroku.platform.testing.GatewayRouteTable;
import dev.kiroku.platform.testing.robustness.RawHttpClient.RawRequest;
import dev.kiroku.platform.testing.robustness.RawHttpClient.RawResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A service's OpenAPI document ({@code /q/openapi?format=json}) as the robustness suite walks it: every operation with
 * its path, query and header parameters, its request body (media type, schema with every {@code $ref} resolved, and
 * its example), and the roles that may call it — its {@code x-kiroku-roles}, the scopes of its security requirement, or else the gateway's route
 * policy for it ({@link GatewayRouteTable}).
 */
public final class OpenApiDocument {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    /** A path, query or header parameter. */
    public record Parameter(String name, String in, boolean required, JsonNode schema, JsonNode example) {
    }

    /** One operation. {@code bodySchema} and {@code bodyExample} are null when it takes no body. */
    public record Operation(String method, String path, List<Parameter> parameters, String bodyMediaType,
            boolean bodyRequired, JsonNode bodySchema, JsonNode bodyExample, Set<String> roles, boolean isPublic) {

        public String key() {
            return method + " " + path;
        }

        public List<Parameter> in(String where) {
            return parameters.stream().filter(p -> p.in().equals(where)).toList();
        }
    }

    private final JsonNode root;
    private final List<Operation> operations;

    private OpenApiDocument(JsonNode root, GatewayRouteTable gateway) {
        this.root = root;
        this.operations = read(gateway);
    }

    /** The document a running service serves at {@code base}. */
    public static OpenApiDocument fetch(URI base, GatewayRouteTable gateway) {
        return fetch(base, "/q/openapi?format=json", gateway);
    }

    /** The document served at {@code path} of {@code base} (e.g. the gateway's {@code /openapi/kiroku.json}). */
    public static OpenApiDocument fetch(URI base, String path, GatewayRouteTable gateway) {
        try {
            RawResponse answer = new RawHttpClient(base, 30_000).send(new RawRequest("GET", path,
                    Map.of("Accept", "application/json"), null, false));
            if (answer.status() != 200) {
                throw new IllegalStateException("no OpenAPI document at " + base + path + ": " + answer.status());
            }
            return parse(answer.body(), gateway);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static OpenApiDocument parse(String json, GatewayRouteTable gateway) {
        try {
            return new OpenApiDocument(JSON.readTree(json), gateway);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Operation> operations() {
        return operations;
    }

    private List<Operation> read(GatewayRouteTable gateway) {
        List<Operation> result = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<JsonNode> shared = new ArrayList<>();
            path.getValue().path("parameters").forEach(shared::add);
            Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields();
            while (ops.hasNext()) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                result.add(operation(path.getKey(), op.getKey().toUpperCase(Locale.ROOT), op.getValue(), shared,
                        gateway));
            }
        }
        return List.copyOf(result);
    }

    private Operation operation(String path, String method, JsonNode op, List<JsonNode> shared,
            GatewayRouteTable gateway) {
        List<Parameter> parameters = new ArrayList<>();
        List<JsonNode> declared = new ArrayList<>(shared);
        op.path("parameters").forEach(declared::add);
        for (JsonNode p : declared) {
            JsonNode param = resolve(p);
            JsonNode schema = resolve(param.path("schema"));
            JsonNode example = param.has("example") ? param.get("example") : schema.get("example");
            parameters.add(new Parameter(param.path("name").asText(), param.path("in").asText(),
                    param.path("required").asBoolean(false), schema, example));
        }
        String mediaType = null;
        JsonNode schema = null;
        JsonNode example = null;
        JsonNode requestBody = resolve(op.path("requestBody"));
        boolean bodyRequired = requestBody.path("required").asBoolean(false);
        JsonNode content = requestBody.path("content");
        if (content.isObject() && content.size() > 0) {
            mediaType = content.has("application/json") ? "application/json" : content.fieldNames().next();
            JsonNode media = content.get(mediaType);
            schema = resolve(media.path("schema"));
            if (media.has("example")) {
                example = media.get("example");
            } else if (media.path("examples").isObject() && media.path("examples").size() > 0) {
                example = resolve(media.path("examples").elements().next()).get("value");
            }
        }
        Set<String> roles = new TreeSet<>();
        op.path("x-kiroku-roles").forEach(r -> roles.add(r.asText()));
        JsonNode security = op.get("security");
        if (security != null) {
            security.forEach(requirement -> requirement.forEach(scopes -> scopes.forEach(r -> roles.add(r.asText()))));
        }
        boolean isPublic = security != null && security.isArray() && security.isEmpty();
        if (!isPublic && roles.isEmpty() && gateway != null) {
            String concrete = path.replaceAll("\\{[^}]+}", "x");
            gateway.governing(concrete, method).ifPresent(route -> roles.addAll(route.roles()));
        }
        return new Operation(method, path, List.copyOf(parameters), mediaType, bodyRequired, schema, example, roles, isPublic);
    }

    /** The node with every {@code $ref} in it replaced by what it points at (recursive references cut at depth 12). */
    public JsonNode resolve(JsonNode node) {
        return resolve(node, 0);
    }

    private JsonNode resolve(JsonNode node, int depth) {
        if (node == null || depth > 12) {
            return JSON.createObjectNode();
        }
        if (node.isObject() && node.has("$ref")) {
            String ref = node.get("$ref").asText();
            JsonNode target = root.at(ref.substring(1));
            return resolve(target, depth + 1);
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), resolve(e.getValue(), depth + 1)));
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(e -> copy.add(resolve(e, depth + 1)));
            return copy;
        }
        return node;
    }

    /** The names of the operations, for reports. */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        operations.forEach(o -> keys.add(o.key()));
        return keys;
    }
}
