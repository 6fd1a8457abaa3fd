package dev.kiroku.breachreporting.incident.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A computed deadline. Legal dates are Asia/Tokyo dates; each names the rule that made it.
 *
 * @param kind          the filing
 * @param rule          the rule row's article text
 * @param reading       how the period was counted
 * @param dueDate       the legal due date (for the preliminary report: the 3-day target), or {@code null} for an
 *                      hours-based deadline
 * @param dueAt         the due instant of an hours-based deadline (GDPR), else {@code null}
 * @param periodEnd     awareness date + N before any roll-forward ({@code null} for hours)
 * @param skipped       why each day between {@code periodEnd} and {@code dueDate} was skipped
 * @param internalDueDate the stricter internal date staff work to
 * @param alertDate     the preliminary report's hard alert day (5 days), else {@code null}
 * @param reminders     reminder days before the legal due date
 * @param calendar      the holiday calendar version the roll-forward used, or {@code null}
 * @param projectedCalendar whether the roll-forward relied on projected (not yet published) holidays
 * @param provisional   computed before any assessment: the incident may not be reportable
 */
public record Deadline(DeadlineKind kind, String rule, String reading, LocalDate dueDate, Instant dueAt,
                       LocalDate periodEnd, List<String> skipped, LocalDate internalDueDate, LocalDate alertDate,
                       List<LocalDate> reminders, String calendar, boolean projectedCalendar, boolean provisional) {

    public Deadline {
        skipped = List.copyOf(skipped);
        reminders = List.copyOf(reminders);
    }

    /** The legal due day (Asia/Tokyo): the due date, or the day of the due instant of an hours-based deadline. */
    public LocalDate dueDay() {
        return dueDate != null ? dueDate : DeadlineCalculator.legalDate(dueAt);
    }
}
