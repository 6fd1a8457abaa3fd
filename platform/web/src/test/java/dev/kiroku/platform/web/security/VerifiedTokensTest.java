package dev.kiroku.platform.web.security;

import com.github.benmanes.caffeine.cache.Ticker;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedTokensTest {

    private final AtomicLong nanos = new AtomicLong();
    private Instant now = Instant.parse("2026-11-23T03:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final Ticker ticker = nanos::get;
    private final VerifiedTokens tokens = new VerifiedTokens(100, Duration.ofSeconds(60), clock, ticker);

    private void advance(Duration duration) {
        now = now.plus(duration);
        nanos.addAndGet(duration.toNanos());
    }

    private static VerifiedTokens.Verified verified(Instant expiresAt) {
        return new VerifiedTokens.Verified(principal(), Set.of("auditor"), expiresAt);
    }

    @Test
    void aVerifiedTokenIsFoundAgainWithItsRoles() {
        tokens.remember("token-a", verified(now.plusSeconds(300)));

        assertThat(tokens.find("token-a")).hasValueSatisfying(v -> assertThat(v.roles()).containsExactly("auditor"));
        assertThat(tokens.find("token-b")).isEmpty();
    }

    @Test
    void aTokenIsNeverAnsweredFromTheCachePastItsOwnExpiry() {
        tokens.remember("token-a", verified(now.plusSeconds(20)));

        advance(Duration.ofSeconds(19));
        assertThat(tokens.find("token-a")).isPresent();
        advance(Duration.ofSeconds(1));
        assertThat(tokens.find("token-a")).as("at exp the token must be verified afresh (and fail)").isEmpty();
    }

    @Test
    void aLongLivedTokenIsRememberedForTheMaximumAgeOnly() {
        tokens.remember("token-a", verified(now.plusSeconds(3600)));

        advance(Duration.ofSeconds(59));
        assertThat(tokens.find("token-a")).isPresent();
        advance(Duration.ofSeconds(2));
        assertThat(tokens.find("token-a")).as("re-verified after max-age (a withdrawn signing key)").isEmpty();
    }

    @Test
    void anAlreadyExpiredTokenIsNotRemembered() {
        tokens.remember("token-a", verified(now.minusSeconds(1)));
        tokens.remember("token-b", verified(now));

        assertThat(tokens.find("token-a")).isEmpty();
        assertThat(tokens.find("token-b")).isEmpty();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void theCacheIsBoundedByItsMaximumSize() {
        VerifiedTokens small = new VerifiedTokens(10, Duration.ofSeconds(60), clock, ticker);
        for (int i = 0; i < 100; i++) {
            small.remember("token-" + i, verified(now.plusSeconds(300)));
        }

        assertThat(small.size()).isLessThanOrEqualTo(10);
    }

    private static JsonWebToken principal() {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "auditor";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of();
            }

            @Override
            public <T> T getClaim(String claimName) {
                return null;
            }
        };
    }

}
