package dev.kiroku.breachreporting.reminder.rest;

import dev.kiroku.breachreporting.reminder.rest.ReminderApi.DigestPage;
import dev.kiroku.breachreporting.reminder.rest.ReminderApi.DigestView;
import dev.kiroku.breachreporting.reminder.service.ReminderService;
import dev.kiroku.platform.web.KeysetPages;
import dev.kiroku.platform.web.KirokuRoles;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.ProblemWriter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import java.time.format.DateTimeParseException;
import java.util.List;

/** The deadline reminder digests sent to the breach team, one per business day at most. */
@Path("/api/v1/breach-reminders")
@Tag(name = "Breach deadline reminders", description = "The daily digests that remind the breach team of unfiled "
        + "reports (速報 APPI Rule 8(1), 確報 Rule 8(2), GDPR Art. 33(1))")
@Produces(MediaType.APPLICATION_JSON)
public class BreachReminderResource {

    private final ReminderService service;

    public BreachReminderResource(ReminderService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed({KirokuRoles.BREACH_MANAGER, KirokuRoles.COMPLIANCE_OFFICER, KirokuRoles.AUDITOR})
    @Operation(summary = "Sent deadline reminder digests",
            description = "The digests the reminder job sent, newest day first (keyset pages; the cursor is the day of "
                    + "the last digest of the previous page). On each Japanese administrative business day at most one "
                    + "digest goes out; it lists every unfiled deadline that reaches a reminder day (T-7, T-2 before "
                    + "the legal due date of a 確報, APPI Rule 8(2)), the 速報's alert day (awareness + 5 days, "
                    + "Rule 8(1) and guideline 3-5-3-3), its internal or legal due date, or is overdue; closed days "
                    + "before the next business day are covered ahead. Each entry names the incident by id only.")
    @APIResponse(responseCode = "200", description = "A page of sent digests; `Link: rel=\"next\"` when there is more",
            content = @Content(schema = @Schema(implementation = DigestPage.class),
                    examples = @ExampleObject(name = "a 速報 alert and a 確報 reminder", value = ReminderExamples.PAGE)))
    @APIResponse(responseCode = "400", description = "The cursor is not a day, or the limit is out of range",
            content = @Content(mediaType = ProblemWriter.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad cursor", value = ReminderExamples.BAD_CURSOR)))
    public Response list(
            @Parameter(description = "The cursor: the `next` of the previous page (a day, YYYY-MM-DD)",
                    example = "2026-11-25") @QueryParam("after") String after,
            @Parameter(description = "Page size, at most 500") @QueryParam("limit") @DefaultValue("50") @Min(1)
            @Max(500) int limit,
            @Context UriInfo uri) {
        List<DigestView> items = service.sent(parseDay(after), limit).stream().map(DigestView::of).toList();
        String next = KeysetPages.next(items, limit, DigestView::day);
        return KeysetPages.ok(new DigestPage(items, next), next, uri, "after");
    }

    private static LocalDate parseDay(String after) {
        if (after == null) {
            return null;
        }
        try {
            return LocalDate.parse(after);
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, ProblemType.VALIDATION, "Request is not valid", "1 field is not valid")
                    .withViolation(new Problem.Violation("after", "query",
                            "must be a day (YYYY-MM-DD): the next of the previous page", null));
        }
    }
}
