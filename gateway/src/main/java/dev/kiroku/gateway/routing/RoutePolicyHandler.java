package dev.kiroku.gateway.routing;

import dev.kiroku.platform.web.KirokuRoles;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.ProblemWriter;
import dev.kiroku.platform.web.RequestIds;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The gateway's own lock, before a request is proxied: the route-policy table (methods → 405, roles → 403, a token
 * unless public → 401) and the rate limits (per client, and per address on public routes → 429 with Retry-After).
 * The services check the forwarded token and roles again.
 */
final class RoutePolicyHandler implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(RoutePolicyHandler.class);
    /** Routing-context key of the route template, for the access log. */
    static final String ROUTE_TEMPLATE = "kiroku.route";
    /**
     * The request context's local that Quarkus' HTTP server metrics read as the {@code uri} tag: the route template,
     * never the path (which holds identifiers), so the series stay bounded by the route table.
     */
    static final String METRICS_URI_TEMPLATE = "UrlPathTemplate";

    private final RoutePolicies policies;
    private final RateLimiter clientLimiter;
    private final RateLimiter publicLimiter;
    private final ProblemWriter writer;
    private final Callers callers;

    RoutePolicyHandler(RoutePolicies policies, RateLimiter clientLimiter, RateLimiter publicLimiter,
            ProblemWriter writer, Callers callers) {
        this.callers = callers;
        this.policies = policies;
        this.clientLimiter = clientLimiter;
        this.publicLimiter = publicLimiter;
        this.writer = writer;
    }

    @Override
    public void handle(RoutingContext ctx) {
        RoutePolicies.Policy policy = govern(ctx);
        if (policy == null) {
            return;
        }
        Context context = ctx.vertx().getOrCreateContext();
        QuarkusHttpUser.getSecurityIdentity(ctx, null).subscribe().with(
                identity -> admit(ctx, context, policy, identity, RoutingContext::next), ctx::fail);
    }

    /**
     * The policy that governs the request, with its route template recorded; {@code null} when the request has
     * been answered already (405 for a method the route does not allow, 403 for a routed path no policy names).
     */
    RoutePolicies.Policy govern(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        RoutePolicies.Decision decision = policies.decide(path, ctx.request().method().name());
        if (decision instanceof RoutePolicies.Decision.Governed governed) {
            template(ctx, governed.policy().template());
            return governed.policy();
        }
        if (decision instanceof RoutePolicies.Decision.MethodNotAllowed refused) {
            template(ctx, refused.template());
            problem(ctx, 405, "This method is not allowed on this route",
                    Map.of("Allow", String.join(", ", refused.allowed())));
            return null;
        }
        // deny by default: a routed path that no policy names is a configuration gap, not an open door
        template(ctx, "/ungoverned");
        LOG.warnf("No route policy governs a routed path under %s; refused", firstSegments(path));
        problem(ctx, 403, "No route policy allows this path", Map.of());
        return null;
    }

    /**
     * Lets a caller through the policy: a token unless the route is public (401), one of its roles (403), then the
     * rate limit (429); {@code onward} gets the request when all pass.
     */
    void admit(RoutingContext ctx, Context context, RoutePolicies.Policy policy, SecurityIdentity identity,
            Handler<RoutingContext> onward) {
        boolean isPublic = policy.isPublic();
        boolean anonymous = identity == null || identity.isAnonymous();
        if (!isPublic && anonymous) {
            problem(ctx, 401, "A valid bearer token is required", Map.of("WWW-Authenticate", "Bearer"));
            return;
        }
        if (!isPublic && !policy.roles().isEmpty() && !hasAnyRole(identity, policy.roles())) {
            problem(ctx, 403, "The token's roles do not allow this route", Map.of());
            return;
        }
        RateLimiter limiter = isPublic ? publicLimiter : clientLimiter;
        if (limiter == null) {
            onward.handle(ctx);
            return;
        }
        String key = isPublic ? "public:" + policy.name() + ":" + ctx.request().remoteAddress().hostAddress()
                : callers.of(identity).rateLimitKey();
        CompletableFuture<RateLimiter.Verdict> verdict = limiter.tryConsume(key).toCompletableFuture();
        if (verdict.isDone() && !verdict.isCompletedExceptionally() && Vertx.currentContext() == context) {
            // the in-memory buckets answer at once, on the request's own context: no hop through the task queue
            limited(ctx, verdict.join(), null, onward);
            return;
        }
        verdict.whenComplete((answer, failure) -> context.runOnContext(ignored -> limited(ctx, answer, failure,
                onward)));
    }

    private static boolean hasAnyRole(SecurityIdentity identity, Set<String> roles) {
        for (String role : roles) {
            if (identity.hasRole(role)) {
                return true;
            }
        }
        return false;
    }

    /** The route template of the request, for the access log and as the metrics' {@code uri} tag. */
    private static void template(RoutingContext ctx, String template) {
        ctx.put(ROUTE_TEMPLATE, template);
        Context context = Vertx.currentContext();
        if (context != null) {
            context.putLocal(METRICS_URI_TEMPLATE, template);
        }
    }

    private void limited(RoutingContext ctx, RateLimiter.Verdict verdict, Throwable failure,
            Handler<RoutingContext> onward) {
        if (failure != null) {
            // fail open: a rate-limit store that is down must not take the API down with it
            LOG.warnf("Rate limit store unavailable (%s); request allowed", failure.getClass().getSimpleName());
            onward.handle(ctx);
        } else if (verdict.allowed()) {
            onward.handle(ctx);
        } else {
            long seconds = Math.max(1, (verdict.retryAfter().toMillis() + 999) / 1000);
            problem(ctx, 429, "Rate limit reached; retry after " + seconds + " s",
                    Map.of("Retry-After", Long.toString(seconds)));
        }
    }

    /** The client a token was issued to; falls back to the subject. */
    static String clientOf(SecurityIdentity identity) {
        return clientOf(identity.getPrincipal());
    }

    static String clientOf(java.security.Principal principal) {
        if (principal instanceof JsonWebToken jwt) {
            Object azp = jwt.getClaim("azp");
            return azp != null ? azp.toString() : jwt.getSubject();
        }
        return principal.getName();
    }

    /** The token's subject: each user of a shared client (e.g. the Swagger UI) has a budget of their own. */
    static String subjectOf(SecurityIdentity identity) {
        return subjectOf(identity.getPrincipal());
    }

    static String subjectOf(java.security.Principal principal) {
        return principal instanceof JsonWebToken jwt && jwt.getSubject() != null ? jwt.getSubject()
                : principal.getName();
    }

    /** The first three segments of a path, e.g. {@code /api/v1/provisions}: no identifiers in logs. */
    static String firstSegments(String path) {
        String[] parts = path.split("/");
        return String.join("/", java.util.Arrays.copyOfRange(parts, 0, Math.min(parts.length, 4)));
    }

    static boolean isKirokuRole(String role) {
        return KirokuRoles.ALL.contains(role);
    }

    private void problem(RoutingContext ctx, int status, String detail, Map<String, String> headers) {
        writer.write(ctx, new Problem(ProblemType.forStatus(status), ProblemType.titleForStatus(status), status, detail,
                ctx.request().path(), RequestIds.of(ctx.request()), null, null), headers);
    }
}
