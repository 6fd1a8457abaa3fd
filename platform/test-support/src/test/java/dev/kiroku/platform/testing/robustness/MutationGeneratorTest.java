package dev.kiroku.platform.testing.robustness;

import dev.kiroku.platform.testing.robustness.MutationGenerator.Mutation;
import dev.kiroku.platform.testing.robustness.OpenApiDocument.Operation;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The robustness suite's generator on a small OpenAPI document: what it reads, and the mutations it makes. */
class MutationGeneratorTest {

    private static final String DOC = """
            {"openapi": "3.1.0",
             "paths": {
              "/api/v1/things/{id}/notes": {
               "post": {
                "parameters": [
                 {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}},
                 {"name": "asOf", "in": "query", "schema": {"type": "string", "format": "date"}},
                 {"name": "Idempotency-Key", "in": "header", "schema": {"type": "string"}}],
                "requestBody": {"required": true, "content": {"application/json": {
                  "schema": {"$ref": "#/components/schemas/Note"},
                  "examples": {"one": {"value": {"title": "Call", "personName": "山田太郎", "day": "2026-04-01",
                                                 "count": 2, "urgent": true, "tags": ["A"]}}}}}},
                "security": [{"SecurityScheme": ["compliance-officer", "auditor"]}],
                "responses": {"201": {"description": "created"}}}},
              "/api/v1/things": {
               "get": {"responses": {"200": {"description": "ok"}}}},
              "/public/v1/notice": {
               "get": {"security": [], "responses": {"200": {"description": "ok"}}}}},
             "components": {"schemas": {"Note": {"type": "object", "properties": {
               "title": {"type": "string"}, "personName": {"type": "string"}, "day": {"type": "string", "format": "date"},
               "count": {"type": "integer"}, "urgent": {"type": "boolean"},
               "tags": {"type": "array", "items": {"type": "string"}}}}}}}
            """;

    private final OpenApiDocument document = OpenApiDocument.parse(DOC, null);
    private final Function<Operation, String> auth = op -> RoleTokens.roleFor(op) == null ? null
            : "Bearer token-of-" + RoleTokens.roleFor(op);
    private final MutationGenerator generator = new MutationGenerator(1000, auth);

    private Operation op(String method, String path) {
        return document.operations().stream().filter(o -> o.method().equals(method) && o.path().equals(path))
                .findFirst().orElseThrow();
    }

    @Test
    void readsOperationsParametersTheResolvedBodyAndTheRolesOfTheDocument() {
        assertThat(document.keys()).containsExactlyInAnyOrder("POST /api/v1/things/{id}/notes", "GET /api/v1/things",
                "GET /public/v1/notice");
        Operation notes = op("POST", "/api/v1/things/{id}/notes");
        assertThat(notes.in("path")).extracting(OpenApiDocument.Parameter::name).containsExactly("id");
        assertThat(notes.in("query")).extracting(OpenApiDocument.Parameter::name).containsExactly("asOf");
        assertThat(notes.bodyRequired()).isTrue();
        assertThat(notes.bodySchema().path("properties").has("personName")).isTrue();
        assertThat(notes.bodyExample().path("title").asText()).isEqualTo("Call");
        assertThat(notes.roles()).containsExactly("auditor", "compliance-officer");
        assertThat(RoleTokens.roleFor(notes)).isEqualTo("compliance-officer");
        assertThat(op("GET", "/public/v1/notice").isPublic()).isTrue();
    }

    @Test
    void makesAtLeastFifteenMutationsOfEveryOperationEvenOneWithoutParametersOrBody() {
        for (Operation op : document.operations()) {
            assertThat(generator.mutations(op)).as(op.key()).hasSizeGreaterThanOrEqualTo(15);
        }
    }

    @Test
    void sendsTheValidRequestWithItsExampleATokenAndAFreshIdempotencyKey() {
        Mutation valid = generator.valid(op("POST", "/api/v1/things/{id}/notes"));
        assertThat(valid.mustRefuse()).isFalse();
        assertThat(valid.request().target()).matches("/api/v1/things/[0-9a-f-]{36}/notes");
        assertThat(valid.request().headers()).containsEntry("Authorization", "Bearer token-of-compliance-officer")
                .containsEntry("Content-Type", "application/json").containsKey("Idempotency-Key");
        assertThat(new String(valid.request().body(), StandardCharsets.UTF_8)).contains("\"title\":\"Call\"");
        assertThat(valid.personalValues()).containsExactly("山田太郎");
        assertThat(generator.valid(op("GET", "/public/v1/notice")).request().headers()).doesNotContainKey(
                "Authorization");
    }

    @Test
    void coversEveryKindOfHostileInputTheIssueNames() {
        Set<String> kinds = generator.mutations(op("POST", "/api/v1/things/{id}/notes")).stream()
                .map(Mutation::kind).collect(Collectors.toSet());
        assertThat(kinds).contains("wrong-type", "null-in-array", "nul", "lone-surrogate", "invalid-utf8", "bidi",
                "zero-width", "string-1mb", "date-year-zero", "date-far-future", "date-malformed", "duplicate-key",
                "trailing-garbage", "content-type-missing", "content-type-wrong", "charset-utf16", "oversized",
                "oversized-chunked", "chunked", "query-malformed", "query-nul", "query-overlong", "path-not-an-id",
                "path-nul", "path-overlong", "path-traversal", "uri-overlong", "header-overlong");
    }

    @Test
    void writesTheBytesAParserMustRefuse() {
        Map<String, Mutation> byKindAndField = generator.mutations(op("POST", "/api/v1/things/{id}/notes")).stream()
                .collect(Collectors.toMap(m -> m.kind() + " " + m.where(), m -> m, (a, b) -> a));
        assertThat(body(byKindAndField.get("duplicate-key "))).startsWith("{\"title\":\"duplicate\",\"title\":\"Call\"");
        assertThat(body(byKindAndField.get("lone-surrogate /title"))).contains("\"Call\\ud800\"");
        assertThat(body(byKindAndField.get("nul /title"))).contains("a\\u0000b");
        assertThat(body(byKindAndField.get("date-far-future /day"))).contains("\"+999999999-12-31\"");
        assertThat(body(byKindAndField.get("null-in-array /tags"))).contains("\"tags\":[null,\"A\"]");
        assertThat(body(byKindAndField.get("trailing-garbage "))).endsWith("} }garbage");
        assertThat(body(byKindAndField.get("wrong-type /count"))).contains("\"count\":\"abc\"");
        assertThatThrownBy(() -> StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(
                byKindAndField.get("invalid-utf8 /title").request().body())))
                .isInstanceOf(CharacterCodingException.class);
        assertThat(byKindAndField.get("charset-utf16 ").request().headers().get("Content-Type"))
                .isEqualTo("application/json;charset=UTF-16");
        assertThat(byKindAndField.get("content-type-missing ").request().headers()).doesNotContainKey("Content-Type");
        Mutation oversized = byKindAndField.get("oversized-chunked ");
        assertThat(oversized.request().body().length).isGreaterThan(1000);
        assertThat(oversized.request().chunked()).isTrue();
        assertThat(byKindAndField.get("path-nul id").request().target()).isEqualTo("/api/v1/things/%00/notes");
        assertThat(byKindAndField.get("query-overlong asOf").request().target().length()).isGreaterThan(10 * 1024);
        assertThat(byKindAndField.get("date-year-zero asOf").request().target()).endsWith("?asOf=0000-01-01");
        List.of("nul /title", "duplicate-key ", "path-nul id", "date-malformed /day", "oversized ")
                .forEach(k -> assertThat(byKindAndField.get(k).mustRefuse()).as(k).isTrue());
        List.of("bidi /title", "chunked ", "unknown-field ")
                .forEach(k -> assertThat(byKindAndField.get(k).mustRefuse()).as(k).isFalse());
    }

    @Test
    void sizesTheOversizedBodiesJustPastTheLimitOfTheOperationsOwnService() {
        MutationGenerator perService = new MutationGenerator(op -> op.path().startsWith("/api/v1/things") ? 5000 : 1000,
                auth);
        Mutation oversized = perService.mutations(op("POST", "/api/v1/things/{id}/notes")).stream()
                .filter(m -> m.kind().equals("oversized")).findFirst().orElseThrow();
        assertThat(oversized.request().body().length).isEqualTo(5000 + 1024);
    }

    @Test
    void refusingTokensAddsNoTokenAForgedOneAndOneOfARoleNotAllowedToEveryOperationThatNeedsOne() {
        MutationGenerator refusing = generator.refusingTokens(op -> "Bearer token-of-ingest");
        Map<String, Mutation> byKind = refusing.mutations(op("POST", "/api/v1/things/{id}/notes")).stream()
                .filter(m -> m.kind().startsWith("token-"))
                .collect(Collectors.toMap(Mutation::kind, m -> m));
        assertThat(byKind).containsOnlyKeys("token-missing", "token-forged", "token-role-not-allowed");
        assertThat(byKind.values()).allMatch(Mutation::mustRefuse);
        assertThat(byKind.get("token-missing").request().headers()).doesNotContainKey("Authorization");
        assertThat(byKind.get("token-forged").request().headers().get("Authorization"))
                .isEqualTo(MutationGenerator.FORGED_TOKEN);
        assertThat(byKind.get("token-role-not-allowed").request().headers().get("Authorization"))
                .isEqualTo("Bearer token-of-ingest");
        assertThat(refusing.mutations(op("GET", "/public/v1/notice"))).noneMatch(m -> m.kind().startsWith("token-"));
        assertThat(generator.mutations(op("POST", "/api/v1/things/{id}/notes")))
                .as("without refusingTokens, none").noneMatch(m -> m.kind().startsWith("token-"));
    }

    @Test
    void aRoleNotAllowedIsTheFirstPreferredRoleOutsideTheOperationsRoles() {
        Operation notes = op("POST", "/api/v1/things/{id}/notes");
        assertThat(RoleTokens.roleFor(notes)).isEqualTo("compliance-officer");
        // notes allows compliance-officer and auditor: the first other role of the preference is breach-manager
        assertThat(RoleTokens.local().refusedRole(notes)).isEqualTo("breach-manager");
        assertThat(RoleTokens.keycloak().refusedRole(notes)).isEqualTo("breach-manager");
        assertThat(RoleTokens.local().refusedRole(op("GET", "/public/v1/notice"))).isNull();
        // Keycloak's demo logins hold four roles: an operation all four may call has no refused role to send
        Operation everyLogin = new Operation("GET", "/x", List.of(), null, false, null, null,
                Set.of("compliance-officer", "breach-manager", "ingest", "auditor"), false);
        assertThat(RoleTokens.keycloak().refusedRole(everyLogin)).isNull();
        assertThat(RoleTokens.local().refusedRole(everyLogin)).isEqualTo("service-breach-reporting");
    }

    @Test
    void treatsNamesAndMailAddressesAsPersonalButNotCodesDatesOrIds() {
        assertThat(MutationGenerator.isPersonal("personName", "Jane Roe")).isTrue();
        assertThat(MutationGenerator.isPersonal("note", "mail taro@example.jp")).isTrue();
        assertThat(MutationGenerator.isPersonal("subjectType", "INDIVIDUAL")).isFalse();
        assertThat(MutationGenerator.isPersonal("name", "2026-04-01")).isFalse();
        assertThat(MutationGenerator.isPersonal("title", "Call")).isFalse();
    }

    private static String body(Mutation m) {
        assertThat(m).isNotNull();
        return new String(m.request().body(), StandardCharsets.UTF_8);
    }
}
