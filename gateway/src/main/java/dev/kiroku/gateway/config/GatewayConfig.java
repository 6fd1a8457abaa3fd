package dev.kiroku.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The gateway's tables: where each path prefix goes ({@link #backends()}), who may call it with which methods
 * ({@link #routes()}), and how often ({@link #rateLimit()}).
 */
@ConfigMapping(prefix = "kiroku.gateway")
public interface GatewayConfig {

    /** Services by name. */
    Map<String, Backend> backends();

    /** Access policies by name; the longest matching prefix decides. A routed path without one needs any token. */
    Map<String, RoutePolicy> routes();

    /** Connections kept per service in total, shared out among the event loops (each has a client of its own). */
    @WithDefault("100")
    int maxPoolSize();

    RateLimit rateLimit();

    /**
     * The front door: the hot path on a plain Vert.x server of its own, in front of Quarkus' (which it hands every
     * other request to). Off unless a port is set.
     */
    FrontDoor frontDoor();

    /**
     * Peers whose {@code X-Forwarded-*} headers are believed (addresses, CIDR networks, host names): an ingress
     * controller's. Quarkus' own server trusts these and the front door ({@code quarkus.http.proxy.trusted-proxies}).
     */
    @WithDefault("127.0.0.1")
    List<String> trustedProxies();

    /** Send Strict-Transport-Security (only behind TLS, i.e. in production). */
    @WithDefault("false")
    boolean hsts();

    interface Backend {
        /** Base URL of the service, e.g. {@code http://provision-records:8081}. */
        URI url();

        /** Path prefixes the service owns, e.g. {@code /api/v1/provisions}; each also matches its sub-paths. */
        List<String> prefixes();

        /** Longest wait for the service's response to start, after which the gateway answers 504. */
        @WithDefault("30S")
        Duration timeout();

        /** Longest wait to connect to the service, after which the gateway answers 502. */
        @WithDefault("2S")
        Duration connectTimeout();

        /**
         * The largest body the service accepts (its {@code quarkus.http.limits.max-body-size}); absent: the gateway's
         * own limit. A chunked body, which announces no length, is counted as it streams and cut with a 413 problem
         * past the smaller of the two — the service would drop the connection and the client see a 502.
         */
        Optional<MemorySize> maxBodySize();
    }

    interface RoutePolicy {
        /** The path prefix the policy governs (and its sub-paths). */
        String prefix();

        /** The HTTP methods allowed under it; others are answered 405. */
        @WithDefault("GET,HEAD,POST,PUT,PATCH,DELETE")
        List<String> methods();

        /** Realm roles of which the caller needs one; absent means any valid token. */
        Optional<List<String>> roles();

        /** A public route passes without a token (rate-limited per client address). */
        @WithName("public")
        @WithDefault("false")
        boolean isPublic();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Per authenticated client (the token's {@code azp}). */
        Limit client();

        /** Per client address on each public route. */
        @WithName("public")
        Limit publicRoutes();

        /** {@code redis://host:6379}: share the buckets among gateway replicas; absent means in memory. */
        Optional<String> redisUri();

        interface Limit {
            /** Requests allowed per period (and the burst). */
            @WithDefault("600")
            long capacity();

            @WithDefault("1M")
            Duration period();
        }
    }

    interface FrontDoor {
        /** The front door's port; absent: no front door, Quarkus' server alone answers. */
        OptionalInt port();

        /** The address it listens on. */
        @WithDefault("0.0.0.0")
        String host();
    }
}
