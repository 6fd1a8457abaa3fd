package dev.kiroku.gateway.security;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.kiroku.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/** The gateway's one {@link VerifiedTokens}, sized and aged by {@code kiroku.gateway.token-cache.*}. */
@ApplicationScoped
public class TokenCacheConfiguration {

    @Produces
    @ApplicationScoped
    VerifiedTokens verifiedTokens(GatewayConfig config) {
        GatewayConfig.TokenCache cache = config.tokenCache();
        return new VerifiedTokens(cache.maxEntries(), cache.maxAge(), Clock.systemUTC(), Ticker.systemTicker());
    }
}
