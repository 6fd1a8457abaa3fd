package dev.kiroku.gateway.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.util.Set;

/**
 * What the gateway says about a caller on every request — its rate-limit key and its access-log fields — worked out
 * once per verified token instead of once per request. A remembered token's identity carries the same principal on
 * every request (the verified-token cache holds it), so the summary is kept by that principal, compared by identity
 * and let go with it ({@code weakKeys}): the memo holds no token, and a principal no cache holds any more is gone from
 * it at the next collection.
 */
final class Callers {

    /** A caller as the gateway's rate limit and access log see it. */
    record Caller(String rateLimitKey, String accessLogFields) {
    }

    private final Cache<Principal, Caller> byPrincipal;

    Callers(long maxEntries) {
        this.byPrincipal = Caffeine.newBuilder()
                .weakKeys()
                .maximumSize(maxEntries)
                .executor(Runnable::run) // upkeep on the request's thread: no wake-up of a pool thread per request
                .build();
    }

    /** The caller of an authenticated identity (not for anonymous ones). */
    Caller of(SecurityIdentity identity) {
        Principal principal = identity.getPrincipal();
        if (!(principal instanceof JsonWebToken)) {
            return summarise(identity);
        }
        Caller known = byPrincipal.getIfPresent(principal);
        if (known == null) {
            known = summarise(identity);
            byPrincipal.put(principal, known);
        }
        return known;
    }

    /** The caller of a remembered token, without an identity built for it (the front door's way). */
    Caller of(JsonWebToken principal, Set<String> roles) {
        Caller known = byPrincipal.getIfPresent(principal);
        if (known == null) {
            known = summarise(principal, roles);
            byPrincipal.put(principal, known);
        }
        return known;
    }

    static Caller summarise(SecurityIdentity identity) {
        return summarise(identity.getPrincipal(), identity.getRoles());
    }

    static Caller summarise(Principal principal, Set<String> roles) {
        String client = RoutePolicyHandler.clientOf(principal);
        StringBuilder fields = new StringBuilder(128);
        if (principal instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            fields.append(",\"user\":");
            AccessLog.string(fields, jwt.getSubject());
        }
        fields.append(",\"client\":");
        AccessLog.string(fields, client);
        fields.append(",\"roles\":[");
        boolean first = true;
        for (String role : roles.stream().filter(RoutePolicyHandler::isKirokuRole).sorted().toList()) {
            if (!first) {
                fields.append(',');
            }
            AccessLog.string(fields, role);
            first = false;
        }
        fields.append(']');
        return new Caller("client:" + client + ":" + RoutePolicyHandler.subjectOf(principal), fields.toString());
    }
}
