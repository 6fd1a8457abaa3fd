package dev.kiroku.breachreporting.incident.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * A filing's lateness, frozen when it is first filed: later re-assessments, supplements or calendar updates never
 * change it.
 *
 * @param kind      the filing
 * @param filedAt   when it was filed
 * @param rule      the rule row in force at the filing
 * @param dueDate   the legal due date then in force (Asia/Tokyo), or {@code null} for an hours-based deadline
 * @param dueAt     the due instant of an hours-based deadline, else {@code null}
 * @param late      whether it was filed after the due date (or instant)
 * @param daysLate  legal days after the due date (0 when on time)
 * @param hoursLate whole hours after the due instant of an hours-based deadline (0 otherwise)
 */
public record Filing(DeadlineKind kind, Instant filedAt, String rule, LocalDate dueDate, Instant dueAt, boolean late,
                     long daysLate, long hoursLate) {

    /** Freezes the lateness of a filing against the deadline in force when it is first filed. */
    public static Filing freeze(Deadline deadline, Instant filedAt, ZoneId legalZone) {
        if (deadline.dueAt() != null) {
            long hours = Math.max(0, Duration.between(deadline.dueAt(), filedAt).toHours());
            return new Filing(deadline.kind(), filedAt, deadline.rule(), null, deadline.dueAt(),
                    filedAt.isAfter(deadline.dueAt()), 0, hours);
        }
        LocalDate filedOn = LocalDate.ofInstant(filedAt, legalZone);
        long days = Math.max(0, ChronoUnit.DAYS.between(deadline.dueDate(), filedOn));
        return new Filing(deadline.kind(), filedAt, deadline.rule(), deadline.dueDate(), null, days > 0, days, 0);
    }
}
