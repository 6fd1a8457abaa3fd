package dev.kiroku.breachreporting.caller;

import dev.kiroku.platform.web.CallerView;
import dev.kiroku.platform.web.KirokuRoles;
import dev.kiroku.platform.web.Problem;
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

/** How this service sees the caller's token: the integrator's first call, to check roles and audience. */
@Path("/api/v1/breach-reporting/caller")
@Tag(name = "Caller", description = "The authenticated caller as this service sees it")
@Produces(MediaType.APPLICATION_JSON)
public class CallerResource {

    static final String SERVICE = "breach-reporting";

    private final SecurityIdentity identity;

    public CallerResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @NoCache
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "Describe the authenticated caller",
            description = "Answers with the token's subject, client and the Kiroku roles this service recognises. "
                    + "Allowed for breach managers, compliance officers and auditors.")
    @APIResponse(responseCode = "200", description = "The caller",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CallerView.class),
                    examples = @ExampleObject(name = "officer", value = ProblemExamples.CALLER)))
    @APIResponse(responseCode = "401", description = "No token, or an expired, forged or foreign one",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unauthenticated", value = ProblemExamples.UNAUTHENTICATED)))
    @APIResponse(responseCode = "403", description = "The token carries none of the allowed roles",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "forbidden", value = ProblemExamples.FORBIDDEN)))
    public CallerView caller() {
        return CallerView.of(SERVICE, identity);
    }
}
