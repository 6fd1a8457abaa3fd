package dev.kiroku.platform.audit;

import dev.kiroku.platform.web.KeysetPages;
import dev.kiroku.platform.web.KirokuRoles;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemExamples;
import dev.kiroku.platform.web.ProblemWriter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.NoCache;

import java.util.List;

/** Auditors read and verify the service's audit chain: {@code /api/v1/audit/<service>/...}. */
@Path("/api/v1/audit/{service}")
@Tag(name = "Audit chain", description = "The service's tamper-evident record of every state change")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final int MAX_LIMIT = 500;

    private final AuditChain chain;
    private final String serviceName;

    public AuditResource(AuditChain chain, @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.chain = chain;
        this.serviceName = serviceName;
    }

    /** A page of entries. */
    @Schema(name = "AuditEntryPage")
    public record Page(List<AuditEntry> items,
                       @Schema(example = "42", nullable = true, description = "Cursor of the next page; null on the last")
                       String next) {
    }

    @GET
    @Path("/entries")
    @NoCache
    @RolesAllowed({KirokuRoles.AUDITOR, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "List audit-chain entries in chain order",
            description = "Keyset-paginated: pass the previous page's `next` as `after`. Filter by aggregate to read "
                    + "one object's full change history (who, when, what, why).")
    @APIResponse(responseCode = "200", description = "A page of entries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class),
                    examples = @ExampleObject(name = "page", value = AuditExamples.PAGE)))
    @APIResponse(responseCode = "400", description = "A query parameter is out of range",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    @APIResponse(responseCode = "404", description = "Another service's chain (ask that service)",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response entries(
            @Parameter(description = "This service's name", example = "joint-use") @PathParam("service") String service,
            @Parameter(description = "Only entries about this kind of object", example = "joint-use-group")
            @QueryParam("aggregateType") String aggregateType,
            @Parameter(description = "Only entries about this object") @QueryParam("aggregateId") String aggregateId,
            @Parameter(description = "Cursor: the `next` of the previous page") @QueryParam("after") @DefaultValue("0")
            @Min(0) long after,
            @Parameter(description = "Page size, at most 500") @QueryParam("limit") @DefaultValue("50") @Min(1)
            @Max(MAX_LIMIT) int limit,
            @Context UriInfo uri) {
        requireThisService(service);
        List<AuditEntry> items = chain.entries(aggregateType, aggregateId, after, limit);
        String next = KeysetPages.next(items, limit, last -> last.seq());
        return KeysetPages.ok(new Page(items, next), next, uri, "after");
    }

    @GET
    @Path("/verification")
    @NoCache
    @RolesAllowed({KirokuRoles.AUDITOR, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "Verify the audit chain",
            description = "Recomputes every entry's hash from its stored content and its predecessor's hash, and names "
                    + "the first entry that does not hold. Evidence that records were not altered or back-dated "
                    + "(inspection under APPI Art. 146).")
    @APIResponse(responseCode = "200", description = "The verification result (intact or the first broken entry)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuditVerification.class),
                    examples = {@ExampleObject(name = "intact", value = AuditExamples.INTACT),
                            @ExampleObject(name = "broken", value = AuditExamples.BROKEN)}))
    @APIResponse(responseCode = "404", description = "Another service's chain (ask that service)",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AuditVerification verification(
            @Parameter(description = "This service's name", example = "joint-use") @PathParam("service") String service) {
        requireThisService(service);
        return chain.verify();
    }

    private void requireThisService(String service) {
        if (!serviceName.equals(service)) {
            throw ProblemException.notFound("This is the " + serviceName + " service; it keeps only its own audit chain");
        }
    }
}
