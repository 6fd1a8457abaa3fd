package dev.kiroku.breachreporting.reminder.rest;

import dev.kiroku.breachreporting.incident.rules.DeadlineKind;
import dev.kiroku.breachreporting.reminder.CoveredDeadline;
import dev.kiroku.breachreporting.reminder.DigestContents;
import dev.kiroku.breachreporting.reminder.ReminderDigest;
import dev.kiroku.breachreporting.reminder.ReminderState;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The reminders API's views; the entity never leaves the service, and views name incidents by id only. */
final class ReminderApi {

    private ReminderApi() {
    }

    @Schema(name = "BreachReminderDeadline", description = "A deadline a digest listed")
    record CoveredView(UUID incidentId,
                       @Schema(description = "PRELIMINARY 速報 (APPI Rule 8(1)), FINAL 確報 (Rule 8(2)), "
                               + "GDPR_SUPERVISORY (GDPR Art. 33(1))") DeadlineKind kind,
                       @Schema(description = "Why it was listed: ALERT (速報 5-day alert), OVERDUE, DUE, INTERNAL_DUE, "
                               + "REMINDER (T-7 / T-2)") ReminderState state,
                       @Schema(description = "The legal due day (Asia/Tokyo)") LocalDate dueDate,
                       @Schema(description = "The day that put it in the digest (alert, due, internal due or reminder "
                               + "day; the digest's day when overdue)") LocalDate stateDate,
                       int daysOverdue) {
        static CoveredView of(CoveredDeadline c) {
            return new CoveredView(c.incidentId(), c.kind(), c.state(), c.dueDate(), c.stateDate(), c.daysOverdue());
        }
    }

    @Schema(name = "BreachReminderDigest", description = "A deadline reminder digest sent to the breach team")
    record DigestView(UUID id,
                      @Schema(description = "The business day (Asia/Tokyo) the digest was for") LocalDate day,
                      Instant sentAt,
                      @Schema(description = "How many deadlines it listed") int deadlineCount,
                      @Schema(description = "How many addresses it went to") int recipientCount,
                      @Schema(description = "Runs that claimed the day (more than 1 after a run died holding it)")
                      int attempts,
                      String messageId,
                      List<CoveredView> deadlines) {
        static DigestView of(ReminderDigest d) {
            return new DigestView(d.id(), d.day(), d.sentAt().orElseThrow(), d.deadlineCount(), d.recipientCount(),
                    d.attempts(), d.messageId(), d.contents().map(DigestContents::deadlines).orElse(List.of())
                    .stream().map(CoveredView::of).toList());
        }
    }

    @Schema(name = "BreachReminderDigestPage")
    record DigestPage(List<DigestView> items, String next) {
    }
}
