package dev.kiroku.platform.web.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.Set;

/**
 * Remembers a bearer token quarkus-oidc has just verified (its principal, roles and expiry) in {@link VerifiedTokens}.
 * Runs after every other augmentor, so what is remembered is the identity as the application uses it; identities
 * answered from the cache are not remembered again.
 */
@ApplicationScoped
public class VerifiedTokenRecorder implements SecurityIdentityAugmentor {

    private final VerifiedTokens tokens;
    private final boolean enabled;

    public VerifiedTokenRecorder(VerifiedTokens tokens, TokenCacheConfig config) {
        this.tokens = tokens;
        this.enabled = config.enabled();
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (enabled && !identity.isAnonymous() && identity.getAttribute(CachedTokenIdentityProvider.FROM_CACHE) == null
                && identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
            AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
            if (credential != null && credential.getToken() != null) {
                tokens.remember(credential.getToken(), new VerifiedTokens.Verified(jwt, Set.copyOf(identity.getRoles()),
                        Instant.ofEpochSecond(jwt.getExpirationTime())));
            }
        }
        return Uni.createFrom().item(identity);
    }
}
