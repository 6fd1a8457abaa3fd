package dev.kiroku.provisionrecords.record.rest;

import dev.kiroku.platform.web.KirokuRoles;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemExamples;
import dev.kiroku.provisionrecords.record.Art28Route;
import dev.kiroku.provisionrecords.record.Direction;
import dev.kiroku.provisionrecords.record.LegalBasis;
import dev.kiroku.provisionrecords.record.RecordItem;
import dev.kiroku.provisionrecords.record.RecordMethod;
import dev.kiroku.provisionrecords.record.rules.Assessment;
import dev.kiroku.provisionrecords.record.rules.Facts;
import dev.kiroku.provisionrecords.record.rules.RuleViolation;
import dev.kiroku.provisionrecords.record.service.ProvisionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Integrators ask what the law requires of a kind of provision before they make it. Nothing is stored. */
@Path("/api/v1/provision-assessments")
@Tag(name = "Provision assessments", description = "What the APPI record duty asks of a kind of provision")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid token",
        content = @Content(mediaType = ProvisionResource.PROBLEM, schema = @Schema(implementation = Problem.class),
                examples = @ExampleObject(name = "unauthenticated", value = ProblemExamples.UNAUTHENTICATED)))
@APIResponse(responseCode = "403", description = "The token's roles do not allow this operation",
        content = @Content(mediaType = ProvisionResource.PROBLEM, schema = @Schema(implementation = Problem.class),
                examples = @ExampleObject(name = "forbidden", value = ProblemExamples.FORBIDDEN)))
public class ProvisionAssessmentResource {

    private final ProvisionService service;

    public ProvisionAssessmentResource(ProvisionService service) {
        this.service = service;
    }

    /** The kind of provision to assess. */
    @Schema(name = "ProvisionAssessmentRequest")
    public record AssessmentRequest(@NotNull Direction direction, @NotNull LegalBasis legalBasis,
                                    @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code")
                                    @Schema(example = "JP") String counterpartyCountry,
                                    @NotNull RecordMethod method, Art28Route foreignTransferRoute,
                                    boolean goodsOrServices) {
    }

    /** The row that decided whether a record is required. */
    @Schema(name = "RecordRequirement")
    public record Decision(String id, String reason, String article) {
    }

    /** An item the record must hold, and the request field that carries it. */
    @Schema(name = "RequiredItem")
    public record Item(RecordItem item, String field, String description) {
    }

    /** Whether the method is allowed. */
    @Schema(name = "MethodAssessment")
    public record MethodView(RecordMethod method, boolean allowed, String rule, String refusal) {
    }

    /** How long the record is kept. */
    @Schema(name = "RetentionAssessment")
    public record RetentionView(@Schema(example = "P3Y") String period, String from, String rule) {
    }

    /** The answer. */
    @Schema(name = "ProvisionAssessment")
    public record AssessmentView(boolean recordRequired, boolean statutory, Decision decidedBy, List<Item> requiredItems,
                                 String itemsRule, MethodView method, RetentionView retention,
                                 List<RuleViolation> violations) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({KirokuRoles.INGEST, KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "Assess a kind of provision before making it",
            description = "Given direction, legal basis, counterparty country, record method (and the Art. 28 route "
                    + "for a foreign recipient), answers whether a statutory record is required and why (APPI Art. "
                    + "29(1) / 30(1), appi-rules §A1), which items it must hold (Rule 20(1) / 24(1)), whether the "
                    + "method is allowed (Rule 19 / 23) and how long it is kept (Rule 21 / 25). `violations` lists "
                    + "combinations the law does not allow. Nothing is stored.")
    @RequestBody(content = @Content(schema = @Schema(implementation = AssessmentRequest.class),
            examples = @ExampleObject(name = "bulk provision abroad on consent", value = Examples.ASSESSMENT_REQUEST)))
    @APIResponse(responseCode = "200", description = "The assessment",
            content = @Content(schema = @Schema(implementation = AssessmentView.class),
                    examples = @ExampleObject(name = "assessment", value = Examples.ASSESSMENT)))
    @APIResponse(responseCode = "400", description = "A field is missing or malformed",
            content = @Content(mediaType = ProvisionResource.PROBLEM, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    public AssessmentView assess(@NotNull @Valid AssessmentRequest request) {
        Facts facts = new Facts(request.direction(), request.legalBasis(), !"JP".equals(request.counterpartyCountry()),
                request.foreignTransferRoute(), request.method(), request.goodsOrServices());
        Assessment a = service.assess(facts);
        return new AssessmentView(a.statutory(), a.statutory(),
                new Decision(a.requirement().id(), a.requirement().reason(), a.requirement().article()),
                a.requiredItems().stream().map(i -> new Item(i, i.field(), i.description())).toList(),
                a.items().rule(),
                new MethodView(request.method(), a.methodAllowed(), a.method().rule(),
                        a.methodAllowed() ? null : a.method().refusal()),
                new RetentionView(a.retention().period().toString(), a.retention().anchor().name(),
                        a.retention().rule()),
                a.violations());
    }
}
