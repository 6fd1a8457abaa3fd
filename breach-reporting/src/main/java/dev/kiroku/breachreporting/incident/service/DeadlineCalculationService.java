package dev.kiroku.breachreporting.incident.service;

import dev.kiroku.breachreporting.incident.rules.DeadlineCalculation;
import dev.kiroku.breachreporting.incident.rules.DeadlineCalculator;
import dev.kiroku.breachreporting.incident.rules.JapaneseAdministrativeCalendar;
import dev.kiroku.breachreporting.incident.rules.Rule7Category;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Instant;
import java.util.Collection;

/**
 * What-if deadline calculations: the deadlines an incident would owe, counted by the same calculator as every
 * incident's. Nothing is stored and nothing enters the audit chain (no incident, no personal data).
 */
@ApplicationScoped
public class DeadlineCalculationService {

    public static final URI OUTSIDE_CALENDAR = ProblemType.of("outside-holiday-calendar");

    private final DeadlineCalculator calculator;

    public DeadlineCalculationService(DeadlineCalculator calculator) {
        this.calculator = calculator;
    }

    /**
     * The deadlines for an awareness instant and the Rule 7 categories found (none: not yet assessed). An awareness,
     * or a due date, outside the holiday calendar is refused (422).
     */
    public DeadlineCalculation calculate(Instant awarenessAt, Instant detectedAt, Collection<Rule7Category> categories,
            boolean entrusted, boolean euResidents) {
        try {
            return DeadlineCalculation.of(calculator, awarenessAt, detectedAt, categories, entrusted, euResidents);
        } catch (JapaneseAdministrativeCalendar.OutsideCalendar e) {
            throw outsideCalendar(calculator.calendar(), "awarenessAt");
        }
    }

    /**
     * The 422 for an instant whose deadlines the holiday calendar cannot count: names the field and the calendar's
     * range, never the value sent.
     */
    public static ProblemException outsideCalendar(JapaneseAdministrativeCalendar calendar, String field) {
        return ProblemException.unprocessable(OUTSIDE_CALENDAR, "Outside the holiday calendar",
                        "The deadlines cannot be counted: the administrative-holiday calendar covers "
                                + calendar.coveredFrom() + ".." + calendar.coveredUntil() + " (the Cabinet Office list "
                                + "to " + calendar.lastOfficialYear() + ", projected from the Act on National Holidays "
                                + "after it)")
                .withViolation(new Problem.Violation(field, "body", "must be an instant whose deadlines fall within "
                        + "the holiday calendar, " + calendar.coveredFrom() + ".." + calendar.coveredUntil()
                        + " (Asia/Tokyo)", JapaneseAdministrativeCalendar.LAW));
    }
}
