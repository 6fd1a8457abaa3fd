package dev.kiroku.platform.web.security;

import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/** The one {@link VerifiedTokens} of a service or the gateway, sized and aged by {@code kiroku.token-cache.*}. */
@ApplicationScoped
public class TokenCacheConfiguration {

    @Produces
    @ApplicationScoped
    VerifiedTokens verifiedTokens(TokenCacheConfig config) {
        return new VerifiedTokens(config.maxEntries(), config.maxAge(), Clock.systemUTC(), Ticker.systemTicker());
    }
}
