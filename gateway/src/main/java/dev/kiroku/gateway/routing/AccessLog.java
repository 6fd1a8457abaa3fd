package dev.kiroku.gateway.routing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.platform.web.RequestIds;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.io.IOException;
import java.io.StringWriter;

/**
 * One structured JSON line per request in the {@code kiroku.access} log category: request id, trace id, method, route
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
        double latencyMs = Math.round((System.nanoTime() - start) / 10_000.0) / 100.0;
        // streamed field by field (no map of the line first): this runs once per proxied request on the event loop
        StringWriter out = new StringWriter(256);
        try (JsonGenerator line = json.getFactory().createGenerator(out)) {
            line.writeStartObject();
            line.writeStringField("type", "access");
            line.writeStringField("requestId", RequestIds.of(ctx.request()));
            Object traceId = MDC.get("traceId");
            if (traceId != null && !traceId.toString().isEmpty()) {
                line.writeStringField("traceId", traceId.toString());
            }
            line.writeStringField("method", ctx.request().method().name());
            line.writeStringField("route", route(ctx));
            line.writeNumberField("status", ctx.response().getStatusCode());
            line.writeNumberField("latencyMs", latencyMs);
            line.writeNumberField("bytesOut", ctx.response().bytesWritten());
            if (ctx.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
                SecurityIdentity identity = user.getSecurityIdentity();
                if (identity.getPrincipal() instanceof JsonWebToken jwt) {
                    line.writeStringField("user", jwt.getSubject());
                }
                line.writeStringField("client", RoutePolicyHandler.clientOf(identity));
                line.writeArrayFieldStart("roles");
                for (String role : identity.getRoles().stream().filter(RoutePolicyHandler::isKirokuRole).sorted()
                        .toList()) {
                    line.writeString(role);
                }
                line.writeEndArray();
            }
            line.writeEndObject();
        } catch (IOException e) {
            LOG.warn("Access log line could not be written");
            return;
        }
        LOG.info(out.toString());
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
