package dev.kiroku.provisionrecords.export.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.web.CsvCells;
import dev.kiroku.platform.web.CsvCharsets;
import dev.kiroku.platform.web.JstTimes;
import dev.kiroku.platform.web.LawTexts;
import dev.kiroku.platform.web.KirokuRoles;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemExamples;
import dev.kiroku.platform.web.ProblemWriter;
import dev.kiroku.provisionrecords.common.rest.Callers;
import dev.kiroku.provisionrecords.common.rest.QueryChecks;
import dev.kiroku.provisionrecords.export.service.RegulatorExportService;
import dev.kiroku.provisionrecords.provision.DataItem;
import dev.kiroku.provisionrecords.provision.Direction;
import dev.kiroku.provisionrecords.provision.LegalBasis;
import dev.kiroku.provisionrecords.provision.ProvisionRecord;
import dev.kiroku.provisionrecords.provision.SearchCriteria;
import dev.kiroku.provisionrecords.provision.rest.RecordViews.RecordView;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/** Every record of a period for the regulator (APPI Art. 146), streamed as CSV or JSON. */
@Path("/api/v1/provision-exports")
@Tag(name = "Regulator export", description = "Records of a period for a PPC report or inspection (APPI Art. 146)")
public class ProvisionExportResource {

    static final List<String> CSV_COLUMNS = List.of("id", "lineageId", "versionNo", "correctsId", "correctionReason",
            "direction", "legalBasis", "statutory", "method", "contractRef", "goodsOrServices", "counterpartyKind",
            "counterpartyName", "counterpartyAddress", "counterpartyRepresentative", "counterpartyCountry",
            "counterpartyCorporateNumber", "foreignTransferRoute", "foreignTransferMeasuresRef", "subjectScheme", "subjectIdentifier", "subjectName",
            "dataItems", "otherItems", "providedOn", "periodFirst", "periodLast", "consentRef",
            "acquisitionCircumstances", "ppcPublicationRef", "order11Ground", "recordedAt", "recordedBy",
            "retainUntil", "legalRetainUntil", "retentionRule", "purgedAt", "contentSha256", "auditEntryId");

    private final RegulatorExportService service;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public ProvisionExportResource(RegulatorExportService service, SecurityIdentity identity, ObjectMapper json) {
        this.service = service;
        this.identity = identity;
        this.json = json;
    }

    @GET
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @RolesAllowed({KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "Export every record of a period",
            description = "For a report or inspection demanded by the PPC (APPI Art. 146): every current version whose "
                    + "day or period overlaps [from, to], statutory and voluntary, Order Art. 11 records included "
                    + "(flagged), purged tombstones included (without personal data). Streamed from a database cursor "
                    + "— the export is never held in memory. Filter by counterparty, basis, direction. The export is "
                    + "itself appended to the audit chain. CSV: UTF-8 with a byte-order mark (Excel opens it), or "
                    + "Shift_JIS with `charset=Shift_JIS`; instants (recordedAt, purgedAt) in JST with the offset "
                    + "(`2026-11-22T10:00:00+09:00`), cells that a spreadsheet would evaluate prefixed with `'`.")
    @APIResponse(responseCode = "200", description = "The records, streamed",
            headers = @org.eclipse.microprofile.openapi.annotations.headers.Header(name = "Link",
                    description = "`</api/v1/provision-exports/receipts?…>; rel=\"receipts\"`: the receipts proving "
                            + "each exported record is in the signed audit log"),
            content = {@Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "csv", value = "id,lineageId,versionNo,...\r\n")),
                    @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = RecordView.class))})
    @APIResponse(responseCode = "406", description = "A Shift_JIS CSV was asked for and a record holds a character "
            + "Shift_JIS cannot encode (row and column named; ask for UTF-8), or an unknown charset",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", description = "A period end is missing or a parameter is invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    public Response export(
            @Parameter(description = "First day of the period", example = "2026-04-01", required = true)
            @QueryParam("from") @NotNull LocalDate from,
            @Parameter(description = "Last day of the period", example = "2027-03-31", required = true)
            @QueryParam("to") @NotNull LocalDate to,
            @Parameter(description = "Counterparty name", example = "株式会社サンプル商事")
            @QueryParam("counterparty") String counterparty,
            @Parameter(description = "Legal basis") @QueryParam("basis") LegalBasis basis,
            @Parameter(description = "PROVIDED or RECEIVED") @QueryParam("direction") Direction direction,
            @Parameter(description = "Records with this data item") @QueryParam("item") DataItem item,
            @Parameter(description = "csv or json (overrides Accept)") @QueryParam("format")
            @Pattern(regexp = "csv|json", message = "must be csv or json") String format,
            @Parameter(description = "Character set of the CSV: UTF-8 (the default, with a byte-order mark so that "
                    + "Excel opens it) or Shift_JIS (windows-31j, as Excel in Japan saves CSV). Overrides the "
                    + "charset parameter of `Accept: text/csv; charset=Shift_JIS`. A Shift_JIS export that would "
                    + "hold a character Shift_JIS cannot encode is refused (406) before anything is sent, never "
                    + "altered", example = "Shift_JIS") @QueryParam(CsvCharsets.QUERY_PARAMETER) String charset,
            @jakarta.ws.rs.core.Context jakarta.ws.rs.core.HttpHeaders headers,
            @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        QueryChecks.range(from, to);
        SearchCriteria criteria = new SearchCriteria(direction, basis, QueryChecks.blankToNull(counterparty), null, null,
                from, to, item, true);
        boolean csv = format != null ? "csv".equals(format)
                : headers.getAcceptableMediaTypes().stream().anyMatch(t -> t.isCompatible(MediaType.valueOf("text/csv"))
                && !t.isWildcardType());
        CsvCharsets.Encoding encoding = csv ? CsvCharsets.requested(charset, headers.getAcceptableMediaTypes())
                : CsvCharsets.Encoding.UTF_8;
        if (encoding == CsvCharsets.Encoding.SHIFT_JIS) {
            // refused before the first byte (and before the export is audited): a streamed answer cannot turn into
            // a problem half-way, and a legal record is never altered to fit a charset
            long[] row = {1};
            service.check(criteria, r -> {
                row[0]++;
                CsvCharsets.firstUnencodable(encoding, cells(r)).ifPresent(column -> {
                    throw CsvCharsets.unencodable(row[0], CSV_COLUMNS.get(column));
                });
            });
        }
        var caller = Callers.of(identity);
        String file = "provision-records-" + from + "-" + to + (csv ? ".csv" : ".json");
        StreamingOutput body = out -> {
            Writer writer = csv ? encoding.writer(out) : new OutputStreamWriter(out, StandardCharsets.UTF_8);
            if (csv) {
                CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder()
                        .setHeader(CSV_COLUMNS.toArray(String[]::new)).get());
                service.export(criteria, "csv", caller, r -> row(printer, r));
                printer.flush();
            } else {
                JsonGenerator generator = json.getFactory().createGenerator(writer);
                generator.writeStartArray();
                service.export(criteria, "json", caller, r -> {
                    try {
                        json.writeValue(generator, RecordView.of(r));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                generator.writeEndArray();
                generator.flush();
            }
            writer.flush();
        };
        return Response.ok(body, csv ? encoding.contentType() : MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .header("Link", receiptsLink(uri)).build();
    }

    @GET
    @Path("/receipts")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "Receipts proving each exported record is in the signed audit log",
            description = "For the records the export of the same period and filters holds, in its order: one C2SP "
                    + "tlog-proof each, all into the newest signed checkpoint of this service's audit log, with what "
                    + "ties the record to its leaf (its content and facts exactly as hashed, its batch's rows). The "
                    + "export links here (`Link: <…/receipts?…>; rel=\"receipts\"`). Check them offline against the "
                    + "JSON export and the published verifier key: `java -jar kiroku-verifier.jar --key <key> "
                    + "export.json receipts.json`. Streamed, never held in memory; a record recorded after that "
                    + "checkpoint was signed has no receipt in this answer (ask again).")
    @APIResponse(responseCode = "200", description = "The receipts, streamed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = dev.kiroku.provisionrecords.provision.ReceiptBundle.class),
                    examples = @ExampleObject(name = "receipts",
                            value = dev.kiroku.provisionrecords.common.rest.Examples.RECEIPTS)))
    @APIResponse(responseCode = "400", description = "A period end is missing or a parameter is invalid",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    public Response receipts(
            @Parameter(description = "First day of the period", example = "2026-04-01", required = true)
            @QueryParam("from") @NotNull LocalDate from,
            @Parameter(description = "Last day of the period", example = "2027-03-31", required = true)
            @QueryParam("to") @NotNull LocalDate to,
            @Parameter(description = "Counterparty name", example = "株式会社サンプル商事")
            @QueryParam("counterparty") String counterparty,
            @Parameter(description = "Legal basis") @QueryParam("basis") LegalBasis basis,
            @Parameter(description = "PROVIDED or RECEIVED") @QueryParam("direction") Direction direction,
            @Parameter(description = "Records with this data item") @QueryParam("item") DataItem item) {
        QueryChecks.range(from, to);
        SearchCriteria criteria = new SearchCriteria(direction, basis, QueryChecks.blankToNull(counterparty), null, null,
                from, to, item, true);
        StreamingOutput body = out -> {
            JsonGenerator generator = json.getFactory().createGenerator(new OutputStreamWriter(out,
                    StandardCharsets.UTF_8));
            generator.writeStartObject();
            service.receipts(criteria, into -> {
                try {
                    generator.writeStringField("origin", into.origin());
                    generator.writeStringField("verifierKey", into.verifierKey());
                    generator.writeNumberField("treeSize", into.treeSize());
                    generator.writeStringField("checkpoint", into.checkpoint());
                    generator.writeArrayFieldStart("receipts");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, receipt -> {
                try {
                    json.writeValue(generator, receipt);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            generator.writeEndArray();
            generator.writeEndObject();
            generator.flush();
        };
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    /** The receipts of the same selection: the export's query without its format and charset. */
    private static String receiptsLink(jakarta.ws.rs.core.UriInfo uri) {
        String query = uri.getRequestUriBuilder().replaceQueryParam("format").replaceQueryParam(CsvCharsets.QUERY_PARAMETER)
                .build().getRawQuery();
        return "</api/v1/provision-exports/receipts" + (query == null || query.isEmpty() ? "" : "?" + query)
                + ">; rel=\"receipts\"";
    }

    private static void row(CSVPrinter printer, ProvisionRecord r) {
        try {
            printer.printRecord(cells(r));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** One record's cells, neutralised against formulas; instants in JST with the offset (+09:00). */
    static Object[] cells(ProvisionRecord r) {
        var e = r.event();
        var cp = e.counterparty();
        var s = e.subject();
        return CsvCells.row(r.id(), r.lineageId(), r.versionNo(), r.correctsId(), r.correctionReason(),
                    e.direction(), e.legalBasis(), r.statutory(), e.method(), e.contractRef(), e.goodsOrServices(),
                    cp.kind(), cp.name(), cp.address(), cp.representative(), cp.country(), cp.corporateNumber(),
                    e.foreignTransfer() == null ? null : e.foreignTransfer().route(),
                    e.foreignTransfer() == null ? null : e.foreignTransfer().measuresRef(),
                    s == null ? null : s.scheme(), s == null ? null : s.identifier(), s == null ? null : s.name(),
                    String.join("|", e.dataItems().stream().map(Enum::name).toList()),
                    String.join("|", e.otherItems()), e.providedOn(), e.period() == null ? null : e.period().first(),
                    e.period() == null ? null : e.period().last(), e.consentRef(), e.acquisitionCircumstances(),
                    e.ppcPublicationRef(), e.order11Ground(), JstTimes.iso(r.recordedAt()), r.recordedBy(),
                    r.retention().retainUntil(), r.retention().legalRetainUntil(), LawTexts.withoutMarkers(r.retention().rule()),
                    JstTimes.iso(r.purgedAt()), r.contentSha256(), r.auditEntryId());
    }
}
