package dev.kiroku.provisionrecords.provision.rest;

import dev.kiroku.platform.web.KirokuRoles;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemExamples;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.ProblemWriter;
import dev.kiroku.provisionrecords.common.rest.Examples;
import dev.kiroku.provisionrecords.provision.Art28Route;
import dev.kiroku.provisionrecords.provision.Counterparty;
import dev.kiroku.provisionrecords.provision.ForeignTransfer;
import dev.kiroku.provisionrecords.provision.Period;
import dev.kiroku.provisionrecords.provision.Direction;
import dev.kiroku.provisionrecords.provision.LegalBasis;
import dev.kiroku.provisionrecords.provision.RecordItem;
import dev.kiroku.provisionrecords.provision.RecordMethod;
import dev.kiroku.provisionrecords.provision.rules.Assessment;
import dev.kiroku.provisionrecords.provision.rules.DesignatedCountries;
import dev.kiroku.provisionrecords.provision.rules.Facts;
import dev.kiroku.provisionrecords.provision.rules.ProvisionRules;
import dev.kiroku.provisionrecords.provision.rules.RetentionRules;
import dev.kiroku.provisionrecords.provision.rules.RuleViolation;
import dev.kiroku.provisionrecords.provision.service.ProvisionService;
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

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Integrators ask what the law requires of a kind of provision before they make it. Nothing is stored. */
@Path("/api/v1/provision-assessments")
@Tag(name = "Provision assessments", description = "What the APPI record duty asks of a kind of provision")
@Produces(MediaType.APPLICATION_JSON)
public class ProvisionAssessmentResource {

    /** The record duty of Arts. 29/30 took effect on 2017-05-30; earlier days are accepted for what-ifs from 2000. */
    static final LocalDate EARLIEST_DAY = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST_DAY = LocalDate.of(2199, 12, 31);

    private final ProvisionService service;

    public ProvisionAssessmentResource(ProvisionService service) {
        this.service = service;
    }

    /**
     * The kind of provision to assess, in the record's shape: the body of {@code POST /api/v1/provisions} is a valid
     * assessment request as it is (its other fields — subject, data items, references — are read and ignored). The
     * flat {@code counterpartyCountry} and {@code foreignTransferRoute} of the first version still work, deprecated.
     */
    @Schema(name = "ProvisionAssessmentRequest", description = "The record's shape (ProvisionEvent): the same body can "
            + "be sent to POST /api/v1/provisions and here. Only the fields below are assessed; any other field of a "
            + "ProvisionEvent (subject, dataItems, clientEventId, ...) is accepted and ignored, and nothing is stored.")
    public record AssessmentRequest(@NotNull Direction direction, @NotNull LegalBasis legalBasis,
                                    @NotNull RecordMethod method,
                                    @Schema(description = "The provision is tied to goods or services supplied to the "
                                            + "subject (Rule 19(3))")
                                    boolean goodsOrServices,
                                    @Valid @Schema(description = "The third party, as in the record; its `country` "
                                            + "decides whether Art. 28 applies. Required unless the deprecated "
                                            + "`counterpartyCountry` is given")
                                    Counterparty counterparty,
                                    @Valid @Schema(description = "For a counterparty abroad: the Art. 28 route claimed, "
                                            + "as in the record. A route the country cannot have is refused (422): "
                                            + "EQUIVALENT_COUNTRY only for the PPC's designated countries (EU/EEA "
                                            + "states, UK)")
                                    ForeignTransfer foreignTransfer,
                                    @Schema(description = "Day of the provision or receipt (Asia/Tokyo), as in the "
                                            + "record: the last provision covered when `lastProvisionOn` is absent",
                                            example = "2026-11-20")
                                    LocalDate providedOn,
                                    @Valid @Schema(description = "The provision period of a bulk record, as in the "
                                            + "record: its last day is the last provision covered when "
                                            + "`lastProvisionOn` is absent")
                                    Period period,
                                    @Schema(description = "The day the record is (or was) made, Asia/Tokyo: the "
                                            + "retention of a per-event record counts from it", example = "2026-12-04")
                                    LocalDate recordCreatedOn,
                                    @Schema(description = "The last provision the record covers (the last day of a "
                                            + "bulk period, the last provision under a contract): the retention of "
                                            + "such records counts from it. Defaults to `providedOn` or "
                                            + "`period.last`", example = "2026-12-31")
                                    LocalDate lastProvisionOn,
                                    @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code")
                                    @Schema(deprecated = true, description = "Deprecated: send `counterparty.country` "
                                            + "(the record's shape). Still accepted; when both are given they must "
                                            + "agree", example = "JP")
                                    String counterpartyCountry,
                                    @Schema(deprecated = true, description = "Deprecated: send "
                                            + "`foreignTransfer.route` (the record's shape). Still accepted; when both "
                                            + "are given they must agree")
                                    Art28Route foreignTransferRoute) {

        /** The counterparty's country from the record's shape, else from the deprecated flat field. */
        String country() {
            if (counterparty != null && counterparty.country() != null) {
                return counterparty.country();
            }
            return counterpartyCountry;
        }

        /** The Art. 28 route from the record's shape, else from the deprecated flat field. */
        Art28Route route() {
            if (foreignTransfer != null && foreignTransfer.route() != null) {
                return foreignTransfer.route();
            }
            return foreignTransferRoute;
        }

        /** The last provision covered: as given, else the provision day or the last day of the period. */
        LocalDate lastProvision() {
            if (lastProvisionOn != null) {
                return lastProvisionOn;
            }
            if (providedOn != null) {
                return providedOn;
            }
            return period == null ? null : period.last();
        }
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

    /** How long the record is kept, and until which day when the day it counts from was given. */
    @Schema(name = "RetentionAssessment")
    public record RetentionView(@Schema(example = "P3Y") String period,
                                @Schema(description = "What the period counts from: RECORD_CREATION or "
                                        + "LAST_PROVISION") String from,
                                @Schema(description = "The day the period counts from, as given (recordCreatedOn or "
                                        + "lastProvisionOn); absent when not given", example = "2026-12-31")
                                LocalDate fromDay,
                                @Schema(description = "Kept up to and including this day (Asia/Tokyo): fromDay plus "
                                        + "the period; absent when fromDay was not given", example = "2029-12-31")
                                LocalDate retainUntil,
                                String rule) {
    }

    /** The answer. */
    @Schema(name = "ProvisionAssessment")
    public record AssessmentView(boolean recordRequired, boolean statutory, Decision decidedBy, List<Item> requiredItems,
                                 String itemsRule, MethodView method, RetentionView retention,
                                 List<RuleViolation> violations) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({KirokuRoles.INGEST, KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.BREACH_MANAGER,
            KirokuRoles.AUDITOR})
    @Operation(summary = "Assess a kind of provision before making it",
            description = "Takes the record's shape — the body of `POST /api/v1/provisions` is valid here as it is "
                    + "(fields the assessment does not need are ignored; the flat `counterpartyCountry` and "
                    + "`foreignTransferRoute` are deprecated). Given direction, legal basis, `counterparty.country`, "
                    + "record method (and `foreignTransfer.route` for a foreign recipient), answers whether a statutory record is required and why (APPI Art. "
                    + "29(1) / 30(1)), which items it must hold (Rule 20(1) / 24(1)), whether the method is allowed "
                    + "(Rule 19 / 23) and how long it is kept (Rule 21 / 25) — with `recordCreatedOn` or "
                    + "`lastProvisionOn`, until which day. The route is checked against the country: only the PPC's "
                    + "designated countries (EU and EEA states, United Kingdom) can be EQUIVALENT_COUNTRY, and for "
                    + "them Art. 28 does not apply; elsewhere RECIPIENT_SYSTEM (体制整備, Rule 16), CONSENT_28_1 or "
                    + "EXCEPTION_27_1 (422 otherwise, naming Art. 28 and the allowed routes). `violations` lists other "
                    + "combinations the law does not allow. Nothing is stored.")
    @RequestBody(content = @Content(schema = @Schema(implementation = AssessmentRequest.class),
            examples = {
                    @ExampleObject(name = "bulk provision abroad on consent", value = Examples.ASSESSMENT_REQUEST),
                    @ExampleObject(name = "entrustment to a recipient with a system (体制整備)",
                            value = Examples.ASSESSMENT_REQUEST_SYSTEM)}))
    @APIResponse(responseCode = "200", description = "The assessment",
            content = @Content(schema = @Schema(implementation = AssessmentView.class),
                    examples = @ExampleObject(name = "assessment", value = Examples.ASSESSMENT)))
    @APIResponse(responseCode = "400", description = "A field is missing or malformed",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ProblemExamples.VALIDATION)))
    @APIResponse(responseCode = "422", description = "The Art. 28 route claimed is not possible for the country",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "route not for the country", value = Examples.ROUTE_REFUSED)))
    public AssessmentView assess(@NotNull @Valid AssessmentRequest request) {
        checkShape(request);
        checkDay("recordCreatedOn", request.recordCreatedOn());
        checkDay("lastProvisionOn", request.lastProvision());
        Facts facts = new Facts(request.direction(), request.legalBasis(), request.country(), request.route(),
                request.method(), request.goodsOrServices());
        Assessment a = service.assess(facts);
        List<RuleViolation> routeRefusals = a.violations().stream().filter(ProvisionRules::isRouteNotForCountry)
                .toList();
        if (!routeRefusals.isEmpty()) {
            ProblemException refused = ProblemException.unprocessable(ProvisionProblems.ROUTE_NOT_FOR_COUNTRY,
                    "Art. 28 route not possible for the country", routeRefusals.get(0).message());
            String routeField = request.foreignTransfer() != null ? "foreignTransfer.route" : "foreignTransferRoute";
            routeRefusals.forEach(v -> refused.withViolation(new Problem.Violation(routeField, "body",
                    v.message(), v.rule())));
            throw refused.with("allowedRoutes", DesignatedCountries.allowedRoutes(request.country())
                    .stream().map(Enum::name).sorted().toList());
        }
        RetentionRules.Row retention = a.retention();
        LocalDate fromDay = retention.anchor() == RetentionRules.Anchor.RECORD_CREATION ? request.recordCreatedOn()
                : request.lastProvision();
        LocalDate retainUntil = RetentionRules.legalRetainUntil(retention, fromDay, fromDay);
        return new AssessmentView(a.statutory(), a.statutory(),
                new Decision(a.requirement().id(), a.requirement().reason(), a.requirement().article()),
                a.requiredItems().stream().map(i -> new Item(i, i.field(), i.description())).toList(),
                a.items().rule(),
                new MethodView(request.method(), a.methodAllowed(), a.method().rule(),
                        a.methodAllowed() ? null : a.method().refusal()),
                new RetentionView(retention.period().toString(), retention.anchor().name(), fromDay, retainUntil,
                        retention.rule()),
                a.violations());
    }

    /**
     * The record's shape and the deprecated flat fields name the same facts: one of them must give the country, and
     * when both are given they must agree (400 naming the field otherwise).
     */
    private static void checkShape(AssessmentRequest request) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (request.country() == null) {
            violations.add(new Problem.Violation("counterparty.country", "body", "must not be null", null));
        }
        if (request.counterparty() != null && request.counterpartyCountry() != null
                && !request.counterparty().country().equals(request.counterpartyCountry())) {
            violations.add(new Problem.Violation("counterpartyCountry", "body",
                    "must agree with counterparty.country (deprecated; send counterparty.country only)", null));
        }
        if (request.foreignTransfer() != null && request.foreignTransferRoute() != null
                && request.foreignTransfer().route() != request.foreignTransferRoute()) {
            violations.add(new Problem.Violation("foreignTransferRoute", "body",
                    "must agree with foreignTransfer.route (deprecated; send foreignTransfer.route only)", null));
        }
        if (!violations.isEmpty()) {
            ProblemException invalid = new ProblemException(400, ProblemType.VALIDATION, "Request is not valid",
                    violations.size() == 1 ? "1 field is not valid" : violations.size() + " fields are not valid");
            violations.forEach(invalid::withViolation);
            throw invalid;
        }
    }

    /**
     * Legal days the rule tables can count from: the record duty's era, not any date a client can type. Outside the
     * bounds is a 422, as for the platform's date bounds (which refuse what lies outside 1900..2199 before this).
     */
    private static void checkDay(String field, LocalDate day) {
        if (day != null && (day.isBefore(EARLIEST_DAY) || day.isAfter(LATEST_DAY))) {
            throw new ProblemException(422, ProblemType.VALIDATION, "Request is not valid", "1 field is not valid")
                    .withViolation(new Problem.Violation(field, "body", "must be between " + EARLIEST_DAY + " and "
                            + LATEST_DAY, null));
        }
    }
}
