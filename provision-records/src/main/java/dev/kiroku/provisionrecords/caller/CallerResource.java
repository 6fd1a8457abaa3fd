package dev.kiroku.provisionrecords.caller;

import dev.kiroku.platform.web.CallerEndpoint;
import dev.kiroku.platform.web.CallerView;
import dev.kiroku.platform.web.KirokuRoles;
import dev.kiroku.platform.web.ProblemExamples;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.NoCache;

/** How this service sees the caller's token (the platform's {@link CallerEndpoint}): its path and roles. */
@Path("/api/v1/provision-records/caller")
@Tag(name = CallerEndpoint.TAG, description = CallerEndpoint.TAG_DESCRIPTION)
@Produces(MediaType.APPLICATION_JSON)
public class CallerResource extends CallerEndpoint {

    public CallerResource(SecurityIdentity identity) {
        super("provision-records", identity);
    }

    @GET
    @NoCache
    @RolesAllowed({KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR, KirokuRoles.INGEST, KirokuRoles.BREACH_REPORTING_SERVICE})
    @Operation(summary = SUMMARY, description = DESCRIPTION + "Allowed for compliance officers, auditors, ingesting "
            + "systems and breach-reporting's service account.")
    @APIResponse(responseCode = "200", description = OK, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CallerView.class),
            examples = @ExampleObject(name = EXAMPLE, value = ProblemExamples.CALLER)))
    public CallerView caller() {
        return describe();
    }
}
