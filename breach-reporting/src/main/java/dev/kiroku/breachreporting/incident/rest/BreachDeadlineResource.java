package dev.kiroku.breachreporting.incident.rest;

import dev.kiroku.breachreporting.incident.rest.IncidentViews.DeadlineItem;
import dev.kiroku.breachreporting.incident.rest.IncidentViews.DeadlineView;
import dev.kiroku.breachreporting.incident.rest.IncidentViews.DeadlinesResponse;
import dev.kiroku.breachreporting.incident.rest.IncidentViews.NotCountedItem;
import dev.kiroku.breachreporting.config.BreachReportingConfig;
import dev.kiroku.breachreporting.incident.service.IncidentService;
import dev.kiroku.platform.web.KirokuRoles;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.ProblemWriter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;

/** The deadlines every incident still owes: what is overdue and what falls due within a window. */
@Path("/api/v1/breach-deadlines")
@Tag(name = "Breach deadlines", description = "Upcoming and overdue filings of all open incidents, and what-if "
        + "deadline calculations")
@Produces(MediaType.APPLICATION_JSON)
public class BreachDeadlineResource {

    static final int MAX_WINDOW_DAYS = 366;

    private final IncidentService service;
    private final BreachReportingConfig config;

    public BreachDeadlineResource(IncidentService service, BreachReportingConfig config) {
        this.service = service;
        this.config = config;
    }

    @GET
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "Upcoming and overdue breach deadlines",
            description = "Every filing not yet made (速報 APPI Rule 8(1), 確報 Rule 8(2), GDPR Art. 33(1) for incidents "
                    + "touching EU residents) whose due day (Asia/Tokyo) is on or before today + `window`, overdue "
                    + "ones included, soonest first. Each deadline names its rule, its internal due date and its "
                    + "reminder days (T-7, T-2).")
    @APIResponse(responseCode = "200", description = "The open deadlines",
            content = @Content(schema = @Schema(implementation = DeadlinesResponse.class)))
    @APIResponse(responseCode = "400", description = "The window is not an ISO-8601 period of days (P1D..P366D)",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeadlinesResponse deadlines(
            @Parameter(description = "How far ahead, as an ISO-8601 period of days (default from configuration, "
                    + "P14D)", example = "P14D") @QueryParam("window") String window) {
        int days = window == null ? config.deadlineWindowDays() : parseWindow(window);
        Instant now = service.now();
        LocalDate today = service.today();
        LocalDate until = today.plusDays(days);
        IncidentService.DeadlineBoard board = service.board(until);
        var items = board.open().stream()
                .map(o -> new DeadlineItem(o.incident().id(), o.incident().title(), o.incident().status(),
                        DeadlineView.of(o.deadline(), false, now)))
                .toList();
        var notCounted = board.uncounted().stream()
                .map(i -> new NotCountedItem(i.id(), i.title(), i.status(),
                        IncidentViews.NOT_COUNTED_OUTSIDE_CALENDAR))
                .toList();
        return new DeadlinesResponse(today, until, items, notCounted);
    }

    private static int parseWindow(String window) {
        try {
            Period period = Period.parse(window);
            if (period.getYears() == 0 && period.getMonths() == 0 && period.getDays() >= 1
                    && period.getDays() <= MAX_WINDOW_DAYS) {
                return period.getDays();
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw new ProblemException(400, ProblemType.VALIDATION, "Request is not valid", "1 field is not valid")
                .withViolation(new Problem.Violation("window", "query",
                        "must be an ISO-8601 period of 1 to " + MAX_WINDOW_DAYS + " days, e.g. P14D", null));
    }
}
