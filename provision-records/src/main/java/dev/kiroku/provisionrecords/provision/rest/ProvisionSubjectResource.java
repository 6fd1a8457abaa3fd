package dev.kiroku.provisionrecords.provision.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiroku.platform.web.KeysetPages;
import dev.kiroku.platform.web.KirokuRoles;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemExamples;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.ProblemWriter;
import dev.kiroku.provisionrecords.common.rest.Callers;
import dev.kiroku.provisionrecords.common.rest.Examples;
import dev.kiroku.provisionrecords.provision.DataItem;
import dev.kiroku.provisionrecords.provision.Subject;
import dev.kiroku.provisionrecords.provision.SubjectCriteria;
import dev.kiroku.provisionrecords.provision.service.SubjectQueryService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The persons whose data a counterparty received: breach-reporting's service account (and compliance officers) read
 * them to name the persons an incident at that counterparty affects. Nobody else: not ingest systems, not auditors.
 */
@Path("/api/v1/provision-subjects")
@Tag(name = "Provision subjects", description = "Distinct data subjects of provision records, for breach response "
        + "(APPI Art. 26)")
@Produces(MediaType.APPLICATION_JSON)
public class ProvisionSubjectResource {

    static final int MAX_LIMIT = 500;

    private final SubjectQueryService service;
    private final SecurityIdentity identity;

    public ProvisionSubjectResource(SubjectQueryService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    /** One data subject (personal data: for breach response only). */
    @Schema(name = "ProvisionSubject")
    public record SubjectView(@Schema(example = "customer-number") String scheme,
                              @Schema(example = "C-0012345") String identifier,
                              @Schema(description = "From the subject's latest matching record, when recorded",
                                      example = "佐藤花子") String name) {
    }

    /** A page of distinct subjects; what a page lacks (the next cursor on the last, the total after the first) is absent. */
    @Schema(name = "ProvisionSubjectPage")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubjectPage(List<SubjectView> items,
                              @Schema(description = "Cursor of the next page (opaque); absent on the last page")
                              String next,
                              @Schema(description = "Distinct subjects matching in all: on the first page only "
                                      + "(counting is a pass over every matching record; a client reads it once)",
                                      example = "1204") Long total) {
    }

    @GET
    @RolesAllowed({KirokuRoles.BREACH_REPORTING_SERVICE, KirokuRoles.COMPLIANCE_OFFICER})
    @Operation(summary = "Distinct subjects of a counterparty's records",
            description = "The persons whose personal data went to (or came from) a counterparty, for breach response "
                    + "under APPI Art. 26: current record versions, not purged, of the counterparty (by corporate "
                    + "number and/or name — at least one), with any of the `item`s (none: any item), covering a day "
                    + "in `from`..`to`. One entry per subject (scheme and identifier), its name from its latest "
                    + "matching record. Keyset-paginated (`limit` ≤ 500, `next` + `Link`); the first page's `total` "
                    + "counts every matching subject (later pages omit it). Counting reads every matching record: "
                    + "`count=false` leaves it out of the first page too, so a client can ask for the total in a "
                    + "request of its own (`limit=1`) while it pages. Every call is appended to the audit chain (who, "
                    + "the filter, how many, a digest of the subjects' blind indexes); logs carry counts only. Allowed for breach-reporting's "
                    + "service account and compliance officers.")
    @APIResponse(responseCode = "200", description = "A page of subjects",
            content = @Content(schema = @Schema(implementation = SubjectPage.class),
                    examples = @ExampleObject(name = "subjects", value = Examples.SUBJECT_PAGE)))
    @APIResponse(responseCode = "400", description = "No counterparty given, an empty range, or a malformed parameter",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    public Response subjects(
            @Parameter(description = "The counterparty's corporate number (法人番号)", example = "1234567890123")
            @QueryParam("counterpartyCorporateNumber")
            @Pattern(regexp = "\\d{13}", message = "must be the 13-digit corporate number") String corporateNumber,
            @Parameter(description = "The counterparty's name (NFKC, case and spaces ignored)",
                    example = "株式会社サンプル商事")
            @QueryParam("counterpartyName") @Size(max = 300) String counterpartyName,
            @Parameter(description = "Records with any of these items (repeat the parameter)", example = "[\"EMAIL\"]")
            @QueryParam("item") Set<DataItem> items,
            @Parameter(description = "Records covering a day on or after", example = "2026-10-01")
            @QueryParam("from") LocalDate from,
            @Parameter(description = "Records covering a day on or before", example = "2026-11-20")
            @QueryParam("to") LocalDate to,
            @Parameter(description = "Cursor: the `next` of the previous page")
            @QueryParam("after") @Pattern(regexp = "[0-9a-f]{64}", message = "must be a cursor of this API")
            String after,
            @Parameter(description = "Page size, at most 500") @QueryParam("limit") @DefaultValue("100") @Min(1)
            @Max(MAX_LIMIT) int limit,
            @Parameter(description = "false: the first page without its `total`") @QueryParam("count")
            @DefaultValue("true") boolean count,
            @Context UriInfo uri) {
        String name = counterpartyName == null || counterpartyName.isBlank() ? null : counterpartyName;
        if (corporateNumber == null && name == null) {
            throw new ProblemException(400, ProblemType.VALIDATION, "Request is not valid",
                    "Subjects are read for a counterparty: give its corporate number, its name, or both")
                    .withViolation(Problem.Violation.of("counterpartyCorporateNumber", "query",
                            "give counterpartyCorporateNumber or counterpartyName"));
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new ProblemException(400, ProblemType.VALIDATION, "Request is not valid", "The range is empty")
                    .withViolation(Problem.Violation.of("to", "query", "must not be before from"));
        }
        SubjectCriteria criteria = new SubjectCriteria(corporateNumber, name, items, from, to);
        SubjectQueryService.SubjectPage page = service.subjects(criteria, after, limit, count, Callers.of(identity));
        List<SubjectView> views = page.rows().stream().map(r -> view(r.subject())).toList();
        String next = KeysetPages.next(page.rows(), limit, last -> last.cursor());
        return KeysetPages.ok(new SubjectPage(views, next, page.total()), next, uri, "after");
    }

    private static SubjectView view(Subject subject) {
        return new SubjectView(subject.scheme(), subject.identifier(), subject.name());
    }
}
