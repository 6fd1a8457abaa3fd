package dev.kiroku.platform.persistence;

/**
 * Gauges whose values are read from the service's database: {@link DatabaseGaugeRefresh} calls {@link #refresh()} of
 * every such bean at start and then every {@code kiroku.metrics.refresh-interval}; the gauges answer a scrape from the
 * values the last refresh kept in memory. A refresh should be one or two cheap queries (an indexed count, a GROUP BY
 * over a status).
 */
public interface DatabaseGauges {

    /** Reads the values anew and keeps them for the gauges. */
    void refresh();
}
