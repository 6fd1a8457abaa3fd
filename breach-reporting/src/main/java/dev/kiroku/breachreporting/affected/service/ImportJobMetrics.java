package dev.kiroku.breachreporting.affected.service;

import dev.kiroku.breachreporting.affected.ImportStatus;
import dev.kiroku.breachreporting.affected.repository.ImportJobRepository;
import dev.kiroku.platform.persistence.AfterTransaction;
import dev.kiroku.platform.persistence.DatabaseGauges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The affected-person jobs (CSV imports and derivations from provision-records, one table) at {@code /q/metrics}
 * (docs/metrics.md): {@code kiroku_breach_jobs{kind,state}}, one GROUP BY on the metrics schedule, and
 * {@code kiroku_breach_jobs_failed_total{kind}}, counted when a job's end as FAILED commits.
 */
@Startup
@ApplicationScoped
public class ImportJobMetrics implements DatabaseGauges {

    /** The one job kind: imports and derivations alike name an incident's affected persons. */
    static final String KIND = "affected_person_import";

    private final ImportJobRepository jobs;
    private final AfterTransaction after;
    private final Map<ImportStatus, AtomicLong> counts = new EnumMap<>(ImportStatus.class);
    private final Counter failed;

    public ImportJobMetrics(ImportJobRepository jobs, AfterTransaction after, MeterRegistry registry) {
        this.jobs = jobs;
        this.after = after;
        for (ImportStatus status : ImportStatus.values()) {
            AtomicLong count = new AtomicLong();
            counts.put(status, count);
            Gauge.builder("kiroku.breach.jobs", count, AtomicLong::get)
                    .description("Affected-person import and derivation jobs, by state")
                    .tag("kind", KIND).tag("state", status.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        failed = Counter.builder("kiroku.breach.jobs.failed")
                .description("Jobs that ended FAILED since the process started").tag("kind", KIND)
                .register(registry);
    }

    @Override
    @Transactional
    public void refresh() {
        jobs.countByStatus().forEach((status, n) -> counts.get(status).set(n));
    }

    /** A job ends FAILED in the current transaction: counted once it commits. */
    void failing() {
        after.committed(failed::increment);
    }
}
