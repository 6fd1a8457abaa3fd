package dev.kiroku.breachreporting.incident.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Computes an incident's deadlines from the rule table and the administrative-holiday calendar. */
public final class DeadlineCalculator {

    /** Legal days are Japanese days. */
    public static final ZoneId LEGAL_ZONE = ZoneId.of("Asia/Tokyo");

    private final JapaneseAdministrativeCalendar calendar;
    private final int internalMarginDays;

    /**
     * @param internalMarginDays how many days before the legal period's end the internal due date falls (≥ 1)
     */
    public DeadlineCalculator(JapaneseAdministrativeCalendar calendar, int internalMarginDays) {
        if (internalMarginDays < 1) {
            throw new IllegalArgumentException("the internal due date must be stricter than the legal one");
        }
        this.calendar = calendar;
        this.internalMarginDays = internalMarginDays;
    }

    public JapaneseAdministrativeCalendar calendar() {
        return calendar;
    }

    public static LocalDate legalDate(Instant instant) {
        return LocalDate.ofInstant(instant, LEGAL_ZONE);
    }

    /**
     * The deadlines an incident owes. Without an assessment the APPI deadlines are provisional (the clock runs from
     * awareness whatever the assessment will say); an assessment that finds nothing reportable owes no APPI filing.
     * GDPR Art. 33 applies only to incidents flagged as touching EU residents.
     */
    public List<Deadline> deadlines(Instant awarenessAt, Assessment assessment, boolean euResidents) {
        List<Deadline> deadlines = new ArrayList<>();
        if (assessment == null || assessment.reportable()) {
            boolean provisional = assessment == null;
            deadlines.add(preliminary(awarenessAt, provisional));
            deadlines.add(ofRule(DeadlineRules.finalRuleFor(assessment), awarenessAt, provisional));
        }
        if (euResidents) {
            deadlines.add(ofRule(DeadlineRules.GDPR_72H, awarenessAt, false));
        }
        return deadlines;
    }

    /** The preliminary report: a 3-day target with a hard alert at 5 days. */
    public Deadline preliminary(Instant awarenessAt, boolean provisional) {
        LocalDate awareness = legalDate(awarenessAt);
        LocalDate target = awareness.plusDays(DeadlineRules.PRELIMINARY_TARGET.amount());
        LocalDate alert = awareness.plusDays(DeadlineRules.PRELIMINARY_ALERT.amount());
        return new Deadline(DeadlineKind.PRELIMINARY, DeadlineRules.PRELIMINARY_TARGET.rule(),
                DeadlineRules.PRELIMINARY_TARGET.reading() + " Hard alert: " + DeadlineRules.PRELIMINARY_ALERT.rule()
                        + ".", target, null, target, List.of(), target, alert, List.of(), null, false, provisional);
    }

    /** A deadline of one rule row. */
    public Deadline ofRule(DeadlineRule rule, Instant awarenessAt, boolean provisional) {
        return switch (rule.counting()) {
            case HOURS_FROM_AWARENESS -> new Deadline(rule.kind(), rule.rule(), rule.reading(), null,
                    awarenessAt.plus(Duration.ofHours(rule.amount())), null, List.of(), null, null, List.of(), null,
                    false, provisional);
            case CALENDAR_DAYS_TARGET -> preliminary(awarenessAt, provisional);
            case DAYS_ROLLED_TO_BUSINESS_DAY -> rolled(rule, legalDate(awarenessAt), provisional);
        };
    }

    private Deadline rolled(DeadlineRule rule, LocalDate awareness, boolean provisional) {
        LocalDate periodEnd = awareness.plusDays(rule.amount());
        List<String> skipped = new ArrayList<>();
        LocalDate due = periodEnd;
        boolean projected = calendar.sourceFor(due) == JapaneseAdministrativeCalendar.Source.PROJECTED;
        for (var closure = calendar.closure(due); closure.isPresent(); closure = calendar.closure(due)) {
            skipped.add(due + " " + closure.get().reason());
            projected |= closure.get().source() == JapaneseAdministrativeCalendar.Source.PROJECTED;
            due = due.plusDays(1);
        }
        projected |= calendar.sourceFor(due) == JapaneseAdministrativeCalendar.Source.PROJECTED;
        LocalDate internal = calendar.onOrBefore(awareness.plusDays(rule.amount() - internalMarginDays));
        List<LocalDate> reminders = new ArrayList<>();
        for (int before : DeadlineRules.REMINDER_DAYS_BEFORE) {
            LocalDate reminder = due.minusDays(before);
            if (reminder.isAfter(awareness)) {
                reminders.add(reminder);
            }
        }
        String reading = rule.reading() + " Internal due date: awareness date + " + (rule.amount() - internalMarginDays)
                + " days, moved back to the previous business day.";
        return new Deadline(rule.kind(), rule.rule(), reading, due, null, periodEnd, skipped, internal, null,
                reminders, calendar.version(), projected, provisional);
    }
}
