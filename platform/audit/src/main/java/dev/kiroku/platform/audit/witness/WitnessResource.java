package dev.kiroku.platform.audit.witness;

import dev.kiroku.platform.web.KirokuRoles;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemExamples;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.ProblemWriter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.NoCache;

/**
 * The service as a witness of the other services' audit logs (C2SP tlog-witness):
 * {@code /api/v1/audit/<service>/witness/...}.
 * <p>
 * Authentication: in tlog-witness the log's signature is what makes a submission count (the witness only advances on
 * a checkpoint its known log key signed, and only along a valid consistency proof), so whoever relays a checkpoint
 * cannot make the witness cosign anything the log did not sign. Kiroku still asks for a bearer token, like at every
 * endpoint: the audit roles (auditor, compliance-officer), which may relay a log's checkpoints as gossip; a log
 * submits with its client-credentials token ({@code kiroku.audit.witness.client.*}).
 */
@Path("/api/v1/audit/{service}/witness")
@Tag(name = "Audit witness", description = "The service cosigns the other services' audit-log checkpoints (C2SP tlog-witness)")
public class WitnessResource {

    static final String TEXT = "text/plain; charset=utf-8";
    /** The media type of a 409 answer's body, the witness's tree size (C2SP tlog-witness). */
    static final String TLOG_SIZE = "text/x.tlog.size";

    private static final String REQUEST = "old 3\n"
            + "pfQF9JFwcRnKmKW6BM0jXPs9ZZVEb8Pd95pO+lzf9Q8=\n"
            + "ZlbJeZoVIG8M9P3UvtXH2EJUc/7cWJ5YMr5vP0MR0i4=\n"
            + "\n"
            + "kiroku.localhost/provision-records\n"
            + "5\n"
            + "YDA64iuZiGG847KPM+7L7nWKIRPIbJPAdtvp9VjBHHU=\n"
            + "\n"
            + "\u2014 kiroku.localhost/provision-records MJRq9jl1uf7g96uqbpTadERRzYedmQQpEMUaNM2zz1kLfz3CnfP4Y4UAHPi7dZvphsLSUnNyR6dPsokV4/5zsS8kaLU=\n";
    private static final String COSIGNATURE = "\u2014 kiroku.localhost/joint-use/witness "
            + "cPu7de5upgifX2mIy8gIARdeCYSlvUUtl+a/k0QJafAd+5t3MY5UncpxSy/LSJEMiwUaRmrmXsmLNAWijcTQ9oFle89lxzqp82jWLQ==\n";

    private final Witness witness;
    private final String serviceName;

    public WitnessResource(Witness witness, @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.witness = witness;
        this.serviceName = serviceName;
    }

    @POST
    @Path("/add-checkpoint")
    @Consumes(MediaType.WILDCARD)
    @Produces({TEXT, TLOG_SIZE, ProblemWriter.MEDIA_TYPE})
    @NoCache
    @RolesAllowed({KirokuRoles.AUDITOR, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "Cosign a checkpoint of another service's audit log (C2SP tlog-witness add-checkpoint)",
            description = "The body: `old <size>` (the size this witness last cosigned for the log, 0 the first "
                    + "time), the RFC 9162 consistency proof from that size to the checkpoint's, one base64 hash a "
                    + "line, a blank line, then the checkpoint as a C2SP signed note signed by the log's key. The "
                    + "witness checks the log's signature and the proof, records the new size atomically and answers "
                    + "its cosignature (C2SP tlog-cosignature, cosignature/v1 with a timestamp). A stale old size is "
                    + "409 with the witness's size (`text/x.tlog.size`); resubmit from it. Logs witnessed: "
                    + "`kiroku.audit.witness.logs`.")
    @RequestBody(required = true, content = @Content(mediaType = "text/plain",
            schema = @Schema(implementation = String.class), examples = @ExampleObject(name = "request", value = REQUEST)))
    @APIResponse(responseCode = "200", description = "The witness's cosignature line(s), signed-note signature lines",
            content = @Content(mediaType = TEXT, schema = @Schema(implementation = String.class),
                    examples = @ExampleObject(name = "cosignature", value = COSIGNATURE)))
    @APIResponse(responseCode = "400", description = "Malformed request (or an old size larger than the checkpoint's)",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The checkpoint is not signed by the log's known key (or the "
            + "token lacks the role)",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "forbidden", value = ProblemExamples.FORBIDDEN)))
    @APIResponse(responseCode = "404", description = "A log this witness does not witness, or another service's path",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The old size is not the size this witness last cosigned: the "
            + "body is that size in decimal and a newline (`text/x.tlog.size`, as the spec says); a client that "
            + "accepts only `application/problem+json` gets a problem with that size as `knownSize`",
            content = {@Content(mediaType = TLOG_SIZE, schema = @Schema(implementation = String.class),
                    examples = @ExampleObject(name = "size", value = "3\n")),
                    @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))})
    @APIResponse(responseCode = "422", description = "The proof does not show the checkpoint consistent with the tree "
            + "this witness cosigned (rewritten or rolled-back log), or another root at the same size (a fork)",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response addCheckpoint(
            @Parameter(description = "This service's name", example = "joint-use") @PathParam("service") String service,
            @Parameter(hidden = true) @HeaderParam("Accept") String accept,
            byte[] body) {
        requireThisService(service);
        try {
            return Response.ok(witness.addCheckpoint(body), TEXT).build();
        } catch (WitnessRefusal refusal) {
            if (refusal.status() == 409 && onlyProblems(accept)) {
                throw new ProblemException(409, ProblemType.of("audit-witness-old-size"), refusal.title(),
                        refusal.getMessage()).with("knownSize", refusal.knownSize());
            }
            if (refusal.status() == 409) {
                return Response.status(409).type(TLOG_SIZE).entity(refusal.knownSize() + "\n").build();
            }
            throw new ProblemException(refusal.status(), ProblemType.of(slug(refusal.status())), refusal.title(),
                    refusal.getMessage());
        }
    }

    @GET
    @Path("/verifier-key")
    @Produces(TEXT)
    @RolesAllowed({KirokuRoles.AUDITOR, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "The witness's cosignature verifier key",
            description = "`<name>+<key id hex>+<base64 of 0x04 ‖ Ed25519 public key>` (C2SP tlog-cosignature): the "
                    + "key that checks this service's cosignatures. Logs list it as `kiroku.audit.witness.submit-to"
                    + "[i].verifier-key`.")
    @APIResponse(responseCode = "200", description = "The verifier key",
            content = @Content(mediaType = TEXT, schema = @Schema(implementation = String.class),
                    examples = @ExampleObject(name = "key", value = "kiroku.localhost/joint-use/witness+0a4f04cb+"
                            + "BGnn1HezVr14/mDpT/bToMg/YCIu7qUhozIaHH9RiKsI\n")))
    @APIResponse(responseCode = "404", description = "Another service's path, or this service has no witness key",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public String verifierKey(
            @Parameter(description = "This service's name", example = "joint-use") @PathParam("service") String service) {
        requireThisService(service);
        return witness.verifierKey().map(k -> k + "\n")
                .orElseThrow(() -> ProblemException.notFound("This service has no witness key"));
    }

    /** Whether the client accepts problems but neither the spec's size body nor anything. */
    private static boolean onlyProblems(String accept) {
        return accept != null && accept.contains(ProblemWriter.MEDIA_TYPE) && !accept.contains(TLOG_SIZE)
                && !accept.contains("*/*") && !accept.contains("text/*");
    }

    private static String slug(int status) {
        return switch (status) {
            case 400 -> "audit-witness-malformed";
            case 403 -> "audit-witness-untrusted-checkpoint";
            case 404 -> "audit-witness-unknown-log";
            default -> "audit-witness-inconsistent";
        };
    }

    private void requireThisService(String service) {
        if (!serviceName.equals(service)) {
            throw ProblemException.notFound("This is the " + serviceName + " service; it witnesses as itself only");
        }
    }
}
