package dev.kiroku.platform.testing.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.UUID;

/** A value a (resolved) schema accepts: its example, else its first enum value, else one made from its type. */
final class Examples {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Examples() {
    }

    static JsonNode of(JsonNode schema) {
        return of(schema, 0);
    }

    private static JsonNode of(JsonNode schema, int depth) {
        if (schema == null || depth > 8) {
            return F.nullNode();
        }
        if (schema.has("example")) {
            return schema.get("example").deepCopy();
        }
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(0).deepCopy();
        }
        for (String combinator : new String[] {"oneOf", "anyOf"}) {
            if (schema.path(combinator).size() > 0) {
                return of(schema.get(combinator).get(0), depth + 1);
            }
        }
        if (schema.path("allOf").size() > 0) {
            ObjectNode merged = F.objectNode();
            schema.get("allOf").forEach(part -> {
                JsonNode value = of(part, depth + 1);
                if (value.isObject()) {
                    merged.setAll((ObjectNode) value);
                }
            });
            return merged;
        }
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText("");
        if (type.isEmpty() && schema.has("properties")) {
            type = "object";
        }
        String format = schema.path("format").asText("");
        switch (type) {
            case "object": {
                ObjectNode object = F.objectNode();
                schema.path("properties").fields().forEachRemaining(p -> {
                    if (!p.getValue().path("readOnly").asBoolean(false)) {
                        object.set(p.getKey(), of(p.getValue(), depth + 1));
                    }
                });
                return object;
            }
            case "array": {
                ArrayNode array = F.arrayNode();
                array.add(of(schema.path("items"), depth + 1));
                return array;
            }
            case "integer":
                return F.numberNode(schema.has("minimum") ? schema.get("minimum").asLong() : 1L);
            case "number":
                return F.numberNode(schema.has("minimum") ? schema.get("minimum").asDouble() : 1.5);
            case "boolean":
                return F.booleanNode(true);
            default:
                switch (format) {
                    case "date":
                        return F.textNode("2026-04-01");
                    case "date-time":
                        return F.textNode("2026-04-01T09:00:00Z");
                    case "uuid":
                        return F.textNode(UUID.randomUUID().toString());
                    case "email":
                        return F.textNode("robustness@example.org");
                    default:
                        int min = schema.path("minLength").asInt(0);
                        String s = "robustness";
                        return F.textNode(s.length() >= min ? s : s + "x".repeat(min - s.length()));
                }
        }
    }
}
