package dev.kiroku.platform.web.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers a bearer token this application (a service or the gateway) verified a moment ago from
 * {@link VerifiedTokens}, before quarkus-oidc's own provider (priority {@value #PRIORITY} above its 1001). A token not
 * remembered (or expired since) yields nothing, and quarkus-oidc verifies it as always; {@link VerifiedTokenRecorder}
 * then remembers it.
 */
@ApplicationScoped
public class CachedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    static final int PRIORITY = 2000;
    /** Identity attribute marking an identity answered from the cache. */
    public static final String FROM_CACHE = "kiroku.token-cache.hit";

    private final VerifiedTokens tokens;
    private final boolean enabled;

    public CachedTokenIdentityProvider(VerifiedTokens tokens, TokenCacheConfig config) {
        this.tokens = tokens;
        this.enabled = config.enabled();
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
            AuthenticationRequestContext context) {
        if (!enabled) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(tokens.find(request.getToken().getToken())
                .map(verified -> (SecurityIdentity) builder(verified).addCredential(request.getToken()).build())
                .orElse(null));
    }

    /**
     * The identity of a remembered token without its credential (the gateway's short way, which forwards the header
     * as it came and would otherwise decode the token's JSON again only to build the credential).
     */
    public static SecurityIdentity identity(VerifiedTokens.Verified verified) {
        return builder(verified).build();
    }

    private static QuarkusSecurityIdentity.Builder builder(VerifiedTokens.Verified verified) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(verified.principal())
                .addRoles(verified.roles())
                .addAttribute(FROM_CACHE, Boolean.TRUE);
    }
}
