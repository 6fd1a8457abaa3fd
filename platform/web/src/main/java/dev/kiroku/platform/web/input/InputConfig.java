package dev.kiroku.platform.web.input;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Bounds of the values a request may carry. Dates and instants outside {@code [dates.min, dates.max]} (as UTC days)
 * are refused with a {@code 422}: the law's records and PostgreSQL both hold them, and no retention arithmetic on them
 * overflows.
 */
@ConfigMapping(prefix = "kiroku.input")
public interface InputConfig {

    Dates dates();

    interface Dates {

        /** The earliest day a date or an instant of a request may name. */
        @WithDefault("1900-01-01")
        LocalDate min();

        /** The latest day a date or an instant of a request may name. */
        @WithDefault("2199-12-31")
        LocalDate max();

        /** Whether the day is within the bounds. */
        default boolean holds(LocalDate day) {
            return !day.isBefore(min()) && !day.isAfter(max());
        }

        /** The words a refusal uses. */
        default String bounds() {
            return "must be between " + min() + " and " + max() + " (UTC days)";
        }

        /** Whether the instant falls on a UTC day within the bounds. */
        default boolean holds(Instant instant) {
            return !instant.isBefore(min().atStartOfDay(ZoneOffset.UTC).toInstant())
                    && instant.isBefore(max().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
    }
}
