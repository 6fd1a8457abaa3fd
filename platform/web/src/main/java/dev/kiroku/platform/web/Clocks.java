package dev.kiroku.platform.web;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * The one {@link Clock} every service injects: UTC, ticking in whole microseconds because PostgreSQL's
 * {@code timestamptz} keeps microseconds, so an instant a service answers equals the one it stored and reads back.
 * A {@link DefaultBean}: a test fixes the time with an {@code @Alternative} {@code Clock} (enabled by a
 * {@code QuarkusTestProfile}) or any other {@code Clock} bean.
 */
@Singleton
public class Clocks {

    /** What PostgreSQL stores of an instant. */
    public static final Duration PRECISION = Duration.ofNanos(1_000);

    /** The system clock in UTC at the stored precision. */
    public static Clock systemUtc() {
        return Clock.tick(Clock.systemUTC(), PRECISION);
    }

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return systemUtc();
    }
}
