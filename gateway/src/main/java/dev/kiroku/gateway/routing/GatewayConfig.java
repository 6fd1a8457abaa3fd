package dev.kiroku.gateway.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The gateway's route table: which path prefixes go to which service, and how long to wait for it. */
@ConfigMapping(prefix = "kiroku.gateway")
public interface GatewayConfig {

    /** Services by name. */
    Map<String, Backend> backends();

    /** Connections kept per service. */
    @WithDefault("100")
    int maxPoolSize();

    interface Backend {
        /** Base URL of the service, e.g. {@code http://provision-records:8080}. */
        URI url();

        /** Path prefixes the service owns, e.g. {@code /api/v1/provisions}; each also matches its sub-paths. */
        List<String> prefixes();

        /** Longest wait for the service's response to start, after which the gateway answers 504. */
        @WithDefault("30S")
        Duration timeout();

        /** Longest wait to connect to the service, after which the gateway answers 502. */
        @WithDefault("2S")
        Duration connectTimeout();
    }
}
