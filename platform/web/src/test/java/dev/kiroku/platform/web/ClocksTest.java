package dev.kiroku.platform.web;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ClocksTest {

    @Test
    void theDefaultClockIsUtcAtMicrosecondPrecision() {
        Clock clock = new Clocks().clock();
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        for (int i = 0; i < 100; i++) {
            Instant now = clock.instant();
            assertThat(now.getNano() % 1_000).isZero();
        }
    }

    @Test
    void itFollowsTheSystemTime() {
        Instant before = Instant.now().minusMillis(1);
        Instant now = Clocks.systemUtc().instant();
        assertThat(now).isBetween(before, Instant.now());
    }
}
