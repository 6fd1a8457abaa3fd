package dev.kiroku.breachreporting.reminder.service;

import dev.kiroku.breachreporting.incident.rules.DeadlineCalculator;
import dev.kiroku.breachreporting.reminder.DueReminder;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * Renders a day's digest as plain text (Qute, {@code templates/reminder/digest.txt}): Japanese, then English when
 * configured. Per deadline: incident id and title, filing, state, legal due date with its rule, internal due date.
 */
@ApplicationScoped
public class DigestRenderer {

    private static final DateTimeFormatter DUE_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'JST (UTC'xxx')'");

    /** A rendered digest. Holds incident titles (business text): never logged. */
    public record Rendered(String subject, String body) {
    }

    /** One deadline's line, its labels in both languages. */
    @TemplateData
    public record Line(String incidentId, String title, String kindJa, String kindEn, String stateJa, String stateEn,
                       String legalDue, String rule, String internalDue, boolean provisional) {
    }

    /** What the template sees. */
    @TemplateData
    public record Model(String day, String dayJa, String dayEn, String nextBusinessDay, int count, List<Line> lines,
                        boolean english) {
    }

    private final Template digest;

    public DigestRenderer(@Location("reminder/digest.txt") Template digest) {
        this.digest = digest;
    }

    public Rendered render(LocalDate day, LocalDate nextBusinessDay, List<DueReminder> due, boolean english) {
        List<Line> lines = due.stream().map(r -> line(r, day)).toList();
        String dayJa = day + "（" + day.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.JAPANESE) + "）";
        String dayEn = day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + day;
        String subject = "【漏えい等報告 期限リマインダー】" + dayJa + " " + due.size() + " 件"
                + (english ? " / Breach deadline reminders for " + day + ": " + due.size() : "");
        String body = digest.data("d", new Model(day.toString(), dayJa, dayEn, nextBusinessDay.toString(),
                due.size(), lines, english)).render();
        return new Rendered(subject, body);
    }

    static Line line(DueReminder r, LocalDate day) {
        String legalDue = r.dueAt() != null ? DUE_AT.format(r.dueAt().atZone(DeadlineCalculator.LEGAL_ZONE))
                : r.dueDate().toString();
        String internal = r.internalDueDate() == null ? "—" : r.internalDueDate().toString();
        return new Line(r.incidentId().toString(), r.incidentTitle(), kindJa(r), kindEn(r), stateJa(r, day),
                stateEn(r, day), legalDue, r.rule(), internal, r.provisional());
    }

    private static String kindJa(DueReminder r) {
        return switch (r.kind()) {
            case PRELIMINARY -> "速報（個人情報保護委員会への報告）";
            case FINAL -> "確報（個人情報保護委員会への報告）";
            case GDPR_SUPERVISORY -> "GDPR 72時間（監督機関への通知）";
        };
    }

    private static String kindEn(DueReminder r) {
        return switch (r.kind()) {
            case PRELIMINARY -> "preliminary report to the PPC (速報)";
            case FINAL -> "final report to the PPC (確報)";
            case GDPR_SUPERVISORY -> "GDPR 72-hour notification to the supervisory authority";
        };
    }

    private static String stateJa(DueReminder r, LocalDate day) {
        boolean today = r.stateDate().equals(day);
        return switch (r.state()) {
            case ALERT -> "アラート：速報の目安（把握から5日）" + (today ? "は本日" : "は " + r.stateDate())
                    + (r.daysOverdue() > 0 ? "、目標日から " + r.daysOverdue() + " 日超過" : "");
            case OVERDUE -> "期限超過 " + r.daysOverdue() + " 日";
            case DUE -> today ? "本日が法定期限" : "法定期限 " + r.stateDate() + "（次の開庁日より前）";
            case INTERNAL_DUE -> today ? "本日が社内期限" : "社内期限 " + r.stateDate() + "（次の開庁日より前）";
            case REMINDER -> "リマインダー：法定期限の " + r.daysBefore() + " 日前"
                    + (today ? "" : "（" + r.stateDate() + "）");
        };
    }

    private static String stateEn(DueReminder r, LocalDate day) {
        boolean today = r.stateDate().equals(day);
        return switch (r.state()) {
            case ALERT -> "alert: the 速報's outer limit (5 days after awareness) is " + (today ? "today"
                    : r.stateDate().toString()) + (r.daysOverdue() > 0 ? ", target passed " + r.daysOverdue()
                    + " days ago" : "");
            case OVERDUE -> "overdue " + r.daysOverdue() + (r.daysOverdue() == 1 ? " day" : " days");
            case DUE -> today ? "due today" : "due " + r.stateDate() + " (before the next business day)";
            case INTERNAL_DUE -> today ? "internal due date today"
                    : "internal due date " + r.stateDate() + " (before the next business day)";
            case REMINDER -> "reminder: T-" + r.daysBefore() + (today ? "" : " (" + r.stateDate() + ")");
        };
    }
}
