package dev.kiroku.provisionrecords.retention.service;

import dev.kiroku.platform.persistence.AfterTransaction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The retention purge (APPI Rules 21/25) at {@code /q/metrics} (docs/metrics.md): {@code kiroku_purge_runs_total}
 * and {@code kiroku_records_purged_total} (record versions whose personal data a run removed), counted when the run
 * commits, whether on the schedule or on demand.
 */
@Startup
@ApplicationScoped
public class PurgeMetrics {

    private final AfterTransaction after;
    private final Counter runs;
    private final Counter purged;

    public PurgeMetrics(MeterRegistry registry, AfterTransaction after) {
        this.after = after;
        this.runs = Counter.builder("kiroku.purge.runs").description("Retention purge runs (APPI Rules 21/25)")
                .register(registry);
        this.purged = Counter.builder("kiroku.records.purged")
                .description("Records whose personal data a retention purge removed").register(registry);
    }

    /** A run that purges {@code count} records commits with the current transaction. */
    void ran(int count) {
        after.committed(() -> {
            runs.increment();
            purged.increment(count);
        });
    }
}
