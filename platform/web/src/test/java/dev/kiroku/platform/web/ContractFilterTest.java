package dev.kiroku.platform.web;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContractFilterTest {

    @Test
    void operationIdsReadAsVerbAndNounFromMethodAndPath() {
        assertThat(ContractFilter.operationId("POST", "/api/v1/provisions")).isEqualTo("createProvision");
        assertThat(ContractFilter.operationId("GET", "/api/v1/provisions")).isEqualTo("listProvisions");
        assertThat(ContractFilter.operationId("GET", "/api/v1/provisions/{id}")).isEqualTo("getProvision");
        assertThat(ContractFilter.operationId("POST", "/api/v1/provisions/batch")).isEqualTo("createProvisionsBatch");
        assertThat(ContractFilter.operationId("GET", "/api/v1/provisions/{id}/history"))
                .isEqualTo("getProvisionHistory");
        assertThat(ContractFilter.operationId("GET", "/api/v1/incidents")).isEqualTo("listIncidents");
        assertThat(ContractFilter.operationId("POST", "/api/v1/incidents/{id}/reports/{reportId}/submissions"))
                .isEqualTo("createIncidentReportSubmission");
        assertThat(ContractFilter.operationId("PUT", "/api/v1/joint-use-groups/{id}/definition"))
                .isEqualTo("replaceJointUseGroupDefinition");
        assertThat(ContractFilter.operationId("GET", "/api/v1/incidents/{id}/affected-persons"))
                .isEqualTo("listIncidentAffectedPersons");
        assertThat(ContractFilter.operationId("GET", "/api/v1/disclosure-requests/{id}"))
                .isEqualTo("getDisclosureRequest");
        assertThat(ContractFilter.operationId("GET", "/public/v1/joint-use-notices/{groupId}"))
                .isEqualTo("getJointUseNotice");
        assertThat(ContractFilter.operationId("GET", "/api/v1/provisions/verification"))
                .isEqualTo("getProvisionsVerification");
    }

    @Test
    void everyOperationGetsAUniqueIdTheAuditPathsNamedAfterTheService() {
        Operation create = operation();
        Operation list = operation();
        Operation entries = operation();
        Operation own = operation().operationId("recordProvision");
        OpenAPI openAPI = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/v1/provisions", OASFactory.createPathItem().POST(create).GET(list))
                .addPathItem("/api/v1/audit/{service}/entries", OASFactory.createPathItem().GET(entries))
                .addPathItem("/api/v1/things", OASFactory.createPathItem().POST(own)));
        new ContractFilter().filterOpenAPI(openAPI);
        assertThat(create.getOperationId()).isEqualTo("createProvision");
        assertThat(list.getOperationId()).isEqualTo("listProvisions");
        // no quarkus.application.name in a plain unit test: the filter's fallback name
        assertThat(entries.getOperationId()).isEqualTo("listAuditServiceEntries");
        assertThat(own.getOperationId()).isEqualTo("recordProvision");
        assertThat(openAPI.getServers()).singleElement().extracting(s -> s.getUrl()).isEqualTo("/");
    }

    @Test
    void rolesMoveFromTheBearerScopesToAnExtensionAndTheDescription() {
        Operation get = operation().description("Reads it.").security(List.of(OASFactory.createSecurityRequirement()
                .addScheme("bearer", List.of("compliance-officer", "auditor"))));
        new ContractFilter().filterOpenAPI(OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/v1/x", OASFactory.createPathItem().GET(get))));
        assertThat(get.getSecurity()).singleElement().satisfies(requirement ->
                assertThat(requirement.getSchemes()).containsOnlyKeys("bearer")
                        .allSatisfy((scheme, scopes) -> assertThat(scopes).isEmpty()));
        assertThat(get.getExtensions()).containsEntry(ContractFilter.ROLES, List.of("compliance-officer", "auditor"));
        assertThat(get.getDescription()).isEqualTo("Reads it.\n\nRoles: compliance-officer, auditor.");
    }

    @Test
    void aResponseHeaderWithoutSchemaGetsAStringSchema() {
        Header replayed = OASFactory.createHeader().description("true on a retry");
        Operation post = operation();
        post.getResponses().getAPIResponse("200").addHeader(Idempotency.REPLAYED_HEADER, replayed);
        new ContractFilter().filterOpenAPI(OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/v1/x", OASFactory.createPathItem().POST(post))));
        assertThat(replayed.getSchema().getType()).containsExactly(Schema.SchemaType.STRING);
    }

    private static Operation operation() {
        return OASFactory.createOperation().summary("s").responses(OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse().description("ok")));
    }
}
