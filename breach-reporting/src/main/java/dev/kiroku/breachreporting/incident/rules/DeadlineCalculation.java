package dev.kiroku.breachreporting.incident.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A what-if calculation: the deadlines an incident would owe had the business come to know of it at a given instant,
 * with given Rule 7 categories. It counts exactly as an incident's deadlines are counted ({@link DeadlineCalculator}
 * with the rule table {@link DeadlineRules} and the administrative-holiday calendar in force) and records nothing. Any
 * instant the calendar covers is allowed, past or future.
 *
 * @param awarenessAt       when the business came to know: the anchor of every deadline
 * @param detectedAt        when the event was detected, if given: shown, never counted from
 * @param awarenessDate     the Asia/Tokyo date of awareness (day 0)
 * @param assessment        the assessment of the categories given ({@link Rule7#ofCategories}), or {@code null} when
 *                          none was given: the incident is then treated as not yet assessed
 * @param finalReportDays   the final report's period in days: 60 with Rule 7(iii), else 30 (provisionally 30)
 * @param entrusted         the business handles the data for a principal (APPI Rule 9)
 * @param euResidents       the data includes EU residents (GDPR Art. 33(1))
 * @param deadlines         every deadline, each naming its rule
 * @param notes             what the deadlines rest on, each naming its rule
 * @param calendar          the version of the holiday list in force
 * @param lastOfficialYear  the last year the holiday list in force covers; later years are projected
 * @param projectedCalendar whether a due date relies on projected holidays
 */
public record DeadlineCalculation(Instant awarenessAt, Instant detectedAt, LocalDate awarenessDate,
                                  Assessment assessment, int finalReportDays, boolean entrusted, boolean euResidents,
                                  List<Deadline> deadlines, List<Assessment.Reason> notes, String calendar,
                                  int lastOfficialYear, boolean projectedCalendar) {

    static final String FROM_AWARENESS = "APPI Rule 8(1),(2): from the day the business came to know (知った日)";
    static final String NOT_ASSESSED = "APPI Art. 26(1); Rule 7; Rule 8(1),(2)";
    static final String ENTRUSTED = "APPI Art. 26(1) proviso, 26(2); Rule 9"; // verification [M]: docs/law.md
    static final String PROJECTED = "Act on National Holidays (国民の祝日に関する法律) Art. 2, 3; "
            + JapaneseAdministrativeCalendar.LAW;

    public DeadlineCalculation {
        deadlines = List.copyOf(deadlines);
        notes = List.copyOf(notes);
    }

    /**
     * Calculates the deadlines.
     *
     * @param categories the Rule 7 categories found; empty for an incident not yet assessed (provisional deadlines)
     * @throws JapaneseAdministrativeCalendar.OutsideCalendar when awareness, or a day a deadline is rolled over, is
     *                                                        outside the calendar (before its first year, after 2099)
     */
    public static DeadlineCalculation of(DeadlineCalculator calculator, Instant awarenessAt, Instant detectedAt,
            Collection<Rule7Category> categories, boolean entrusted, boolean euResidents) {
        JapaneseAdministrativeCalendar calendar = calculator.calendar();
        Instant from = calendar.coveredFrom().atStartOfDay(DeadlineCalculator.LEGAL_ZONE).toInstant();
        Instant until = calendar.coveredUntil().plusDays(1).atStartOfDay(DeadlineCalculator.LEGAL_ZONE).toInstant();
        if (awarenessAt.isBefore(from) || !awarenessAt.isBefore(until)) {
            throw new JapaneseAdministrativeCalendar.OutsideCalendar("awareness at " + awarenessAt + " is outside the "
                    + "holiday calendar, which covers " + calendar.coveredFrom() + ".." + calendar.coveredUntil()
                    + " (Asia/Tokyo)");
        }
        LocalDate awareness = DeadlineCalculator.legalDate(awarenessAt);
        Assessment assessment = categories.isEmpty() ? null : Rule7.ofCategories(categories);
        List<Deadline> deadlines = calculator.deadlines(awarenessAt, assessment, euResidents);
        boolean projected = deadlines.stream().anyMatch(Deadline::projectedCalendar);

        List<Assessment.Reason> notes = new ArrayList<>();
        notes.add(new Assessment.Reason("from-awareness", FROM_AWARENESS, "Every APPI deadline runs from "
                + "awareness, not from detection: the awareness day (" + awareness + ", Asia/Tokyo) is day 0 and is "
                + "not counted (Civil Code Art. 140)" + (euResidents ? "; GDPR Art. 33(1) counts 72 hours from the "
                + "awareness instant" : "") + "."
                + (detectedAt != null && !detectedAt.equals(awarenessAt) ? " Detection (" + detectedAt + ") is shown "
                + "for reference only; an incident recorded with awareness apart from detection needs a written "
                + "justification." : "")));
        if (assessment == null) {
            notes.add(new Assessment.Reason("not-assessed", NOT_ASSESSED, "No Rule 7 category given: treated as an "
                    + "incident not yet assessed. The clock runs from awareness whatever the assessment will find, so "
                    + "the preliminary report and a 30-day final report are shown as provisional; an assessment that "
                    + "finds no category owes no APPI filing, one that finds (iii) moves the final report to 60 days."));
        }
        if (entrusted) {
            notes.add(new Assessment.Reason("entrusted", ENTRUSTED, "An entrusted party (委託先) that promptly "
                    + "notifies its principal (委託元) of the items of Rule 8(1) it knows at that time is released from "
                    + "reporting to the PPC (Art. 26(1) proviso) and from notifying the persons (Art. 26(2)); the "
                    + "principal then owes the reports. The APPI deadlines listed apply if it does not use the release "
                    + "and reports itself." + (euResidents ? " The release is the APPI's only: the GDPR deadline is "
                    + "shown as for any incident touching EU residents (a processor under the GDPR notifies its "
                    + "controller without undue delay, GDPR Art. 33(2))." : "")));
        }
        if (projected) {
            notes.add(new Assessment.Reason("projected-calendar", PROJECTED, "A due date relies on national holidays "
                    + "projected from the Act on National Holidays for a year the Cabinet Office has not yet published "
                    + "(the list in force ends in " + calendar.lastOfficialYear() + "): it may move when the official "
                    + "list is published (each February)."));
        }
        return new DeadlineCalculation(awarenessAt, detectedAt, awareness, assessment,
                DeadlineRules.finalRuleFor(assessment).amount(), entrusted, euResidents, deadlines, notes,
                calendar.version(), calendar.lastOfficialYear(), projected);
    }
}
