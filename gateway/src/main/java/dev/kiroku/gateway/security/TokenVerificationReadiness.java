package dev.kiroku.gateway.security;

import io.quarkus.oidc.runtime.TenantConfigBean;
import io.quarkus.oidc.runtime.TenantConfigContext;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/**
 * The gateway is ready only when it can verify a bearer token: quarkus-oidc's default tenant has read the realm's
 * discovery document and its signing keys (JWKS, {@code quarkus.oidc.jwks.resolve-early}, the default). Once loaded
 * the keys stay, so a Keycloak that is briefly down, or a backend service that is, does not make the gateway flap:
 * it still verifies tokens signed with the keys it holds, and the backends are each answered with a 502/504 problem.
 *
 * <p>A gateway started while Keycloak was unreachable has a tenant that is not ready yet (quarkus-oidc would connect
 * on the first request, which a not-ready pod never gets): each readiness probe asks the tenant to initialise, and the
 * probe answers UP as soon as it has. quarkus-oidc's own check ({@code quarkus.oidc.health.enabled}) is not used: it
 * sends a request to Keycloak on every probe, so a Keycloak restart would take every gateway out of service.
 */
@Readiness
@ApplicationScoped
public class TokenVerificationReadiness implements AsyncHealthCheck {

    static final String NAME = "token-verification";
    /** Below the readiness probe's 3 s timeout (k8s/base/gateway/deployment.yaml). */
    private static final Duration INITIALISATION_TIMEOUT = Duration.ofSeconds(2);

    private final TenantConfigBean tenants;

    public TokenVerificationReadiness(TenantConfigBean tenants) {
        this.tenants = tenants;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        TenantConfigContext tenant = tenants.getDefaultTenant();
        if (tenant.ready()) {
            return Uni.createFrom().item(ready());
        }
        return tenant.initialize()
                .ifNoItem().after(INITIALISATION_TIMEOUT).fail()
                .map(initialised -> initialised.ready() ? ready() : notReady())
                .onFailure().recoverWithItem(failure -> notReady());
    }

    private static HealthCheckResponse ready() {
        return HealthCheckResponse.named(NAME).up().withData("signingKeys", "loaded").build();
    }

    private static HealthCheckResponse notReady() {
        return HealthCheckResponse.named(NAME).down()
                .withData("signingKeys", "not loaded: the token issuer (quarkus.oidc.auth-server-url) is unreachable")
                .build();
    }
}
