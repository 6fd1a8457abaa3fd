package dev.kiroku.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.kiroku.platform.testing.PackagedService;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example of the committed contract ({@code docs/openapi/}, kept equal to the live documents by
 * {@link ApiContractTest}) validates against its own schema: the examples of request and response bodies, of
 * parameters and headers, and those of schemas and their properties. Validated with networknt's JSON Schema
 * validator (draft 2020-12, the dialect of OpenAPI 3.1), the document's components resolving the {@code $ref}s.
 */
class ContractExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final List<String> DOCUMENTS = List.of("kiroku", "provision-records", "joint-use",
            "breach-reporting");

    @Test
    void everyExampleOfTheContractValidatesAgainstItsSchema() throws IOException {
        List<String> invalid = new ArrayList<>();
        int checked = 0;
        for (String name : DOCUMENTS) {
            JsonNode document = JSON.readTree(PackagedService.home().resolve(Path.of("docs/openapi", name + ".json"))
                    .toFile());
            Examples examples = new Examples(name, document, invalid);
            document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                if (METHODS.contains(op.getKey())) {
                    examples.operation(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(),
                            op.getValue());
                }
            }));
            document.path("components").path("schemas").fields().forEachRemaining(schema ->
                    examples.schema("schema " + schema.getKey(), schema.getValue()));
            checked += examples.checked;
        }
        assertThat(invalid).as("examples that do not validate against their schema").isEmpty();
        assertThat(checked).as("examples checked").isGreaterThan(100);
    }

    @Test
    void anExampleThatContradictsItsSchemaIsFound() {
        JsonNode document = json("""
                {"components": {"schemas": {"Counterparty": {"type": "object", "required": ["name"],
                  "properties": {"name": {"type": "string"}}}}},
                 "paths": {"/p": {"post": {"requestBody": {"content": {"application/json": {
                   "schema": {"type": "object", "properties": {"counterparty": {"$ref": "#/components/schemas/Counterparty"}}},
                   "examples": {"flat": {"value": {"counterparty": "Acme"}}}}}}}}}}
                """);
        List<String> invalid = new ArrayList<>();
        Examples examples = new Examples("test", document, invalid);
        examples.operation("POST /p", document.path("paths").path("/p").path("post"));
        assertThat(invalid).singleElement().asString().contains("POST /p").contains("flat")
                .contains("counterparty");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The examples of one document, each validated against its schema with the document's components. */
    private static final class Examples {
        private final String document;
        private final JsonNode components;
        private final List<String> invalid;
        int checked;

        Examples(String document, JsonNode root, List<String> invalid) {
            this.document = document;
            this.components = root.path("components");
            this.invalid = invalid;
        }

        void operation(String where, JsonNode operation) {
            for (JsonNode parameter : operation.path("parameters")) {
                examplesOf(where + " parameter " + parameter.path("name").asText(), parameter);
            }
            operation.path("requestBody").path("content").fields().forEachRemaining(media ->
                    examplesOf(where + " request " + media.getKey(), media.getValue()));
            operation.path("responses").fields().forEachRemaining(response -> {
                response.getValue().path("content").fields().forEachRemaining(media -> examplesOf(
                        where + " response " + response.getKey() + " " + media.getKey(), media.getValue()));
                response.getValue().path("headers").fields().forEachRemaining(header -> examplesOf(
                        where + " response " + response.getKey() + " header " + header.getKey(), header.getValue()));
            });
        }

        /** A media type, parameter or header object: its {@code example} and each of its {@code examples}. */
        private void examplesOf(String where, JsonNode holder) {
            JsonNode schema = holder.get("schema");
            if (schema == null) {
                return;
            }
            if (holder.has("example")) {
                validate(where + " example", schema, holder.get("example"));
            }
            holder.path("examples").fields().forEachRemaining(example -> {
                if (example.getValue().has("value")) {
                    validate(where + " example " + example.getKey(), schema, example.getValue().get("value"));
                }
            });
            schema(where + " schema", schema);
        }

        /** A schema's own {@code example}/{@code examples} and those of its parts. */
        void schema(String where, JsonNode schema) {
            if (!schema.isObject()) {
                return;
            }
            if (schema.has("example")) {
                validate(where + " example", schema, schema.get("example"));
            }
            if (schema.path("examples").isArray()) {
                for (JsonNode example : schema.get("examples")) {
                    validate(where + " examples", schema, example);
                }
            }
            schema.path("properties").fields().forEachRemaining(property ->
                    schema(where + "." + property.getKey(), property.getValue()));
            schema(where + "[]", schema.path("items"));
            schema(where + "{}", schema.path("additionalProperties"));
            for (String combined : List.of("allOf", "anyOf", "oneOf")) {
                int i = 0;
                for (JsonNode part : schema.path(combined)) {
                    schema(where + " " + combined + "[" + i++ + "]", part);
                }
            }
        }

        private void validate(String where, JsonNode schema, JsonNode example) {
            checked++;
            ObjectNode rooted = schema.deepCopy();
            rooted.set("components", components);
            JsonSchema validator = SCHEMAS.getSchema(rooted);
            Set<ValidationMessage> errors = validator.validate(example);
            if (!errors.isEmpty()) {
                invalid.add(document + ": " + where + ": " + errors.stream().map(ValidationMessage::getMessage)
                        .sorted().toList());
            }
        }
    }
}
