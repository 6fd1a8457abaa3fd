package dev.kiroku.jointuse.group;

/**
 * The business's own settings around the law's timing words.
 *
 * @param minimumAdvanceNoticeDays how many days before it takes effect a change needing advance notice must be
 *                                 published (the law says "in advance"; the business sets the lead)
 * @param withoutDelayDays         how many days after a change of the responsible party's details its notice counts
 *                                 as overdue (the law says "without delay")
 */
public record ChangePolicy(int minimumAdvanceNoticeDays, int withoutDelayDays) {
}
