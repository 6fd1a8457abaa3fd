package dev.kiroku.platform.persistence;

import io.quarkus.arc.All;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Refreshes every {@link DatabaseGauges} bean at start and every {@code kiroku.metrics.refresh-interval} (30 s by
 * default, {@link MetricsConfig}), never two refreshes at once. A refresh that fails (the database is down) keeps the
 * previous values and is logged; the next one tries again.
 */
@ApplicationScoped
public class DatabaseGaugeRefresh {

    private static final Logger LOG = Logger.getLogger(DatabaseGaugeRefresh.class);

    private final List<DatabaseGauges> gauges;

    public DatabaseGaugeRefresh(@All List<DatabaseGauges> gauges) {
        this.gauges = gauges;
    }

    @Scheduled(identity = "kiroku-database-gauges", every = "${kiroku.metrics.refresh-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        refresh();
    }

    /** Refreshes every database gauge now; true when all of them were refreshed. */
    public boolean refresh() {
        boolean all = true;
        for (DatabaseGauges g : gauges) {
            try {
                g.refresh();
            } catch (RuntimeException e) {
                all = false;
                LOG.warnf("metrics: %s could not be refreshed (%s); the previous values stay",
                        g.getClass().getSimpleName().replace("_Subclass", ""), e.getClass().getSimpleName());
            }
        }
        return all;
    }
}
