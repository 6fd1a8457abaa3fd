package dev.kiroku.breachreporting.incident.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every row of the deadline rule table, with the article it cites; day counting per docs/law.md §E4 / H1. */
class DeadlineRulesTest {

    static final DeadlineCalculator CALCULATOR = new DeadlineCalculator(JapaneseAdministrativeCalendar.load(), 1);

    static Instant tokyo(String dateTime) {
        return OffsetDateTime.parse(dateTime + "+09:00").toInstant();
    }

    static Assessment assessed(boolean wrongfulPurpose, long persons, LocalDate awareness) {
        return Rule7.assess(new AssessmentFacts(AssessmentFacts.Occurrence.OCCURRED, Set.of(AssessmentFacts.EventKind.LEAK),
                false, false, wrongfulPurpose, AssessmentFacts.DataScope.HELD, persons, false, false, null), awareness);
    }

    static Deadline finalOf(List<Deadline> deadlines) {
        return deadlines.stream().filter(d -> d.kind() == DeadlineKind.FINAL).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "preliminary-target | APPI Rule 8(1): promptly (速報, target 3 days)                               | 3",
            "preliminary-alert  | APPI Rule 8(1); guideline 3-5-3-3: about 3–5 days (速報 hard alert at 5 days) | 5",
            "final-30           | APPI Rule 8(2): 30 days                                                    | 30",
            "final-60           | APPI Rule 8(2): 60 days for Rule 7(iii)                                    | 60",
            "gdpr-72h           | GDPR Art. 33(1): 72 hours                                                  | 72"})
    @DisplayName("Each row of the rule table cites its article")
    void eachRowCitesItsArticle(String id, String rule, int amount) {
        DeadlineRule row = DeadlineRules.all().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        assertThat(row.rule()).isEqualTo(rule);
        assertThat(row.amount()).isEqualTo(amount);
        assertThat(row.reading()).isNotBlank();
    }

    @Test
    @DisplayName("APPI Rule 8(1), guideline 3-5-3-3 [S]: 速報 target is awareness + 3 days, hard alert at + 5, no roll-forward")
    void thePreliminaryTargetIsThreeCalendarDaysWithAnAlertAtFive() {
        Deadline preliminary = CALCULATOR.preliminary(tokyo("2026-11-20T23:30:00"), false);
        assertThat(preliminary.dueDate()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(preliminary.alertDate()).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(preliminary.rule()).isEqualTo("APPI Rule 8(1): promptly (速報, target 3 days)");
    }

    @Test
    @DisplayName("APPI Rule 8(2): 30 days from the awareness day, the first day excluded (Civil Code Art. 140) — unverified [M]")
    void theFinalReportIsDueThirtyDaysAfterTheAwarenessDay() {
        Deadline due = finalOf(CALCULATOR.deadlines(tokyo("2026-06-01T09:00:00"), assessed(false, 1500,
                LocalDate.of(2026, 6, 1)), false));
        assertThat(due.dueDate()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(due.skipped()).isEmpty();
        assertThat(due.rule()).isEqualTo("APPI Rule 8(2): 30 days");
        assertThat(due.internalDueDate()).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(due.reminders()).containsExactly(LocalDate.of(2026, 6, 24), LocalDate.of(2026, 6, 29));
    }

    @Test
    @DisplayName("The awareness day is the Tokyo date: 23:30 UTC on May 31 is June 1 in Japan")
    void theAwarenessDayIsTheTokyoDate() {
        Deadline due = finalOf(CALCULATOR.deadlines(Instant.parse("2026-05-31T23:30:00Z"), assessed(false, 1500,
                LocalDate.of(2026, 6, 1)), false));
        assertThat(due.dueDate()).isEqualTo(LocalDate.of(2026, 7, 1));
    }

    @Test
    @DisplayName("Act on Holidays of Administrative Organs Art. 2: a due day on a national holiday rolls to the next business day — unverified [M]")
    void aDueDayOnANationalHolidayRollsForward() {
        // 2026-10-24 + 30 = Mon 2026-11-23 (勤労感謝の日) → Tue 11-24; internal +29 = Sun 11-22 → back to Fri 11-20
        Deadline due = finalOf(CALCULATOR.deadlines(tokyo("2026-10-24T10:00:00"), assessed(false, 1500,
                LocalDate.of(2026, 10, 24)), false));
        assertThat(due.periodEnd()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(due.dueDate()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(due.skipped()).singleElement().asString().contains("勤労感謝の日");
        assertThat(due.internalDueDate()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(due.calendar()).isEqualTo(JapaneseAdministrativeCalendar.SOURCE_VERSION);
        assertThat(due.projectedCalendar()).isFalse();
    }

    @Test
    @DisplayName("Act on Holidays of Administrative Organs Art. 2: a due day on a weekend rolls to Monday — unverified [M]")
    void aDueDayOnAWeekendRollsToMonday() {
        // 2026-06-11 + 30 = Sat 07-11 → Mon 07-13
        Deadline due = finalOf(CALCULATOR.deadlines(tokyo("2026-06-11T10:00:00"), assessed(false, 1500,
                LocalDate.of(2026, 6, 11)), false));
        assertThat(due.periodEnd()).isEqualTo(LocalDate.of(2026, 7, 11));
        assertThat(due.dueDate()).isEqualTo(LocalDate.of(2026, 7, 13));
        assertThat(due.skipped()).containsExactly("2026-07-11 Saturday", "2026-07-12 Sunday");
    }

    @Test
    @DisplayName("National Holidays Act Art. 3(2): a substitute holiday (振替休日) is skipped like the holiday itself — unverified [M]")
    void aSubstituteHolidayIsSkipped() {
        // 2026-04-06 + 30 = Wed 05-06, the substitute for Sunday 05-03 → Thu 05-07
        Deadline due = finalOf(CALCULATOR.deadlines(tokyo("2026-04-06T10:00:00"), assessed(false, 1500,
                LocalDate.of(2026, 4, 6)), false));
        assertThat(due.periodEnd()).isEqualTo(LocalDate.of(2026, 5, 6));
        assertThat(due.dueDate()).isEqualTo(LocalDate.of(2026, 5, 7));
        assertThat(due.skipped()).singleElement().asString().startsWith("2026-05-06 休日");
    }

    @Test
    @DisplayName("Act on Holidays of Administrative Organs Art. 1(1)(iii): a due day in Dec 29 – Jan 3 rolls to Jan 4 — unverified [M]")
    void aDueDayInTheYearEndClosureRollsPastNewYear() {
        // 2026-11-29 + 30 = Tue 12-29 → closure to Sun 01-03 → Mon 2027-01-04
        Deadline due = finalOf(CALCULATOR.deadlines(tokyo("2026-11-29T10:00:00"), assessed(false, 1500,
                LocalDate.of(2026, 11, 29)), false));
        assertThat(due.dueDate()).isEqualTo(LocalDate.of(2027, 1, 4));
        assertThat(due.skipped()).hasSize(6).allSatisfy(s -> assertThat(s).contains("year-end closure"));
        assertThat(due.internalDueDate()).isEqualTo(LocalDate.of(2026, 12, 28));
    }

    @Test
    @DisplayName("APPI Rule 8(2): leap year — awareness 2028-01-31 + 30 days is 2028-03-01, internal due 2028-02-29 (projected calendar)")
    void aLeapYearPeriodCountsFebruaryTwentyNinth() {
        Deadline due = finalOf(CALCULATOR.deadlines(tokyo("2028-01-31T10:00:00"), assessed(false, 1500,
                LocalDate.of(2028, 1, 31)), false));
        assertThat(due.dueDate()).isEqualTo(LocalDate.of(2028, 3, 1));
        assertThat(due.internalDueDate()).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(due.projectedCalendar()).isTrue();
        Deadline commonYear = finalOf(CALCULATOR.deadlines(tokyo("2027-01-31T10:00:00"), assessed(false, 1500,
                LocalDate.of(2027, 1, 31)), false));
        assertThat(commonYear.dueDate()).isEqualTo(LocalDate.of(2027, 3, 2));
    }

    @Test
    @DisplayName("APPI Rule 8(2): 60 days when Rule 7(iii) applies, also when (iii) meets another category — unverified [M] (H2)")
    void categoryThreeGivesSixtyDays() {
        Deadline due = finalOf(CALCULATOR.deadlines(tokyo("2026-06-01T09:00:00"), assessed(true, 1500,
                LocalDate.of(2026, 6, 1)), false));
        assertThat(due.dueDate()).isEqualTo(LocalDate.of(2026, 7, 31));
        assertThat(due.rule()).isEqualTo("APPI Rule 8(2): 60 days for Rule 7(iii)");
        assertThat(due.reading()).contains("the conservative reading").doesNotContain("[M]");
    }

    @Test
    @DisplayName("APPI Rule 8(2): a re-assessment that adds Rule 7(iii) moves the final deadline from 30 to 60 days")
    void reassessmentToCategoryThreeMovesTheFinalDeadline() {
        Instant awareness = tokyo("2026-06-01T09:00:00");
        LocalDate day = LocalDate.of(2026, 6, 1);
        Assessment first = assessed(false, 1500, day);
        Assessment second = assessed(true, 1500, day);
        assertThat(first.isUpgradedBy(second)).isTrue();
        assertThat(finalOf(CALCULATOR.deadlines(awareness, first, false)).dueDate()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(finalOf(CALCULATOR.deadlines(awareness, second, false)).dueDate()).isEqualTo(LocalDate.of(2026, 7, 31));
    }

    @Test
    @DisplayName("Lateness is frozen at the first filing: a final report filed two days after its 30-day due date stays two days late")
    void latenessIsFrozenAtTheFirstFiling() {
        Instant awareness = tokyo("2026-06-01T09:00:00");
        Deadline thirty = finalOf(CALCULATOR.deadlines(awareness, assessed(false, 1500, LocalDate.of(2026, 6, 1)), false));
        Filing filing = Filing.freeze(thirty, tokyo("2026-07-03T18:00:00"), DeadlineCalculator.LEGAL_ZONE);
        assertThat(filing.late()).isTrue();
        assertThat(filing.daysLate()).isEqualTo(2);
        assertThat(filing.dueDate()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(filing.rule()).isEqualTo("APPI Rule 8(2): 30 days");
        Filing onTime = Filing.freeze(thirty, tokyo("2026-07-01T23:59:00"), DeadlineCalculator.LEGAL_ZONE);
        assertThat(onTime.late()).isFalse();
        assertThat(onTime.daysLate()).isZero();
    }

    @Test
    @DisplayName("GDPR Art. 33(1): 72 hours from awareness, counted through weekends and the Japanese year-end closure")
    void gdprIsSeventyTwoHoursWithoutACalendar() {
        List<Deadline> deadlines = CALCULATOR.deadlines(tokyo("2026-12-30T15:00:00"), assessed(false, 10,
                LocalDate.of(2026, 12, 30)), true);
        assertThat(deadlines).extracting(Deadline::kind).containsExactly(DeadlineKind.GDPR_SUPERVISORY);
        Deadline gdpr = deadlines.get(0);
        assertThat(gdpr.dueAt()).isEqualTo(tokyo("2027-01-02T15:00:00"));
        assertThat(gdpr.rule()).isEqualTo("GDPR Art. 33(1): 72 hours");
        Filing late = Filing.freeze(gdpr, tokyo("2027-01-02T20:30:00"), DeadlineCalculator.LEGAL_ZONE);
        assertThat(late.late()).isTrue();
        assertThat(late.hoursLate()).isEqualTo(5);
    }

    @Test
    @DisplayName("Before assessment the APPI deadlines are provisional; a non-reportable assessment owes none")
    void provisionalAndNotReportableDeadlines() {
        Instant awareness = tokyo("2026-06-01T09:00:00");
        assertThat(CALCULATOR.deadlines(awareness, null, false)).hasSize(2).allMatch(Deadline::provisional);
        assertThat(CALCULATOR.deadlines(awareness, assessed(false, 10, LocalDate.of(2026, 6, 1)), false)).isEmpty();
    }
}
