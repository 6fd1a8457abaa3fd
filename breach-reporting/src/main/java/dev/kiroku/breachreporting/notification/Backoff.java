package dev.kiroku.breachreporting.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a notice that failed transiently is tried again: exponential backoff, {@code base × 2^(attempt−1)} capped at
 * {@code max}, for at most {@code maxAttempts} attempts in all.
 *
 * @param base        the delay after the first failed attempt
 * @param max         the longest delay between two attempts
 * @param maxAttempts attempts in all (the first included) before the notice is given up as FAILED
 */
public record Backoff(Duration base, Duration max, int maxAttempts) {

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("the base delay must be positive");
        }
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("the longest delay must not be shorter than the base delay");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
    }

    /** The delay after the given failed attempt (1 = the first). */
    public Duration delayAfter(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1");
        }
        Duration delay = base;
        for (int i = 1; i < attempt; i++) {
            delay = delay.multipliedBy(2);
            if (delay.compareTo(max) >= 0) {
                return max;
            }
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** When to try again after the given failed attempt, or empty when it was the last one allowed. */
    public Optional<Instant> nextAttempt(int attempt, Instant failedAt) {
        if (attempt >= maxAttempts) {
            return Optional.empty();
        }
        return Optional.of(failedAt.plus(delayAfter(attempt)));
    }
}
