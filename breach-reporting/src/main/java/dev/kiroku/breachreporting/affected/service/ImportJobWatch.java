package dev.kiroku.breachreporting.affected.service;

import dev.kiroku.breachreporting.affected.repository.ImportJobRepository;
import dev.kiroku.breachreporting.config.AffectedPersonsConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Keeps running import and derivation jobs honest across restarts. Each heartbeat, an instance stamps the jobs it is
 * running or has queued ({@link AffectedPersonService#held()}); then it ends every RUNNING job that no instance has
 * stamped for {@code stale-after} — its instance was restarted, crashed or scaled away, and the job's spooled file or
 * page cursor went with it — as FAILED with that reason, audited. Without this, such a job would show RUNNING for ever.
 * The persons of the chunks it committed stay; a new import (with a new Idempotency-Key) completes the rest, and
 * de-duplication keeps every person single. Any replica may end any stale job; the row lock makes that happen once.
 */
@Singleton
public class ImportJobWatch {

    private static final Logger LOG = Logger.getLogger(ImportJobWatch.class);
    /** Stale jobs ended per round at most (the next round takes the rest). */
    private static final int BATCH = 100;

    static final String REASON = "no instance of the service has worked on this job for %d minutes: the instance that "
            + "ran it stopped (a restart, a crash or a scale-down) and its work cannot be resumed; the persons of the "
            + "chunks committed before stay; start the import or derivation again with a new Idempotency-Key";

    private final AffectedPersonService service;
    private final AffectedPersonLedger ledger;
    private final ImportJobRepository jobs;
    private final Duration staleAfter;
    private final Clock clock;

    public ImportJobWatch(AffectedPersonService service, AffectedPersonLedger ledger, ImportJobRepository jobs,
            AffectedPersonsConfig config, Clock clock) {
        this.clock = clock;
        this.service = service;
        this.ledger = ledger;
        this.jobs = jobs;
        this.staleAfter = config.staleAfter();
    }

    @Scheduled(identity = "affected-person-job-watch", every = "{kiroku.breach-reporting.affected-persons.heartbeat-interval}",
            delayed = "{kiroku.breach-reporting.affected-persons.heartbeat-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        beat();
        int ended = sweep();
        if (ended > 0) {
            LOG.warnf("affected-person jobs: %d running job(s) without a live instance ended FAILED", ended);
        }
    }

    /** Stamps this instance's jobs as alive; the count stamped. */
    public int beat() {
        List<UUID> held = List.copyOf(service.held());
        if (held.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> jobs.beat(held, now));
    }

    /** Ends the running jobs no instance has stamped for {@code stale-after}; the count ended. */
    public int sweep() {
        Instant now = clock.instant();
        Instant staleBefore = now.minus(staleAfter);
        String reason = String.format(REASON, Math.max(1, staleAfter.toMinutes()));
        List<UUID> stale = QuarkusTransaction.requiringNew().call(() -> jobs.abandoned(staleBefore, BATCH));
        int ended = 0;
        for (UUID id : stale) {
            if (ledger.abandon(id, staleBefore, reason, now)) {
                LOG.infof("affected-person job %s ended FAILED: no live instance since %s", id, staleBefore);
                ended++;
            }
        }
        return ended;
    }
}
