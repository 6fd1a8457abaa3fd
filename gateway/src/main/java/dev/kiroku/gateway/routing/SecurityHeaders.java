package dev.kiroku.gateway.routing;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Hardening of every gateway response: no server or framework banner (also when a service sends one), no sniffing,
 * no framing, no referrer; API and notice responses may load nothing; HSTS behind TLS when configured.
 */
final class SecurityHeaders {

    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";

    private final boolean hsts;

    SecurityHeaders(boolean hsts) {
        this.hsts = hsts;
    }

    void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        ctx.addHeadersEndHandler(ignored -> apply(ctx.response().headers(), path, hsts));
        ctx.next();
    }

    /** The headers of a response to a request for {@code path}. */
    static void apply(MultiMap headers, String path, boolean hsts) {
        headers.remove("Server");
        headers.remove("X-Powered-By");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        if (path.startsWith("/api/") || path.startsWith("/public/")) {
            headers.set("Content-Security-Policy", API_CSP);
        }
        if (hsts) {
            headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
    }
}
