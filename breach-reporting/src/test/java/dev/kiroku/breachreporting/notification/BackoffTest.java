package dev.kiroku.breachreporting.notification;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10), 8);
    private final Instant failedAt = Instant.parse("2026-11-22T01:00:00Z");

    @Test
    void the_delay_doubles_with_each_failed_attempt_starting_from_the_base() {
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(backoff.delayAfter(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(backoff.delayAfter(5)).isEqualTo(Duration.ofMinutes(8));
    }

    @Test
    void the_delay_never_exceeds_the_maximum_even_after_many_attempts() {
        assertThat(backoff.delayAfter(6)).isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.delayAfter(7)).isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.delayAfter(200)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void the_next_attempt_is_the_failure_time_plus_the_delay_until_the_attempts_run_out() {
        assertThat(backoff.nextAttempt(1, failedAt)).contains(failedAt.plusSeconds(30));
        assertThat(backoff.nextAttempt(3, failedAt)).contains(failedAt.plus(Duration.ofMinutes(2)));
        assertThat(backoff.nextAttempt(7, failedAt)).contains(failedAt.plus(Duration.ofMinutes(10)));
        assertThat(backoff.nextAttempt(8, failedAt)).isEmpty();
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1).nextAttempt(1, failedAt)).isEmpty();
    }

    @Test
    void a_schedule_that_cannot_work_is_refused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofMinutes(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(2), Duration.ofMinutes(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.delayAfter(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
