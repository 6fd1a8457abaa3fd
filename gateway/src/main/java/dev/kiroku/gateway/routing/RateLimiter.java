package dev.kiroku.gateway.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Token buckets (Bucket4j) keyed by client: in memory for one replica (idle buckets expire), or shared through Redis
 * (Bucket4j's Lettuce compare-and-swap proxy manager) when several replicas must share one budget.
 */
public final class RateLimiter implements AutoCloseable {

    /** The answer for one request: allowed, or how long to wait. */
    public record Verdict(boolean allowed, long remaining, Duration retryAfter) {
    }

    private final BucketConfiguration configuration;
    private final Cache<String, Bucket> local;
    private final AsyncProxyManager<String> shared;
    private final RedisClient redis;
    private final StatefulRedisConnection<String, byte[]> connection;

    private RateLimiter(BucketConfiguration configuration, RedisClient redis) {
        this.configuration = configuration;
        this.redis = redis;
        if (redis == null) {
            this.local = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).maximumSize(1_000_000).build();
            this.shared = null;
            this.connection = null;
        } else {
            this.local = null;
            // a short command timeout: a slow Redis must not stall requests (the gateway then fails open)
            redis.setOptions(io.lettuce.core.ClientOptions.builder()
                    .timeoutOptions(io.lettuce.core.TimeoutOptions.enabled(Duration.ofMillis(500))).build());
            this.connection = redis.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            this.shared = Bucket4jLettuce.casBasedBuilder(connection)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy
                            .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .build().asAsync();
        }
    }

    /** {@code capacity} requests per {@code period}, refilled greedily; in memory. */
    public static RateLimiter inMemory(long capacity, Duration period) {
        return new RateLimiter(configuration(capacity, period), null);
    }

    /** The same, with the buckets in the Redis at {@code uri}. */
    public static RateLimiter shared(long capacity, Duration period, String uri) {
        return new RateLimiter(configuration(capacity, period), RedisClient.create(uri));
    }

    private static BucketConfiguration configuration(long capacity, Duration period) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                .build();
    }

    /** Takes one token from the key's bucket. */
    public CompletionStage<Verdict> tryConsume(String key) {
        if (local != null) {
            ConsumptionProbe probe = local.get(key, k -> Bucket.builder().addLimit(
                    configuration.getBandwidths()[0]).build()).tryConsumeAndReturnRemaining(1);
            return CompletableFuture.completedFuture(verdict(probe));
        }
        return shared.builder().build(key, () -> CompletableFuture.completedFuture(configuration))
                .tryConsumeAndReturnRemaining(1)
                .thenApply(RateLimiter::verdict);
    }

    private static Verdict verdict(ConsumptionProbe probe) {
        return new Verdict(probe.isConsumed(), probe.getRemainingTokens(),
                probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
        if (redis != null) {
            redis.shutdown();
        }
    }

}
