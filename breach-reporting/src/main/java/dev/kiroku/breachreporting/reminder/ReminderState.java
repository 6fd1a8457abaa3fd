package dev.kiroku.breachreporting.reminder;

/** Why a deadline is in a day's digest, most urgent first (a deadline is listed once, under its most urgent state). */
public enum ReminderState {
    /** The 速報's hard alert: the outer end of guideline 3-5-3-3's "about 3–5 days" (awareness date + 5). */
    ALERT,
    /** The legal due day has passed. */
    OVERDUE,
    /** The legal due day is today, or a closed day before the next business day. */
    DUE,
    /** The internal due date (legal period − the internal margin, moved back to a business day) is in the window. */
    INTERNAL_DUE,
    /** A reminder day before the legal due date (T-7, T-2) is in the window. */
    REMINDER
}
