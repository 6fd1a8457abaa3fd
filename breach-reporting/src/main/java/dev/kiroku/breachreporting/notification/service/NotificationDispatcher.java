package dev.kiroku.breachreporting.notification.service;

import dev.kiroku.breachreporting.affected.AffectedPerson;
import dev.kiroku.breachreporting.affected.AffectedSubject;
import dev.kiroku.breachreporting.affected.service.AffectedPersons;
import dev.kiroku.breachreporting.affected.service.PersonVault;
import dev.kiroku.breachreporting.config.NotificationConfig;
import dev.kiroku.breachreporting.notification.Backoff;
import dev.kiroku.breachreporting.notification.CampaignStatus;
import dev.kiroku.breachreporting.notification.NotificationCampaign;
import dev.kiroku.breachreporting.notification.NotificationMessage;
import dev.kiroku.breachreporting.notification.SmtpOutcome;
import dev.kiroku.breachreporting.notification.repository.CampaignRepository;
import dev.kiroku.breachreporting.notification.repository.MessageRepository;
import dev.kiroku.platform.audit.AuditChain;
import dev.kiroku.platform.audit.AuditEvent;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The transactional outbox's dispatcher: sends the queued notices of active campaigns through SMTP, each exactly once.
 *
 * <p>A run (every {@code kiroku.breach-reporting.notifications.dispatch-interval}, or {@link #dispatchOnce()} called
 * directly) first takes abandoned claims out of play, then claims up to {@code batch-size} due rows in one short
 * transaction ({@code SELECT … FOR UPDATE SKIP LOCKED}: QUEUED → SENDING, attempt + 1, claimed_at, claimed_by), so that
 * dispatchers on several replicas never take the same row. Outside any transaction it then sends each claimed row with
 * the blocking {@link Mailer} (Message-ID derived from the row id) and records the outcome in a transaction of its own:
 * SENT; back to QUEUED with exponential backoff on a transient failure (connection refused, connect timeout, 4xx) until
 * {@code max-attempts}, then FAILED; BOUNCED on a 5xx for the recipient, FAILED on another 5xx. When the server is not
 * reachable at all the rest of the batch is given back unsent (its attempts not counted); so is each row of a campaign
 * paused meanwhile.
 *
 * <p><b>Never twice.</b> A message can be delivered twice only if it was sent again after the server accepted it. The
 * one window where that could happen is between the server's acceptance and the commit of SENT: a crash, a kill, a
 * database outage, or an answer lost in a dropped or timed-out session. The dispatcher never guesses across that
 * window: a row found in SENDING whose claim is older than {@code lease-timeout}, or that this instance (same
 * {@code instance-name}) left behind before a restart, and a row whose attempt ended without a final SMTP answer,
 * becomes UNCONFIRMED — never resent automatically. A breach manager looks it up (its Message-ID is in the relay's
 * log) and confirms it sent or releases it for sending. Outside that window every retry is safe, because the server
 * said it did not take the message (or was never reached).
 *
 * <p>On shutdown the dispatcher finishes the notice in hand (up to {@code shutdown-grace}) and gives back the rest of
 * its batch unsent.
 *
 * <p>No personal data is logged: addresses and names are opened from the vault only to build the mail, and logs carry
 * ids, counts and SMTP reply codes.
 */
@Singleton
public class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);

    /** What one run did. */
    public record Run(int abandoned, int claimed, int sent, int retried, int failed, int bounced, int unconfirmed,
                      int returned, int completedCampaigns) {
    }

    private final MessageRepository messages;
    private final CampaignRepository campaigns;
    private final AffectedPersons persons;
    private final PersonVault vault;
    private final NoticeRenderer renderer;
    private final Mailer mailer;
    private final CampaignService campaignService;
    private final AuditChain audit;
    private final NotificationConfig config;
    private final String instance;
    private final ReentrantLock running = new ReentrantLock();
    private final Clock clock;
    private volatile boolean stopping;

    public NotificationDispatcher(MessageRepository messages, CampaignRepository campaigns,
            AffectedPersons persons, PersonVault vault, NoticeRenderer renderer, Mailer mailer,
            CampaignService campaignService, AuditChain audit, NotificationConfig config,
            Clock clock) {
        this.clock = clock;
        this.messages = messages;
        this.campaigns = campaigns;
        this.persons = persons;
        this.vault = vault;
        this.renderer = renderer;
        this.mailer = mailer;
        this.campaignService = campaignService;
        this.audit = audit;
        this.config = config;
        this.instance = config.instanceName().filter(n -> !n.isBlank())
                .orElseGet(() -> Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank())
                        .orElse("breach-reporting"));
    }

    /** Skips scheduled runs when the dispatcher is switched off. */
    @Singleton
    public static class Disabled implements Scheduled.SkipPredicate {

        private final NotificationConfig config;

        public Disabled(NotificationConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.dispatcherEnabled();
        }
    }

    @Scheduled(identity = "notification-dispatcher", every = "{kiroku.breach-reporting.notifications.dispatch-interval}",
            delayed = "{kiroku.breach-reporting.notifications.dispatch-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    void scheduled() {
        Run run = dispatchOnce();
        if (run.claimed() > 0 || run.abandoned() > 0 || run.completedCampaigns() > 0) {
            LOG.infof("notification dispatch: claimed %d, sent %d, retried %d, failed %d, bounced %d, unconfirmed %d, "
                            + "returned %d, abandoned %d, campaigns completed %d", run.claimed(), run.sent(),
                    run.retried(), run.failed(), run.bounced(), run.unconfirmed(), run.returned(), run.abandoned(),
                    run.completedCampaigns());
        }
    }

    /** At start-up, rows this instance left in SENDING before a restart are UNCONFIRMED at once. */
    void onStart(@Observes StartupEvent event) {
        int abandoned = recoverAfterRestart();
        if (abandoned > 0) {
            LOG.warnf("%d notices were left in SENDING by an earlier run of %s: UNCONFIRMED, waiting for a breach "
                    + "manager", abandoned, instance);
        }
    }

    /** On shutdown, the notice in hand is finished; the rest of the batch is given back unsent. */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        try {
            if (running.tryLock(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                running.unlock();
            } else {
                LOG.warn("the notification dispatcher did not finish within the shutdown grace: its claimed notices "
                        + "become UNCONFIRMED after the lease timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** This dispatcher's name in {@code claimed_by}. */
    public String instance() {
        return instance;
    }

    /** Rows left in SENDING by this instance before a restart, and rows whose lease ran out, become UNCONFIRMED. */
    public int recoverAfterRestart() {
        return abandon(clock.instant(), instance);
    }

    /** One dispatch run: abandoned claims out of play, due rows claimed and sent, settled campaigns completed. */
    public Run dispatchOnce() {
        if (stopping) {
            return new Run(0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        running.lock();
        try {
            return dispatch();
        } finally {
            running.unlock();
        }
    }

    private Run dispatch() {
        Instant start = clock.instant();
        int abandoned = abandon(start, null);
        List<Claimed> claimed = QuarkusTransaction.requiringNew().call(() -> claim(clock.instant()));
        int sent = 0;
        int retried = 0;
        int failed = 0;
        int bounced = 0;
        int unconfirmed = 0;
        int returned = 0;
        boolean serverDown = false;
        for (Claimed c : claimed) {
            if (stopping || serverDown || campaigns.statusOf(c.campaignId()).orElse(null) != CampaignStatus.ACTIVE) {
                giveBack(c.id());
                returned++;
                continue;
            }
            SmtpOutcome outcome = send(c);
            switch (record(c.id(), outcome)) {
                case SENT -> sent++;
                case QUEUED -> retried++;
                case FAILED -> failed++;
                case BOUNCED -> bounced++;
                case UNCONFIRMED -> unconfirmed++;
                default -> { }
            }
            serverDown = SmtpFailures.serverUnreachable(outcome);
        }
        int completed = QuarkusTransaction.requiringNew().call(campaignService::completeSettled);
        return new Run(abandoned, claimed.size(), sent, retried, failed, bounced, unconfirmed, returned, completed);
    }

    /** A claimed row with its mail built (the address opened from the vault, in memory only). */
    private record Claimed(UUID id, UUID campaignId, String to, String subject, String body, String messageId) {
    }

    private List<Claimed> claim(Instant now) {
        List<Claimed> claimed = new ArrayList<>();
        Map<UUID, NotificationCampaign> byId = new LinkedHashMap<>();
        for (NotificationMessage m : messages.lockDue(now, config.batchSize())) {
            m.claim(instance, now);
            NotificationCampaign campaign = byId.computeIfAbsent(m.campaignId(), campaigns::findById);
            AffectedPerson person = persons.findById(m.affectedPersonId());
            AffectedSubject subject = person.open(vault);
            NoticeRenderer.Rendered mail = renderer.render(campaign.content(), m.language(), subject.name());
            claimed.add(new Claimed(m.id(), m.campaignId(), subject.email(), mail.subject(), mail.body(),
                    m.messageId()));
        }
        messages.flush();
        return claimed;
    }

    private SmtpOutcome send(Claimed c) {
        try {
            mailer.send(Mail.withText(c.to(), c.subject(), c.body()).addHeader("Message-ID", c.messageId()));
            return new SmtpOutcome.Accepted();
        } catch (RuntimeException e) {
            SmtpOutcome outcome = SmtpFailures.classify(e);
            LOG.warnf("notice %s not sent: %s", c.id(), describe(outcome));
            return outcome;
        }
    }

    private dev.kiroku.breachreporting.notification.MessageStatus record(UUID id, SmtpOutcome outcome) {
        return QuarkusTransaction.requiringNew().call(() -> {
            NotificationMessage m = messages.findById(id);
            m.record(outcome, new Backoff(config.backoffBase(), config.backoffMax(), config.maxAttempts()), instance, clock.instant());
            return m.status();
        });
    }

    private void giveBack(UUID id) {
        QuarkusTransaction.requiringNew().run(() -> messages.findById(id).returnUnsent(instance, clock.instant()));
    }

    /** Rows in SENDING claimed before the lease timeout, or by the named dispatcher: UNCONFIRMED, audited. */
    private int abandon(Instant now, String dispatcher) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<NotificationMessage> rows = messages.lockAbandoned(now.minus(config.leaseTimeout()), dispatcher);
            Map<UUID, List<String>> byCampaign = new LinkedHashMap<>();
            for (NotificationMessage m : rows) {
                m.abandon(dispatcher != null ? "left in SENDING by an earlier run of this instance"
                        : "claim older than the lease timeout: the dispatcher holding it stopped or hung", now);
                byCampaign.computeIfAbsent(m.campaignId(), k -> new ArrayList<>()).add(m.id().toString());
            }
            messages.flush();
            byCampaign.forEach((campaignId, ids) -> audit.append(new AuditEvent(
                    "notification-campaign.notices-unconfirmed", CampaignService.AGGREGATE, campaignId.toString(),
                    "dispatcher", "may have been sent before the dispatcher stopped: not resent automatically",
                    Map.of("noticeIds", ids, "count", ids.size()))));
            return rows.size();
        });
    }

    private static String describe(SmtpOutcome outcome) {
        if (outcome instanceof SmtpOutcome.Transient t) {
            return "transient, " + t.description();
        }
        if (outcome instanceof SmtpOutcome.Permanent p) {
            return "permanent, " + p.description();
        }
        if (outcome instanceof SmtpOutcome.Ambiguous a) {
            return "unconfirmed, " + a.description();
        }
        return "accepted";
    }
}
