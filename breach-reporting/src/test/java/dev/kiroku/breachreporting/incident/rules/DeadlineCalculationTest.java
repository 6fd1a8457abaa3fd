package dev.kiroku.breachreporting.incident.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What-if deadlines: counted as an incident's, from awareness, for any instant the holiday calendar covers. */
class DeadlineCalculationTest {

    static final DeadlineCalculator CALCULATOR = new DeadlineCalculator(JapaneseAdministrativeCalendar.load(), 1);

    static Instant tokyo(String dateTime) {
        return OffsetDateTime.parse(dateTime + "+09:00").toInstant();
    }

    static DeadlineCalculation calculate(String awareness, Set<Rule7Category> categories) {
        return DeadlineCalculation.of(CALCULATOR, tokyo(awareness), null, categories, false, false);
    }

    static Deadline of(DeadlineCalculation c, DeadlineKind kind) {
        return c.deadlines().stream().filter(d -> d.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("APPI Rule 8(2) + Act on Holidays of Administrative Organs Art. 1(1)(iii), 2 (hand-worked): awareness "
            + "Sun 2025-11-30 + 30 = Tue 12-30 in the year-end closure; Dec 30 – Jan 3 closed, Jan 4 a Sunday → due "
            + "Mon 2026-01-05; internal due 12-29 moved back to Fri 12-26")
    void aFinalReportDueInTheYearEndClosureRollsToTheNextBusinessDay() {
        DeadlineCalculation c = calculate("2025-11-30T10:00:00", Set.of(Rule7Category.OVER_THRESHOLD_PERSONS));

        assertThat(c.awarenessDate()).isEqualTo(LocalDate.of(2025, 11, 30));
        assertThat(c.assessment().categories()).containsExactly(Rule7Category.OVER_THRESHOLD_PERSONS);
        assertThat(c.finalReportDays()).isEqualTo(30);
        Deadline preliminary = of(c, DeadlineKind.PRELIMINARY);
        assertThat(preliminary.dueDate()).isEqualTo(LocalDate.of(2025, 12, 3));
        assertThat(preliminary.alertDate()).isEqualTo(LocalDate.of(2025, 12, 5));
        Deadline due = of(c, DeadlineKind.FINAL);
        assertThat(due.rule()).isEqualTo("APPI Rule 8(2): 30 days");
        assertThat(due.periodEnd()).isEqualTo(LocalDate.of(2025, 12, 30));
        assertThat(due.skipped()).containsExactly(
                "2025-12-30 year-end closure (Dec 29 – Jan 3)",
                "2025-12-31 year-end closure (Dec 29 – Jan 3)",
                "2026-01-01 year-end closure (Dec 29 – Jan 3)",
                "2026-01-02 year-end closure (Dec 29 – Jan 3)",
                "2026-01-03 year-end closure (Dec 29 – Jan 3)",
                "2026-01-04 Sunday");
        assertThat(due.dueDate()).isEqualTo(LocalDate.of(2026, 1, 5));
        assertThat(due.internalDueDate()).isEqualTo(LocalDate.of(2025, 12, 26));
        assertThat(due.reminders()).containsExactly(LocalDate.of(2025, 12, 29), LocalDate.of(2026, 1, 3));
        assertThat(due.calendar()).isEqualTo(JapaneseAdministrativeCalendar.SOURCE_VERSION);
        assertThat(due.provisional()).isFalse();
        assertThat(c.projectedCalendar()).isFalse();
        assertThat(c.notes()).extracting(Assessment.Reason::code).containsExactly("from-awareness");
    }

    @Test
    @DisplayName("APPI Rule 8(2): Rule 7(iii) gives the final report 60 days — the same as Rule 7 assesses it")
    void wrongfulPurposeGivesSixtyDays() {
        DeadlineCalculation c = calculate("2026-06-01T09:00:00",
                Set.of(Rule7Category.WRONGFUL_PURPOSE, Rule7Category.OVER_THRESHOLD_PERSONS));
        assertThat(c.finalReportDays()).isEqualTo(60);
        assertThat(of(c, DeadlineKind.FINAL).rule()).isEqualTo("APPI Rule 8(2): 60 days for Rule 7(iii)");
        assertThat(of(c, DeadlineKind.FINAL).dueDate()).isEqualTo(LocalDate.of(2026, 7, 31));
        Assessment byFacts = Rule7.assess(new AssessmentFacts(AssessmentFacts.Occurrence.OCCURRED,
                Set.of(AssessmentFacts.EventKind.LEAK), false, false, true, AssessmentFacts.DataScope.HELD, 1500L,
                false, false, null), LocalDate.of(2026, 6, 1));
        assertThat(c.assessment().categories()).isEqualTo(byFacts.categories());
        assertThat(c.assessment().finalReportDays()).isEqualTo(byFacts.finalReportDays());
        assertThat(CALCULATOR.deadlines(tokyo("2026-06-01T09:00:00"), byFacts, false)).isEqualTo(c.deadlines());
    }

    @Test
    @DisplayName("APPI Rule 7: the categories given are put in rule order; each and the final-report period are reasons")
    void anAssessmentOfGivenCategoriesNamesEachRule() {
        Assessment a = Rule7.ofCategories(List.of(Rule7Category.OVER_THRESHOLD_PERSONS, Rule7Category.SPECIAL_CARE));
        assertThat(a.reportable()).isTrue();
        assertThat(a.categories()).containsExactly(Rule7Category.SPECIAL_CARE, Rule7Category.OVER_THRESHOLD_PERSONS);
        assertThat(a.reasons()).extracting(Assessment.Reason::code)
                .containsExactly("category-i", "category-iv", "reportable");
        assertThat(a.finalReportDays()).isEqualTo(30);
        assertThat(a.facts()).isNull();
        assertThatThrownBy(() -> Rule7.ofCategories(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("APPI Art. 26(1), Rule 8: no category given is an incident not yet assessed — provisional 速報 and "
            + "30-day 確報, and a note says so")
    void noCategoryMeansProvisionalDeadlines() {
        DeadlineCalculation c = calculate("2026-06-01T09:00:00", Set.of());
        assertThat(c.assessment()).isNull();
        assertThat(c.finalReportDays()).isEqualTo(30);
        assertThat(c.deadlines()).extracting(Deadline::kind).containsExactly(DeadlineKind.PRELIMINARY, DeadlineKind.FINAL);
        assertThat(c.deadlines()).allMatch(Deadline::provisional);
        assertThat(c.notes()).extracting(Assessment.Reason::code).containsExactly("from-awareness", "not-assessed");
    }

    @Test
    @DisplayName("APPI Rule 8(1),(2): a future awareness instant is counted like any other (no 'now' involved)")
    void aFutureAwarenessIsCounted() {
        DeadlineCalculation c = calculate("2027-06-15T10:00:00", Set.of(Rule7Category.FINANCIAL_DAMAGE));
        assertThat(of(c, DeadlineKind.FINAL).dueDate()).isEqualTo(LocalDate.of(2027, 7, 15));
        assertThat(c.projectedCalendar()).isFalse();
    }

    @Test
    @DisplayName("National Holidays Act Art. 2 projected: 2031-06-21 + 30 = Mon 07-21, 海の日 (projected) → Tue 07-22, "
            + "flagged projectedCalendar with a note")
    void aProjectedYearIsFlagged() {
        DeadlineCalculation c = calculate("2031-06-21T10:00:00", Set.of(Rule7Category.SPECIAL_CARE));
        Deadline due = of(c, DeadlineKind.FINAL);
        assertThat(due.skipped()).containsExactly("2031-07-21 海の日 (national holiday, projected)");
        assertThat(due.dueDate()).isEqualTo(LocalDate.of(2031, 7, 22));
        assertThat(due.projectedCalendar()).isTrue();
        assertThat(c.projectedCalendar()).isTrue();
        assertThat(c.lastOfficialYear()).isEqualTo(2027);
        assertThat(c.notes()).extracting(Assessment.Reason::code).contains("projected-calendar");
    }

    @Test
    @DisplayName("GDPR Art. 33(1): with EU residents, 72 hours from the awareness instant, through the Japanese "
            + "year-end closure")
    void euResidentsAddTheSeventyTwoHourDeadline() {
        Instant awareness = tokyo("2026-12-30T15:00:00");
        DeadlineCalculation c = DeadlineCalculation.of(CALCULATOR, awareness, null,
                Set.of(Rule7Category.OVER_THRESHOLD_PERSONS), false, true);
        Deadline gdpr = of(c, DeadlineKind.GDPR_SUPERVISORY);
        assertThat(gdpr.dueAt()).isEqualTo(awareness.plusSeconds(72 * 3600)).isEqualTo(tokyo("2027-01-02T15:00:00"));
        assertThat(gdpr.rule()).isEqualTo("GDPR Art. 33(1): 72 hours");
        assertThat(c.deadlines()).extracting(Deadline::kind)
                .containsExactly(DeadlineKind.PRELIMINARY, DeadlineKind.FINAL, DeadlineKind.GDPR_SUPERVISORY);
    }

    @Test
    @DisplayName("APPI Art. 26(1) proviso, Rule 9: an entrusted party is told of the release by notifying its principal, "
            + "and still sees the deadlines that apply if it does not use it")
    void anEntrustedPartyIsToldOfRuleNine() {
        DeadlineCalculation c = DeadlineCalculation.of(CALCULATOR, tokyo("2026-06-01T09:00:00"), null,
                Set.of(Rule7Category.WRONGFUL_PURPOSE), true, false);
        assertThat(c.deadlines()).extracting(Deadline::kind).containsExactly(DeadlineKind.PRELIMINARY, DeadlineKind.FINAL);
        assertThat(c.notes()).filteredOn(n -> n.code().equals("entrusted")).singleElement().satisfies(n -> {
            assertThat(n.article()).contains("Rule 9");
            assertThat(n.message()).contains("principal").contains("released from reporting")
                    .contains("notifying the persons");
        });
    }

    @Test
    @DisplayName("Deadlines run from awareness, not detection: a detection instant is only echoed")
    void detectionIsEchoedNotCounted() {
        Instant awareness = tokyo("2026-06-03T09:00:00");
        Instant detected = tokyo("2026-06-01T09:00:00");
        DeadlineCalculation c = DeadlineCalculation.of(CALCULATOR, awareness, detected,
                Set.of(Rule7Category.OVER_THRESHOLD_PERSONS), false, false);
        assertThat(c.detectedAt()).isEqualTo(detected);
        assertThat(of(c, DeadlineKind.FINAL).dueDate()).isEqualTo(LocalDate.of(2026, 7, 3));
        assertThat(c.notes().get(0).message()).contains("not from detection").contains("Detection (");
    }

    @Test
    @DisplayName("The awareness day is the Tokyo date: 15:30 UTC on 1954-12-31 is 1955-01-01 in Japan, inside the calendar")
    void theFirstCoveredDayIsTheTokyoDate() {
        DeadlineCalculation c = DeadlineCalculation.of(CALCULATOR, Instant.parse("1954-12-31T15:30:00Z"), null,
                Set.of(Rule7Category.OVER_THRESHOLD_PERSONS), false, false);
        assertThat(c.awarenessDate()).isEqualTo(LocalDate.of(1955, 1, 1));
        assertThat(of(c, DeadlineKind.FINAL).periodEnd()).isEqualTo(LocalDate.of(1955, 1, 31));
    }

    @Test
    @DisplayName("Act on Holidays of Administrative Organs: before the list's first year (1955), or with a due day "
            + "after the projection ends (2099), the calendar cannot answer and says so")
    void instantsOutsideTheCalendarAreRefused() {
        assertThatThrownBy(() -> calculate("1954-12-31T23:00:00", Set.of()))
                .isInstanceOf(JapaneseAdministrativeCalendar.OutsideCalendar.class)
                .hasMessageContaining("1954-12-31").hasMessageContaining("1955-01-01..2099-12-31");
        assertThatThrownBy(() -> calculate("2100-01-05T10:00:00", Set.of()))
                .isInstanceOf(JapaneseAdministrativeCalendar.OutsideCalendar.class);
        assertThatThrownBy(() -> calculate("2099-12-20T10:00:00", Set.of(Rule7Category.WRONGFUL_PURPOSE)))
                .isInstanceOf(JapaneseAdministrativeCalendar.OutsideCalendar.class)
                .hasMessageContaining("2100-");
        // the last years are projected too: 2099-10-01 + 30 = Sat 10-31 → Mon 11-02
        assertThat(of(calculate("2099-10-01T10:00:00", Set.of()), DeadlineKind.FINAL).dueDate())
                .isEqualTo(LocalDate.of(2099, 11, 2));
    }
}
