package dev.kiroku.breachreporting.reminder;

import dev.kiroku.breachreporting.incident.rules.Deadline;
import dev.kiroku.breachreporting.incident.rules.JapaneseAdministrativeCalendar;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a day's reminder digest lists, from deadlines the {@code DeadlineCalculator} computed (no second reading of the
 * law here: the due dates, internal due dates, alert day and reminder days are the calculator's).
 *
 * <p>A digest goes out on each Japanese administrative business day only. So that a reminder, alert or due day that
 * falls on a weekend, a national holiday or the year-end closure (Dec 29 – Jan 3) is not lost, a business day's digest
 * covers its <em>window</em>: the day itself and the closed days up to the next business day. The windows of
 * consecutive business days follow each other without gap or overlap, so every such day is announced exactly once,
 * ahead of time. An unfiled deadline is listed when, in the window,
 * <ul>
 *   <li>its 速報 alert day falls (awareness date + 5, guideline 3-5-3-3) — {@link ReminderState#ALERT};</li>
 *   <li>or, if not, its legal due day has already passed — {@link ReminderState#OVERDUE}, every business day until
 *       it is filed;</li>
 *   <li>or its legal due day falls — {@link ReminderState#DUE};</li>
 *   <li>or its internal due date falls — {@link ReminderState#INTERNAL_DUE};</li>
 *   <li>or one of its reminder days (T-7, T-2 before the legal due date) falls — {@link ReminderState#REMINDER}.</li>
 * </ul>
 */
public final class ReminderSelection {

    /** A deadline an incident still owes, as the selection sees it. */
    public record Candidate(UUID incidentId, String incidentTitle, Deadline deadline) {
    }

    private static final Comparator<DueReminder> URGENCY = Comparator.comparing(DueReminder::state)
            .thenComparing(DueReminder::dueDate)
            .thenComparing(DueReminder::incidentId)
            .thenComparing(DueReminder::kind);

    private final JapaneseAdministrativeCalendar calendar;

    public ReminderSelection(JapaneseAdministrativeCalendar calendar) {
        this.calendar = calendar;
    }

    /** Whether a digest goes out on the day: administrative organs are open. */
    public boolean isDigestDay(LocalDate day) {
        return calendar.isBusinessDay(day);
    }

    /** The first day after a digest day's window: the next business day. */
    public LocalDate windowEnd(LocalDate day) {
        return calendar.onOrAfter(day.plusDays(1));
    }

    /** The deadlines a digest on the day lists, most urgent first; none on a closed day (no digest goes out). */
    public List<DueReminder> select(LocalDate day, Collection<Candidate> candidates) {
        if (!isDigestDay(day)) {
            return List.of();
        }
        return candidates.stream().map(c -> select(day, c)).flatMap(Optional::stream).sorted(URGENCY).toList();
    }

    /** Whether a digest on the (business) day lists the deadline, and why. */
    public Optional<DueReminder> select(LocalDate day, Candidate candidate) {
        LocalDate end = windowEnd(day);
        Deadline d = candidate.deadline();
        LocalDate due = d.dueDay();
        int overdue = due.isBefore(day) ? (int) ChronoUnit.DAYS.between(due, day) : 0;
        if (inWindow(d.alertDate(), day, end)) {
            return Optional.of(line(candidate, ReminderState.ALERT, d.alertDate(), overdue, 0));
        }
        if (overdue > 0) {
            return Optional.of(line(candidate, ReminderState.OVERDUE, day, overdue, 0));
        }
        if (inWindow(due, day, end)) {
            return Optional.of(line(candidate, ReminderState.DUE, due, 0, 0));
        }
        if (inWindow(d.internalDueDate(), day, end)) {
            return Optional.of(line(candidate, ReminderState.INTERNAL_DUE, d.internalDueDate(), 0, 0));
        }
        return d.reminders().stream().filter(r -> inWindow(r, day, end)).findFirst()
                .map(r -> line(candidate, ReminderState.REMINDER, r, 0, (int) ChronoUnit.DAYS.between(r, due)));
    }

    private static boolean inWindow(LocalDate date, LocalDate start, LocalDate end) {
        return date != null && !date.isBefore(start) && date.isBefore(end);
    }

    private static DueReminder line(Candidate c, ReminderState state, LocalDate stateDate, int overdue, int before) {
        Deadline d = c.deadline();
        return new DueReminder(c.incidentId(), c.incidentTitle(), d.kind(), d.rule(), d.dueDay(), d.dueAt(),
                d.internalDueDate(), d.provisional(), state, stateDate, overdue, before);
    }
}
