package dev.kiroku.breachreporting.incident.rest;

import dev.kiroku.breachreporting.incident.Incident;
import dev.kiroku.breachreporting.incident.IncidentAction;
import dev.kiroku.breachreporting.incident.IncidentStatus;
import dev.kiroku.breachreporting.incident.IncidentTransition;
import dev.kiroku.breachreporting.incident.rules.Assessment;
import dev.kiroku.breachreporting.incident.rules.AssessmentFacts;
import dev.kiroku.breachreporting.incident.rules.Deadline;
import dev.kiroku.breachreporting.incident.rules.DeadlineCalculation;
import dev.kiroku.breachreporting.incident.rules.DeadlineCalculator;
import dev.kiroku.breachreporting.incident.rules.DeadlineKind;
import dev.kiroku.breachreporting.incident.rules.Filing;
import dev.kiroku.breachreporting.incident.rules.JapaneseAdministrativeCalendar;
import dev.kiroku.breachreporting.incident.rules.Rule7Category;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The API's views of incidents; entities never leave the service. */
final class IncidentViews {

    /** Why an incident's deadlines are not shown: its awareness is outside the holiday calendar. */
    static final String NOT_COUNTED_OUTSIDE_CALENDAR = "outside-holiday-calendar";

    private static final Logger LOG = Logger.getLogger(IncidentViews.class);

    private IncidentViews() {
    }

    @Schema(name = "Rule7Category")
    record CategoryView(String number, String code, String article, String japanese) {

        static CategoryView of(Rule7Category c) {
            return new CategoryView(c.number(), c.name(), c.article(), c.japanese());
        }
    }

    @Schema(name = "IncidentAssessment", description = "The current assessment under APPI Rule 7")
    record AssessmentView(boolean reportable, List<CategoryView> categories, List<Assessment.Reason> reasons,
                          Integer finalReportDays, String rulesVersion, AssessmentFacts facts, Instant assessedAt,
                          String assessedBy) {

        static AssessmentView of(Incident incident) {
            return incident.assessment().map(a -> new AssessmentView(a.reportable(),
                    a.categories().stream().map(CategoryView::of).toList(), a.reasons(), a.finalReportDays(),
                    a.rulesVersion(), a.facts(), incident.assessedAt().orElse(null),
                    incident.assessedBy().orElse(null))).orElse(null);
        }
    }

    /** Where a deadline stands today. */
    enum DeadlineState { FILED, OVERDUE, DUE_TODAY, UPCOMING }

    @Schema(name = "IncidentDeadline", description = "A computed deadline; legal dates are Asia/Tokyo dates and each "
            + "names the rule that made it")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DeadlineView(DeadlineKind kind,
                        @Schema(description = "Where the deadline stands today; absent in a what-if calculation")
                        DeadlineState state,
                        @Schema(description = "Days from today (Asia/Tokyo) to the due day; absent in a what-if "
                                + "calculation") Long daysLeft,
                        LocalDate dueDate, Instant dueAt,
                        String rule, String reading, LocalDate periodEnd, List<String> skipped,
                        LocalDate internalDueDate, LocalDate alertDate, List<LocalDate> reminders, String calendar,
                        boolean projectedCalendar, boolean provisional) {

        static DeadlineView of(Deadline d, boolean filed, Instant now) {
            LocalDate today = DeadlineCalculator.legalDate(now);
            DeadlineState state;
            Long daysLeft = null;
            if (filed) {
                state = DeadlineState.FILED;
            } else if (d.dueAt() != null) {
                state = now.isAfter(d.dueAt()) ? DeadlineState.OVERDUE
                        : DeadlineCalculator.legalDate(d.dueAt()).equals(today) ? DeadlineState.DUE_TODAY
                        : DeadlineState.UPCOMING;
                daysLeft = ChronoUnit.DAYS.between(today, DeadlineCalculator.legalDate(d.dueAt()));
            } else {
                daysLeft = ChronoUnit.DAYS.between(today, d.dueDate());
                state = daysLeft < 0 ? DeadlineState.OVERDUE : daysLeft == 0 ? DeadlineState.DUE_TODAY
                        : DeadlineState.UPCOMING;
            }
            return new DeadlineView(d.kind(), state, daysLeft, d.dueDate(), d.dueAt(), d.rule(), d.reading(),
                    d.periodEnd(), d.skipped(), d.internalDueDate(), d.alertDate(), d.reminders(), d.calendar(),
                    d.projectedCalendar(), d.provisional());
        }

        /** A deadline of a what-if calculation: no state and no days left, which only an incident has. */
        static DeadlineView calculated(Deadline d) {
            return new DeadlineView(d.kind(), null, null, d.dueDate(), d.dueAt(), d.rule(), d.reading(),
                    d.periodEnd(), d.skipped(), d.internalDueDate(), d.alertDate(), d.reminders(), d.calendar(),
                    d.projectedCalendar(), d.provisional());
        }
    }

    @Schema(name = "Incident")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record IncidentResponse(UUID id, String title, IncidentStatus status, String role, String principalName,
                            Instant detectedAt, Instant awarenessAt, String awarenessJustification,
                            String detectingDepartment, boolean euResidents, AssessmentView assessment,
                            String individualNotice, String notReportableRationale, List<DeadlineView> deadlines,
                            @Schema(description = "Present when the deadlines cannot be counted (an incident stored "
                                    + "before awareness was checked against the holiday calendar): why; `deadlines` "
                                    + "is then empty", example = "outside-holiday-calendar")
                            String deadlinesNotCounted,
                            List<Filing> filings, List<String> allowedActions, int transitions,
                            @Schema(description = "Affected persons on record (imported or derived; GET "
                                    + "…/affected-persons); APPI Rule 7(iv) counts the larger of this and the assessed "
                                    + "count", example = "1204") long affectedPersonsOnRecord,
                            Instant createdAt, String createdBy, Instant updatedAt, long version) {

        static IncidentResponse of(Incident i, DeadlineCalculator calculator, Instant now, long affectedPersons) {
            List<DeadlineView> deadlines;
            String notCounted = null;
            try {
                deadlines = i.deadlines(calculator).stream()
                        .map(d -> DeadlineView.of(d, i.filing(d.kind()).isPresent(), now)).toList();
            } catch (JapaneseAdministrativeCalendar.OutsideCalendar e) {
                LOG.warnf("Incident %s: its deadlines cannot be counted, its awareness is outside the holiday "
                        + "calendar; it is shown without them", i.id());
                deadlines = List.of();
                notCounted = NOT_COUNTED_OUTSIDE_CALENDAR;
            }
            List<String> allowed = Arrays.stream(IncidentAction.values())
                    .filter(a -> a.target(i.status()).isPresent())
                    .filter(a -> a != IncidentAction.NOTIFY_EU_AUTHORITY || i.euResidents())
                    .map(IncidentAction::wireName).toList();
            return new IncidentResponse(i.id(), i.title(), i.status(), i.role().name(), i.principalName().orElse(null),
                    i.detectedAt(), i.awarenessAt(), i.awarenessJustification().orElse(null),
                    i.detectingDepartment(), i.euResidents(), AssessmentView.of(i),
                    i.individualNotice().map(Enum::name).orElse(null), i.notReportableRationale().orElse(null),
                    deadlines, notCounted, i.filings(), allowed, i.transitions().size(), affectedPersons, i.createdAt(),
                    i.createdBy(),
                    i.updatedAt(), i.version());
        }
    }

    @Schema(name = "IncidentTransition", description = "One recorded transition with actor, time, reason and the "
            + "incident's snapshot after it")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TransitionResponse(UUID incidentId, int seq, String action, IncidentStatus from, IncidentStatus to,
                              String actor, Instant recordedAt, Instant occurredAt, String reason,
                              Map<String, Object> snapshot) {

        static TransitionResponse of(UUID incidentId, IncidentTransition t) {
            return new TransitionResponse(incidentId, t.seq(), t.action(), t.fromStatus(), t.toStatus(), t.actor(),
                    t.recordedAt(), t.occurredAt(), t.reason().orElse(null), t.snapshot());
        }
    }

    @Schema(name = "BreachDeadline", description = "An open deadline of an incident")
    record DeadlineItem(UUID incidentId, String incidentTitle, IncidentStatus incidentStatus, DeadlineView deadline) {
    }

    @Schema(name = "BreachDeadlineNotCounted", description = "An open incident whose deadlines cannot be counted")
    record NotCountedItem(UUID incidentId, String incidentTitle, IncidentStatus incidentStatus,
                          @Schema(example = "outside-holiday-calendar") String reason) {
    }

    @Schema(name = "BreachDeadlines")
    record DeadlinesResponse(LocalDate asOf, LocalDate until, List<DeadlineItem> items,
                             @Schema(description = "Open incidents whose deadlines cannot be counted (stored before "
                                     + "awareness was checked against the holiday calendar): each needs its awareness "
                                     + "corrected by hand; they never hide the others' deadlines")
                             List<NotCountedItem> notCounted) {
    }

    @Schema(name = "BreachDeadlineCalculation", description = "The deadlines an incident would owe, counted as every "
            + "incident's are (legal dates in Asia/Tokyo, each naming its rule); nothing is stored. The deadlines have "
            + "no `state` or `daysLeft`: those belong to an incident")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DeadlineCalculationResponse(
            @Schema(description = "When the business came to know: every deadline runs from it") Instant awarenessAt,
            @Schema(description = "When the event was detected, as given: never counted from") Instant detectedAt,
            @Schema(description = "The Asia/Tokyo date of awareness: day 0, not counted (Civil Code Art. 140)")
            LocalDate awarenessDate,
            @Schema(description = "false when no category was given: the APPI deadlines are then provisional")
            boolean assessed,
            List<CategoryView> categories,
            @Schema(description = "The final report's period (APPI Rule 8(2)): 60 days with Rule 7(iii), else 30")
            int finalReportDays,
            boolean entrusted,
            boolean euResidents,
            List<DeadlineView> deadlines,
            @Schema(description = "What the deadlines rest on (from awareness; provisional; APPI Rule 9 for an "
                    + "entrusted party; projected holidays), each naming its rule") List<Assessment.Reason> notes,
            @Schema(description = "The version of the national-holiday list in force") String calendar,
            @Schema(description = "The last year the holiday list in force covers; later years are projected")
            int lastOfficialYear,
            @Schema(description = "Whether a due date relies on projected (not yet published) holidays")
            boolean projectedCalendar) {

        static DeadlineCalculationResponse of(DeadlineCalculation c) {
            List<CategoryView> categories = c.assessment() == null ? List.of()
                    : c.assessment().categories().stream().map(CategoryView::of).toList();
            return new DeadlineCalculationResponse(c.awarenessAt(), c.detectedAt(), c.awarenessDate(),
                    c.assessment() != null, categories, c.finalReportDays(), c.entrusted(), c.euResidents(),
                    c.deadlines().stream().map(DeadlineView::calculated).toList(), c.notes(), c.calendar(),
                    c.lastOfficialYear(), c.projectedCalendar());
        }
    }
}
