package dev.kiroku.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** How the gateway gathers the services' OpenAPI documents for its one Swagger UI. */
@ConfigMapping(prefix = "kiroku.gateway.openapi")
public interface OpenApiConfig {

    /** How long a service's document is reused before it is fetched again. */
    @WithDefault("60S")
    Duration cacheTtl();

    /** Longest wait for a service's document, after which it counts as unavailable. */
    @WithDefault("5S")
    Duration timeout();

    /**
     * The Keycloak realm URL as a browser reaches it (e.g. {@code https://login.example.jp/realms/kiroku}), when it
     * differs from the {@code quarkus.oidc.auth-server-url} the gateway itself uses; the Swagger UI sends the officer
     * there to sign in.
     */
    Optional<String> oidcPublicUrl();
}
