package dev.kiroku.breachreporting.incident.rules;

/**
 * One row of the deadline rule table.
 *
 * @param id       stable id of the row
 * @param kind     the filing it governs
 * @param rule     the article, as every computed date cites it, e.g. "APPI Rule 8(2): 30 days"
 * @param amount   days (or hours for {@link Counting#HOURS_FROM_AWARENESS})
 * @param counting how the period is counted
 * @param reading  how the period is read, with its confidence tag ([V], [S], unverified [M])
 */
public record DeadlineRule(String id, DeadlineKind kind, String rule, int amount, Counting counting, String reading) {

    /** How a row counts its period. */
    public enum Counting {
        /** Awareness date + N calendar days, a target from guidance: no roll-forward. */
        CALENDAR_DAYS_TARGET,
        /**
         * Civil Code Art. 140 (first day excluded): awareness date + N; a last day on which administrative organs are
         * closed moves to their next business day.
         */
        DAYS_ROLLED_TO_BUSINESS_DAY,
        /** Awareness instant + N hours, no calendar. */
        HOURS_FROM_AWARENESS
    }
}
