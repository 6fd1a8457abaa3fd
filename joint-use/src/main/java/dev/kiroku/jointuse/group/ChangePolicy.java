package dev.kiroku.jointuse.group;

/**
 * The business's own settings around the law's timing words.
 *
 * @param minimumAdvanceNoticeDays how many days before it takes effect a change needing advance notice must be
 *                                 published. The Act (Art. 27(6)) says only "in advance" (あらかじめ) and sets no
 *                                 minimum: {@value #ACT_MINIMUM_ADVANCE_NOTICE_DAYS} day (any day after the notice) is
 *                                 the Act; a longer lead is the business's own policy, and refusals say so
 * @param withoutDelayDays         how many days after a change of the responsible party's details its notice counts
 *                                 as overdue (the law says "without delay")
 */
public record ChangePolicy(int minimumAdvanceNoticeDays, int withoutDelayDays) {

    /** Art. 27(6) "in advance": the change takes effect the day after its notice at the earliest. */
    public static final int ACT_MINIMUM_ADVANCE_NOTICE_DAYS = 1;
    /** The configuration a business sets for a longer lead. */
    public static final String SETTING = "KIROKU_JOINT_USE_MINIMUM_ADVANCE_NOTICE_DAYS";

    public ChangePolicy {
        if (minimumAdvanceNoticeDays < ACT_MINIMUM_ADVANCE_NOTICE_DAYS) {
            throw new IllegalArgumentException("a change needing advance notice takes effect after its notice");
        }
    }

    /** Whether the business asks for more lead than the Act. */
    public boolean longerThanTheAct() {
        return minimumAdvanceNoticeDays > ACT_MINIMUM_ADVANCE_NOTICE_DAYS;
    }

    /** What a refusal for lack of lead cites when the Act is met but the business's policy is not. */
    public String source() {
        return "Business policy (" + SETTING + "=" + minimumAdvanceNoticeDays + "), stricter than APPI Art. 27(6), "
                + "which asks only for notice in advance";
    }
}
