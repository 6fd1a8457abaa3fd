package dev.kiroku.gateway.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.web.RequestIds;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One structured JSON line per request in the {@code kiroku.access} log category: request id, method, route
 * template (never the path or query, which may carry identifiers), status, latency, and the caller as the token's
 * opaque subject, its client and its Kiroku roles — no name, e-mail or other personal data in clear.
 */
final class AccessLog {

    static final String CATEGORY = "kiroku.access";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private final ObjectMapper json;

    AccessLog(ObjectMapper json) {
        this.json = json;
    }

    void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path.startsWith("/q/health") || path.startsWith("/q/metrics")) {
            ctx.next();
            return;
        }
        long start = System.nanoTime();
        ctx.addEndHandler(ignored -> write(ctx, start));
        ctx.next();
    }

    private void write(RoutingContext ctx, long start) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "access");
        line.put("requestId", RequestIds.of(ctx.request()));
        line.put("method", ctx.request().method().name());
        line.put("route", route(ctx));
        line.put("status", ctx.response().getStatusCode());
        line.put("latencyMs", Math.round((System.nanoTime() - start) / 10_000.0) / 100.0);
        line.put("bytesOut", ctx.response().bytesWritten());
        if (ctx.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
            SecurityIdentity identity = user.getSecurityIdentity();
            if (identity.getPrincipal() instanceof JsonWebToken jwt) {
                line.put("user", jwt.getSubject());
            }
            line.put("client", RoutePolicyHandler.clientOf(identity));
            List<String> roles = identity.getRoles().stream().filter(RoutePolicyHandler::isKirokuRole).sorted().toList();
            line.put("roles", roles);
        }
        try {
            LOG.info(json.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            LOG.warn("Access log line could not be written");
        }
    }

    private static String route(RoutingContext ctx) {
        String template = ctx.get(RoutePolicyHandler.ROUTE_TEMPLATE);
        if (template != null) {
            return template;
        }
        String path = ctx.request().path();
        // the gateway's own fixed paths carry no identifiers
        return path.startsWith("/q/") || path.startsWith("/openapi/") ? path : "unmatched";
    }
}
