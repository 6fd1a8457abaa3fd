package dev.kiroku.breachreporting.reminder;

import dev.kiroku.breachreporting.incident.rules.DeadlineKind;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One unfiled deadline a day's digest lists. Dates are Asia/Tokyo dates; the deadline's own rule names how its due
 * date was computed (the digest never computes a deadline itself).
 *
 * @param incidentId      the incident
 * @param incidentTitle   its title (business text, never personal data)
 * @param kind            the filing owed
 * @param rule            the rule that produced the legal due date, e.g. "APPI Rule 8(2): 30 days"
 * @param dueDate         the legal due day
 * @param dueAt           the due instant of an hours-based deadline (GDPR Art. 33), else {@code null}
 * @param internalDueDate the internal due date, {@code null} for an hours-based deadline
 * @param provisional     computed before any assessment
 * @param state           why it is listed
 * @param stateDate       the day that put it in the digest: the alert, due, internal due or reminder day, or the
 *                        digest's day for an overdue deadline
 * @param daysOverdue     days past the legal due day (0 when not overdue)
 * @param daysBefore      for a reminder, how many days before the legal due date it falls (7 or 2), else 0
 */
public record DueReminder(UUID incidentId, String incidentTitle, DeadlineKind kind, String rule, LocalDate dueDate,
                          Instant dueAt, LocalDate internalDueDate, boolean provisional, ReminderState state,
                          LocalDate stateDate, int daysOverdue, int daysBefore) {
}
