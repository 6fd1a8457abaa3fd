package dev.kiroku.breachreporting.reminder;

import dev.kiroku.breachreporting.incident.rules.DeadlineKind;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A deadline a sent digest covered, as the digest's record keeps it: ids, dates and states only (no title, no personal
 * data).
 */
public record CoveredDeadline(UUID incidentId, DeadlineKind kind, ReminderState state, LocalDate dueDate,
                              LocalDate stateDate, int daysOverdue) {

    public static CoveredDeadline of(DueReminder r) {
        return new CoveredDeadline(r.incidentId(), r.kind(), r.state(), r.dueDate(), r.stateDate(), r.daysOverdue());
    }
}
