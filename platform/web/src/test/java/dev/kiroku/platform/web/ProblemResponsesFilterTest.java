package dev.kiroku.platform.web;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemResponsesFilterTest {

    private static Operation secured() {
        return OASFactory.createOperation().summary("s")
                .security(List.of(OASFactory.createSecurityRequirement().addScheme("bearer", List.of("auditor"))))
                .responses(OASFactory.createAPIResponses().addAPIResponse("200",
                        OASFactory.createAPIResponse().description("ok")));
    }

    private static OpenAPI document(String path, Operation get) {
        return OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem(path, OASFactory.createPathItem().GET(get)));
    }

    private static MediaType problem(Operation operation, String code) {
        return operation.getResponses().getAPIResponse(code).getContent().getMediaType(ProblemWriter.MEDIA_TYPE);
    }

    @Test
    void aSecuredOperationAnswers401And403AsProblemsWithExamples() {
        Operation get = secured();
        OpenAPI openAPI = document("/api/v1/x", get);
        new ProblemResponsesFilter().filterOpenAPI(openAPI);
        assertThat(get.getResponses().getAPIResponses().keySet()).containsExactly("200", "401", "403");
        assertThat(problem(get, "401").getSchema().getRef()).isEqualTo(ProblemResponsesFilter.PROBLEM_REF);
        assertThat(problem(get, "401").getExamples()).containsKey("unauthenticated");
        @SuppressWarnings("unchecked")
        Map<String, Object> forbidden = (Map<String, Object>) problem(get, "403").getExamples().get("forbidden")
                .getValue();
        assertThat(forbidden).containsEntry("type", "urn:kiroku:problem:forbidden");
        assertThat(get.getResponses().getAPIResponse("403").getDescription()).isEqualTo(ProblemResponsesFilter.FORBIDDEN);
        assertThat(openAPI.getComponents().getSchemas()).containsKeys("Problem", "Violation");
    }

    @Test
    void aPublicOperationGetsNoAuthResponses() {
        Operation get = secured().security(List.of());
        new ProblemResponsesFilter().filterOpenAPI(document("/public/x", get));
        assertThat(get.getResponses().getAPIResponses()).containsOnlyKeys("200");
    }

    @Test
    void quarkusGenericResponsesAreCompletedAndDeclaredOnesKept() {
        Operation get = secured();
        get.getResponses().addAPIResponse("401", OASFactory.createAPIResponse().description("Not Authorized"));
        APIResponse own = OASFactory.createAPIResponse().description("Only the auditor").content(OASFactory
                .createContent().addMediaType(ProblemWriter.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))
                        .addExample("mine", OASFactory.createExample().value("x"))));
        get.getResponses().addAPIResponse("403", own);
        get.getResponses().addAPIResponse("404", OASFactory.createAPIResponse().description("No such thing"));
        new ProblemResponsesFilter().filterOpenAPI(document("/api/v1/x", get));
        assertThat(get.getResponses().getAPIResponse("401").getDescription())
                .isEqualTo(ProblemResponsesFilter.UNAUTHENTICATED);
        assertThat(problem(get, "401").getExamples()).containsKey("unauthenticated");
        assertThat(get.getResponses().getAPIResponse("403").getDescription()).isEqualTo("Only the auditor");
        assertThat(problem(get, "403").getExamples()).containsOnlyKeys("mine");
        assertThat(problem(get, "404").getSchema().getRef()).isEqualTo(ProblemResponsesFilter.PROBLEM_REF);
    }

    @Test
    void anOperationTakingAnIdempotencyKeyDocumentsTheInProgress409AndTheReused422() {
        Operation post = secured().addParameter(OASFactory.createParameter().name(Idempotency.HEADER)
                .in(Parameter.In.HEADER));
        post.getResponses().addAPIResponse("409", OASFactory.createAPIResponse().description("The incident is closed"));
        new ProblemResponsesFilter().filterOpenAPI(document("/api/v1/x", post));
        assertThat(post.getResponses().getAPIResponse("409").getDescription())
                .isEqualTo("The incident is closed; or: " + ProblemResponsesFilter.IN_PROGRESS);
        assertThat(post.getResponses().getAPIResponse("422").getDescription())
                .isEqualTo(ProblemResponsesFilter.KEY_REUSED);
        assertThat(problem(post, "422").getSchema().getRef()).isEqualTo(ProblemResponsesFilter.PROBLEM_REF);
    }

    @Test
    void anOperationWithQueryParametersOrABodyAnswers400() {
        Operation get = secured().addParameter(OASFactory.createParameter().name("limit").in(Parameter.In.QUERY));
        new ProblemResponsesFilter().filterOpenAPI(document("/api/v1/x", get));
        assertThat(problem(get, "400").getExamples()).containsKey("validation");

        Operation post = secured().requestBody(OASFactory.createRequestBody());
        new ProblemResponsesFilter().filterOpenAPI(document("/api/v1/y", post));
        assertThat(post.getResponses().getAPIResponses()).containsKey("400");

        Operation path = secured().addParameter(OASFactory.createParameter().name("id").in(Parameter.In.PATH));
        new ProblemResponsesFilter().filterOpenAPI(document("/api/v1/z/{id}", path));
        assertThat(path.getResponses().getAPIResponses()).doesNotContainKey("400");
    }
}
