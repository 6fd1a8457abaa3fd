package dev.kiroku.gateway.routing;

import dev.kiroku.platform.web.security.CachedTokenIdentityProvider;
import dev.kiroku.platform.web.security.VerifiedTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.util.Comparator;
import java.util.List;

/**
 * The short way of a proxied request through Quarkus' own server, behind the {@link FrontDoor} (which serves the
 * requests that pass every check itself). Here it takes a remembered caller's request that the front door handed
 * over because a policy or the rate limit refuses it, and any request sent to Quarkus' port directly.
 * <p>
 * A caller whose bearer token this gateway verified a moment ago ({@link VerifiedTokens}), and a public route called
 * without a token, go from the request-id, head-limit and CORS filters straight to the same route policy, rate limit
 * and proxy as on the ordinary way — without Quarkus' authentication chain (which decodes the token's JSON before it
 * finds the token in the cache), its permission checker, the deferred-identity {@code Uni}s and the router's walk over
 * every route. The access log, the security headers, the request id and the metrics' route template are the same on
 * both ways.
 * <p>
 * Everything else takes the ordinary way ({@code ctx.next()}): a token not verified yet (quarkus-oidc verifies it
 * and {@code VerifiedTokenRecorder} remembers it, so the caller's next request comes this way), an anonymous
 * {@code /api} call (answered 401 by {@code HttpProblemHandlers}), a header that is not a bearer token, and every
 * path the gateway does not route.
 */
final class ProxyFastPath implements Handler<RoutingContext> {

    /** After the CORS filter (priority 300), before authentication (200): filters run at order {@code -priority}. */
    static final int ORDER = -(SecurityHandlerPriorities.AUTHENTICATION + SecurityHandlerPriorities.CORS) / 2;
    private static final String BEARER = "Bearer ";

    /** One routed prefix and the proxy of the service that owns it. */
    record Lane(String prefix, Handler<RoutingContext> proxy) {

        boolean matches(String path) {
            return underPrefix(path, prefix);
        }
    }

    /** Whether a path is the prefix itself or below it (whole segments only). */
    static boolean underPrefix(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    /** The token of an {@code Authorization: Bearer …} header, read as quarkus-oidc reads it; else null. */
    static String bearerToken(String authorization) {
        if (authorization.length() <= BEARER.length() || !authorization.regionMatches(true, 0, BEARER, 0,
                BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length());
    }

    /** Requests that took the short way: exported as {@value #METRIC} (its share of all requests is the hit rate). */
    static final String METRIC = "kiroku.gateway.short.way";

    private final Lane[] lanes;
    private final VerifiedTokens tokens;
    private final RoutePolicyHandler policies;
    private final Counter taken;

    ProxyFastPath(List<Lane> lanes, VerifiedTokens tokens, RoutePolicyHandler policies, MeterRegistry metrics) {
        this.taken = Counter.builder(METRIC)
                .description("Proxied requests that took the short way: a token verified a moment ago, or a public "
                        + "route without one")
                .register(metrics);
        // the longest prefix first, as the router would prefer the more specific route
        this.lanes = lanes.stream().sorted(Comparator.comparingInt((Lane lane) -> lane.prefix().length()).reversed())
                .toArray(Lane[]::new);
        this.tokens = tokens;
        this.policies = policies;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        Handler<RoutingContext> proxy = proxyFor(path);
        if (proxy == null) {
            ctx.next();
            return;
        }
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        SecurityIdentity identity = null;
        if (authorization == null) {
            if (path.startsWith("/api/")) {
                ctx.next(); // every /api call needs a token: the ordinary way answers the 401
                return;
            }
        } else {
            identity = remembered(authorization);
            if (identity == null) {
                ctx.next(); // not verified yet, or not a bearer token: quarkus-oidc decides
                return;
            }
            ctx.setUser(new QuarkusHttpUser(identity));
        }
        taken.increment();
        RoutePolicies.Policy policy = policies.govern(ctx);
        if (policy != null) {
            policies.admit(ctx, Vertx.currentContext(), policy, identity, proxy);
        }
    }

    long taken() {
        return (long) taken.count();
    }

    private Handler<RoutingContext> proxyFor(String path) {
        if (path == null) {
            return null;
        }
        for (Lane lane : lanes) {
            if (lane.matches(path)) {
                return lane.proxy();
            }
        }
        return null;
    }

    /** The identity of a bearer token verified a moment ago, as quarkus-oidc reads the header; else null. */
    private SecurityIdentity remembered(String authorization) {
        String token = bearerToken(authorization);
        return token == null ? null : tokens.find(token).map(CachedTokenIdentityProvider::identity).orElse(null);
    }
}
