package dev.kiroku.breachreporting.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/** How affected-person imports run (env KIROKU_BREACH_REPORTING_AFFECTED_PERSONS_...). */
@ConfigMapping(prefix = "kiroku.breach-reporting.affected-persons")
public interface AffectedPersonsConfig {

    /** Rows (or subjects) per chunk: each chunk is one transaction, and the job's progress moves per chunk. */
    @WithDefault("500")
    @Min(1)
    @Max(5000)
    int chunkSize();

    /** Imports and derivations that run at the same time (more wait in line). */
    @WithDefault("2")
    @Min(1)
    @Max(16)
    int workers();

    /** Rejected rows a job's view lists (all are counted). */
    @WithDefault("1000")
    @Min(0)
    @Max(100000)
    int rejectionsListed();

    /** How often an instance stamps the jobs it holds as alive. */
    @WithDefault("60s")
    Duration heartbeatInterval();

    /**
     * A running job that no instance has stamped for this long is ended FAILED (its instance stopped); several heartbeat
     * intervals, so a slow database round does not end a live job.
     */
    @WithDefault("5m")
    Duration staleAfter();
}
