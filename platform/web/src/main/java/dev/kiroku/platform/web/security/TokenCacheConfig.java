package dev.kiroku.platform.web.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The verified-token cache of every Kiroku service and of the gateway ({@code kiroku.token-cache.*}). */
@ConfigMapping(prefix = "kiroku.token-cache")
public interface TokenCacheConfig {

    @WithDefault("true")
    boolean enabled();

    /** Tokens remembered at most (least recently used ones go first). */
    @WithDefault("10000")
    long maxEntries();

    /**
     * Longest a verified token is remembered; never past its own {@code exp}. Bounds how long a token signed by a key
     * that Keycloak has since withdrawn stays accepted.
     */
    @WithDefault("60S")
    Duration maxAge();
}
