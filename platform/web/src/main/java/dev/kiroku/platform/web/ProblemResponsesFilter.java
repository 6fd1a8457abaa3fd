package dev.kiroku.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;
import java.util.Map;

/**
 * The problem responses every operation of the suite shares, added to the OpenAPI document once instead of on every
 * resource, so a resource declares only the responses particular to it:
 * <ul>
 *   <li>every secured operation (a non-empty security requirement, as {@code @RolesAllowed} publishes it) answers
 *   401 (no valid token) and 403 (roles do not allow it), as RFC 9457 problems with their examples;</li>
 *   <li>an operation with a request body or query/header parameters answers 400 (the request is not valid);</li>
 *   <li>every 4xx/5xx response without content gets the {@code Problem} schema under {@code application/problem+json}.</li>
 * </ul>
 * Responses are listed in the order of their codes. A response a resource declares itself keeps its description,
 * schema and examples; a response that has only a description (e.g. Quarkus's automatic "Not Authorized") gets the
 * problem content and the suite's description.
 * Runs at start-up in every service that uses platform/web, after the document is complete.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class ProblemResponsesFilter implements OASFilter {

    static final String PROBLEM_REF = "#/components/schemas/Problem";
    static final String UNAUTHENTICATED = "No token, or an expired, forged or foreign one";
    static final String FORBIDDEN = "The token's roles do not allow this operation";
    static final String INVALID = "The request is not valid (field-level violations)";
    static final String IN_PROGRESS = "A request with the same Idempotency-Key is still in progress: retry after "
            + "Retry-After seconds for its answer";
    static final String KEY_REUSED = "The Idempotency-Key was used with a different request; nothing was written";
    /** Quarkus's own descriptions of the 401 and 403 it adds to secured operations. */
    private static final List<String> GENERIC = List.of("Not Authorized", "Not Allowed");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        ensureProblemSchema(openAPI);
        boolean securedByDefault = openAPI.getSecurity() != null && !openAPI.getSecurity().isEmpty();
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            if (item.getOperations() == null) {
                continue;
            }
            for (Operation operation : item.getOperations().values()) {
                filter(operation, item, securedByDefault);
            }
        }
    }

    void filter(Operation operation, PathItem item, boolean securedByDefault) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        boolean secured = operation.getSecurity() == null ? securedByDefault : !operation.getSecurity().isEmpty();
        if (secured) {
            problem(responses, "401", UNAUTHENTICATED, "unauthenticated", ProblemExamples.UNAUTHENTICATED);
            problem(responses, "403", FORBIDDEN, "forbidden", ProblemExamples.FORBIDDEN);
        }
        if (operation.getRequestBody() != null || hasRequestParameters(operation) || hasRequestParameters(item)) {
            problem(responses, "400", INVALID, "validation", ProblemExamples.VALIDATION);
        }
        if (takesIdempotencyKey(operation)) {
            idempotency(responses, "409", IN_PROGRESS);
            idempotency(responses, "422", KEY_REUSED);
        }
        if (responses.getAPIResponses() != null) {
            Map<String, APIResponse> sorted = new java.util.TreeMap<>(ProblemResponsesFilter::byCode);
            sorted.putAll(responses.getAPIResponses());
            responses.setAPIResponses(new java.util.LinkedHashMap<>(sorted));
            responses.getAPIResponses().forEach((code, response) -> {
                if ((code.startsWith("4") || code.startsWith("5")) && response.getRef() == null
                        && (response.getContent() == null || response.getContent().getMediaTypes() == null
                        || response.getContent().getMediaTypes().isEmpty())) {
                    response.setContent(problemContent(null, null));
                }
            });
        }
    }

    /** Responses in the order of their codes, {@code default} last, as a reader scans them. */
    private static int byCode(String a, String b) {
        boolean da = "default".equals(a);
        boolean db = "default".equals(b);
        return da || db ? Boolean.compare(da, db) : a.compareTo(b);
    }

    private static boolean takesIdempotencyKey(Operation operation) {
        return operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() == Parameter.In.HEADER && Idempotency.HEADER.equalsIgnoreCase(p.getName()));
    }

    /** The idempotency refusal every create may answer: added, or named in the operation's own description. */
    private static void idempotency(APIResponses responses, String code, String description) {
        APIResponse response = responses.getAPIResponse(code);
        if (response == null) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description)
                    .content(problemContent(null, null)));
        } else if (response.getRef() == null && (response.getDescription() == null
                || !response.getDescription().contains(description))) {
            response.setDescription(response.getDescription() == null ? description
                    : response.getDescription() + "; or: " + description);
        }
    }

    private static boolean hasRequestParameters(Operation operation) {
        return parameters(operation.getParameters());
    }

    private static boolean hasRequestParameters(PathItem item) {
        return parameters(item.getParameters());
    }

    private static boolean parameters(List<Parameter> parameters) {
        return parameters != null && parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY
                || p.getIn() == Parameter.In.HEADER);
    }

    /** Adds the response, or completes one that has no problem content or only a generic description. */
    private static void problem(APIResponses responses, String code, String description, String exampleName,
            String example) {
        APIResponse response = responses.getAPIResponse(code);
        if (response == null) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description)
                    .content(problemContent(exampleName, example)));
            return;
        }
        if (response.getRef() != null) {
            return;
        }
        if (response.getDescription() == null || GENERIC.contains(response.getDescription())) {
            response.setDescription(description);
        }
        Content content = response.getContent();
        if (content == null || content.getMediaTypes() == null || content.getMediaTypes().isEmpty()) {
            response.setContent(problemContent(exampleName, example));
        } else if (content.getMediaType(ProblemWriter.MEDIA_TYPE) != null) {
            MediaType problem = content.getMediaType(ProblemWriter.MEDIA_TYPE);
            if (problem.getSchema() == null) {
                problem.setSchema(OASFactory.createSchema().ref(PROBLEM_REF));
            }
            if ((problem.getExamples() == null || problem.getExamples().isEmpty()) && problem.getExample() == null) {
                problem.addExample(exampleName, OASFactory.createExample().value(parse(example)));
            }
        }
    }

    private static Content problemContent(String exampleName, String example) {
        MediaType media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF));
        if (exampleName != null) {
            media.addExample(exampleName, OASFactory.createExample().value(parse(example)));
        }
        return OASFactory.createContent().addMediaType(ProblemWriter.MEDIA_TYPE, media);
    }

    private static Object parse(String example) {
        try {
            return JSON.readValue(example, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem example is not JSON", e);
        }
    }

    /** The {@code Problem} schema, as {@link Problem}'s annotations describe it, when no resource referenced it. */
    private static void ensureProblemSchema(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        if (components.getSchemas() != null && components.getSchemas().containsKey("Problem")) {
            return;
        }
        if (components.getSchemas() == null || !components.getSchemas().containsKey("Violation")) {
            components.addSchema("Violation", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                    .addProperty("field", string("counterparty.address"))
                    .addProperty("in", string("body"))
                    .addProperty("message", string("must not be blank"))
                    .addProperty("rule", string("APPI Rule 20(1)(i)")));
        }
        components.addSchema("Problem", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details")
                .addProperty("type", string("urn:kiroku:problem:validation").format("uri"))
                .addProperty("title", string("Request is not valid"))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))
                        .format("int32").example(400))
                .addProperty("detail", string("1 field is not valid"))
                .addProperty("instance", string("/api/v1/provisions"))
                .addProperty("requestId", string("0b7c6f0e-6a0e-4a8b-9d0c-5d5f1a3c2e11"))
                .addProperty("violations", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(OASFactory.createSchema().ref("#/components/schemas/Violation"))));
    }

    private static Schema string(String example) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).example(example);
    }
}
