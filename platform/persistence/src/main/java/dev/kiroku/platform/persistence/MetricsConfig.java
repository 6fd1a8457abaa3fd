package dev.kiroku.platform.persistence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The domain metrics' settings ({@code kiroku.metrics.*}); the metrics themselves are listed in docs/metrics.md. */
@ConfigMapping(prefix = "kiroku.metrics")
public interface MetricsConfig {

    /**
     * How often the gauges read from the database ({@link DatabaseGauges}) are refreshed (environment
     * KIROKU_METRICS_REFRESH_INTERVAL). A scrape reads the values kept in memory, never the database, so scrapes by
     * several Prometheus servers cost the database nothing; a gauge is at most this old.
     */
    @WithDefault("30s")
    Duration refreshInterval();
}
