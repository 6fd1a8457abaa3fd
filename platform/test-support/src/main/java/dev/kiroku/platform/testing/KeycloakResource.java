package dev.kiroku.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points quarkus-oidc (and oidc-client) at the build's real Keycloak ({@link KeycloakServer}). */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String realm = KeycloakServer.realmUrl();
        return Map.of(
                "kiroku.oidc.url", realm,
                "quarkus.oidc.auth-server-url", realm,
                "quarkus.oidc-client.auth-server-url", realm);
    }

    @Override
    public void stop() {
        // shared by the whole build; its watchdog stops it when the Maven process ends
    }
}
