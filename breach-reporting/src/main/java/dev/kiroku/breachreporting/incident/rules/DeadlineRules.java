package dev.kiroku.breachreporting.incident.rules;

import java.util.List;

/**
 * The deadline rule table of breach reporting: every computed date names its row. Day counting follows the working
 * reading of docs/law.md §E4 / open point H1, which is unverified [M] against guideline 3-5-3-4:
 * <ol>
 *   <li>weekends and holidays inside the period count;</li>
 *   <li>Civil Code Art. 140 excludes the first day: the awareness day is day 0, the last day is awareness date + N;</li>
 *   <li>a last day on which administrative organs are closed (weekend, national holiday, Dec 29 – Jan 3) moves to
 *       their next business day (Act on Holidays of Administrative Organs Art. 2);</li>
 *   <li>the internal due date is stricter: awareness date + N − margin (margin 1 by default, i.e. day 1 = awareness
 *       date), moved back to the previous business day.</li>
 * </ol>
 * The awareness date is the Asia/Tokyo date of the moment the business (any department) came to know of the event.
 */
public final class DeadlineRules {

    private static final String DAY_COUNTING = "Awareness day excluded (Civil Code Art. 140): due = awareness date "
            + "+ N; weekends and holidays inside the period count; a due day on which administrative organs are closed "
            + "moves to the next business day (Act on Holidays of Administrative Organs Art. 2). Working reading of "
            + "guideline 3-5-3-4.";
    // verification (docs/law.md "Verification status"): the day counting is [M], open point H1 — not checked against
    // the guideline's wording; the "promptly" reading of PRELIMINARY_* is [S]; FINAL_60 for a mixed case is [M] (H2).

    public static final DeadlineRule PRELIMINARY_TARGET = new DeadlineRule("preliminary-target",
            DeadlineKind.PRELIMINARY, "APPI Rule 8(1): promptly (速報, target 3 days)", 3,
            DeadlineRule.Counting.CALENDAR_DAYS_TARGET,
            "\"Promptly\" (速やかに) is not a fixed period; guideline 3-5-3-3 expects about 3–5 days from knowing. "
                    + "Target = awareness date + 3 calendar days, no roll-forward.");
    public static final DeadlineRule PRELIMINARY_ALERT = new DeadlineRule("preliminary-alert",
            DeadlineKind.PRELIMINARY, "APPI Rule 8(1); guideline 3-5-3-3: about 3–5 days (速報 hard alert at 5 days)",
            5, DeadlineRule.Counting.CALENDAR_DAYS_TARGET,
            "The outer end of the guideline's 3–5 days: past it the preliminary report is treated as late.");
    public static final DeadlineRule FINAL_30 = new DeadlineRule("final-30", DeadlineKind.FINAL,
            "APPI Rule 8(2): 30 days", Rule7.FINAL_DAYS, DeadlineRule.Counting.DAYS_ROLLED_TO_BUSINESS_DAY,
            DAY_COUNTING);
    public static final DeadlineRule FINAL_60 = new DeadlineRule("final-60", DeadlineKind.FINAL,
            "APPI Rule 8(2): 60 days for Rule 7(iii)", Rule7.FINAL_DAYS_WRONGFUL_PURPOSE,
            DeadlineRule.Counting.DAYS_ROLLED_TO_BUSINESS_DAY, DAY_COUNTING
                    + " 60 days for the whole report when (iii) meets another category (the conservative reading).");
    public static final DeadlineRule GDPR_72H = new DeadlineRule("gdpr-72h", DeadlineKind.GDPR_SUPERVISORY,
            "GDPR Art. 33(1): 72 hours", 72, DeadlineRule.Counting.HOURS_FROM_AWARENESS,
            "Without undue delay and, where feasible, not later than 72 hours after becoming aware; a later "
                    + "notification carries the reasons for the delay. Counted from the awareness instant, no calendar.");

    /** Reminders before a legal due date, in days (docs/law.md §E4: alert at T-7 and T-2). */
    public static final List<Integer> REMINDER_DAYS_BEFORE = List.of(7, 2);

    private DeadlineRules() {
    }

    public static List<DeadlineRule> all() {
        return List.of(PRELIMINARY_TARGET, PRELIMINARY_ALERT, FINAL_30, FINAL_60, GDPR_72H);
    }

    /** The final-report row an assessment selects: 60 days when category (iii) applies. */
    public static DeadlineRule finalRuleFor(Assessment assessment) {
        return assessment != null && assessment.has(Rule7Category.WRONGFUL_PURPOSE) ? FINAL_60 : FINAL_30;
    }
}
