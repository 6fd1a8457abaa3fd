package dev.kiroku.breachreporting.incident.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * How much time an unfiled deadline has left, in the buckets monitoring alerts on (docs/metrics.md,
 * {@code kiroku_breach_filings_open}). Counted in Asia/Tokyo legal days from the deadline the {@link DeadlineCalculator}
 * computed (APPI Rule 8(1) 速報: the 3-day target; Rule 8(2) 確報: the 30/60-day due day rolled to a business day;
 * GDPR Art. 33(1): the 72-hour instant) — no second reading of the law here:
 * <ul>
 *   <li>{@link #OVERDUE}: the legal due day has passed (a filing today would be late, as {@link Filing#freeze} counts
 *       it); for the hours-based GDPR deadline, the due instant has passed;</li>
 *   <li>{@link #WITHIN_1_BUSINESS_DAY}: due today, or by the next day administrative organs are open (a Friday's
 *       answer covers the weekend and Monday);</li>
 *   <li>{@link #WITHIN_5_DAYS}: due within the next 5 calendar days;</li>
 *   <li>{@link #LATER}: later than that.</li>
 * </ul>
 */
public enum DueBucket {
    OVERDUE,
    WITHIN_1_BUSINESS_DAY,
    WITHIN_5_DAYS,
    LATER;

    /** Calendar days of {@link #WITHIN_5_DAYS}. */
    public static final int SOON_DAYS = 5;

    /** The label value at {@code /q/metrics}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The bucket of a deadline not yet met, at the instant {@code now}. */
    public static DueBucket of(Deadline deadline, Instant now, JapaneseAdministrativeCalendar calendar) {
        LocalDate today = DeadlineCalculator.legalDate(now);
        LocalDate due = deadline.dueDay();
        boolean overdue = deadline.dueAt() != null ? now.isAfter(deadline.dueAt()) : due.isBefore(today);
        if (overdue) {
            return OVERDUE;
        }
        if (!due.isAfter(calendar.onOrAfter(today.plusDays(1)))) {
            return WITHIN_1_BUSINESS_DAY;
        }
        if (!due.isAfter(today.plusDays(SOON_DAYS))) {
            return WITHIN_5_DAYS;
        }
        return LATER;
    }
}
