package dev.kiroku.provisionrecords.retention.rest;

import dev.kiroku.platform.web.KeysetPages;
import dev.kiroku.platform.web.KirokuRoles;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemExamples;
import dev.kiroku.platform.web.ProblemWriter;
import dev.kiroku.provisionrecords.common.rest.Examples;
import dev.kiroku.provisionrecords.retention.PurgeRun;
import dev.kiroku.provisionrecords.retention.service.RetentionService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The retention purge: run on demand and read its log (it also runs daily on a schedule). */
@Path("/api/v1/provision-purges")
@Tag(name = "Retention purges", description = "Removal of personal data from records whose retention ended")
@Produces(MediaType.APPLICATION_JSON)
public class PurgeResource {

    private final RetentionService service;
    private final SecurityIdentity identity;

    public PurgeResource(RetentionService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    /** On-demand purge. */
    @Schema(name = "PurgeRequest")
    public record PurgeBody(@Schema(description = "Purge records whose retention ended before this day (Asia/Tokyo); "
            + "today when absent; never a future day") LocalDate asOf) {
    }

    /** A page of purge runs, newest first. */
    @Schema(name = "PurgeRunPage")
    public record RunPage(List<PurgeRun> items, String next) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(KirokuRoles.COMPLIANCE_OFFICER)
    @Operation(summary = "Run the retention purge now",
            description = "Removes the personal data (subject identifier, name, blind index, free-text items) of every "
                    + "version of each record whose retention ended (retainUntil before `asOf`; APPI Art. 29(2) / "
                    + "30(4), Rules 21 / 25) and keeps a tombstone (ids, dates, basis, counterparty, hashes), so counts "
                    + "survive and the audit chain still verifies. Idempotent: a second run purges nothing. One run at "
                    + "a time.")
    @RequestBody(required = false, description = "Optional: without a body the run purges as of today",
            content = @Content(schema = @Schema(implementation = PurgeBody.class),
            examples = @ExampleObject(name = "as of today", value = Examples.PURGE_REQUEST)))
    @APIResponse(responseCode = "200", description = "The run: how many record versions were purged",
            content = @Content(schema = @Schema(implementation = PurgeRun.class),
                    examples = @ExampleObject(name = "run", value = Examples.PURGE_RUN)))
    @APIResponse(responseCode = "400", description = "A future day",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    @APIResponse(responseCode = "409", description = "Another purge is running",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PurgeRun purge(PurgeBody body) {
        return service.purge(body == null ? null : body.asOf(), identity.getPrincipal().getName());
    }

    @GET
    @RolesAllowed({KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "List purge runs", description = "Newest first: when, by whom (or the scheduler), as of "
            + "which day, how many record versions, and the audit-chain entry.")
    @APIResponse(responseCode = "200", description = "A page of runs",
            content = @Content(schema = @Schema(implementation = RunPage.class)))
    @APIResponse(responseCode = "400", description = "A query parameter is invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    public Response runs(
            @Parameter(description = "Cursor: the `next` of the previous page") @QueryParam("before") UUID before,
            @Parameter(description = "Page size, at most 500") @QueryParam("limit") @DefaultValue("50") @Min(1)
            @Max(500) int limit,
            @Context UriInfo uri) {
        List<PurgeRun> items = service.runs(before, limit);
        String next = KeysetPages.next(items, limit, last -> last.id());
        return KeysetPages.ok(new RunPage(items, next), next, uri, "before");
    }
}
