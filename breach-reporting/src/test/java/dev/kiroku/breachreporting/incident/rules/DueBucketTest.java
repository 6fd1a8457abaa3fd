package dev.kiroku.breachreporting.incident.rules;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The time-left buckets of an unfiled deadline (docs/metrics.md {@code kiroku_breach_filings_open}), counted from the
 * deadlines of APPI Rule 8 (PPC Rules: 速報 Rule 8(1), 3-day target; 確報 Rule 8(2), 30 days rolled to a business day) and
 * GDPR Art. 33(1) (72 hours), in Asia/Tokyo days with the administrative-holiday calendar.
 */
class DueBucketTest {

    static final JapaneseAdministrativeCalendar CALENDAR = JapaneseAdministrativeCalendar.load();
    static final DeadlineCalculator CALCULATOR = new DeadlineCalculator(CALENDAR, 1);

    static Instant tokyo(String dateTime) {
        return OffsetDateTime.parse(dateTime + "+09:00").toInstant();
    }

    static DueBucket bucket(Deadline deadline, String now) {
        return DueBucket.of(deadline, tokyo(now), CALENDAR);
    }

    @Test
    void aPreliminaryReportDueTomorrowIsWithinOneBusinessDayAndOverdueTheDayAfterItsTarget() {
        // Rule 8(1): aware Monday 2026-11-30 → 3-day target Thursday 2026-12-03
        Deadline preliminary = CALCULATOR.preliminary(tokyo("2026-11-30T10:00:00"), false);
        assertThat(preliminary.dueDate()).hasToString("2026-12-03");
        assertThat(bucket(preliminary, "2026-11-30T10:00:00")).isEqualTo(DueBucket.WITHIN_5_DAYS);
        assertThat(bucket(preliminary, "2026-12-02T09:00:00")).isEqualTo(DueBucket.WITHIN_1_BUSINESS_DAY);
        assertThat(bucket(preliminary, "2026-12-03T23:59:59")).as("due today, still on time")
                .isEqualTo(DueBucket.WITHIN_1_BUSINESS_DAY);
        assertThat(bucket(preliminary, "2026-12-04T00:00:00")).isEqualTo(DueBucket.OVERDUE);
    }

    @Test
    void onAFridayADeadlineOnTheNextMondayIsWithinOneBusinessDay() {
        // Rule 8(1): aware Friday 2026-12-04 → target Monday 2026-12-07, the next day administrative organs are open
        Deadline preliminary = CALCULATOR.preliminary(tokyo("2026-12-04T09:00:00"), false);
        assertThat(bucket(preliminary, "2026-12-04T18:00:00")).isEqualTo(DueBucket.WITHIN_1_BUSINESS_DAY);
        // on Thursday the same Monday is four days off, and Friday is a business day before it
        assertThat(bucket(preliminary, "2026-12-03T18:00:00")).isEqualTo(DueBucket.WITHIN_5_DAYS);
    }

    @Test
    void aFinalReportIsWithinFiveDaysFiveCalendarDaysAheadAndLaterBeforeThat() {
        // Rule 8(2): aware 2026-11-10 → 30 days → Thursday 2026-12-10, a business day
        Deadline fin = CALCULATOR.ofRule(DeadlineRules.FINAL_30, tokyo("2026-11-10T12:00:00"), false);
        assertThat(fin.dueDate()).hasToString("2026-12-10");
        assertThat(bucket(fin, "2026-12-04T12:00:00")).isEqualTo(DueBucket.LATER);
        assertThat(bucket(fin, "2026-12-05T12:00:00")).isEqualTo(DueBucket.WITHIN_5_DAYS);
        assertThat(bucket(fin, "2026-12-09T12:00:00")).isEqualTo(DueBucket.WITHIN_1_BUSINESS_DAY);
        assertThat(bucket(fin, "2026-12-11T00:00:00")).isEqualTo(DueBucket.OVERDUE);
    }

    @Test
    void overTheYearEndClosureTheNextBusinessDayIsInJanuary() {
        // Rule 8(2): aware 2026-12-05 → 30 days → Monday 2027-01-04; administrative organs close Dec 29 – Jan 3
        Deadline fin = CALCULATOR.ofRule(DeadlineRules.FINAL_30, tokyo("2026-12-05T12:00:00"), false);
        assertThat(fin.dueDate()).hasToString("2027-01-04");
        assertThat(bucket(fin, "2026-12-28T17:00:00")).as("the last business day of 2026")
                .isEqualTo(DueBucket.WITHIN_1_BUSINESS_DAY);
        assertThat(bucket(fin, "2026-12-25T17:00:00")).isEqualTo(DueBucket.LATER);
    }

    @Test
    void theGdprNotificationIsOverdueTheMomentItsSeventyTwoHoursHavePassed() {
        // GDPR Art. 33(1): aware 2026-12-01 10:00 JST → due 2026-12-04 10:00 JST
        Deadline gdpr = CALCULATOR.ofRule(DeadlineRules.GDPR_72H, tokyo("2026-12-01T10:00:00"), false);
        assertThat(bucket(gdpr, "2026-12-01T10:00:00")).isEqualTo(DueBucket.WITHIN_5_DAYS);
        assertThat(bucket(gdpr, "2026-12-04T09:59:59")).isEqualTo(DueBucket.WITHIN_1_BUSINESS_DAY);
        assertThat(bucket(gdpr, "2026-12-04T10:00:01")).isEqualTo(DueBucket.OVERDUE);
    }

    @Test
    void theLabelsAreTheContractsValues() {
        assertThat(java.util.Arrays.stream(DueBucket.values()).map(DueBucket::label))
                .containsExactly("overdue", "within_1_business_day", "within_5_days", "later");
    }
}
