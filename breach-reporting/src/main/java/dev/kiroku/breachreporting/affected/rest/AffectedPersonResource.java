package dev.kiroku.breachreporting.affected.rest;

import dev.kiroku.breachreporting.affected.AffectedPerson;
import dev.kiroku.breachreporting.affected.AffectedPersonSource;
import dev.kiroku.breachreporting.affected.ImportJob;
import dev.kiroku.breachreporting.affected.rest.AffectedPersonViews.DerivationRequest;
import dev.kiroku.breachreporting.affected.rest.AffectedPersonViews.ImportView;
import dev.kiroku.breachreporting.affected.rest.AffectedPersonViews.PersonPage;
import dev.kiroku.breachreporting.affected.rest.AffectedPersonViews.PersonView;
import dev.kiroku.breachreporting.affected.service.AffectedPersonService;
import dev.kiroku.platform.web.Idempotency;
import dev.kiroku.platform.web.KeysetPages;
import dev.kiroku.platform.web.KirokuRoles;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemExamples;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.ProblemWriter;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An incident's affected persons (APPI Art. 26(2): the persons to notify; Rule 7(iv): how many): breach managers and
 * compliance officers import them from CSV files or derive them from provision-records and read them in full; auditors
 * see the counts and where each person came from, not who they are.
 */
@Path("/api/v1/incidents/{id}")
@Tag(name = "Affected persons", description = "The persons an incident affects: CSV imports, derivations from "
        + "provision-records, the count of APPI Rule 7(iv)")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "404", description = "No such incident or job",
        content = @Content(mediaType = ProblemWriter.MEDIA_TYPE,
                schema = @Schema(implementation = Problem.class)))
public class AffectedPersonResource {

    static final String CSV = "text/csv";

    private final AffectedPersonService service;
    private final SecurityIdentity identity;

    public AffectedPersonResource(AffectedPersonService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Path("/affected-person-imports")
    @Consumes(CSV)
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "Import affected persons from a CSV file",
            description = "A CSV file (RFC 4180) in UTF-8 (with or without a byte-order mark: Excel's \"CSV UTF-8\") "
                    + "or Shift_JIS (windows-31j: what Excel in Japan saves as \"CSV\"), as declared by "
                    + "`Content-Type: text/csv; charset=Shift_JIS` or, without a charset, recognised from the bytes "
                    + "(UTF-8 when they are valid UTF-8, else Shift_JIS); a file in neither is refused (422) with how "
                    + "to save it as \"CSV UTF-8\" from Excel. Its header row names its "
                    + "columns in any order: `scheme` and `identifier` (required; the person's identifier scheme, "
                    + "lower-case as in provision-records, and the identifier, at most 200 characters), `name` "
                    + "(at most 200), `email` and `language` (`ja` or `en`, default `ja`: the language of the Rule 10 "
                    + "notice). The file is received whole, its header and CSV syntax checked at once (a problem there "
                    + "refuses the file with 422, nothing imported), then processed in chunks by a worker: follow "
                    + "the job at `Location`. Each row is checked on its own; a rejected row is reported by row "
                    + "number, column and rule, never its value. A person is one scheme and identifier (NFKC, "
                    + "trimmed): a person named twice in the file or already on the incident is counted once, and a "
                    + "later row may add the name or e-mail address an earlier source lacked. When the job completes, "
                    + "the incident's Rule 7(iv) count becomes the larger of its assessed count and the persons on "
                    + "record, re-assessing it when that is larger. With `Idempotency-Key`, the same file again "
                    + "answers the first job; another file with the same key is a 422.")
    @RequestBody(content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "three persons", value = AffectedPersonExamples.CSV)))
    @APIResponse(responseCode = "202", description = "Accepted: the job runs; Location names it",
            headers = {@Header(name = "Location", description = "The job"),
                    @Header(name = Idempotency.REPLAYED_HEADER, description = "true on a retry")},
            content = @Content(schema = @Schema(implementation = ImportView.class),
                    examples = @ExampleObject(name = "running", value = AffectedPersonExamples.IMPORT_RUNNING)))
    @APIResponse(responseCode = "400", description = "The Idempotency-Key header is malformed",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    @APIResponse(responseCode = "413", description = "The file is larger than the service accepts",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not text/csv",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The header is unusable (an unknown, repeated or missing "
            + "column), the file is neither UTF-8 nor Shift_JIS CSV (the problem says how to save \"CSV UTF-8\" "
            + "from Excel), or the Idempotency-Key started another job",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad header", value = AffectedPersonExamples.HEADER_REFUSED)))
    public Response importCsv(@PathParam("id") UUID id, @NotNull InputStream file,
            @Parameter(description = "Makes retries safe (IETF httpapi Idempotency-Key)", example = "import-2026-11-22-1")
            @HeaderParam(Idempotency.HEADER) @Size(min = 1, max = 200) String idempotencyKey,
            @Context UriInfo uri, @Context HttpHeaders headers) {
        MediaType type = headers.getMediaType();
        String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        AffectedPersonService.Started started = service.importCsv(id, file, charset, idempotencyKey,
                Idempotency.clientOf(identity.getPrincipal()), actor());
        return accepted(started, uri, "affected-person-imports");
    }

    @GET
    @Path("/affected-person-imports/{jobId}")
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "Follow a CSV import",
            description = "Its progress (rows processed of the file's rows, moving per committed chunk), its counts "
                    + "(added, completed, duplicates, rejected), the first rejected rows (row, column, rule; never the "
                    + "value), and when it completed what it did to the incident's Rule 7 assessment.")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(schema = @Schema(implementation = ImportView.class),
                    examples = @ExampleObject(name = "running", value = AffectedPersonExamples.IMPORT_RUNNING)))
    public ImportView importJob(@PathParam("id") UUID id, @PathParam("jobId") UUID jobId) {
        return view(service.job(id, jobId, AffectedPersonSource.CSV_IMPORT));
    }

    @POST
    @Path("/affected-person-derivations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "Derive affected persons from provision-records",
            description = "The persons whose data the business provided to (or received from) a counterparty: "
                    + "breach-reporting reads the distinct subjects of provision-records' current, non-purged "
                    + "records of the counterparty (corporate number and/or name — at least one), with any of the "
                    + "`items`, covering a day in `from`..`to`, page by page with its service account "
                    + "(`kiroku-breach-reporting`, client credentials). Persons land de-duplicated as for a CSV "
                    + "import, with source PROVISION_RECORDS and the job's id; the count feeds Rule 7(iv) when the "
                    + "job completes. provision-records unreachable or refusing → the job FAILED with the reason; the "
                    + "pages read before stay and a new derivation may be started (with a new Idempotency-Key).")
    @RequestBody(content = @Content(schema = @Schema(implementation = DerivationRequest.class),
            examples = @ExampleObject(name = "card data at a contractor", value = AffectedPersonExamples.DERIVATION)))
    @APIResponse(responseCode = "202", description = "Accepted: the job runs; Location names it",
            headers = {@Header(name = "Location", description = "The job"),
                    @Header(name = Idempotency.REPLAYED_HEADER, description = "true on a retry")},
            content = @Content(schema = @Schema(implementation = ImportView.class)))
    @APIResponse(responseCode = "400", description = "No counterparty, an empty period or a malformed field",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key started another job",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response derive(@PathParam("id") UUID id, @NotNull @Valid DerivationRequest request,
            @Parameter(description = "Makes retries safe (IETF httpapi Idempotency-Key)", example = "derive-2026-11-22-1")
            @HeaderParam(Idempotency.HEADER) @Size(min = 1, max = 200) String idempotencyKey,
            @Context UriInfo uri) {
        String number = blankToNull(request.counterparty().corporateNumber());
        String name = blankToNull(request.counterparty().name());
        if (number == null && name == null) {
            throw new ProblemException(400, ProblemType.VALIDATION, "Request is not valid",
                    "Persons are derived for a counterparty: give its corporate number, its name, or both")
                    .withViolation(Problem.Violation.of("counterparty", "body", "give corporateNumber or name"));
        }
        if (request.to().isBefore(request.from())) {
            throw new ProblemException(400, ProblemType.VALIDATION, "Request is not valid", "The period is empty")
                    .withViolation(Problem.Violation.of("to", "body", "must not be before from"));
        }
        AffectedPersonService.Started started = service.derive(id, new AffectedPersonService.Derivation(number, name,
                request.items(), request.from(), request.to()), idempotencyKey,
                Idempotency.clientOf(identity.getPrincipal()), actor());
        return accepted(started, uri, "affected-person-derivations");
    }

    @GET
    @Path("/affected-person-derivations/{jobId}")
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "Follow a derivation from provision-records",
            description = "Its filter, progress (subjects processed of provision-records' total), counts, the "
                    + "failure reason if provision-records could not answer, and when it completed what it did to the "
                    + "incident's Rule 7 assessment.")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(
            schema = @Schema(implementation = ImportView.class), examples = {
            @ExampleObject(name = "completed", value = AffectedPersonExamples.DERIVATION_COMPLETED),
            @ExampleObject(name = "failed", value = AffectedPersonExamples.DERIVATION_FAILED)}))
    public ImportView derivationJob(@PathParam("id") UUID id, @PathParam("jobId") UUID jobId) {
        return view(service.job(id, jobId, AffectedPersonSource.PROVISION_RECORDS));
    }

    @GET
    @Path("/affected-persons")
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "The incident's affected persons",
            description = "Keyset-paginated in the order they were named; `total` is the count of APPI Rule 7(iv) "
                    + "(persons, not records) and `bySource` splits it by the source that first named each person. "
                    + "Breach managers and compliance officers see identifier, name, e-mail address and notice "
                    + "language (they notify the persons, Art. 26(2), Rule 10); auditors see each person's source, "
                    + "job and time only.")
    @APIResponse(responseCode = "200", description = "A page of persons", content = @Content(
            schema = @Schema(implementation = PersonPage.class), examples = {
            @ExampleObject(name = "breach manager", value = AffectedPersonExamples.PERSONS),
            @ExampleObject(name = "auditor", value = AffectedPersonExamples.PERSONS_AUDITOR)}))
    @APIResponse(responseCode = "400", description = "A query parameter is invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    public Response persons(@PathParam("id") UUID id,
            @Parameter(description = "Cursor: the `next` of the previous page") @QueryParam("after") UUID after,
            @Parameter(description = "Page size, at most 500") @QueryParam("limit") @DefaultValue("50") @Min(1)
            @Max(500) int limit,
            @Context UriInfo uri) {
        AffectedPersonService.PersonPage page = service.persons(id, after, limit);
        boolean full = identity.hasRole(KirokuRoles.BREACH_MANAGER) || identity.hasRole(KirokuRoles.COMPLIANCE_OFFICER);
        List<PersonView> items = page.persons().stream()
                .map(p -> full ? PersonView.full(p, service.sealer()) : PersonView.redacted(p)).toList();
        String next = KeysetPages.next(page.persons(), limit, AffectedPerson::id);
        Map<String, Long> bySource = new LinkedHashMap<>();
        page.bySource().forEach((source, n) -> bySource.put(source.name(), n));
        return KeysetPages.ok(new PersonPage(items, next, page.total(), bySource), next, uri, "after");
    }

    private Response accepted(AffectedPersonService.Started started, UriInfo uri, String collection) {
        ImportJob job = started.job();
        URI location = uri.getBaseUriBuilder().path("api/v1/incidents").path(job.incidentId().toString())
                .path(collection).path(job.id().toString()).build();
        Response.ResponseBuilder response = Response.accepted(view(job)).location(location);
        if (started.replayed()) {
            response.header(Idempotency.REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    private ImportView view(ImportJob job) {
        return ImportView.of(job, service.rejections(job.id()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
