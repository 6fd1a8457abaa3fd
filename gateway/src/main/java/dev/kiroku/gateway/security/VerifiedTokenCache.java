package dev.kiroku.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kiroku.gateway.routing.GatewayConfig;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Remembers the identities of bearer tokens the gateway has verified (signature by Keycloak's JWKS, issuer, audience,
 * expiry — by quarkus-oidc), so that the next request carrying the very same token skips the signature check, which
 * is most of the gateway's CPU per request. Keyed by the SHA-256 of the whole token: a token that differs in one
 * byte is verified afresh; an entry is trusted for at most {@code kiroku.gateway.token-cache.ttl} and never after
 * the token's own expiry. The services behind still verify every token themselves.
 *
 * <p>Two roles: an identity provider ranked above quarkus-oidc's (answers a known token, else passes with no
 * identity, and quarkus-oidc verifies it), and an augmentor that keeps each identity quarkus-oidc produced.
 */
@ApplicationScoped
public class VerifiedTokenCache implements IdentityProvider<TokenAuthenticationRequest>, SecurityIdentityAugmentor {

    /** Marks an identity that came from the cache (so the augmentor does not store it again). */
    static final String FROM_CACHE = "kiroku.gateway.token-cache";

    private record Entry(SecurityIdentity identity, long expiresAtSecond) {
    }

    private final boolean enabled;
    private final Cache<String, Entry> verified;
    private final Clock clock;

    public VerifiedTokenCache(GatewayConfig config) {
        this(config.tokenCache().enabled(), config.tokenCache().maxSize(), config.tokenCache().ttl(),
                Clock.systemUTC());
    }

    VerifiedTokenCache(boolean enabled, long maxSize, java.time.Duration ttl, Clock clock) {
        this.enabled = enabled;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(maxSize).expireAfterWrite(ttl).build();
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Ahead of quarkus-oidc's provider (default priority 1001). */
    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!enabled || !(request.getToken() instanceof AccessTokenCredential)) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(lookup(request.getToken().getToken()));
    }

    /** The identity of a token verified before and not yet expired, else {@code null}. */
    SecurityIdentity lookup(String token) {
        String key = key(token);
        Entry entry = verified.getIfPresent(key);
        if (entry == null) {
            return null;
        }
        if (clock.instant().getEpochSecond() >= entry.expiresAtSecond()) {
            verified.invalidate(key);
            return null; // expired: quarkus-oidc checks it again and refuses it
        }
        return entry.identity();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        remember(identity);
        return Uni.createFrom().item(identity);
    }

    /** Keeps an identity quarkus-oidc verified from a bearer token with an expiry. */
    void remember(SecurityIdentity identity) {
        if (!enabled || identity.isAnonymous() || identity.getAttribute(FROM_CACHE) != null) {
            return;
        }
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (credential == null || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || jwt.getExpirationTime() <= 0) {
            return;
        }
        SecurityIdentity cached = QuarkusSecurityIdentity.builder(identity).addAttribute(FROM_CACHE, Boolean.TRUE)
                .build();
        verified.put(key(credential.getToken()), new Entry(cached, jwt.getExpirationTime()));
    }

    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private static String key(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
