package dev.kiroku.gateway.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.Optional;

/**
 * The one security scheme of the documents the gateway serves: OAuth2 authorization code against the Keycloak realm,
 * which the Swagger UI completes with PKCE as the public client {@code kiroku-swagger}.
 *
 * @param realmUrl the realm URL as a browser reaches it, without a trailing slash
 */
public record KeycloakScheme(String realmUrl) {

    /** The name under which the scheme appears in {@code components.securitySchemes}. */
    public static final String NAME = "keycloak";
    static final String SCOPE = "openid";

    public KeycloakScheme {
        URI uri = URI.create(realmUrl);
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException("the Keycloak realm URL must be absolute: " + realmUrl);
        }
        while (realmUrl.endsWith("/")) {
            realmUrl = realmUrl.substring(0, realmUrl.length() - 1);
        }
    }

    /**
     * The scheme for the configured realm: the public URL when one is set, else the URL the gateway checks tokens
     * against. Empty when neither is configured.
     */
    public static Optional<KeycloakScheme> of(Optional<String> publicUrl, Optional<String> authServerUrl) {
        return publicUrl.filter(url -> !url.isBlank())
                .or(() -> authServerUrl.filter(url -> !url.isBlank()))
                .map(String::trim)
                .map(KeycloakScheme::new);
    }

    public String authorizationUrl() {
        return realmUrl + "/protocol/openid-connect/auth";
    }

    public String tokenUrl() {
        return realmUrl + "/protocol/openid-connect/token";
    }

    /** The OpenAPI security scheme object. */
    public ObjectNode toJson() {
        ObjectNode scheme = JsonNodeFactory.instance.objectNode()
                .put("type", "oauth2")
                .put("description", "Sign in with Keycloak (authorization code with PKCE); the access token is sent "
                        + "as a bearer token to the gateway, which forwards it to the service.");
        ObjectNode flow = scheme.putObject("flows").putObject("authorizationCode")
                .put("authorizationUrl", authorizationUrl())
                .put("tokenUrl", tokenUrl())
                .put("refreshUrl", tokenUrl());
        flow.putObject("scopes").put(SCOPE, "OpenID Connect sign-in; the realm roles travel in the access token");
        return scheme;
    }
}
