package dev.kiroku.gateway.routing;

import dev.kiroku.platform.web.RequestIds;
import dev.kiroku.platform.web.input.PercentEncoding;
import dev.kiroku.platform.web.security.VerifiedTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyInterceptor;
import org.jboss.logging.Logger;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The gateway's hot path on a plain Vert.x server of its own, in front of Quarkus' (issue 18: a profile against a
 * bare Vert.x proxy in the same minutes put half of the gateway's CPU per request in the layers of Quarkus' HTTP
 * server — its router and filters, the request and response wrappers, the tracer's and the metrics' per-request
 * instrumentation — that a request which passes every check does not need).
 * <p>
 * A request is served here only when it would pass every check of the ordinary way: a routed path in plain form
 * (nothing to normalise, nothing {@link PercentEncoding} refuses), a request head within the platform's limits, a body
 * announced within the service's limit or none, no CORS or protocol upgrade, a bearer token this gateway verified a
 * moment ago ({@link VerifiedTokens}) with a role the route's policy names, or a public route called without one, and
 * room in the caller's rate limit. It then does what the ordinary way does — request id, the caller's trace continued
 * (a server span, recorded when an exporter is set), the route template as the metrics' {@code uri}, security headers,
 * one access line ({@link AccessLog}) — and proxies to the service with the same failure handling.
 * <p>
 * Every other request — a first token, a missing or refused one, a method or path the policies refuse, an exhausted
 * rate limit, {@code /q/*}, the OpenAPI documents, Swagger UI — is handed over to Quarkus' own server on its loopback
 * port, which answers it as before. Quarkus trusts the front door's {@code X-Forwarded-*}: a trusted proxy's go on as
 * they came (with what is missing added), anyone else's are replaced by what the front door saw (the peer's address,
 * the scheme, the {@code Host}) and the other forwarding headers dropped, as Quarkus would have ignored them.
 * <p>
 * It runs on a Vert.x of its own, without Quarkus' metrics and tracing hooks (it records both itself), one server
 * and one set of service clients per event loop.
 */
final class FrontDoor {

    private static final Logger LOG = Logger.getLogger(FrontDoor.class);
    /** Room under the header-size limit for the request id the ordinary way adds before it counts. */
    private static final long HEADROOM = 256;
    private static final TextMapGetter<MultiMap> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(MultiMap carrier) {
            return carrier.names();
        }

        @Override
        public String get(MultiMap carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /** The hand-over's timeouts: Quarkus' server is on this host; its answers may wait for a service's. */
    private static final RequestOptions HAND_OVER = new RequestOptions().setConnectTimeout(2_000)
            .setIdleTimeout(120_000);

    /** One routed prefix, the service behind it and the largest body that service accepts. */
    record Lane(String prefix, String backend, long maxBodySize) {

        boolean matches(String path) {
            return ProxyFastPath.underPrefix(path, prefix);
        }
    }

    /** What the front door needs of the rest of the gateway. */
    record Parts(List<Lane> lanes, Map<String, SocketAddress> origins, Map<String, RequestOptions> requestOptions,
            Function<String, ProxyInterceptor> failures, RoutePolicies policies, RateLimiter clientLimiter,
            RateLimiter publicLimiter, Callers callers, AccessLog accessLog, VerifiedTokens tokens,
            ContextPropagators propagators, Tracer tracer, MeterRegistry metrics, boolean hsts,
            long maxUriLength, long maxHeadersSize, long maxBodySize, int poolPerLoop, TrustedProxies trusted,
            ProxyInterceptor handOverFailures) {
    }

    private final Parts parts;
    private final Lane[] lanes;
    private final String host;
    private final int port;
    /** Quarkus' own server: known once it listens (after the front door starts, in tests on a port of its own). */
    private final java.util.function.Supplier<SocketAddress> quarkus;
    private final int eventLoops;
    private final Counter taken;
    private final Counter handedOver;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private volatile Vertx vertx;
    private volatile int actualPort = -1;

    FrontDoor(Parts parts, String host, int port, java.util.function.Supplier<SocketAddress> quarkus, int eventLoops) {
        this.parts = parts;
        this.lanes = parts.lanes().stream()
                .sorted(Comparator.comparingInt((Lane lane) -> lane.prefix().length()).reversed())
                .toArray(Lane[]::new);
        this.host = host;
        this.port = port;
        this.quarkus = quarkus;
        this.eventLoops = eventLoops;
        this.taken = Counter.builder(ProxyFastPath.METRIC)
                .description("Proxied requests that took the short way: a token verified a moment ago, or a public "
                        + "route without one")
                .register(parts.metrics());
        this.handedOver = Counter.builder("kiroku.gateway.front.door.handed.over")
                .description("Requests the front door handed over to Quarkus' own server (the ordinary way)")
                .register(parts.metrics());
    }

    /** Starts the servers, one per event loop; returns once they listen. */
    void start() {
        Vertx own = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(eventLoops)
                // Quarkus' hooks stay off this Vert.x: the front door records its own metrics and spans
                .setMetricsOptions(new MetricsOptions().setEnabled(false)));
        this.vertx = own;
        try {
            String id = own.deployVerticle(Door::new, new DeploymentOptions().setInstances(eventLoops))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            LOG.infof("Front door on %s:%d (%d event loops, deployment %s)", host, actualPort, eventLoops, id);
        } catch (Exception e) {
            own.close();
            throw new IllegalStateException("The gateway's front door could not start on " + host + ":" + port, e);
        }
    }

    void stop() {
        Vertx own = vertx;
        vertx = null;
        if (own != null) {
            try {
                own.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warnf("Front door did not stop cleanly: %s", e.getClass().getSimpleName());
            }
        }
    }

    /** The port it listens on (the configured one, or the one the system chose for port 0); -1 before the start. */
    int port() {
        return actualPort;
    }

    /** One event loop's server and clients. */
    private final class Door extends AbstractVerticle {

        private final Map<String, HttpProxy> services = new ConcurrentHashMap<>();
        private HttpProxy handOver;

        @Override
        public void start(Promise<Void> started) {
            parts.origins().forEach((name, origin) -> {
                RequestOptions options = parts.requestOptions().get(name);
                HttpProxy proxy = HttpProxy.reverseProxy(vertx.createHttpClient(new HttpClientOptions()
                                .setMaxPoolSize(parts.poolPerLoop())
                                .setKeepAlive(true)))
                        .originRequestProvider((request, client) -> client.request(new RequestOptions(options)
                                .setServer(origin)));
                proxy.addInterceptor(parts.failures().apply(name));
                services.put(name, proxy);
            });
            HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                    .setHost(host)
                    .setPort(port)
                    // the same head limits as Quarkus' server: past them Vert.x answers a bare 414/431 on both
                    .setMaxInitialLineLength(65536)
                    .setMaxHeaderSize(64 * 1024)
                    // Quarkus' default idle timeout (quarkus.http.idle-timeout), so idle clients are let go alike
                    .setIdleTimeout(30)
                    .setIdleTimeoutUnit(TimeUnit.MINUTES));
            server.requestHandler(this::handle).listen().onSuccess(listening -> {
                actualPort = listening.actualPort();
                started.complete();
            }).onFailure(started::fail);
        }

        private void handle(HttpServerRequest request) {
            if (request.version() != HttpVersion.HTTP_1_0
                    && !((io.vertx.core.http.impl.HttpServerRequestInternal) request).isValidAuthority()) {
                // a missing or malformed Host: refused as Vert.x Web's router refuses it on the ordinary way
                request.response().setStatusCode(400).end();
                return;
            }
            try {
                serve(request);
            } catch (RuntimeException e) {
                // nothing sent yet on this way (it answers only through the proxy): the ordinary way answers instead
                LOG.warnf("Front door could not serve a request (%s); handed over", e.getClass().getSimpleName());
                if (!request.response().headWritten() && !request.response().ended()) {
                    handOver(request);
                }
            }
        }

        private void serve(HttpServerRequest request) {
            long start = System.nanoTime();
            Lane lane = laneFor(request);
            if (lane == null) {
                handOver(request);
                return;
            }
            String path = request.path();
            String method = request.method().name();
            RoutePolicies.Decision decision = parts.policies().decide(path, method);
            if (!(decision instanceof RoutePolicies.Decision.Governed governed)) {
                handOver(request); // 405 or 403: the ordinary way answers it
                return;
            }
            RoutePolicies.Policy policy = governed.policy();
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            Callers.Caller identity = null;
            if (authorization != null) {
                VerifiedTokens.Verified verified = remembered(authorization);
                if (verified == null || !(policy.isPublic() || policy.roles().isEmpty()
                        || hasAnyRole(verified, policy))) {
                    handOver(request); // not verified yet, not a bearer token, or a 403: the ordinary way decides
                    return;
                }
                identity = parts.callers().of(verified.principal(), verified.roles());
            } else if (!policy.isPublic() || path.startsWith("/api/")) {
                handOver(request); // every /api call needs a token: the ordinary way answers the 401
                return;
            }
            boolean isPublic = policy.isPublic();
            RateLimiter limiter = isPublic ? parts.publicLimiter() : parts.clientLimiter();
            if (limiter == null) {
                proxy(request, lane, policy, identity, start);
                return;
            }
            String key = isPublic ? "public:" + policy.name() + ":" + FrontDoor.this.clientAddress(request)
                    : identity.rateLimitKey();
            CompletableFuture<RateLimiter.Verdict> verdict = limiter.tryConsume(key).toCompletableFuture();
            Callers.Caller who = identity;
            if (verdict.isDone()) {
                admitted(request, lane, policy, who, start, verdict);
                return;
            }
            // a shared (Redis) budget answers later: the body waits, on this event loop
            request.pause();
            io.vertx.core.Context context = vertx.getOrCreateContext();
            // (no resume here: the proxy reads the body on when it sends the request on)
            verdict.whenComplete((answer, failure) -> context.runOnContext(ignored ->
                    admitted(request, lane, policy, who, start, verdict)));
        }

        private void admitted(HttpServerRequest request, Lane lane, RoutePolicies.Policy policy,
                Callers.Caller identity, long start, CompletableFuture<RateLimiter.Verdict> verdict) {
            if (verdict.isCompletedExceptionally()) {
                // fail open, as the ordinary way does: a rate-limit store that is down must not take the API down
                LOG.warn("Rate limit store unavailable; request allowed");
            } else if (!verdict.join().allowed()) {
                // an exhausted budget: the ordinary way answers the 429 (its own try finds the bucket empty too)
                handOver(request);
                return;
            }
            proxy(request, lane, policy, identity, start);
        }

        /** Serves a request that passed every check, as the ordinary way would. */
        private void proxy(HttpServerRequest request, Lane lane, RoutePolicies.Policy policy,
                Callers.Caller identity, long start) {
            taken.increment();
            MultiMap headers = request.headers();
            String requestId = RequestIds.accept(headers.get(RequestIds.HEADER));
            headers.set(RequestIds.HEADER, requestId);
            String method = request.method().name();
            String template = policy.template();
            Context parent = parts.propagators().getTextMapPropagator().extract(Context.root(), headers, HEADERS);
            Span span = parts.tracer().spanBuilder(method + " " + template).setParent(parent)
                    .setSpanKind(SpanKind.SERVER).startSpan();
            // the service's parent is this request's span (the caller's trace context goes no further)
            headers.remove("traceparent").remove("tracestate");
            parts.propagators().getTextMapPropagator().inject(parent.with(span), headers, MultiMap::set);
            // what the service builds absolute links from, as the ordinary way sends it: the client's scheme, host and
            // address (a trusted proxy's forwarding headers believed, anyone else's not)
            String host = request.authority().toString();
            String peer = request.remoteAddress().hostAddress();
            boolean trusted = parts.trusted().trusts(peer);
            headers.set("X-Forwarded-Proto", trusted ? first(headers, "X-Forwarded-Proto", request.scheme())
                            : request.scheme())
                    .set("X-Forwarded-Host", trusted ? first(headers, "X-Forwarded-Host", host) : host)
                    .set("X-Forwarded-For", trusted ? first(headers, "X-Forwarded-For", peer) : peer);
            removeOtherForwardingHeaders(headers);
            String path = request.path();
            var response = request.response();
            response.headersEndHandler(ignored -> {
                MultiMap out = response.headers();
                out.set(RequestIds.HEADER, requestId);
                SecurityHeaders.apply(out, path, parts.hsts());
            });
            // one line, one span and one measurement per request, also when the client goes away before the end
            java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
            Handler<Void> done = ignored -> {
                if (finished.compareAndSet(false, true)) {
                    done(request, method, template, requestId, span, identity, start);
                }
            };
            response.endHandler(done);
            response.closeHandler(done);
            services.get(lane.backend()).handle(request);
        }

        private void done(HttpServerRequest request, String method, String template, String requestId, Span span,
                Callers.Caller identity, long start) {
            long nanos = System.nanoTime() - start;
            int status = request.response().getStatusCode();
            if (span.isRecording()) {
                span.setAttribute("http.request.method", method);
                span.setAttribute("http.route", template);
                span.setAttribute("http.response.status_code", status);
                if (status >= 500) {
                    span.setStatus(StatusCode.ERROR);
                }
            }
            span.end();
            timer(method, template, status).record(nanos, TimeUnit.NANOSECONDS);
            String traceId = span.getSpanContext().isValid() ? span.getSpanContext().getTraceId() : null;
            parts.accessLog().add(parts.accessLog().line(requestId, traceId, method,
                    template, status, nanos, request.response().bytesWritten(), identity));
        }

        /** To Quarkus' own server, as the client sent it. */
        private void handOver(HttpServerRequest request) {
            handedOver.increment();
            // Quarkus' server trusts the front door's forwarding headers: they say what it would have seen itself
            MultiMap headers = request.headers();
            String peer = request.remoteAddress().hostAddress();
            if (parts.trusted().trusts(peer)) {
                // a trusted proxy's headers go on as they came (Quarkus reads them as it would have)
                if (!headers.contains("X-Forwarded-For")) {
                    headers.set("X-Forwarded-For", peer);
                }
                if (!headers.contains("X-Forwarded-Proto")) {
                    headers.set("X-Forwarded-Proto", request.scheme());
                }
                if (!headers.contains("X-Forwarded-Host") && request.authority() != null) {
                    headers.set("X-Forwarded-Host", request.authority().toString());
                }
            } else {
                // anyone else's are replaced (or dropped), as Quarkus would have ignored them
                headers.set("X-Forwarded-For", peer).set("X-Forwarded-Proto", request.scheme());
                if (request.authority() != null) {
                    headers.set("X-Forwarded-Host", request.authority().toString());
                } else {
                    headers.remove("X-Forwarded-Host");
                }
                removeOtherForwardingHeaders(headers);
            }
            if (handOver == null) {
                SocketAddress inner = quarkus.get();
                HttpProxy proxy = HttpProxy.reverseProxy(vertx.createHttpClient(new HttpClientOptions()
                                .setMaxPoolSize(parts.poolPerLoop())
                                .setKeepAlive(true)))
                        .originRequestProvider((incoming, client) -> client.request(new RequestOptions(HAND_OVER)
                                .setServer(inner)));
                // Quarkus' server not listening (yet, or any more): a 503 problem, not a bare 502
                proxy.addInterceptor(parts.handOverFailures());
                if (inner.port() > 0) {
                    handOver = proxy; // in tests the port is known only once Quarkus listens
                }
                proxy.handle(request);
                return;
            }
            handOver.handle(request);
        }
    }

    /**
     * The lane of a request the front door may serve, or null: a routed path in its plain form, a request head and
     * body within the limits, nothing the ordinary way would turn away or treat specially before the policies.
     */
    private Lane laneFor(HttpServerRequest request) {
        if (request.version() != HttpVersion.HTTP_1_1) {
            return null;
        }
        String uri = request.uri();
        String path = request.path();
        if (uri == null || path == null || uri.length() > parts.maxUriLength() || !isPlain(path)) {
            return null;
        }
        Lane lane = null;
        for (Lane candidate : lanes) {
            if (candidate.matches(path)) {
                lane = candidate;
                break;
            }
        }
        if (lane == null) {
            return null;
        }
        MultiMap headers = request.headers();
        if (headers.contains(HttpHeaders.ORIGIN) || headers.contains(HttpHeaders.UPGRADE)
                || headers.contains(HttpHeaders.EXPECT) || headers.contains(HttpHeaders.TRANSFER_ENCODING)
                || !headers.contains(HttpHeaders.HOST)) {
            return null;
        }
        String length = headers.get(HttpHeaders.CONTENT_LENGTH);
        if (length != null && !withinLimit(length, Math.min(lane.maxBodySize(), parts.maxBodySize()))) {
            return null;
        }
        long size = 0;
        for (Map.Entry<String, String> header : headers) {
            size += header.getKey().length() + header.getValue().length() + 4;
        }
        // near the limit the ordinary way decides (its count includes the request id it sets first)
        if (size > parts.maxHeadersSize() - HEADROOM) {
            return null;
        }
        String query = request.query();
        if (query != null && !isPlainQuery(query)) {
            return null;
        }
        if (query != null && query.indexOf('%') >= 0 && PercentEncoding.refusal(path, query).isPresent()) {
            return null;
        }
        return lane;
    }

    /** A path the router would not change: absolute, no empty, dot or encoded segment, no matrix parameters. */
    static boolean isPlain(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (!isPathCharacter(c)) {
                return false;
            }
            if (c == '/' && i + 1 < path.length()) {
                char next = path.charAt(i + 1);
                if (next == '/' || (next == '.' && (i + 2 == path.length() || path.charAt(i + 2) == '/'
                        || path.charAt(i + 2) == '.'))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** RFC 3986 pchar or '/', without '%' (a path to decode) and ';' (matrix parameters). */
    private static boolean isPathCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,=:@/".indexOf(c) >= 0;
    }

    /** A query of RFC 3986 characters only (pchar, '/', '?', '%'): anything else is the ordinary way's to refuse. */
    static boolean isPlainQuery(String query) {
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (!isPathCharacter(c) && c != '?' && c != '%' && c != ';') {
                return false;
            }
        }
        return true;
    }

    /**
     * Forwarding headers other than {@code X-Forwarded-For/-Proto/-Host} (which the front door sets): a client's
     * {@code X-Forwarded-Ssl}, {@code -Port}, {@code -Prefix} or {@code Forwarded} would otherwise change what Quarkus
     * or a service makes of the request's scheme, host or path.
     */
    static void removeOtherForwardingHeaders(MultiMap headers) {
        headers.remove("X-Forwarded-Ssl").remove("X-Forwarded-Port").remove("X-Forwarded-Prefix")
                .remove("X-Forwarded-Server").remove("Forwarded");
    }

    private static boolean withinLimit(String contentLength, long limit) {
        try {
            long value = Long.parseLong(contentLength.trim());
            return value >= 0 && value <= limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The caller's address as Quarkus reads it: the first {@code X-Forwarded-For} entry when a trusted proxy sent it,
     * else the peer's.
     */
    String clientAddress(HttpServerRequest request) {
        String peer = request.remoteAddress().hostAddress();
        return parts.trusted().trusts(peer) ? first(request.headers(), "X-Forwarded-For", peer) : peer;
    }

    /** The first entry of a forwarding header, or the fallback when there is none. */
    private static String first(MultiMap headers, String name, String fallback) {
        String value = headers.get(name);
        if (value != null) {
            int comma = value.indexOf(',');
            String first = (comma < 0 ? value : value.substring(0, comma)).trim();
            if (!first.isEmpty()) {
                return first;
            }
        }
        return fallback;
    }

    /** A bearer token this gateway verified a moment ago, read from the header as quarkus-oidc reads it; else null. */
    private VerifiedTokens.Verified remembered(String authorization) {
        String token = ProxyFastPath.bearerToken(authorization);
        return token == null ? null : parts.tokens().find(token).orElse(null);
    }

    private static boolean hasAnyRole(VerifiedTokens.Verified verified, RoutePolicies.Policy policy) {
        for (String role : policy.roles()) {
            if (verified.roles().contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** {@code http.server.requests} as Quarkus' HTTP metrics record it, the route template as {@code uri}. */
    private Timer timer(String method, String template, int status) {
        String key = method + ' ' + status + ' ' + template;
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(key, ignored -> Timer.builder("http.server.requests")
                    .tag("method", method)
                    .tag("uri", template)
                    .tag("status", Integer.toString(status))
                    .tag("outcome", Outcome.forStatus(status).name())
                    .register(parts.metrics()));
        }
        return timer;
    }
}
