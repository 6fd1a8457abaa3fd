package dev.kiroku.provisionrecords.retention.service;

import dev.kiroku.platform.audit.AuditChain;
import dev.kiroku.platform.audit.AuditEvent;
import dev.kiroku.platform.web.TimeOrderedIds;
import dev.kiroku.provisionrecords.common.InvalidInput;
import dev.kiroku.provisionrecords.common.LegalTime;
import dev.kiroku.provisionrecords.provision.PurgedVersion;
import dev.kiroku.provisionrecords.provision.service.PurgeLeaves;
import dev.kiroku.provisionrecords.provision.service.RecordRetention;
import dev.kiroku.provisionrecords.retention.PurgeRun;
import dev.kiroku.provisionrecords.retention.PurgeRunning;
import dev.kiroku.provisionrecords.retention.repository.PurgeRunRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The retention purge: removes the personal data of records whose retention ended (APPI Art. 29(2) / 30(4), Rules 21
 * and 25 give the minimum; nothing obliges keeping them longer) and keeps each row as a tombstone (ids, dates, basis,
 * hashes), so counts and the audit chain survive; appends the purge leaf ({@link PurgeLeaves}: each version, its rule
 * and dates, never personal data) in the same transaction. Runs on a schedule and on demand; one run at a time across replicas;
 * a second run purges nothing.
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class);

    private final RecordRetention records;
    private final PurgeRunRepository runs;
    private final AuditChain audit;
    private final Clock clock;
    private final PurgeMetrics metrics;

    RetentionService(RecordRetention records, PurgeRunRepository runs, AuditChain audit, Clock clock,
            PurgeMetrics metrics) {
        this.metrics = metrics;
        this.clock = clock;
        this.records = records;
        this.runs = runs;
        this.audit = audit;
    }

    /** Purges records whose retention ended before {@code asOf} (a Tokyo day; today when absent). */
    @Transactional
    public PurgeRun purge(LocalDate asOf, String actor) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), LegalTime.ZONE);
        LocalDate day = asOf == null ? today : asOf;
        if (day.isAfter(today)) {
            throw new InvalidInput("A purge cannot run as of a future day: records would lose their personal data early",
                    "asOf", "body", "must not be after today (" + today + ", Asia/Tokyo)");
        }
        if (!runs.tryPurgeLock()) {
            throw new PurgeRunning();
        }
        // microseconds: what the database keeps, so the purge leaf names the instant the rows hold
        OffsetDateTime started = clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        UUID runId = TimeOrderedIds.next(clock);
        List<PurgedVersion> purged = records.purgeExpired(day, started);
        Long seq = null;
        if (!purged.isEmpty()) {
            seq = audit.append(new AuditEvent(PurgeLeaves.ACTION, PurgeLeaves.AGGREGATE, runId.toString(), actor,
                    null, PurgeLeaves.facts(runId, day, purged))).seq();
        }
        PurgeRun run = new PurgeRun(runId, started, clock.instant().atOffset(ZoneOffset.UTC), day, actor,
                purged.size(), seq);
        runs.insert(run);
        metrics.ran(purged.size());
        LOG.infof("retention purge %s as of %s by %s: %d record versions purged", runId, day, actor, purged.size());
        return run;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PurgeRun> runs(UUID before, int limit) {
        return runs.listBefore(before, limit);
    }

    /** The daily purge (cron {@code kiroku.provision-records.purge.cron}, Asia/Tokyo; "off" disables it). */
    @Scheduled(identity = "retention-purge", cron = "{kiroku.provision-records.purge.cron}", timeZone = "Asia/Tokyo",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            purge(null, "scheduler");
        } catch (PurgeRunning e) {
            LOG.infof("scheduled retention purge skipped: %s", e.getMessage());
        }
    }
}
