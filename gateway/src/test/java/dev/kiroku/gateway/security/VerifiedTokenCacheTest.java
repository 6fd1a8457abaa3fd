package dev.kiroku.gateway.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static SecurityIdentity verified(String token, Instant expiry) {
        JsonWebToken jwt = new JsonWebToken() {
            @Override
            public String getName() {
                return "officer";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp", "azp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return switch (claimName) {
                    case "exp" -> (T) Long.valueOf(expiry.getEpochSecond());
                    case "azp" -> (T) "kiroku-swagger";
                    default -> null;
                };
            }
        };
        return QuarkusSecurityIdentity.builder().setPrincipal(jwt).addRole("compliance-officer")
                .addCredential(new AccessTokenCredential(token)).build();
    }

    private static VerifiedTokenCache cache(Instant now) {
        return new VerifiedTokenCache(true, 100, Duration.ofSeconds(60), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aVerifiedTokenIsAnsweredFromTheCacheWithItsRolesAndPrincipal() {
        VerifiedTokenCache cache = cache(NOW);
        cache.remember(verified("header.payload.signature", NOW.plusSeconds(300)));

        SecurityIdentity hit = cache.lookup("header.payload.signature");
        assertThat(hit).isNotNull();
        assertThat(hit.hasRole("compliance-officer")).isTrue();
        assertThat(hit.getPrincipal().getName()).isEqualTo("officer");
        assertThat((Object) hit.getAttribute(VerifiedTokenCache.FROM_CACHE)).isEqualTo(Boolean.TRUE);
    }

    @Test
    void aTokenDifferingInOneByteIsNotInTheCache() {
        VerifiedTokenCache cache = cache(NOW);
        cache.remember(verified("header.payload.signature", NOW.plusSeconds(300)));

        assertThat(cache.lookup("header.payload.signaturf")).isNull();
        assertThat(cache.lookup("header.payload.signature ")).isNull();
    }

    @Test
    void anExpiredTokenIsDroppedSoThatOidcRefusesIt() {
        VerifiedTokenCache cache = cache(NOW);
        cache.remember(verified("t", NOW.plusSeconds(5)));
        assertThat(cache.lookup("t")).isNotNull();

        VerifiedTokenCache later = new VerifiedTokenCache(true, 100, Duration.ofSeconds(60),
                Clock.fixed(NOW.plusSeconds(5), ZoneOffset.UTC));
        later.remember(verified("t", NOW.plusSeconds(5)));
        assertThat(later.lookup("t")).isNull();
        assertThat(later.size()).isZero();
    }

    @Test
    void identitiesFromTheCacheAnonymousOnesAndADisabledCacheAreNotStored() {
        VerifiedTokenCache cache = cache(NOW);
        cache.remember(QuarkusSecurityIdentity.builder().setAnonymous(true).build());
        cache.remember(QuarkusSecurityIdentity.builder(verified("x", NOW.plusSeconds(60)))
                .addAttribute(VerifiedTokenCache.FROM_CACHE, Boolean.TRUE).build());
        assertThat(cache.size()).isZero();

        VerifiedTokenCache disabled = new VerifiedTokenCache(false, 100, Duration.ofSeconds(60),
                Clock.fixed(NOW, ZoneOffset.UTC));
        disabled.remember(verified("t", NOW.plusSeconds(300)));
        assertThat(disabled.lookup("t")).isNull();
    }
}
