package dev.kiroku.platform.audit;

import dev.kiroku.platform.audit.note.Checkpoint;
import dev.kiroku.platform.audit.witness.WitnessSubmitter;
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

    static final String TEXT = "text/plain; charset=utf-8";

    private final AuditChain chain;
    private final AuditCheckpoints checkpoints;
    private final AuditProofs proofs;
    private final AuditVerifier verifier;
    private final WitnessSubmitter witnesses;
    private final String serviceName;

    public AuditResource(AuditChain chain, AuditCheckpoints checkpoints, AuditProofs proofs, AuditVerifier verifier,
                         WitnessSubmitter witnesses,
                         @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.chain = chain;
        this.verifier = verifier;
        this.checkpoints = checkpoints;
        this.proofs = proofs;
        this.witnesses = witnesses;
        this.serviceName = serviceName;
    }

    /** A page of checkpoints. */
    @Schema(name = "AuditCheckpointPage")
    public record CheckpointPage(List<AuditCheckpoint> items,
                                 @Schema(example = "1342", nullable = true, description = "Cursor of the next page; null on the last")
                                 String next) {
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
        return verifier.verify();
    }

    @GET
    @Path("/checkpoint")
    @Produces(TEXT)
    @NoCache
    @RolesAllowed({KirokuRoles.AUDITOR, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "The latest signed checkpoint of the audit log",
            description = "A C2SP tlog-checkpoint (origin, tree size, base64 root hash) in a C2SP signed note, signed "
                    + "with Ed25519 by the log's key (see `/verifier-key`), followed by the cosignatures its witnesses "
                    + "returned for it (C2SP tlog-cosignature, one signature line per witness, each verified under "
                    + "the witness's configured key; see `/witness/verifier-key` of each witness). A new checkpoint "
                    + "follows a commit within `kiroku.audit.checkpoint-interval` (200 ms) plus one signing; its "
                    + "cosignatures within `kiroku.audit.witness.submit-interval` (1 s) more.")
    @APIResponse(responseCode = "200", description = "The signed note",
            content = @Content(mediaType = TEXT, schema = @Schema(implementation = String.class),
                    examples = @ExampleObject(name = "checkpoint", value = AuditExamples.CHECKPOINT)))
    @APIResponse(responseCode = "404", description = "Another service's log, or no checkpoint signed yet",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public String checkpoint(
            @Parameter(description = "This service's name", example = "joint-use") @PathParam("service") String service) {
        requireThisService(service);
        return checkpoints.latest().map(latest -> latest.note() + witnesses.cosignatures(
                        Checkpoint.parse(latest.note().substring(0, latest.note().lastIndexOf("\n\n") + 1))))
                .orElseThrow(() -> ProblemException.notFound("No checkpoint of this log has been signed yet"));
    }

    @GET
    @Path("/checkpoints")
    @NoCache
    @RolesAllowed({KirokuRoles.AUDITOR, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "The history of signed checkpoints, by tree size",
            description = "Every checkpoint kept, smallest tree first, keyset-paginated: pass the previous page's "
                    + "`next` as `after`. Consecutive checkpoints are linked by consistency proofs.")
    @APIResponse(responseCode = "200", description = "A page of checkpoints",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CheckpointPage.class),
                    examples = @ExampleObject(name = "page", value = AuditExamples.CHECKPOINTS)))
    @APIResponse(responseCode = "400", description = "A query parameter is out of range",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    @APIResponse(responseCode = "404", description = "Another service's log (ask that service)",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response checkpointHistory(
            @Parameter(description = "This service's name", example = "joint-use") @PathParam("service") String service,
            @Parameter(description = "Cursor: the `next` of the previous page (a tree size)")
            @QueryParam("after") @DefaultValue("-1") @Min(-1) long after,
            @Parameter(description = "Page size, at most 500") @QueryParam("limit") @DefaultValue("50") @Min(1)
            @Max(MAX_LIMIT) int limit,
            @Context UriInfo uri) {
        requireThisService(service);
        List<AuditCheckpoint> items = checkpoints.history(after, limit);
        String next = KeysetPages.next(items, limit, last -> last.treeSize());
        return KeysetPages.ok(new CheckpointPage(items, next), next, uri, "after");
    }

    @GET
    @Path("/verifier-key")
    @Produces(TEXT)
    @RolesAllowed({KirokuRoles.AUDITOR, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "The signed-note verifier key of the audit log",
            description = "`<name>+<key id hex>+<base64 of 0x01 ‖ Ed25519 public key>` (C2SP signed-note), the name "
                    + "being the log's origin. Any signed-note implementation checks the checkpoints with it.")
    @APIResponse(responseCode = "200", description = "The verifier key",
            content = @Content(mediaType = TEXT, schema = @Schema(implementation = String.class),
                    examples = @ExampleObject(name = "key", value = AuditExamples.VERIFIER_KEY)))
    @APIResponse(responseCode = "404", description = "Another service's log (ask that service)",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public String verifierKey(
            @Parameter(description = "This service's name", example = "joint-use") @PathParam("service") String service) {
        requireThisService(service);
        return checkpoints.verifierKey() + "\n";
    }

    @GET
    @Path("/proofs/inclusion")
    @NoCache
    @RolesAllowed({KirokuRoles.AUDITOR, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "Prove that an entry is in the log (RFC 9162 inclusion proof)",
            description = "The audit path of leaf `leafIndex` (an entry's `leafIndex`, its seq - 1) in the tree of "
                    + "`treeSize` leaves, by default the latest signed checkpoint's size, with that checkpoint. Verify "
                    + "with RFC 9162 §2.1.3.2 against the checkpoint's root.")
    @APIResponse(responseCode = "200", description = "The proof",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuditProofs.Inclusion.class),
                    examples = @ExampleObject(name = "proof", value = AuditExamples.INCLUSION)))
    @APIResponse(responseCode = "400", description = "A query parameter is missing or out of range",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    @APIResponse(responseCode = "404", description = "Another service's log (ask that service)",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The leaf is not in that tree, or the log has not reached that size",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AuditProofs.Inclusion inclusionProof(
            @Parameter(description = "This service's name", example = "joint-use") @PathParam("service") String service,
            @Parameter(description = "The entry's leaf index", required = true, example = "41")
            @QueryParam("leafIndex") @jakarta.validation.constraints.NotNull @Min(0) Long leafIndex,
            @Parameter(description = "The tree size; default the latest checkpoint's", example = "1342")
            @QueryParam("treeSize") @Min(1) Long treeSize) {
        requireThisService(service);
        return proofs.inclusion(leafIndex, treeSize);
    }

    @GET
    @Path("/proofs/consistency")
    @NoCache
    @RolesAllowed({KirokuRoles.AUDITOR, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "Prove that an older tree is a prefix of a newer one (RFC 9162 consistency proof)",
            description = "The consistency proof from `firstSize` to `secondSize` (default the latest signed "
                    + "checkpoint's size). Verify with RFC 9162 §2.1.4.2 against the two checkpoints' roots: a log "
                    + "rewritten between them cannot give one.")
    @APIResponse(responseCode = "200", description = "The proof",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuditProofs.Consistency.class),
                    examples = @ExampleObject(name = "proof", value = AuditExamples.CONSISTENCY)))
    @APIResponse(responseCode = "400", description = "A query parameter is missing or out of range",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    @APIResponse(responseCode = "404", description = "Another service's log (ask that service)",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The sizes are out of order or not reached",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AuditProofs.Consistency consistencyProof(
            @Parameter(description = "This service's name", example = "joint-use") @PathParam("service") String service,
            @Parameter(description = "The older tree size", required = true, example = "1300")
            @QueryParam("firstSize") @jakarta.validation.constraints.NotNull @Min(0) Long firstSize,
            @Parameter(description = "The newer tree size; default the latest checkpoint's", example = "1342")
            @QueryParam("secondSize") @Min(0) Long secondSize) {
        requireThisService(service);
        return proofs.consistency(firstSize, secondSize);
    }

    private void requireThisService(String service) {
        if (!serviceName.equals(service)) {
            throw ProblemException.notFound("This is the " + serviceName + " service; it keeps only its own audit chain");
        }
    }
}
