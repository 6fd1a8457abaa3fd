package dev.kiroku.provisionrecords.disclosure.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiroku.platform.web.CsvCells;
import dev.kiroku.platform.web.CsvCharsets;
import dev.kiroku.platform.web.Idempotency;
import dev.kiroku.platform.web.KeysetPages;
import dev.kiroku.platform.web.KirokuRoles;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemExamples;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.ProblemWriter;
import dev.kiroku.platform.web.input.SingleLineText;
import dev.kiroku.provisionrecords.common.rest.Callers;
import dev.kiroku.provisionrecords.common.rest.Examples;
import dev.kiroku.provisionrecords.common.rest.QueryChecks;
import dev.kiroku.provisionrecords.config.ProvisionRecordsConfig;
import dev.kiroku.provisionrecords.disclosure.DisclosureMethod;
import dev.kiroku.provisionrecords.disclosure.DisclosureOutcome;
import dev.kiroku.provisionrecords.disclosure.DisclosureRequest;
import dev.kiroku.provisionrecords.disclosure.RefusalGround;
import dev.kiroku.provisionrecords.disclosure.service.DisclosureService.Answered;
import dev.kiroku.provisionrecords.disclosure.service.DisclosureService;
import dev.kiroku.provisionrecords.optout.rest.OptOutStopResource.SubjectRef;
import dev.kiroku.provisionrecords.provision.Counterparty;
import dev.kiroku.provisionrecords.provision.DataItem;
import dev.kiroku.provisionrecords.provision.Direction;
import dev.kiroku.provisionrecords.provision.LegalBasis;
import dev.kiroku.provisionrecords.provision.Period;
import dev.kiroku.provisionrecords.provision.ProvisionRecord;
import dev.kiroku.provisionrecords.provision.ReceiptBundle;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Variant;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
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

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Subjects' disclosure requests for the provision records about them (APPI Art. 33(5)), answered and recorded. */
@Path("/api/v1/disclosure-requests")
@Tag(name = "Disclosure requests", description = "Disclosure of provision records to the data subject (APPI Art. 33(5))")
public class DisclosureRequestResource {

    static final String CSV = "text/csv";
    static final String PDF = "application/pdf";

    private final DisclosureService service;
    private final SecurityIdentity identity;
    private final ProvisionRecordsConfig config;

    public DisclosureRequestResource(DisclosureService service, SecurityIdentity identity,
            ProvisionRecordsConfig config) {
        this.service = service;
        this.identity = identity;
        this.config = config;
    }

    /** The request as received, and the business's refusal if it refuses. */
    @Schema(name = "DisclosureRequestBody")
    public record AskBody(@NotNull @Valid SubjectRef subject,
                          @Schema(description = "Records covering a day on or after (optional)") LocalDate from,
                          @Schema(description = "Records covering a day on or before (optional)") LocalDate to,
                          @NotNull DisclosureMethod method,
                          @Schema(description = "When the request reached the business; now when absent")
                          OffsetDateTime receivedAt,
                          @NotBlank @Size(max = 200) @SingleLineText String receivedVia,
                          boolean requestedByAgent,
                          @Schema(description = "Refuse in whole on this Art. 33(2) ground") RefusalGround refusalGround,
                          @Size(max = 2000) @Schema(description = "The reasons given to the requester (Art. 36)")
                          String refusalDetail) {
    }

    /** One disclosed record, machine-readable. */
    @Schema(name = "DisclosedRecord")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DisclosedRecord(UUID recordId, Direction direction, LocalDate providedOn, Period period,
                                  Counterparty counterparty, List<DataItem> dataItems, List<String> otherItems,
                                  LegalBasis legalBasis, String legalBasisText) {

        static DisclosedRecord of(ProvisionRecord r) {
            var e = r.event();
            return new DisclosedRecord(r.id(), e.direction(), e.providedOn(), e.period(), e.counterparty(),
                    e.dataItems(), e.otherItems(), e.legalBasis(), DisclosureLetter.basis(e.legalBasis(), true));
        }
    }

    /** A disclosure request and its answer. */
    @Schema(name = "DisclosureRequest")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DisclosureView(UUID id, SubjectRef subject, LocalDate from, LocalDate to, DisclosureMethod method,
                                 OffsetDateTime receivedAt, String receivedVia, boolean requestedByAgent,
                                 DisclosureOutcome outcome, RefusalGround refusalGround, String refusalArticle,
                                 String refusalDetail, OffsetDateTime answeredAt, String answeredBy,
                                 @Schema(example = "PT20M") String timeToAnswer, int recordCount,
                                 List<DisclosedRecord> records) {
    }

    /** A page of requests (without their records). */
    @Schema(name = "DisclosureRequestPage")
    public record RequestPage(List<DisclosureView> items, String next) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(KirokuRoles.COMPLIANCE_OFFICER)
    @Operation(summary = "Answer a subject's disclosure request",
            description = "Finds every statutory record about the subject (provided, Art. 29, and received, Art. 30) "
                    + "in the optional range; records withheld under Order Art. 11 are left out as if they did not "
                    + "exist, and voluntary (non-statutory) records are not part of the right. Records the request: "
                    + "who asked and how, when it was received, the method chosen, the outcome (disclosed, no records "
                    + "— to be notified under Art. 33(3) — or refused on an Art. 33(2) ground), and the time to answer. "
                    + "Read the answer as JSON, CSV or a printable PDF letter (Japanese or English) at its Location.")
    @RequestBody(content = @Content(schema = @Schema(implementation = AskBody.class),
            examples = @ExampleObject(name = "request by post", value = Examples.DISCLOSURE_REQUEST)))
    @APIResponse(responseCode = "201", description = "Answered and recorded; Location names it",
            headers = {@Header(name = Idempotency.REPLAYED_HEADER, description = "true on a retry"),
                    @Header(name = "Link", description = RECEIPTS_LINK_DESCRIPTION)},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DisclosureView.class),
                    examples = @ExampleObject(name = "disclosed", value = Examples.DISCLOSURE)))
    @APIResponse(responseCode = "400", description = "A field is missing or malformed",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    @APIResponse(responseCode = "422", description = "The idempotency key was used with a different body",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "key reused", value = Examples.KEY_REUSED)))
    public Response answer(@NotNull @Valid AskBody body,
            @Parameter(in = ParameterIn.HEADER, description = "Makes retries safe")
            @HeaderParam(Idempotency.HEADER) String idempotencyKey, @Context UriInfo uri) {
        if (body.refusalGround() == null && body.refusalDetail() != null) {
            throw new ProblemException(400, ProblemType.VALIDATION, "Request is not valid",
                    "A refusal detail needs a refusal ground")
                    .withViolation(Problem.Violation.of("refusalGround", "body", "must be given with refusalDetail"));
        }
        Answered answered = service.answer(new DisclosureService.Ask(body.subject().scheme(),
                body.subject().identifier(), body.from(), body.to(), body.method(),
                body.receivedAt() == null ? null : body.receivedAt().toInstant(), body.receivedVia(),
                body.requestedByAgent(), body.refusalGround(), body.refusalDetail()), idempotencyKey,
                Callers.of(identity));
        Response.ResponseBuilder response = Response.created(uri.getBaseUriBuilder().path("api/v1/disclosure-requests")
                .path(answered.request().id().toString()).build()).entity(view(answered, true))
                .header("Link", receiptsLink(answered.request().id()));
        if (answered.replayed()) {
            response.header(Idempotency.REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    @GET
    @Path("/{id}")
    @Produces({MediaType.APPLICATION_JSON, CSV, PDF})
    @RolesAllowed({KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "Read a disclosure answer as JSON, CSV or a PDF letter",
            description = "By `Accept` (application/json, text/csv, application/pdf) or `format`. The CSV and the PDF "
                    + "letter (date, recipient or provider, items, basis) are in Japanese or English (`lang`). The "
                    + "records are those disclosed when the request was answered.")
    @APIResponse(responseCode = "200", description = "The answer",
            headers = @Header(name = "Link", description = RECEIPTS_LINK_DESCRIPTION),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DisclosureView.class),
                    examples = @ExampleObject(name = "disclosed", value = Examples.DISCLOSURE)),
                    @Content(mediaType = CSV, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations
                            .enums.SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", value = "記録ID,区分,年月日,提供先・提供元,個人データの項目,根拠\r\n"
                                    + "019a8f2e-7c41-7d3a-9b1e-2f4c6a8e0b12,当社から第三者への提供,2026年11月20日,"
                                    + "株式会社サンプル商事,氏名、住所、電話番号,オプトアウトによる第三者提供（法第27条第2項）\r\n")),
                    @Content(mediaType = PDF, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations
                            .enums.SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "400", description = "Unknown format or language",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such request",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "406", description = "None of the accepted types can be produced, or a Shift_JIS CSV "
            + "was asked for and the answer holds a character Shift_JIS cannot encode (ask for UTF-8)",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id,
            @Parameter(description = "json, csv or pdf (overrides Accept)") @QueryParam("format")
            @Pattern(regexp = "json|csv|pdf", message = "must be json, csv or pdf") String format,
            @Parameter(description = "Language of the CSV and the letter") @QueryParam("lang") @DefaultValue("ja")
            @Pattern(regexp = "ja|en", message = "must be ja or en") String lang,
            @Parameter(description = "Character set of the CSV: UTF-8 (the default, with a byte-order mark so that "
                    + "Excel opens it) or Shift_JIS (windows-31j, as Excel in Japan saves CSV). Overrides the "
                    + "charset parameter of `Accept: text/csv; charset=Shift_JIS`. A Shift_JIS answer that would "
                    + "hold a character Shift_JIS cannot encode is refused (406), never altered",
                    example = "Shift_JIS") @QueryParam(CsvCharsets.QUERY_PARAMETER) String charset,
            @Context Request request, @Context HttpHeaders headers) {
        Answered answered = service.find(id);
        MediaType type = format != null ? switch (format) {
            case "csv" -> MediaType.valueOf(CSV);
            case "pdf" -> MediaType.valueOf(PDF);
            default -> MediaType.APPLICATION_JSON_TYPE;
        } : csvWithCharset(headers) ? MediaType.valueOf(CSV) : negotiated(request);
        if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return Response.ok(view(answered, true), MediaType.APPLICATION_JSON_TYPE)
                    .header("Link", receiptsLink(id)).build();
        }
        DisclosureLetter letter = DisclosureLetter.of(lang, answered.request(),
                service.subjectIdentifier(answered.request()), answered.records(), config.business());
        String file = "disclosure-" + id + "-" + lang;
        if (type.toString().startsWith(CSV)) {
            CsvCharsets.Encoding encoding = CsvCharsets.requested(charset, headers.getAcceptableMediaTypes());
            return Response.ok(encoding.bytes(csv(letter, encoding)), encoding.contentType())
                    .header("Content-Disposition", "attachment; filename=\"" + file + ".csv\"")
                    .header("Link", receiptsLink(id)).build();
        }
        return Response.ok(DisclosurePdf.render(letter), PDF)
                .header("Content-Disposition", "inline; filename=\"" + file + ".pdf\"")
                .header("Link", receiptsLink(id)).build();
    }

    @GET
    @Path("/{id}/receipts")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "Receipts proving each disclosed record is in the signed audit log",
            description = "One C2SP tlog-proof per disclosed record, all into the newest signed checkpoint of this "
                    + "service's audit log, with what ties the record to its leaf (its content and facts exactly as "
                    + "hashed, and its batch's rows). Check them offline with the answer and the published verifier "
                    + "key: `java -jar kiroku-verifier.jar --key <key> answer.json receipts.json`. Every format of "
                    + "the answer links here (`Link: <…/receipts>; rel=\"receipts\"`). A refused or empty answer "
                    + "has no receipts.")
    @APIResponse(responseCode = "200", description = "The receipts, one per disclosed record",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReceiptBundle.class),
                    examples = @ExampleObject(name = "receipts", value = Examples.RECEIPTS)))
    @APIResponse(responseCode = "404", description = "No such request",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not found", value = Examples.NOT_FOUND)))
    public ReceiptBundle receipts(@PathParam("id") UUID id) {
        return service.receipts(id);
    }

    static final String RECEIPTS_LINK_DESCRIPTION = "`</api/v1/disclosure-requests/{id}/receipts>; rel=\"receipts\"`: "
            + "the receipts proving each disclosed record is in the signed audit log";

    private static String receiptsLink(UUID id) {
        return "</api/v1/disclosure-requests/" + id + "/receipts>; rel=\"receipts\"";
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "List disclosure requests", description = "Keyset-paginated in answer order, optionally of "
            + "one subject; records are read per request.")
    @APIResponse(responseCode = "200", description = "A page of requests",
            content = @Content(schema = @Schema(implementation = RequestPage.class)))
    @APIResponse(responseCode = "400", description = "A query parameter is invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    public Response list(
            @Parameter(description = "Subject identifier scheme", example = "customer-number")
            @QueryParam("subjectScheme") String subjectScheme,
            @Parameter(description = "Subject identifier", example = "C-0012345")
            @QueryParam("subjectIdentifier") String subjectIdentifier,
            @Parameter(description = "Cursor: the `next` of the previous page") @QueryParam("after") UUID after,
            @Parameter(description = "Page size, at most 500") @QueryParam("limit") @DefaultValue("50") @Min(1)
            @Max(500) int limit,
            @Context UriInfo uri) {
        QueryChecks.subjectPair(subjectScheme, subjectIdentifier);
        List<DisclosureView> items = service.list(subjectScheme, subjectIdentifier, after, limit).stream()
                .map(r -> view(new Answered(r, List.of(), false), false)).toList();
        String next = KeysetPages.next(items, limit, last -> last.id());
        return KeysetPages.ok(new RequestPage(items, next), next, uri, "after");
    }

    /** Accept names a charset for CSV ({@code text/csv; charset=Shift_JIS}), which variant selection does not match. */
    private static boolean csvWithCharset(HttpHeaders headers) {
        return headers.getAcceptableMediaTypes().stream().anyMatch(t -> "text".equalsIgnoreCase(t.getType())
                && "csv".equalsIgnoreCase(t.getSubtype()) && t.getParameters().containsKey(MediaType.CHARSET_PARAMETER));
    }

    private static MediaType negotiated(Request request) {
        Variant variant = request.selectVariant(Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE,
                MediaType.valueOf(CSV), MediaType.valueOf(PDF)).build());
        if (variant == null) {
            throw new ProblemException(406, ProblemType.NOT_ACCEPTABLE, "Not acceptable",
                    "A disclosure answer is available as application/json, text/csv or application/pdf");
        }
        return variant.getMediaType();
    }

    private DisclosureView view(Answered a, boolean withRecords) {
        DisclosureRequest r = a.request();
        return new DisclosureView(r.id(), new SubjectRef(r.subjectScheme(), service.subjectIdentifier(r)),
                r.rangeFrom(), r.rangeTo(), r.method(), r.receivedAt().atOffset(ZoneOffset.UTC), r.receivedVia(),
                r.requestedByAgent(), r.outcome(), r.refusalGround(),
                r.refusalGround() == null ? null : r.refusalGround().article(), r.refusalDetail(),
                r.answeredAt().atOffset(ZoneOffset.UTC), r.answeredBy(), r.timeToAnswer().toString(), r.recordCount(),
                withRecords ? a.records().stream().map(DisclosedRecord::of).toList() : null);
    }

    /**
     * The answer as CSV text, every cell neutralised against formulas; a cell the encoding cannot write refuses the
     * whole answer (406, naming row and column) before anything is sent.
     */
    static String csv(DisclosureLetter letter, CsvCharsets.Encoding encoding) {
        StringWriter out = new StringWriter();
        List<String> header = new ArrayList<>();
        header.add("ja".equals(letter.language()) ? "記録ID" : "Record ID");
        header.addAll(letter.columns());
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new))
                .get())) {
            long row = 1;
            for (DisclosureLetter.Line line : letter.lines()) {
                row++;
                String counterparty = line.counterparty()
                        + (line.counterpartyAddress() == null ? "" : "（" + line.counterpartyAddress() + "）");
                Object[] cells = CsvCells.row(line.recordId(), line.direction(), line.date(), counterparty,
                        line.items(), line.basis());
                var column = CsvCharsets.firstUnencodable(encoding, cells);
                if (column.isPresent()) {
                    throw CsvCharsets.unencodable(row, header.get(column.get()));
                }
                printer.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
