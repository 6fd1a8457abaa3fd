package dev.kiroku.breachreporting.incident.rest;

import dev.kiroku.breachreporting.incident.rest.IncidentRequests.DeadlineCalculationRequest;
import dev.kiroku.breachreporting.incident.rest.IncidentViews.DeadlineCalculationResponse;
import dev.kiroku.breachreporting.incident.rules.Rule7Category;
import dev.kiroku.breachreporting.incident.service.DeadlineCalculationService;
import dev.kiroku.platform.web.KirokuRoles;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.ProblemWriter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What-if deadlines: what an incident would owe had the business come to know of it at a given moment, counted by the
 * same rules and calendar as every incident. Nothing is stored.
 */
@Path("/api/v1/breach-deadline-calculations")
@Tag(name = "Breach deadlines", description = "Upcoming and overdue filings of all open incidents, and what-if "
        + "deadline calculations")
@Produces(MediaType.APPLICATION_JSON)
public class DeadlineCalculationResource {

    private final DeadlineCalculationService service;

    public DeadlineCalculationResource(DeadlineCalculationService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.BREACH_MANAGER, KirokuRoles.AUDITOR})
    @Operation(summary = "Calculate breach deadlines (what-if)",
            description = "The deadlines an incident would owe had the business come to know of it at `awarenessAt`, "
                    + "counted exactly as an incident's are: the preliminary report (速報, APPI Rule 8(1): a 3-day "
                    + "target, hard alert at 5 days), the final report (確報, Rule 8(2): 30 days, 60 with Rule 7(iii)) "
                    + "from the awareness day (day 0, Civil Code Art. 140), a due day on which administrative organs "
                    + "are closed rolled to their next business day (Act on Holidays of Administrative Organs Art. 2) "
                    + "with every skipped day and its reason, the internal due date, the alert and reminder days, the "
                    + "holiday-list version and whether it is projected; with `euResidents`, GDPR Art. 33(1) 72 hours "
                    + "from the awareness instant. Deadlines run from awareness, never from detection. No category "
                    + "given means not yet assessed: provisional deadlines. For an `entrusted` party the answer adds "
                    + "APPI Rule 9: notifying its principal promptly releases it from reporting and from notifying "
                    + "persons; the deadlines listed apply if it does not use the release. Past and future instants "
                    + "are allowed as long as the holiday calendar covers them (1955–2099). Nothing is stored.")
    @RequestBody(content = @Content(schema = @Schema(implementation = DeadlineCalculationRequest.class), examples = {
            @ExampleObject(name = "final report in the year-end closure", value = Examples.CALCULATION_REQUEST),
            @ExampleObject(name = "not yet assessed, entrusted, EU residents",
                    value = Examples.CALCULATION_REQUEST_PROVISIONAL)}))
    @APIResponse(responseCode = "200", description = "The deadlines, each naming its rule",
            content = @Content(schema = @Schema(implementation = DeadlineCalculationResponse.class),
                    examples = @ExampleObject(name = "final report in the year-end closure",
                            value = Examples.CALCULATION)))
    @APIResponse(responseCode = "400", description = "A member is missing, malformed (an instant without offset, an "
            + "unknown category), unknown, or a category is repeated",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = Examples.CALCULATION_INVALID)))
    @APIResponse(responseCode = "422", description = "Awareness, or a day a deadline rolls over, is outside the "
            + "administrative-holiday calendar (before its first year, 1955, or after 2099, where the projection ends)",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "outside the calendar", value = Examples.OUTSIDE_CALENDAR)))
    public DeadlineCalculationResponse calculate(@NotNull @Valid DeadlineCalculationRequest request) {
        List<Problem.Violation> violations = new ArrayList<>();
        for (String member : request.unknown()) {
            violations.add(new Problem.Violation(member, "body", "is not a member of the request (awarenessAt, "
                    + "detectedAt, categories, entrusted, euResidents)", null));
        }
        Set<Rule7Category> categories = EnumSet.noneOf(Rule7Category.class);
        for (Rule7Category c : request.categories()) {
            if (!categories.add(c)) {
                violations.add(new Problem.Violation("categories", "body",
                        "must list each category at most once; " + c + " is repeated", null));
            }
        }
        if (!violations.isEmpty()) {
            ProblemException invalid = new ProblemException(400, ProblemType.VALIDATION, "Request is not valid",
                    violations.size() == 1 ? "1 field is not valid" : violations.size() + " fields are not valid");
            violations.forEach(invalid::withViolation);
            throw invalid;
        }
        return DeadlineCalculationResponse.of(service.calculate(request.awarenessAt().toInstant(),
                request.detectedAt() == null ? null : request.detectedAt().toInstant(), categories,
                request.entrusted(), request.euResidents()));
    }
}
