package dev.kiroku.breachreporting.incident.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The business's breach-reporting settings (env KIROKU_BREACH_REPORTING_...). */
@ConfigMapping(prefix = "kiroku.breach-reporting")
public interface BreachReportingConfig {

    /**
     * How many days before the end of a legal period the internal due date falls (then moved back to a business day).
     * 1 is the reading of appi-rules E4: awareness date + 29 for a 30-day period.
     */
    @WithDefault("1")
    @Min(1)
    @Max(20)
    int internalMarginDays();

    /** The default window of the upcoming-deadlines query, in days. */
    @WithDefault("14")
    @Min(1)
    @Max(366)
    int deadlineWindowDays();
}
