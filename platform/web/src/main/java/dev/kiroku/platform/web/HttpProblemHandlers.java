package dev.kiroku.platform.web;

import io.quarkus.oidc.OIDCException;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.RouteConstants;
import dev.kiroku.platform.web.input.PercentEncoding;
import dev.kiroku.platform.web.input.RefusedParameterException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;

/**
 * Problems for what fails outside JAX-RS: authentication at the HTTP layer (bad, expired or forged tokens, the
 * {@code /api/*} permission), bodies over the size limit, failures of plain Vert.x routes (the gateway proxy), and
 * paths no route serves. JAX-RS failures are answered by {@link ProblemExceptionMappers}.
 */
@ApplicationScoped
public class HttpProblemHandlers {

    private static final Logger LOG = Logger.getLogger(HttpProblemHandlers.class);
    static final String BEARER_CHALLENGE = "Bearer";
    static final String API_PATHS = "/api/*";
    /** Below {@link RequestIds}' filter, above everything else. */
    private static final int REQUEST_HEAD_PRIORITY = 9_000;
    /** A readiness probe period and then some: the issuer's keys are fetched again on the next request. */
    static final String ISSUER_RETRY_AFTER_SECONDS = "15";

    private final ProblemWriter writer;
    private final long maxBodySize;
    private final long maxUriLength;
    private final long maxHeadersSize;
    /** Reads a chunked body up to the limit (null where bodies are streamed on, as in the gateway). */
    private final BodyHandler chunkedBodies;

    public HttpProblemHandlers(ProblemWriter writer,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
            @ConfigProperty(name = "kiroku.http.limits.max-uri-length", defaultValue = "8K") MemorySize maxUriLength,
            @ConfigProperty(name = "kiroku.http.limits.max-headers-size", defaultValue = "16K")
            MemorySize maxHeadersSize,
            @ConfigProperty(name = "kiroku.http.limits.read-chunked-bodies", defaultValue = "true")
            boolean readChunkedBodies) {
        this.writer = writer;
        this.maxBodySize = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        this.maxUriLength = maxUriLength.asLongValue();
        this.maxHeadersSize = maxHeadersSize.asLongValue();
        this.chunkedBodies = readChunkedBodies && this.maxBodySize < Long.MAX_VALUE
                ? BodyHandler.create(false).setBodyLimit(this.maxBodySize) : null;
    }

    /** The request head's limits are checked first, right after the request id is set (so the problem quotes it). */
    void registerLimits(@Observes Filters filters) {
        filters.register(this::refuseOverlongRequestHead, REQUEST_HEAD_PRIORITY);
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::onFailure);
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseOversizedBody);
        router.route(API_PATHS).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::requireAuthentication);
        router.route().order(Integer.MAX_VALUE).handler(this::onNoRoute);
    }

    private void onFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        String requestId = RequestIds.of(ctx.request());
        String path = ctx.request().path();
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException
                || failure instanceof AuthenticationCompletionException) {
            writer.write(ctx, problem(401, "A valid bearer token is required", path, requestId),
                    Map.of("WWW-Authenticate", BEARER_CHALLENGE));
            return;
        }
        if (failure instanceof OIDCException) {
            // the token issuer could not be reached to load its keys: not the client's fault, and it passes
            LOG.warnf("Token issuer unreachable answering %s %s: %s", ctx.request().method(), ctx.normalizedPath(),
                    failure.getMessage());
            writer.write(ctx, problem(503, "Tokens cannot be verified right now: the token issuer is unreachable",
                    path, requestId), Map.of("Retry-After", ISSUER_RETRY_AFTER_SECONDS));
            return;
        }
        if (failure instanceof ForbiddenException) {
            writer.write(ctx, problem(403, "The token's roles do not allow this operation", path, requestId), Map.of());
            return;
        }
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (status >= 500) {
            ProblemExceptionMappers.logUnexpected(LOG, failure, ctx.request().method() + " " + ctx.normalizedPath());
            writer.write(ctx, problem(500, "An unexpected error occurred; quote the request id when reporting it",
                    path, requestId), Map.of());
            return;
        }
        Map<String, String> headers = Map.of();
        if (status == 413 && ctx.request().version() != HttpVersion.HTTP_2) {
            // the rest of the body is not read: the connection cannot carry another request
            headers = Map.of(HttpHeaders.CONNECTION.toString(), "close");
            ctx.response().endHandler(ignored -> ctx.request().connection().close());
        }
        writer.write(ctx, problem(status, detailFor(status), path, requestId), headers);
    }

    /**
     * A body announced larger than {@code quarkus.http.limits.max-body-size} is refused before it is read. Quarkus's
     * own check (route order {@link RouteConstants#ROUTE_ORDER_UPLOAD_LIMIT}) would answer a bare 413 without a body;
     * this one answers the problem and, like Quarkus, closes an HTTP/1 connection since the unread body cannot be
     * skipped. A client that sent {@code Expect: 100-continue} gets the problem before it sends the body.
     */
    private void refuseOversizedBody(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null && chunkedBodies != null && isChunkedNonForm(ctx)) {
            // a chunked body announces no length: read it here, up to the limit, so that past it the failure handler
            // answers a 413 problem (Quarkus REST's stream would answer a bare 413 without a body)
            chunkedBodies.handle(ctx);
            return;
        }
        if (length == null || !exceedsLimit(length)) {
            ctx.next();
            return;
        }
        Map<String, String> headers = Map.of();
        if (ctx.request().version() != HttpVersion.HTTP_2) {
            headers = Map.of(HttpHeaders.CONNECTION.toString(), "close");
            ctx.response().endHandler(ignored -> ctx.request().connection().close());
        }
        writer.write(ctx, problem(413, detailFor(413), ctx.request().path(), RequestIds.of(ctx.request())), headers);
    }

    /**
     * A URI longer than {@code kiroku.http.limits.max-uri-length} is a 414 problem, headers larger in total than
     * {@code kiroku.http.limits.max-headers-size} a 431 problem. Vert.x's own limits
     * ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) are set well above these, so
     * that a request reaches this check; beyond them Vert.x still answers a bare 414 or 431 and closes.
     */
    private void refuseOverlongRequestHead(RoutingContext ctx) {
        String uri = ctx.request().uri();
        if (uri != null && uri.length() > maxUriLength) {
            writer.write(ctx, problem(414, "The request URI is longer than " + maxUriLength + " characters",
                    ctx.request().path().length() > maxUriLength ? null : ctx.request().path(),
                    RequestIds.of(ctx.request())), Map.of());
            return;
        }
        var malformed = PercentEncoding.refusal(ctx.request().path(), ctx.request().query());
        if (malformed.isPresent()) {
            RefusedParameterException refused = new RefusedParameterException(400, malformed.get().name(),
                    malformed.get().in(), PercentEncoding.REASON);
            writer.write(ctx, refused.toProblem(malformed.get().in().equals("path") ? null : ctx.request().path(),
                    RequestIds.of(ctx.request())), Map.of());
            return;
        }
        long headers = 0;
        for (Map.Entry<String, String> header : ctx.request().headers()) {
            headers += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headers > maxHeadersSize) {
            writer.write(ctx, problem(431, "The request's header fields are larger than " + maxHeadersSize
                    + " bytes in total", ctx.request().path(), RequestIds.of(ctx.request())), Map.of());
            return;
        }
        ctx.next();
    }

    private static boolean isChunkedNonForm(RoutingContext ctx) {
        String encoding = ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING);
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        boolean form = type != null && (type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")
                || type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded"));
        return encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked") && !form;
    }

    private boolean exceedsLimit(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodySize;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Every {@code /api/**} request needs an authenticated caller. Authentication is proactive, so by now a bad token
     * has already failed (→ {@link #onFailure}); what is left anonymous here came without any token.
     */
    private void requireAuthentication(RoutingContext ctx) {
        QuarkusHttpUser.getSecurityIdentity(ctx, null).subscribe().with(identity -> {
            if (identity != null && !identity.isAnonymous()) {
                ctx.next();
            } else {
                writer.write(ctx, problem(401, "A valid bearer token is required", ctx.request().path(),
                        RequestIds.of(ctx.request())), Map.of("WWW-Authenticate", BEARER_CHALLENGE));
            }
        }, ctx::fail);
    }

    private void onNoRoute(RoutingContext ctx) {
        writer.write(ctx, problem(404, "No resource at this path", ctx.request().path(), RequestIds.of(ctx.request())),
                Map.of());
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 413 -> "The request body exceeds the size limit";
            case 414 -> "The request URI is too long";
            case 431 -> "The request's header fields are too large";
            case 405 -> "This method is not allowed on this resource";
            case 404 -> "No resource at this path";
            default -> ProblemType.titleForStatus(status);
        };
    }

    static Problem problem(int status, String detail, String instance, String requestId) {
        return new Problem(ProblemType.forStatus(status), ProblemType.titleForStatus(status), status, detail, instance,
                requestId, null, null);
    }
}
