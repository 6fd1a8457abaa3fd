package dev.kiroku.breachreporting.reminder.service;

import dev.kiroku.breachreporting.config.ReminderConfig;
import dev.kiroku.breachreporting.reminder.DueReminder;
import dev.kiroku.breachreporting.reminder.ReminderDigest;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The daily deadline reminder: on each Japanese administrative business day, one digest e-mail to the breach team
 * listing every unfiled deadline that reaches a reminder day, the 速報 alert day, its internal or legal due date in the
 * day's window, or is overdue (see {@code ReminderSelection}).
 *
 * <p><b>Once a day.</b> A run first claims its day in a transaction of its own (the day is unique in
 * {@code breach_reminder_digest}; {@code INSERT … ON CONFLICT (day) DO NOTHING}), so that of several runs — a second
 * replica, a run after a restart, the hourly runs that follow the first — only one sends. It then sends outside any
 * transaction with the blocking mailer and records the digest as sent (deadlines covered, recipients, sent at). A send
 * that fails deletes the claim, so the next run retries — also when the session ended without a final answer and the
 * relay may have taken the mail: for a reminder a second copy is the lesser harm than none. A claim left unsent by a run that died is taken over after
 * {@code claim-timeout}: the digest may then go out twice (with the same Message-ID), never not at all.
 *
 * <p>Tests switch the schedule off ({@code cron=off}) and call {@link #run(LocalDate)} with a day of their choosing.
 * Logs carry the day, counts and the failure's class: never an incident title, an address or a server's reply text.
 */
@Singleton
public class ReminderJob {

    private static final Logger LOG = Logger.getLogger(ReminderJob.class);

    /** What a run did. */
    public enum Result {
        /** The digest went out and is recorded. */
        SENT,
        /** The day's digest was already sent, or another run is sending it. */
        ALREADY_CLAIMED,
        /** No deadline needs a reminder that day: nothing sent, nothing recorded. */
        NOTHING_DUE,
        /** Administrative organs are closed that day: no digest (the previous business day's covered it). */
        CLOSED_DAY,
        /** No recipient is configured. */
        NO_RECIPIENTS,
        /** The send failed: the claim is released, the next run retries. */
        FAILED
    }

    /** A run's outcome: the day, the result, how many deadlines the digest listed and to how many addresses. */
    public record Run(LocalDate day, Result result, int deadlines, int recipients) {
    }

    private final ReminderService service;
    private final DigestRenderer renderer;
    private final Mailer mailer;
    private final ReminderConfig config;
    private final String instance;
    private final Clock clock;

    public ReminderJob(ReminderService service, DigestRenderer renderer, Mailer mailer, ReminderConfig config,
            Clock clock) {
        this.clock = clock;
        this.service = service;
        this.renderer = renderer;
        this.mailer = mailer;
        this.config = config;
        this.instance = config.instanceName().filter(n -> !n.isBlank())
                .orElseGet(() -> Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank())
                        .orElse("breach-reporting"));
    }

    /** Says once at start-up when reminders are off. */
    void onStart(@Observes StartupEvent event) {
        if (isOff(config.cron())) {
            LOG.info("breach deadline reminders are off (kiroku.breach-reporting.reminders.cron=off)");
        } else if (config.recipients().isEmpty()) {
            LOG.info("breach deadline reminders are off: no recipient is configured "
                    + "(KIROKU_BREACH_REPORTING_REMINDERS_TO)");
        } else {
            LOG.infof("breach deadline reminders: a digest each business day to %d address(es), cron '%s' Asia/Tokyo",
                    config.recipients().size(), config.cron());
        }
    }

    @Scheduled(identity = "breach-deadline-reminders", cron = "{kiroku.breach-reporting.reminders.cron}",
            timeZone = "Asia/Tokyo", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.recipients().isEmpty()) {
            return;
        }
        Run run = run(service.today());
        switch (run.result()) {
            case SENT -> LOG.infof("breach deadline reminders for %s: digest of %d deadline(s) sent to %d address(es)",
                    run.day(), run.deadlines(), run.recipients());
            case FAILED -> LOG.warnf("breach deadline reminders for %s: not sent, the next run retries", run.day());
            default -> LOG.debugf("breach deadline reminders for %s: %s", run.day(), run.result());
        }
    }

    /** One run for the (Asia/Tokyo) day: claim it, select what is due, send one digest, record it. */
    public Run run(LocalDate day) {
        List<String> to = config.recipients();
        if (to.isEmpty()) {
            return new Run(day, Result.NO_RECIPIENTS, 0, 0);
        }
        if (!service.selection().isDigestDay(day)) {
            return new Run(day, Result.CLOSED_DAY, 0, 0);
        }
        Instant now = clock.instant();
        Optional<ReminderDigest> claim = service.claim(day, instance, now, now.minus(config.claimTimeout()));
        if (claim.isEmpty()) {
            return new Run(day, Result.ALREADY_CLAIMED, 0, 0);
        }
        ReminderDigest digest = claim.get();
        List<DueReminder> due;
        try {
            due = service.due(day);
        } catch (RuntimeException e) {
            service.release(digest.id());
            throw e;
        }
        if (due.isEmpty()) {
            service.release(digest.id());
            return new Run(day, Result.NOTHING_DUE, 0, 0);
        }
        DigestRenderer.Rendered mail = renderer.render(day, service.selection().windowEnd(day), due,
                config.english());
        try {
            mailer.send(new Mail().setTo(to).setSubject(mail.subject()).setText(mail.body())
                    .addHeader("Message-ID", digest.messageId()));
        } catch (RuntimeException e) {
            service.release(digest.id());
            LOG.warnf("breach deadline reminders for %s: the digest was not sent (%s); claim released", day,
                    rootCause(e).getClass().getSimpleName());
            return new Run(day, Result.FAILED, due.size(), to.size());
        }
        service.sent(digest.id(), due, to.size(), clock.instant(), "reminder-job");
        return new Run(day, Result.SENT, due.size(), to.size());
    }

    /** The innermost cause: its class names the failure; its message (a server's reply may quote addresses) is not logged. */
    private static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean isOff(String cron) {
        String c = cron.strip().toLowerCase(Locale.ROOT);
        return c.equals("off") || c.equals("disabled");
    }
}
