package dev.kiroku.breachreporting.incident.rules;

import java.util.List;
import java.util.Set;

/**
 * The result of assessing an event under APPI Rule 7: reportable or not, the categories that apply, and every reason
 * (each naming the rule that produced it), with the final-report period that follows.
 *
 * @param facts            what the assessment rests on; {@code null} for an assessment of given categories
 *                         ({@link Rule7#ofCategories}, what-if calculations only)
 * @param reportable       whether Art. 26(1) requires reports to the PPC (and notices to persons)
 * @param categories       the Rule 7 categories that apply, in rule order
 * @param reasons          why, one line per rule applied
 * @param finalReportDays  30, or 60 when category (iii) applies; {@code null} when not reportable
 * @param rulesVersion     the rule text applied
 */
public record Assessment(AssessmentFacts facts, boolean reportable, List<Rule7Category> categories,
                         List<Reason> reasons, Integer finalReportDays, String rulesVersion) {

    /** One applied rule: a stable code, the article, and what it decided. */
    public record Reason(String code, String article, String message) {
    }

    public Assessment {
        categories = List.copyOf(categories);
        reasons = List.copyOf(reasons);
    }

    public boolean has(Rule7Category category) {
        return categories.contains(category);
    }

    /** A re-assessment that keeps every category of this one and stays reportable is an upgrade (or the same). */
    public boolean isUpgradedBy(Assessment next) {
        return next.reportable() && Set.copyOf(next.categories()).containsAll(categories);
    }
}
