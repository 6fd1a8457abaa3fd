package dev.kiroku.provisionrecords.provision.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.web.Idempotency;
import dev.kiroku.platform.web.KeysetPages;
import dev.kiroku.platform.web.KirokuRoles;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemExamples;
import dev.kiroku.platform.web.ProblemWriter;
import dev.kiroku.platform.web.RenderedRows;
import dev.kiroku.platform.web.RequestIds;
import dev.kiroku.provisionrecords.common.rest.Callers;
import dev.kiroku.provisionrecords.common.rest.Examples;
import dev.kiroku.provisionrecords.common.rest.QueryChecks;
import dev.kiroku.provisionrecords.provision.DataItem;
import dev.kiroku.provisionrecords.provision.Direction;
import dev.kiroku.provisionrecords.provision.EventOutcome;
import dev.kiroku.provisionrecords.provision.LegalBasis;
import dev.kiroku.provisionrecords.provision.ProvisionEvent;
import dev.kiroku.provisionrecords.provision.ProvisionRecord;
import dev.kiroku.provisionrecords.provision.SearchCriteria;
import dev.kiroku.provisionrecords.provision.rest.RecordViews.BatchItem;
import dev.kiroku.provisionrecords.provision.rest.RecordViews.BatchResult;
import dev.kiroku.provisionrecords.provision.rest.RecordViews.History;
import dev.kiroku.provisionrecords.provision.rest.RecordViews.ItemStatus;
import dev.kiroku.provisionrecords.provision.rest.RecordViews.Page;
import dev.kiroku.provisionrecords.provision.rest.RecordViews.RecordView;
import dev.kiroku.provisionrecords.provision.service.ProvisionService.Created;
import dev.kiroku.provisionrecords.provision.service.ProvisionService;
import dev.kiroku.provisionrecords.provision.service.RecordVerificationService;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Provision and confirmation records: internal systems record events (role ingest, create only); compliance officers
 * search and correct; auditors read.
 */
@Path("/api/v1/provisions")
@Tag(name = "Provision records", description = "Records of personal data provided to (APPI Art. 29) and received "
        + "from (Art. 30) third parties")
@Produces(MediaType.APPLICATION_JSON)
public class ProvisionResource {

    static final int MAX_LIMIT = 500;

    private final ProvisionService service;
    private final RecordVerificationService verification;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public ProvisionResource(ProvisionService service, RecordVerificationService verification,
            SecurityIdentity identity, ObjectMapper json) {
        this.service = service;
        this.verification = verification;
        this.identity = identity;
        this.json = json;
    }

    /** A correction: why, and the record as it should read. */
    @Schema(name = "ProvisionCorrection")
    public record CorrectionRequest(
            @NotBlank @Size(max = 2000) @Schema(description = "Why the record is corrected (kept with the version)",
                    example = "提供先の住所の誤記を訂正") String reason,
            @NotNull @Valid ProvisionEvent record) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({KirokuRoles.INGEST, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "Record one provision or receipt",
            description = "Checks the event against the APPI record duty (Art. 29 / 30, Rules 19–25) and an opt-out "
                    + "stop of the subject (Art. 27(2)), then stores it with its retention and appends it to the audit "
                    + "chain. Idempotent by the `Idempotency-Key` header or the body's `clientEventId`: a retry answers "
                    + "the first record again (`Idempotent-Replayed: true`); the same key with a different body is a "
                    + "422. Provisions under a basis that needs no record (Art. 27(1) exceptions, 27(5), public "
                    + "bodies) are kept as voluntary evidence, marked `statutory: false`.")
    @RequestBody(content = @Content(schema = @Schema(implementation = ProvisionEvent.class),
            examples = {@ExampleObject(name = "opt-out provision (policy 001 Art. 12)", value = Examples.EVENT),
                    @ExampleObject(name = "consent-based receipt", value = Examples.RECEIVED_EVENT)}))
    @APIResponse(responseCode = "201", description = "Recorded (or the first record of a retried request); Location "
            + "names it", headers = @Header(name = Idempotency.REPLAYED_HEADER, description = "true on a retry"),
            content = @Content(schema = @Schema(implementation = RecordView.class),
                    examples = @ExampleObject(name = "record", value = Examples.RECORD)))
    @APIResponse(responseCode = "400", description = "A field is missing or malformed",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    @APIResponse(responseCode = "409", description = "An opt-out provision after the subject's stop request",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "stopped", value = Examples.STOPPED)))
    @APIResponse(responseCode = "422", description = "The law's record duty is not met (each missing item and "
            + "rule listed), or the idempotency key was used with a different body",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "refused", value = Examples.REFUSED),
                            @ExampleObject(name = "key reused", value = Examples.KEY_REUSED)}))
    public Response create(@NotNull @Valid ProvisionEvent event,
            @Parameter(in = ParameterIn.HEADER, description = "Makes retries safe; scoped to the calling client",
                    example = "crm-20261120-000123") @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @Context UriInfo uri) {
        Created created = service.create(event, idempotencyKey, Callers.of(identity));
        return created(created, uri.getBaseUriBuilder().path("api/v1/provisions").path(created.record().id().toString())
                .build());
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({KirokuRoles.INGEST, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "Record a batch of provisions or receipts",
            description = "Up to 5,000 events (configurable). Each event is checked on its own and answered in "
                    + "order: CREATED, DUPLICATE (its `clientEventId` was recorded before with the same content; the "
                    + "first record's id) or REJECTED (with its problem). Accepted events are written together in one "
                    + "transaction: an event is never half-written, and a failed batch writes nothing and may be "
                    + "retried as it is. Every event needs its `clientEventId`. Each event is read and validated on its "
                    + "own: an unknown enum value, a malformed date or a value of the wrong type is that event's "
                    + "REJECTED problem naming the field; only a body that is not a batch is a 400.")
    @RequestBody(content = @Content(schema = @Schema(implementation = BatchRequestBody.class),
            examples = @ExampleObject(name = "two events", value = Examples.BATCH)))
    @APIResponse(responseCode = "200", description = "One outcome per event",
            content = @Content(schema = @Schema(implementation = BatchResult.class),
                    examples = @ExampleObject(name = "mixed", value = Examples.BATCH_RESULT)))
    @APIResponse(responseCode = "400", description = "The body is not a batch",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    @APIResponse(responseCode = "413", description = "More events than a batch may carry",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BatchResult batch(@NotNull @Valid BatchEnvelope body, @Context UriInfo uri,
            @Context HttpServerRequest request) {
        List<EventOutcome> outcomes = service.batch(BatchEventReader.read(json, body.events()), Callers.of(identity));
        String requestId = RequestIds.of(request);
        List<BatchItem> items = new ArrayList<>(outcomes.size());
        int created = 0;
        int duplicates = 0;
        int rejected = 0;
        for (EventOutcome o : outcomes) {
            ItemStatus status;
            UUID id = null;
            Problem problem = null;
            if (o instanceof EventOutcome.Accepted accepted) {
                status = ItemStatus.CREATED;
                created++;
                id = accepted.record().id();
            } else if (o instanceof EventOutcome.Duplicate duplicate) {
                status = ItemStatus.DUPLICATE;
                duplicates++;
                id = duplicate.record().id();
            } else {
                status = ItemStatus.REJECTED;
                rejected++;
                problem = ProvisionProblems.of(((EventOutcome.Rejected) o).refusal())
                        .toProblem(request.path() + "#/events/" + o.index(), requestId);
            }
            items.add(new BatchItem(o.index(), o.clientEventId(), status, id,
                    id == null ? null : "/api/v1/provisions/" + id, problem));
        }
        return new BatchResult(created, duplicates, rejected, items);
    }

    /** The batch body as documented: a list of provision events (each answered on its own). */
    @Schema(name = "ProvisionBatch")
    public record BatchRequestBody(@NotNull @Size(min = 1) List<ProvisionEvent> events) {
    }

    /**
     * The batch body as bound: only the envelope is read here, each event stays a JSON tree until it is read and
     * validated on its own, so one unreadable event is that event's REJECTED outcome, never the whole batch's 400.
     */
    public record BatchEnvelope(@NotNull @Size(min = 1, message = "must carry at least one event")
                                List<JsonNode> events) {
    }

    @GET
    @RolesAllowed({KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR, KirokuRoles.BREACH_REPORTING_SERVICE})
    @Operation(summary = "Search records",
            description = "Current versions only (a corrected version is found through its history). Filters combine; "
                    + "a subject is matched exactly through its blind index; a counterparty by its name (NFKC, case "
                    + "and spaces ignored); dates by overlap with the record's day or period. Keyset-paginated in "
                    + "recording order; `total` counts every match.")
    @APIResponse(responseCode = "200", description = "A page of records",
            content = @Content(schema = @Schema(implementation = Page.class)))
    @APIResponse(responseCode = "400", description = "A query parameter is invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    public Response search(
            @Parameter(description = "PROVIDED or RECEIVED") @QueryParam("direction") Direction direction,
            @Parameter(description = "Legal basis") @QueryParam("basis") LegalBasis basis,
            @Parameter(description = "Counterparty name", example = "株式会社サンプル商事")
            @QueryParam("counterparty") String counterparty,
            @Parameter(description = "Subject identifier scheme (with subjectIdentifier)", example = "customer-number")
            @QueryParam("subjectScheme") String subjectScheme,
            @Parameter(description = "Subject identifier", example = "C-0012345")
            @QueryParam("subjectIdentifier") String subjectIdentifier,
            @Parameter(description = "Records covering a day on or after", example = "2026-01-01")
            @QueryParam("from") LocalDate from,
            @Parameter(description = "Records covering a day on or before", example = "2026-12-31")
            @QueryParam("to") LocalDate to,
            @Parameter(description = "Records with this data item") @QueryParam("item") DataItem item,
            @Parameter(description = "Include purged tombstones") @QueryParam("includePurged")
            @DefaultValue("false") boolean includePurged,
            @Parameter(description = "Cursor: the `next` of the previous page") @QueryParam("after") UUID after,
            @Parameter(description = "Page size, at most 500") @QueryParam("limit") @DefaultValue("50") @Min(1)
            @Max(MAX_LIMIT) int limit,
            @Context UriInfo uri) {
        SearchCriteria criteria = criteria(direction, basis, counterparty, subjectScheme, subjectIdentifier, from, to,
                item, includePurged);
        List<ProvisionRecord> records = service.search(criteria, after, limit);
        RenderedRows.Rendered<RecordView> page = RenderedRows.render("provision record", records, ProvisionRecord::id,
                RecordView::of);
        String next = KeysetPages.next(records, limit, ProvisionRecord::id);
        return KeysetPages.ok(new Page(page.items(), next, service.count(criteria), page.unrendered()), next, uri,
                "after");
    }

    private static SearchCriteria criteria(Direction direction, LegalBasis basis, String counterparty,
            String subjectScheme, String subjectIdentifier, LocalDate from, LocalDate to, DataItem item,
            boolean includePurged) {
        QueryChecks.subjectPair(subjectScheme, subjectIdentifier);
        QueryChecks.range(from, to);
        return new SearchCriteria(direction, basis, QueryChecks.blankToNull(counterparty), subjectScheme,
                subjectIdentifier, from, to, item, includePurged);
    }

    @GET
    @Path("/verification")
    @RolesAllowed({KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "Verify every record against the audit chain",
            description = "Recomputes each record version's content hash from its row and compares it with the stored "
                    + "hash and with the hash the audit chain recorded when it was written, checks each subject (until "
                    + "purged) against its commitment, and the number of rows against the versions the chain lists. "
                    + "Then the erasures: a record whose personal data is gone must be named by a purge leaf of the "
                    + "chain (`provision.purged`), purged after the retention it was kept under (Rules 21 / 25), "
                    + "completely (no salt, ciphertext, blind index or request fingerprint left) and as that leaf says. "
                    + "Names the first record that does not hold and its chain entry (for an erasure, the purge leaf "
                    + "naming it, else the entry that recorded it). Complements "
                    + "`/api/v1/audit/provision-records/verification`, which recomputes the chain itself: together they "
                    + "are the evidence that records were not altered or back-dated (APPI Art. 146 inspections).")
    @APIResponse(responseCode = "200", description = "The outcome (intact, or the first broken record)",
            content = @Content(schema = @Schema(implementation = RecordVerificationService.Result.class),
                    examples = @ExampleObject(name = "broken", value = Examples.VERIFICATION_BROKEN)))
    public RecordVerificationService.Result verify() {
        return verification.verify();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "Read one version of a record", description = "Any version, current or corrected: a "
            + "correction never changes the version it corrects.")
    @APIResponse(responseCode = "200", description = "The version",
            content = @Content(schema = @Schema(implementation = RecordView.class),
                    examples = @ExampleObject(name = "record", value = Examples.RECORD)))
    @APIResponse(responseCode = "404", description = "No such record",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not found", value = Examples.NOT_FOUND)))
    public RecordView get(@PathParam("id") UUID id) {
        return RecordView.of(service.find(id));
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "Every version of a record", description = "Oldest first, each correction with who, when "
            + "and why; `currentId` is the version in force.")
    @APIResponse(responseCode = "200", description = "The versions",
            content = @Content(schema = @Schema(implementation = History.class)))
    @APIResponse(responseCode = "404", description = "No such record",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not found", value = Examples.NOT_FOUND)))
    public History history(@PathParam("id") UUID id) {
        List<ProvisionRecord> versions = service.history(id);
        ProvisionRecord last = versions.get(versions.size() - 1);
        return new History(last.lineageId(), last.id(), versions.stream().map(RecordView::of).toList());
    }

    @POST
    @Path("/{id}/corrections")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(KirokuRoles.COMPLIANCE_OFFICER)
    @Operation(summary = "Correct a record",
            description = "Append-only: stores the corrected record as a new version linked to the one it corrects, "
                    + "with who, when and why; the corrected version stays readable. Only the current version can be "
                    + "corrected. The new version is checked like a new record; its retention still counts from the "
                    + "original record's creation (Art. 29(2)).")
    @RequestBody(content = @Content(schema = @Schema(implementation = CorrectionRequest.class),
            examples = @ExampleObject(name = "address corrected", value = Examples.CORRECTION)))
    @APIResponse(responseCode = "201", description = "The new version; Location names it",
            content = @Content(schema = @Schema(implementation = RecordView.class),
                    examples = @ExampleObject(name = "record", value = Examples.RECORD)))
    @APIResponse(responseCode = "400", description = "A field is missing or malformed",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    @APIResponse(responseCode = "404", description = "No such record",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not found", value = Examples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "Not the current version, purged, or an opt-out stop applies",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "superseded", value = Examples.SUPERSEDED)))
    @APIResponse(responseCode = "422", description = "The corrected record does not meet the record duty",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "refused", value = Examples.REFUSED)))
    public Response correct(@PathParam("id") UUID id, @NotNull @Valid CorrectionRequest correction,
            @Parameter(in = ParameterIn.HEADER, description = "Makes retries safe")
            @HeaderParam(Idempotency.HEADER) String idempotencyKey, @Context UriInfo uri) {
        Created created = service.correct(id, new ProvisionService.Correction(correction.reason(), correction.record()),
                idempotencyKey, Callers.of(identity));
        return created(created, uri.getBaseUriBuilder().path("api/v1/provisions").path(created.record().id().toString())
                .build());
    }

    private static Response created(Created created, URI location) {
        Response.ResponseBuilder response = Response.created(location).entity(RecordView.of(created.record()));
        if (created.replayed()) {
            response.header(Idempotency.REPLAYED_HEADER, "true");
        }
        return response.build();
    }
}
