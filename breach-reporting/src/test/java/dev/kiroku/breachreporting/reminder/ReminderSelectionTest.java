package dev.kiroku.breachreporting.reminder;

import dev.kiroku.breachreporting.incident.rules.Deadline;
import dev.kiroku.breachreporting.incident.rules.DeadlineCalculator;
import dev.kiroku.breachreporting.incident.rules.DeadlineKind;
import dev.kiroku.breachreporting.incident.rules.DeadlineRules;
import dev.kiroku.breachreporting.incident.rules.JapaneseAdministrativeCalendar;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a business day's reminder digest lists, on deadlines computed by the real {@link DeadlineCalculator} and the
 * official administrative-holiday calendar: the 速報 of APPI Rule 8(1) (target awareness + 3, alert awareness + 5,
 * guideline 3-5-3-3), the 確報 of Rule 8(2) (awareness + 30, rolled forward to a business day; reminders T-7 and T-2;
 * the internal due date awareness + 30 − margin, moved back to a business day) and GDPR Art. 33(1)'s 72 hours.
 */
class ReminderSelectionTest {

    static final ZoneOffset JST = ZoneOffset.ofHours(9);
    static final JapaneseAdministrativeCalendar CALENDAR = JapaneseAdministrativeCalendar.load();
    static final DeadlineCalculator CALCULATOR = new DeadlineCalculator(CALENDAR, 1);
    static final ReminderSelection SELECTION = new ReminderSelection(CALENDAR);

    static Instant awareness(String date) {
        return OffsetDateTime.parse(date + "T10:00:00+09:00").toInstant();
    }

    static ReminderSelection.Candidate preliminary(String awareness) {
        return candidate(CALCULATOR.preliminary(awareness(awareness), false));
    }

    static ReminderSelection.Candidate final30(DeadlineCalculator calculator, String awareness) {
        return candidate(calculator.ofRule(DeadlineRules.FINAL_30, awareness(awareness), false));
    }

    static ReminderSelection.Candidate gdpr(String awareness) {
        return candidate(CALCULATOR.ofRule(DeadlineRules.GDPR_72H, awareness(awareness), false));
    }

    static ReminderSelection.Candidate candidate(Deadline deadline) {
        return new ReminderSelection.Candidate(UUID.randomUUID(), "テスト用インシデント", deadline);
    }

    static Optional<DueReminder> on(String day, ReminderSelection.Candidate candidate) {
        return SELECTION.select(LocalDate.parse(day), List.of(candidate)).stream().findFirst();
    }

    @Test
    void rule_8_1_preliminary_report_is_due_on_its_3_day_target_overdue_after_and_alerted_on_day_5() {
        var prelim = preliminary("2026-10-10"); // Saturday; target Tue 10-13, alert Thu 10-15

        DueReminder due = on("2026-10-13", prelim).orElseThrow();
        assertThat(due.state()).isEqualTo(ReminderState.DUE);
        assertThat(due.stateDate()).isEqualTo(LocalDate.parse("2026-10-13"));
        assertThat(due.rule()).isEqualTo(DeadlineRules.PRELIMINARY_TARGET.rule());

        DueReminder overdue = on("2026-10-14", prelim).orElseThrow();
        assertThat(overdue.state()).isEqualTo(ReminderState.OVERDUE);
        assertThat(overdue.daysOverdue()).isEqualTo(1);

        DueReminder alert = on("2026-10-15", prelim).orElseThrow();
        assertThat(alert.state()).as("the hard alert outranks plain lateness on day 5").isEqualTo(ReminderState.ALERT);
        assertThat(alert.stateDate()).isEqualTo(LocalDate.parse("2026-10-15"));
        assertThat(alert.daysOverdue()).isEqualTo(2);

        assertThat(on("2026-10-16", prelim).orElseThrow().state()).isEqualTo(ReminderState.OVERDUE);
        assertThat(on("2026-10-16", prelim).orElseThrow().daysOverdue()).isEqualTo(3);
    }

    @Test
    void rule_8_2_final_report_reminds_at_t_minus_7_and_t_minus_2_then_the_internal_margin_day_then_the_due_day() {
        var fin = final30(CALCULATOR, "2026-09-22"); // due Thu 10-22; internal due 09-22 + 29 = Wed 10-21
        assertThat(fin.deadline().dueDate()).isEqualTo(LocalDate.parse("2026-10-22"));

        DueReminder t7 = on("2026-10-15", fin).orElseThrow();
        assertThat(t7.state()).isEqualTo(ReminderState.REMINDER);
        assertThat(t7.daysBefore()).isEqualTo(7);
        assertThat(t7.rule()).isEqualTo("APPI Rule 8(2): 30 days");
        assertThat(on("2026-10-16", fin)).as("no reminder between T-7 and T-2").isEmpty();
        DueReminder t2 = on("2026-10-20", fin).orElseThrow();
        assertThat(t2.state()).isEqualTo(ReminderState.REMINDER);
        assertThat(t2.daysBefore()).isEqualTo(2);

        DueReminder internal = on("2026-10-21", fin).orElseThrow();
        assertThat(internal.state()).isEqualTo(ReminderState.INTERNAL_DUE);
        assertThat(internal.internalDueDate()).isEqualTo(LocalDate.parse("2026-10-21"));

        assertThat(on("2026-10-22", fin).orElseThrow().state()).isEqualTo(ReminderState.DUE);
        DueReminder late = on("2026-10-26", fin).orElseThrow();
        assertThat(late.state()).isEqualTo(ReminderState.OVERDUE);
        assertThat(late.daysOverdue()).isEqualTo(4);
    }

    @Test
    void year_end_closure_rolls_the_rule_8_2_due_date_forward_and_the_last_business_day_announces_the_closed_days() {
        var fin = final30(CALCULATOR, "2025-11-30"); // period ends Tue 12-30: closed until Sun 01-04 → due Mon 01-05
        assertThat(fin.deadline().periodEnd()).isEqualTo(LocalDate.parse("2025-12-30"));
        assertThat(fin.deadline().dueDate()).isEqualTo(LocalDate.parse("2026-01-05"));
        assertThat(fin.deadline().reminders())
                .containsExactly(LocalDate.parse("2025-12-29"), LocalDate.parse("2026-01-03"));

        assertThat(SELECTION.windowEnd(LocalDate.parse("2025-12-26"))).isEqualTo(LocalDate.parse("2026-01-05"));
        DueReminder lastBusinessDay = on("2025-12-26", fin).orElseThrow();
        assertThat(lastBusinessDay.state()).as("internal due 11-30 + 29 = 12-29 moved back to Fri 12-26")
                .isEqualTo(ReminderState.INTERNAL_DUE);
        assertThat(lastBusinessDay.stateDate()).isEqualTo(LocalDate.parse("2025-12-26"));
        for (LocalDate closed = LocalDate.parse("2025-12-27"); closed.isBefore(LocalDate.parse("2026-01-05"));
                closed = closed.plusDays(1)) {
            assertThat(SELECTION.isDigestDay(closed)).as(closed + " is closed").isFalse();
            assertThat(SELECTION.select(closed, List.of(fin))).as("no digest on " + closed).isEmpty();
        }
        DueReminder firstBusinessDay = on("2026-01-05", fin).orElseThrow();
        assertThat(firstBusinessDay.state()).isEqualTo(ReminderState.DUE);
        assertThat(firstBusinessDay.stateDate()).isEqualTo(LocalDate.parse("2026-01-05"));
    }

    @Test
    void reminder_days_in_the_year_end_closure_are_announced_on_the_last_business_day_before_it() {
        // With an internal margin of 5 days the internal due date (11-30 + 25 = Thu 12-25) is before the closure,
        // so the T-7 reminder (Mon 12-29, closed) is what the Friday 12-26 digest announces.
        var fin = final30(new DeadlineCalculator(CALENDAR, 5), "2025-11-30");
        assertThat(fin.deadline().internalDueDate()).isEqualTo(LocalDate.parse("2025-12-25"));
        assertThat(on("2025-12-25", fin).orElseThrow().state()).isEqualTo(ReminderState.INTERNAL_DUE);

        DueReminder friday = on("2025-12-26", fin).orElseThrow();
        assertThat(friday.state()).isEqualTo(ReminderState.REMINDER);
        assertThat(friday.stateDate()).isEqualTo(LocalDate.parse("2025-12-29"));
        assertThat(friday.daysBefore()).isEqualTo(7);
        assertThat(friday.dueDate()).isEqualTo(LocalDate.parse("2026-01-05"));
    }

    @Test
    void a_gdpr_72_hour_deadline_falling_on_a_saturday_is_announced_as_due_on_the_friday_before() {
        var eu = gdpr("2026-10-14"); // Wed 10:00 JST + 72 h = Sat 10-17 10:00 JST
        assertThat(eu.deadline().dueAt()).isEqualTo(OffsetDateTime.parse("2026-10-17T10:00:00+09:00").toInstant());

        assertThat(on("2026-10-15", eu)).isEmpty();
        DueReminder friday = on("2026-10-16", eu).orElseThrow();
        assertThat(friday.state()).isEqualTo(ReminderState.DUE);
        assertThat(friday.stateDate()).isEqualTo(LocalDate.parse("2026-10-17"));
        assertThat(friday.internalDueDate()).isNull();
        assertThat(friday.kind()).isEqualTo(DeadlineKind.GDPR_SUPERVISORY);
        DueReminder monday = on("2026-10-19", eu).orElseThrow();
        assertThat(monday.state()).isEqualTo(ReminderState.OVERDUE);
        assertThat(monday.daysOverdue()).isEqualTo(2);
    }

    @Test
    void every_calendar_day_lies_in_the_window_of_exactly_one_business_day_so_no_reminder_day_is_lost_or_repeated() {
        LocalDate from = LocalDate.parse("2025-12-01");
        LocalDate to = LocalDate.parse("2026-05-31"); // the year-end closure and Golden Week
        List<LocalDate> businessDays = new ArrayList<>();
        for (LocalDate d = from.minusDays(10); !d.isAfter(to); d = d.plusDays(1)) {
            if (SELECTION.isDigestDay(d)) {
                businessDays.add(d);
            }
        }
        for (LocalDate day = from; !day.isAfter(to.minusDays(10)); day = day.plusDays(1)) {
            LocalDate d = day;
            long windows = businessDays.stream().filter(b -> !d.isBefore(b) && d.isBefore(SELECTION.windowEnd(b)))
                    .count();
            assertThat(windows).as(day.toString()).isEqualTo(1);
        }
    }

    @Test
    void a_digest_lists_the_most_urgent_first_and_leaves_out_deadlines_with_nothing_due() {
        var alert = preliminary("2026-10-10");
        var reminder = final30(CALCULATOR, "2026-09-22");
        var overdue = preliminary("2026-10-01");
        var notYet = preliminary("2026-10-14"); // target Sat 10-17: outside Thursday 10-15's window
        List<DueReminder> digest = SELECTION.select(LocalDate.parse("2026-10-15"),
                List.of(reminder, notYet, overdue, alert));

        assertThat(digest).extracting(DueReminder::state)
                .containsExactly(ReminderState.ALERT, ReminderState.OVERDUE, ReminderState.REMINDER);
        assertThat(digest).extracting(DueReminder::incidentId)
                .containsExactly(alert.incidentId(), overdue.incidentId(), reminder.incidentId());
        assertThat(digest.get(1).daysOverdue()).isEqualTo(11);
    }
}
