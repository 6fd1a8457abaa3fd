package dev.kiroku.gateway;

import dev.kiroku.gateway.routing.RateLimiter;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Token buckets in memory, and shared by two gateway replicas through a real Redis. */
class RateLimiterTest {

    @Test
    void aClientGetsItsCapacityThenWaits() throws Exception {
        try (RateLimiter limiter = RateLimiter.inMemory(3, Duration.ofMinutes(1))) {
            for (int i = 0; i < 3; i++) {
                assertThat(limiter.tryConsume("client:a").toCompletableFuture().get().allowed()).isTrue();
            }
            RateLimiter.Verdict refused = limiter.tryConsume("client:a").toCompletableFuture().get();
            assertThat(refused.allowed()).isFalse();
            assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(20));
            assertThat(limiter.tryConsume("client:b").toCompletableFuture().get().allowed()).isTrue();
        }
    }

    @Test
    void replicasSharingRedisShareOneBudget() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RedisServer redis = new RedisServer(port);
        redis.start();
        String uri = "redis://127.0.0.1:" + port;
        try (RateLimiter replicaA = RateLimiter.shared(3, Duration.ofMinutes(1), uri);
             RateLimiter replicaB = RateLimiter.shared(3, Duration.ofMinutes(1), uri)) {
            assertThat(replicaA.tryConsume("client:crm").toCompletableFuture().get().allowed()).isTrue();
            assertThat(replicaB.tryConsume("client:crm").toCompletableFuture().get().allowed()).isTrue();
            assertThat(replicaA.tryConsume("client:crm").toCompletableFuture().get().allowed()).isTrue();
            assertThat(replicaB.tryConsume("client:crm").toCompletableFuture().get().allowed()).isFalse();
            assertThat(replicaA.tryConsume("client:other").toCompletableFuture().get().allowed()).isTrue();
        } finally {
            redis.stop();
        }
    }
}
