package dev.kiroku.breachreporting.incident.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * APPI Enforcement Rule 7 as rule data: which events are reportable (報告対象事態). Text in force from 2024-04-01
 * ([V] S4), which extended category (iii) to personal information the business is trying to acquire; events the
 * business came to know of before that day are judged by the earlier text, where (iii) covered only data it held.
 */
public final class Rule7 {

    public static final String VERSION = "APPI Enforcement Rules Art. 7, as amended in force 2024-04-01";
    /** The day the 2024 amendment (web skimming: data being acquired) took effect. */
    public static final LocalDate ACQUISITION_EXTENSION_FROM = LocalDate.of(2024, 4, 1);
    /** Category (iv): more than this many persons. */
    public static final long PERSONS_THRESHOLD = 1000;
    public static final int FINAL_DAYS = 30;
    public static final int FINAL_DAYS_WRONGFUL_PURPOSE = 60;

    private Rule7() {
    }

    /**
     * The number of persons an assessment under (iv) counts: the larger of the count the business declared and the
     * persons it has on record as affected (imported or derived). Persons, not records; "may have" counts (docs/law.md
     * §E2). A declaration never lowers the count below the persons on record, and persons on record never lower a
     * larger declaration (an estimate of persons not yet identified).
     */
    public static long knownPersons(long declared, long onRecord) {
        return Math.max(declared, onRecord);
    }

    /** Assesses the facts of an event the business came to know of on {@code awarenessDate} (Asia/Tokyo). */
    public static Assessment assess(AssessmentFacts facts, LocalDate awarenessDate) {
        List<Assessment.Reason> reasons = new ArrayList<>();
        if (facts.occurrence() == AssessmentFacts.Occurrence.RULED_OUT) {
            reasons.add(new Assessment.Reason("ruled-out", "APPI Art. 26(1); guideline 3-5-1", // verification [S]: docs/law.md
                    
                    "No leak, loss or damage occurred or may have occurred (e.g. every copy recovered before anyone "
                            + "saw it): no reportable event."));
            return new Assessment(facts, false, List.of(), reasons, null, VERSION);
        }
        if (facts.occurrence() == AssessmentFacts.Occurrence.MAY_HAVE_OCCURRED) {
            reasons.add(new Assessment.Reason("may-have-occurred", "APPI Art. 26(1); Rule 7 (発生したおそれ)",
                    "An event that may have occurred is assessed as if it occurred."));
        }
        boolean held = facts.dataScope() != AssessmentFacts.DataScope.BEING_ACQUIRED;
        boolean acquisitionCovered = !awarenessDate.isBefore(ACQUISITION_EXTENSION_FROM);
        Set<Rule7Category> found = EnumSet.noneOf(Rule7Category.class);

        if (facts.specialCareData()) {
            considerHeldOnly(Rule7Category.SPECIAL_CARE, held, found, reasons);
        }
        if (facts.financialDamageRisk()) {
            considerHeldOnly(Rule7Category.FINANCIAL_DAMAGE, held, found, reasons);
        }
        if (facts.wrongfulPurpose()) {
            Rule7Category c = Rule7Category.WRONGFUL_PURPOSE;
            if (held) {
                found.add(c);
                reasons.add(new Assessment.Reason("category-iii", c.article(), c.description()));
            } else if (acquisitionCovered) {
                found.add(c);
                reasons.add(new Assessment.Reason("category-iii-acquisition", c.article() + " (as amended 2024-04-01)",
                        "Personal information the business is trying to acquire (e.g. skimmed from an input form) "
                                + "falls under (iii) since 2024-04-01."));
            } else {
                reasons.add(new Assessment.Reason("category-iii-before-2024", c.article() + " (text before 2024-04-01)",
                        "The business came to know of the event before 2024-04-01, when (iii) covered only data it "
                                + "held: data it was trying to acquire does not count."));
            }
        }
        if (facts.affectedPersons() > PERSONS_THRESHOLD) {
            considerHeldOnly(Rule7Category.OVER_THRESHOLD_PERSONS, held, found, reasons);
        }

        if (!found.isEmpty() && facts.highLevelEncryption()) {
            if (facts.decryptionKeyCompromised()) {
                reasons.add(new Assessment.Reason("encryption-key-compromised", "APPI Rule 7 (parenthetical)",
                        "The data was encrypted but the key was or may have been leaked too: the encryption "
                                + "exclusion does not apply."));
            } else {
                reasons.add(new Assessment.Reason("encryption-excludes", "APPI Rule 7 (parenthetical: 高度な暗号化その他の"
                        + "個人の権利利益を保護するために必要な措置を講じたもの)",
                        "Data protected by high-level encryption is excluded from every category: "
                                + found.stream().map(Rule7Category::number).toList() + " no longer apply."));
                found.clear();
            }
        }
        boolean reportable = !found.isEmpty();
        Integer finalDays = null;
        if (reportable) {
            finalDays = finalReportDays(found);
            reasons.add(reportableReason(finalDays));
        } else {
            reasons.add(new Assessment.Reason("not-reportable", "APPI Art. 26(1); Rule 7",
                    "No category of Rule 7 applies: not reportable. Closing the incident needs a breach manager's "
                            + "recorded decision with a rationale."));
        }
        return new Assessment(facts, reportable, List.copyOf(found), reasons, finalDays, VERSION);
    }

    /** The final-report period (APPI Rule 8(2)) when these categories apply: 60 days with (iii), else 30. */
    public static int finalReportDays(Collection<Rule7Category> categories) {
        return categories.contains(Rule7Category.WRONGFUL_PURPOSE) ? FINAL_DAYS_WRONGFUL_PURPOSE : FINAL_DAYS;
    }

    /**
     * The assessment that finds exactly the given categories, as {@link #assess} would conclude from facts that
     * establish them: reportable, the categories in rule order, one reason per category, and the final-report period
     * of {@link #finalReportDays}. It rests on no facts ({@code facts} is {@code null}): for what-if deadline
     * calculations, never recorded on an incident.
     */
    public static Assessment ofCategories(Collection<Rule7Category> categories) {
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("an assessment of given categories needs at least one");
        }
        Set<Rule7Category> found = EnumSet.copyOf(categories);
        List<Assessment.Reason> reasons = new ArrayList<>();
        for (Rule7Category c : found) {
            reasons.add(new Assessment.Reason("category-" + roman(c), c.article(), c.description()));
        }
        int finalDays = finalReportDays(found);
        reasons.add(reportableReason(finalDays));
        return new Assessment(null, true, List.copyOf(found), reasons, finalDays, VERSION);
    }

    private static Assessment.Reason reportableReason(int finalDays) {
        return new Assessment.Reason("reportable", "APPI Art. 26(1); Rule 8(1),(2)",
                "Reportable: a preliminary report promptly and a final report within " + finalDays + " days"
                        + (finalDays == FINAL_DAYS_WRONGFUL_PURPOSE
                        ? " (category (iii); 60 days for the whole report when (iii) meets another category, "
                                + "the conservative reading)" : "") + "."); // verification [M] (H2): docs/law.md
    }

    private static void considerHeldOnly(Rule7Category c, boolean held, Set<Rule7Category> found,
            List<Assessment.Reason> reasons) {
        if (held) {
            found.add(c);
            reasons.add(new Assessment.Reason("category-" + roman(c), c.article(), c.description()));
        } else {
            reasons.add(new Assessment.Reason("category-" + roman(c) + "-acquisition", c.article(),
                    "Only data the business holds counts for " + c.number() + "; the 2024 extension to data being "
                            + "acquired applies to (iii) only."));
        }
    }

    private static String roman(Rule7Category c) {
        return c.number().replace("(", "").replace(")", "");
    }
}
