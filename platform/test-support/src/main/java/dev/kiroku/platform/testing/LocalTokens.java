package dev.kiroku.platform.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Locally signed bearer tokens, verified by the real quarkus-oidc against a checked-in public key: fast role tests
 * that need no Keycloak, and the tokens Keycloak will not issue (expired, wrong issuer or audience, forged).
 */
public final class LocalTokens {

    public static final String ISSUER = "https://issuer.kiroku.test/realms/kiroku";
    public static final String AUDIENCE = "kiroku";
    private static final String SIGNING_KEY = "kiroku/test-keys/private-key.pem";
    private static final String FORGER_KEY = "kiroku/test-keys/forger-private-key.pem";

    private LocalTokens() {
    }

    /** A valid token for a user with the given realm roles. */
    public static String user(String username, String... roles) {
        return claims(username, Set.of(roles)).sign(SIGNING_KEY);
    }

    /** A valid token issued to another client (its {@code azp}), e.g. to exercise per-client limits. */
    public static String forClient(String clientId, String username, String... roles) {
        return claims(username, Set.of(roles)).claim("azp", clientId).sign(SIGNING_KEY);
    }

    /** The opaque subject ({@code sub}) of a user's local tokens, as Keycloak's are opaque. */
    public static String subjectOf(String username) {
        return java.util.UUID.nameUUIDFromBytes(("kiroku-local:" + username).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** A correctly signed token that expired a minute ago. */
    public static String expired(String username, String... roles) {
        Instant issued = Instant.now().minus(Duration.ofMinutes(10));
        return claims(username, Set.of(roles)).issuedAt(issued).expiresAt(issued.plus(Duration.ofMinutes(9)))
                .sign(SIGNING_KEY);
    }

    /** A correctly signed token from another issuer. */
    public static String wrongIssuer(String username, String... roles) {
        return claims(username, Set.of(roles)).issuer("https://elsewhere.test/realms/kiroku").sign(SIGNING_KEY);
    }

    /** A correctly signed token for another audience. */
    public static String wrongAudience(String username, String... roles) {
        return claims(username, Set.of(roles)).audience("another-api").sign(SIGNING_KEY);
    }

    /** A token with the right claims signed by a key nobody trusts. */
    public static String forged(String username, String... roles) {
        return claims(username, Set.of(roles)).sign(FORGER_KEY);
    }

    private static JwtClaimsBuilder claims(String username, Set<String> roles) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subjectOf(username))
                .preferredUserName(username)
                .claim("azp", "kiroku-local-test")
                .claim("realm_access", Map.of("roles", roles))
                .issuedAt(Instant.now())
                .expiresIn(Duration.ofMinutes(5));
    }

    /** Test profile: quarkus-oidc verifies tokens with the checked-in public key instead of Keycloak's JWKS. */
    /**
     * The environment that makes a packaged service ({@link PackagedService}) check these local tokens instead of
     * Keycloak's: {@link Profile}'s settings as environment variables.
     */
    public static Map<String, String> serviceEnvironment() {
        Map<String, String> env = new HashMap<>();
        new Profile().getConfigOverrides().forEach((name, value) -> env.put(
                name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), value));
        return env;
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String pem = resource("kiroku/test-keys/public-key.pem")
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return Map.of(
                    "quarkus.oidc.auth-server-url", "",
                    "quarkus.oidc.discovery-enabled", "false",
                    "quarkus.oidc.public-key", pem,
                    "quarkus.oidc.token.issuer", ISSUER,
                    "quarkus.oidc.token.audience", AUDIENCE);
        }
    }

    private static String resource(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
