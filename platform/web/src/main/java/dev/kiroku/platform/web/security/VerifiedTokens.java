package dev.kiroku.platform.web.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kiroku.platform.web.Digests;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Bearer tokens this application has verified (signature by JWKS, issuer, audience, expiry — quarkus-oidc), remembered by
 * the SHA-256 of the token so that the next request carrying the same token is not verified again. A token is
 * remembered for at most {@code maxAge} and never past its own {@code exp}: an expired token is verified afresh,
 * and fails. The cache holds no token text, only its hash, the verified claims and roles.
 */
public final class VerifiedTokens {

    /** What a verification established about a token. */
    public record Verified(JsonWebToken principal, Set<String> roles, Instant expiresAt) {
    }

    /** One digest per thread: no provider lookup per request ({@code digest()} resets it for the next use). */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(Digests::sha256);

    private final Cache<String, Verified> cache;
    private final Clock clock;
    private final Duration maxAge;

    public VerifiedTokens(long maxEntries, Duration maxAge, Clock clock, Ticker ticker) {
        this.clock = clock;
        this.maxAge = maxAge;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(ticker)
                .executor(Runnable::run) // upkeep on the request's thread: no wake-up of a pool thread per request
                .expireAfter(new Expiry<String, Verified>() {
                    @Override
                    public long expireAfterCreate(String key, Verified value, long currentTime) {
                        return lifetime(value).toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Verified value, long currentTime,
                            long currentDuration) {
                        return lifetime(value).toNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Verified value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** The verification of this token, when remembered and the token has not expired since. */
    public Optional<Verified> find(String token) {
        Verified verified = cache.getIfPresent(key(token));
        if (verified == null || !clock.instant().isBefore(verified.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(verified);
    }

    /** Remembers a token that has just been verified (ignored when it carries no expiry or has already expired). */
    public void remember(String token, Verified verified) {
        if (verified.expiresAt() == null || lifetime(verified).isNegative() || lifetime(verified).isZero()) {
            return;
        }
        cache.put(key(token), verified);
    }

    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private Duration lifetime(Verified verified) {
        Duration untilExpiry = Duration.between(clock.instant(), verified.expiresAt());
        return untilExpiry.compareTo(maxAge) < 0 ? untilExpiry : maxAge;
    }

    /** The SHA-256 of the token, its 32 bytes held as the 32 characters of a Latin-1 string (no hex encoding). */
    private static String key(String token) {
        MessageDigest digest = SHA_256.get();
        return new String(digest.digest(token.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.ISO_8859_1);
    }
}
