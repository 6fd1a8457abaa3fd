package dev.kiroku.breachreporting.report.rest;

import dev.kiroku.breachreporting.config.BreachReportingConfig;
import dev.kiroku.breachreporting.report.IncidentReport;
import dev.kiroku.breachreporting.report.service.ReportService;
import dev.kiroku.breachreporting.report.rest.ReportApi.DraftRequest;
import dev.kiroku.breachreporting.report.rest.ReportApi.ReportResponse;
import dev.kiroku.breachreporting.report.rest.ReportApi.Revision;
import dev.kiroku.breachreporting.report.rest.ReportApi.SubmissionRequest;
import dev.kiroku.platform.web.Idempotency;
import dev.kiroku.platform.web.KirokuRoles;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemExamples;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.ProblemWriter;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Variant;
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

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * An incident's reports to the PPC (APPI Rule 8): breach managers and compliance officers draft, revise and submit
 * them; auditors read. Submitting a report is the incident's filing.
 */
@Path("/api/v1/incidents/{id}/reports")
@Tag(name = "Incident reports", description = "Reports to the PPC under APPI Rule 8: 速報, 確報, 追完")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "404", description = "No such incident or report",
        content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                examples = @ExampleObject(name = "not found", value = ReportExamples.NOT_FOUND)))
public class ReportResource {

    static final String PDF = "application/pdf";

    private final ReportService service;
    private final SecurityIdentity identity;
    private final BreachReportingConfig config;

    public ReportResource(ReportService service, SecurityIdentity identity, BreachReportingConfig config) {
        this.service = service;
        this.identity = identity;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "Draft a report",
            description = "A new version of the incident's report to the PPC: PRELIMINARY (速報, Rule 8(1): promptly, "
                    + "the items known then), FINAL (確報, Rule 8(2): all nine items within 30 days, 60 for Rule 7(iii)) "
                    + "or SUPPLEMENT (追完, items unknown at the final report). The nine items of Rule 8(1) are "
                    + "structured fields, each with the moment it was known (`knownAsOf`). Drafts are allowed once "
                    + "reporting has started, one at a time; a preliminary and a final report are each filed once. "
                    + "With `Idempotency-Key`, a retry answers the first draft again.")
    @RequestBody(content = @Content(schema = @Schema(implementation = DraftRequest.class),
            examples = @ExampleObject(name = "速報 of a web-skimming incident", value = ReportExamples.DRAFT)))
    @APIResponse(responseCode = "201", description = "The draft; Location names it",
            content = @Content(schema = @Schema(implementation = ReportResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    @APIResponse(responseCode = "409", description = "Reporting has not started, a draft is already open, or a report "
            + "of this kind was already filed",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "An item is inconsistent (known in the future, secondary damage "
            + "without its content, published without a time) or the Idempotency-Key was reused",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response draft(@PathParam("id") UUID id, @NotNull @Valid DraftRequest request,
            @Parameter(description = "Makes retries safe (IETF httpapi Idempotency-Key)")
            @HeaderParam(Idempotency.HEADER) @Size(min = 1, max = 200) String idempotencyKey,
            @Context UriInfo uri) {
        ReportService.Created created = service.draft(id, request.kind(), request.items(),
                idempotencyKey, Idempotency.clientOf(identity.getPrincipal()), actor());
        IncidentReport report = created.report();
        Response.ResponseBuilder response = Response.created(location(uri, id, report)).entity(view(report));
        if (created.replayed()) {
            response.header(Idempotency.REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    @GET
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "The incident's reports", description = "Every version, drafts and submitted, in order.")
    @APIResponse(responseCode = "200", description = "The reports",
            content = @Content(schema = @Schema(implementation = ReportResponse.class, type = SchemaType.ARRAY)))
    public List<ReportResponse> list(@PathParam("id") UUID id) {
        var incident = service.incident(id);
        return service.list(id).stream().map(r -> ReportResponse.of(r, incident)).toList();
    }

    @GET
    @Path("/{reportId}")
    @Produces({MediaType.APPLICATION_JSON, PDF})
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "Read a report as JSON or as a PDF laid out like the PPC form",
            description = "By `Accept` (application/json, application/pdf) or `format`. The JSON carries the Rule 8(1) "
                    + "items still missing, its submission record and the frozen filing it made. The PDF (A4, "
                    + "Japanese, font embedded) is laid out like the PPC's 別記様式第一: the kind marked among 速報 / "
                    + "確報 / 追完, the report date and the business that reports (`KIROKU_BREACH_REPORTING_BUSINESS_*`), "
                    + "the awareness date (発覚日), the nine items of Rule 8(1) numbered (1)–(9), each with the day it "
                    + "was known (Asia/Tokyo) or 未判明（追って報告）, and the submission record with its receipt "
                    + "number (受付番号); a draft is marked 下書き (DRAFT) on every page.")
    @APIResponse(responseCode = "200", description = "The report",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReportResponse.class),
                    examples = @ExampleObject(name = "submitted 速報", value = ReportExamples.REPORT)),
                    @Content(mediaType = PDF, schema = @Schema(type = SchemaType.STRING, format = "binary"),
                            examples = @ExampleObject(name = "PDF", summary = "A PDF document (binary), served "
                                    + "inline as report-<id>.pdf", value = "%PDF-1.5 …"))},
            headers = @Header(name = "Content-Disposition", description = "For the PDF: inline, with its file name",
                    schema = @Schema(type = SchemaType.STRING, example = ReportExamples.PDF_DISPOSITION)))
    @APIResponse(responseCode = "400", description = "Unknown format",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ReportExamples.UNKNOWN_FORMAT)))
    @APIResponse(responseCode = "406", description = "None of the accepted types can be produced",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not acceptable", value = ReportExamples.NOT_ACCEPTABLE)))
    public Response get(@PathParam("id") UUID id, @PathParam("reportId") UUID reportId,
            @Parameter(description = "json or pdf (overrides Accept)") @QueryParam("format")
            @Pattern(regexp = "json|pdf", message = "must be json or pdf") String format,
            @Context Request request) {
        MediaType type = format != null
                ? ("pdf".equals(format) ? MediaType.valueOf(PDF) : MediaType.APPLICATION_JSON_TYPE)
                : negotiated(request);
        IncidentReport report = service.find(id, reportId);
        if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return Response.ok(view(report), MediaType.APPLICATION_JSON_TYPE).build();
        }
        byte[] pdf = ReportPdf.render(ReportSheet.of(report, service.incident(id), config.business()));
        return Response.ok(pdf, PDF)
                .header("Content-Disposition", "inline; filename=\"" + fileName(report) + "\"").build();
    }

    @PUT
    @Path("/{reportId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "Revise a draft report",
            description = "Replaces the draft's items. A submitted report is evidence and never changes: what was "
                    + "learned later goes in the final report or a supplement (追完).")
    @RequestBody(content = @Content(schema = @Schema(implementation = Revision.class),
            examples = @ExampleObject(name = "items", value = ReportExamples.REVISION)))
    @APIResponse(responseCode = "200", description = "The revised draft",
            content = @Content(schema = @Schema(implementation = ReportResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The report was already submitted",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "submitted", value = ReportExamples.SUBMITTED)))
    @APIResponse(responseCode = "422", description = "An item is inconsistent",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReportResponse revise(@PathParam("id") UUID id, @PathParam("reportId") UUID reportId,
            @NotNull @Valid Revision revision) {
        return view(service.revise(id, reportId, revision.items(), actor()));
    }

    @POST
    @Path("/{reportId}/submissions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "Submit a report (the filing)",
            description = "Records that the report was filed with the PPC's online system (APPI Rule 8(3)) or, where "
                    + "the PPC delegated its power, with the competent ministry (Act Art. 150): when, the receipt "
                    + "number, and the business that reports. This is the incident's filing: it takes "
                    + "submit-preliminary, submit-final or supplement at the submission time and freezes the "
                    + "filing's lateness. A preliminary report states at least the overview; a final report all nine "
                    + "items of Rule 8(1). The report is frozen from then on.")
    @RequestBody(content = @Content(schema = @Schema(implementation = SubmissionRequest.class), examples = {
            @ExampleObject(name = "PPC web form", value = ReportExamples.SUBMISSION),
            @ExampleObject(name = "delegated ministry", value = ReportExamples.DELEGATED)}))
    @APIResponse(responseCode = "201", description = "The submitted report; Location names it",
            content = @Content(schema = @Schema(implementation = ReportResponse.class),
                    examples = @ExampleObject(name = "submitted 速報", value = ReportExamples.REPORT)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already submitted, or the incident's state does not allow this "
            + "filing (e.g. a final report before the final report is due)",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "submitted", value = ReportExamples.SUBMITTED)))
    @APIResponse(responseCode = "422", description = "The report is incomplete for its kind, the ministry or receipt "
            + "number is missing, or the submission time is in the future or before awareness",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "incomplete 確報", value = ReportExamples.INCOMPLETE)))
    public Response submit(@PathParam("id") UUID id, @PathParam("reportId") UUID reportId,
            @NotNull @Valid SubmissionRequest request, @Context UriInfo uri) {
        IncidentReport report = service.submit(id, reportId, request.submission(), actor());
        return Response.created(location(uri, id, report)).entity(view(report)).build();
    }

    /** The PDF's file name: the report's sequence, kind and id (no personal data). */
    static String fileName(IncidentReport report) {
        return "report-" + report.seq() + "-" + report.kind().name().toLowerCase() + "-" + report.id() + ".pdf";
    }

    private static MediaType negotiated(Request request) {
        Variant variant = request.selectVariant(Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE,
                MediaType.valueOf(PDF)).build());
        if (variant == null) {
            throw new ProblemException(406, ProblemType.NOT_ACCEPTABLE, "Not acceptable",
                    "A report is available as application/json or application/pdf");
        }
        return variant.getMediaType();
    }

    private ReportResponse view(IncidentReport report) {
        return ReportResponse.of(report, service.incident(report.incidentId()));
    }

    private static URI location(UriInfo uri, UUID id, IncidentReport report) {
        return uri.getBaseUriBuilder().path("api/v1/incidents").path(id.toString()).path("reports")
                .path(report.id().toString()).build();
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
