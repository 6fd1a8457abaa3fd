package dev.kiroku.gateway.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.gateway.config.GatewayConfig;
import dev.kiroku.platform.web.Problem;
import dev.kiroku.platform.web.ProblemType;
import dev.kiroku.platform.web.ProblemWriter;
import dev.kiroku.platform.web.RequestIds;
import dev.kiroku.platform.web.UnexportedSpansSampler;
import dev.kiroku.platform.web.security.TokenCacheConfig;
import dev.kiroku.platform.web.security.VerifiedTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.proxy.handler.ProxyHandler;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Routes every configured prefix to its service with Vert.x HTTP Proxy on Quarkus' own Vert.x: bodies stream in
 * both directions, hop-by-hop headers are dropped, the bearer token and the request id are forwarded so that each
 * service checks the token again. Anonymous {@code /api/**} calls never reach a service (the platform answers 401
 * first). A service that is down answers a 502 problem, one that is too slow a 504 problem; a body past the service's
 * limit (its {@code max-body-size}, at most {@code quarkus.http.limits.max-body-size}) a 413 problem: refused up front
 * when its {@code Content-Length} says so, counted on its way when it is chunked ({@link LimitedBody}).
 */
@ApplicationScoped
public class ProxyRoutes {

    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);
    /** After the platform's authentication check, before JAX-RS and the fallback 404. */
    private static final int ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT + 1;
    /** Before everything else but the request-id filter. */
    private static final int FIRST = Integer.MIN_VALUE + 1;
    /** Where a test run finds the front door's port (chosen by the system: port 0 in tests). */
    public static final String FRONT_DOOR_TEST_PORT = "kiroku-test.gateway-front-door-port";

    private final GatewayConfig config;
    private final ObjectMapper json;
    private final ProblemWriter writer;
    private final VerifiedTokens tokens;
    private final MeterRegistry metrics;
    private final TokenCacheConfig tokenCache;
    private final UnexportedSpansSampler spans;
    private final ContextPropagators propagators;
    private final io.opentelemetry.api.trace.Tracer tracer;
    private volatile ProxyFastPath fastPath;
    private volatile AccessLog accessLog;
    private final List<RateLimiter> limiters = new ArrayList<>();
    private final long maxBodySize;
    private final int eventLoops;
    private final long maxUriLength;
    private final long maxHeadersSize;
    private volatile FrontDoor frontDoor;

    public ProxyRoutes(GatewayConfig config, ObjectMapper json, ProblemWriter writer, VerifiedTokens tokens,
            MeterRegistry metrics, TokenCacheConfig tokenCache, UnexportedSpansSampler spans, OpenTelemetry otel,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
            @ConfigProperty(name = "quarkus.vertx.event-loops-size") Optional<Integer> eventLoops,
            @ConfigProperty(name = "kiroku.http.limits.max-uri-length", defaultValue = "8K") MemorySize maxUriLength,
            @ConfigProperty(name = "kiroku.http.limits.max-headers-size", defaultValue = "16K")
            MemorySize maxHeadersSize) {
        this.config = config;
        this.json = json;
        this.writer = writer;
        this.tokens = tokens;
        this.metrics = metrics;
        this.tokenCache = tokenCache;
        this.spans = spans;
        this.propagators = otel.getPropagators();
        this.tracer = otel.getTracer("kiroku-gateway");
        this.maxBodySize = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        // Quarkus' default: two event loops per core
        this.eventLoops = eventLoops.orElse(2 * Runtime.getRuntime().availableProcessors());
        this.maxUriLength = maxUriLength.asLongValue();
        this.maxHeadersSize = maxHeadersSize.asLongValue();
    }

    void register(@Observes Router router, Vertx vertx) {
        // one caller summary per verified token, for as many tokens as the verified-token cache keeps
        Callers callers = new Callers(tokenCache.maxEntries());
        AccessLog accessLog = new AccessLog(callers, vertx);
        this.accessLog = accessLog;
        SecurityHeaders securityHeaders = new SecurityHeaders(config.hsts());
        router.route().order(FIRST).handler(accessLog::handle);
        router.route().order(FIRST).handler(securityHeaders::handle);
        RoutePolicies routePolicies = RoutePolicies.of(config);
        RateLimiter clientLimiter = limiter(config.rateLimit().client());
        RateLimiter publicLimiter = limiter(config.rateLimit().publicRoutes());
        RoutePolicyHandler policyHandler = new RoutePolicyHandler(routePolicies, clientLimiter, publicLimiter, writer,
                callers);
        List<ProxyFastPath.Lane> lanes = new ArrayList<>();
        List<FrontDoor.Lane> doorLanes = new ArrayList<>();
        Map<String, SocketAddress> origins = new HashMap<>();
        Map<String, RequestOptions> requestOptions = new HashMap<>();
        Map<String, Long> bodyLimits = new HashMap<>();
        // the connections to a service are kept by event loop (max-pool-size in all; as many again at the front door)
        int poolPerLoop = Math.max(1, (config.maxPoolSize() + eventLoops - 1) / eventLoops);
        config.backends().forEach((name, backend) -> {
            URI url = backend.url();
            int port = url.getPort() > 0 ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 80);
            SocketAddress origin = SocketAddress.inetSocketAddress(port, url.getHost());
            long bodyLimit = backend.maxBodySize().map(size -> Math.min(size.asLongValue(), maxBodySize))
                    .orElse(maxBodySize);
            BackendFailures failures = new BackendFailures(name, bodyLimit, true);
            origins.put(name, origin);
            requestOptions.put(name, new RequestOptions()
                    .setConnectTimeout(backend.connectTimeout().toMillis())
                    .setIdleTimeout(backend.timeout().toMillis()));
            bodyLimits.put(name, bodyLimit);
            Handler<RoutingContext> handler = new PerEventLoop(() -> ProxyHandler.create(HttpProxy.reverseProxy(
                    vertx.createHttpClient(new HttpClientOptions()
                            .setMaxPoolSize(poolPerLoop)
                            .setConnectTimeout((int) backend.connectTimeout().toMillis())
                            .setKeepAlive(true)
                            // spans recorded: the client span of each call sends the trace on (its traceparent);
                            // not recorded: BackendFailures sends it on itself, without building a client span
                            .setTracingPolicy(spans.recordsSpans() ? TracingPolicy.PROPAGATE : TracingPolicy.IGNORE)))
                    .originRequestProvider((request, httpClient) -> httpClient.request(new RequestOptions()
                            .setServer(origin)
                            .setConnectTimeout(backend.connectTimeout().toMillis())
                            .setIdleTimeout(backend.timeout().toMillis())))
                    .addInterceptor(failures)));
            for (String prefix : backend.prefixes()) {
                String exact = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
                router.route(exact).order(ORDER).handler(policyHandler).handler(handler);
                router.route(exact + "/*").order(ORDER).handler(policyHandler).handler(handler);
                lanes.add(new ProxyFastPath.Lane(exact, handler));
                doorLanes.add(new FrontDoor.Lane(exact, name, bodyLimit));
            }
            LOG.infof("Routing %s to %s (%s)", backend.prefixes(), name, url);
        });
        fastPath = new ProxyFastPath(lanes, tokens, policyHandler, metrics);
        router.route().order(ProxyFastPath.ORDER).handler(fastPath);
        config.frontDoor().port().ifPresent(port -> {
            FrontDoor door = new FrontDoor(new FrontDoor.Parts(doorLanes, origins, requestOptions,
                    name -> new BackendFailures(name, bodyLimits.get(name), false), routePolicies, clientLimiter,
                    publicLimiter, callers, accessLog, tokens, propagators, tracer,
                    metrics, config.hsts(), maxUriLength, maxHeadersSize, maxBodySize,
                    poolPerLoop, TrustedProxies.of(config.trustedProxies()),
                    new HandOverFailures()), config.frontDoor().host(), port,
                    () -> SocketAddress.inetSocketAddress(quarkusPort(), quarkusHost()), eventLoops);
            door.start();
            frontDoor = door;
            if (io.quarkus.runtime.LaunchMode.current() == io.quarkus.runtime.LaunchMode.TEST) {
                System.setProperty(FRONT_DOOR_TEST_PORT, Integer.toString(door.port()));
            }
        });
    }

    /** The address of Quarkus' own server: its host, the loopback address when it listens on every address. */
    private static String quarkusHost() {
        String host = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.host", String.class).orElse("127.0.0.1");
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? "127.0.0.1" : host;
    }

    /** The port of Quarkus' own server, which the front door hands requests over to. */
    private static int quarkusPort() {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        String key = io.quarkus.runtime.LaunchMode.current() == io.quarkus.runtime.LaunchMode.TEST
                ? "quarkus.http.test-port" : "quarkus.http.port";
        return config.getOptionalValue(key, Integer.class).orElse(8080);
    }

    /** The front door's port (-1 when there is none or it has not started). */
    public int frontDoorPort() {
        FrontDoor door = frontDoor;
        return door == null ? -1 : door.port();
    }

    /** Proxied requests that took the short way since start ({@code kiroku_gateway_short_way_total}). */
    public long shortWays() {
        ProxyFastPath path = fastPath;
        return path == null ? 0 : path.taken();
    }

    private RateLimiter limiter(GatewayConfig.RateLimit.Limit limit) {
        if (!config.rateLimit().enabled()) {
            return null;
        }
        RateLimiter limiter = config.rateLimit().redisUri()
                .map(uri -> RateLimiter.shared(limit.capacity(), limit.period(), uri))
                .orElseGet(() -> RateLimiter.inMemory(limit.capacity(), limit.period()));
        limiters.add(limiter);
        return limiter;
    }

    /**
     * A service's proxy by event loop: each event loop proxies through an HTTP client of its own, created on it, so a
     * request and its call to the service stay on the event loop of the caller's connection. One client shared by
     * all event loops hands every step of the call (connection, request head, response head, each chunk, the end)
     * from the loop that owns the pooled connection to the caller's loop and back: a task and a thread wake-up
     * each, several per request (the profile showed a quarter of the gateway's samples in those hand-overs).
     */
    private static final class PerEventLoop implements Handler<RoutingContext> {

        private final ThreadLocal<Handler<RoutingContext>> proxies;
        /** For a request handed on off an event loop (a worker thread): one client, not one per worker thread. */
        private final Handler<RoutingContext> shared;

        PerEventLoop(Supplier<Handler<RoutingContext>> factory) {
            this.proxies = ThreadLocal.withInitial(factory);
            this.shared = factory.get();
        }

        @Override
        public void handle(RoutingContext ctx) {
            (Context.isOnEventLoopThread() ? proxies.get() : shared).handle(ctx);
        }
    }

    /** The front door closes first, while Quarkus' server still answers what it handed over. */
    void stopFrontDoor(@Observes io.quarkus.runtime.ShutdownEvent event) {
        FrontDoor door = frontDoor;
        if (door != null) {
            door.stop();
        }
    }

    @PreDestroy
    void close() {
        FrontDoor door = frontDoor;
        if (door != null) {
            door.stop();
        }
        AccessLog log = accessLog;
        if (log != null) {
            log.close(); // the lines of the last moments before the stop, and any after it, written at once
        }
        limiters.forEach(RateLimiter::close);
    }

    /**
     * A request the front door hands over while Quarkus' own server does not answer (starting, stopping): a 503
     * problem, with a request id and the security headers, instead of a bare 502. Nothing else: every answer Quarkus'
     * server gives goes back as it is.
     */
    private final class HandOverFailures implements ProxyInterceptor {

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            return context.sendRequest().recover(failure -> {
                var incoming = context.request().proxiedRequest();
                String requestId = RequestIds.accept(incoming.getHeader(RequestIds.HEADER));
                LOG.warnf("Gateway's own server not answering a request handed over: %s",
                        failure.getClass().getSimpleName());
                Problem problem = new Problem(ProblemType.forStatus(503), ProblemType.titleForStatus(503), 503,
                        "The gateway is starting or stopping; retry in a few seconds", incoming.path(), requestId,
                        null, null);
                ProxyResponse response = context.request().response()
                        .setStatusCode(503)
                        .putHeader("Content-Type", ProblemWriter.MEDIA_TYPE)
                        .putHeader("Cache-Control", "no-store")
                        .putHeader("Retry-After", "5")
                        .putHeader(RequestIds.HEADER, requestId)
                        .setBody(Body.body(Buffer.buffer(serialise(problem))));
                SecurityHeaders.apply(response.headers(), incoming.path(), config.hsts());
                return Future.succeededFuture(response);
            });
        }
    }

    private String serialise(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Turns a failed call to a service into a problem response instead of a bare 502 or a hang. */
    private final class BackendFailures implements ProxyInterceptor {

        private final String backend;
        private final long maxBodySize;
        /** False behind the front door, which has set the forwarding and trace headers itself. */
        private final boolean setsHeaders;

        BackendFailures(String backend, long maxBodySize, boolean setsHeaders) {
            this.backend = backend;
            this.maxBodySize = maxBodySize;
            this.setsHeaders = setsHeaders;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            // services build absolute links (Location) from these: the client's scheme and host, not the gateway's
            var incoming = context.request().proxiedRequest();
            if (setsHeaders) {
                forwardingHeaders(context, incoming);
            }
            // a body announced larger than the service accepts (but within the gateway's own limit, which Quarkus
            // enforces) is refused here, before a byte goes on: the service would answer 413 and close while the
            // body is still streaming to it, and the client get a 502 "not reachable" instead
            long announced = contentLength(incoming.getHeader("Content-Length"));
            if (announced > maxBodySize) {
                // read and drop the body, so a client that sends it all before reading gets its answer
                incoming.handler(ignored -> { }).resume();
                return Future.succeededFuture(problem(context, 413, tooLarge()));
            }
            // a chunked body announces no length, so Quarkus cannot refuse it up front: count it on its way
            Body body = context.request().getBody();
            String encoding = incoming.getHeader("Transfer-Encoding");
            boolean chunked = encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
            LimitedBody limited = chunked && body != null && body.length() < 0 && maxBodySize < Long.MAX_VALUE
                    ? new LimitedBody(body.stream(), maxBodySize) : null;
            if (limited != null) {
                context.request().setBody(Body.body(limited, -1));
            }
            return context.sendRequest().recover(failure -> {
                if (limited != null && limited.exceeded()) {
                    return Future.succeededFuture(problem(context, 413, tooLarge()));
                }
                boolean timedOut = isTimeout(failure);
                int status = timedOut ? 504 : 502;
                LOG.warnf("Service %s %s: %s", backend, timedOut ? "timed out" : "unreachable",
                        failure.getClass().getSimpleName());
                return Future.succeededFuture(problem(context, status, timedOut
                        ? "The " + backend + " service did not answer in time"
                        : "The " + backend + " service is not reachable; retry later"));
            });
        }

        private void forwardingHeaders(ProxyContext context, io.vertx.core.http.HttpServerRequest incoming) {
            context.request().headers()
                    .set("X-Forwarded-Proto", incoming.scheme())
                    .set("X-Forwarded-Host", incoming.authority() != null ? incoming.authority().toString()
                            : incoming.getHeader("Host"))
                    .set("X-Forwarded-For", incoming.remoteAddress().hostAddress())
                    // the caller's trace context is the gateway's span's parent, not the service's: the proxy's own
                    // client span (Quarkus' Vert.x tracer) sends the trace on in a traceparent of its own
                    .remove("traceparent")
                    .remove("tracestate");
            if (!spans.recordsSpans()) {
                // no client span (nothing records it): the configured propagators send the gateway's own request span
                // on as the parent (traceparent, not sampled; tracestate and baggage as they came)
                MultiMap headers = context.request().headers();
                propagators.getTextMapPropagator()
                        .inject(io.opentelemetry.context.Context.current(), headers, MultiMap::set);
            }
        }

        private String tooLarge() {
            return "The request body is larger than " + maxBodySize + " bytes, the most the " + backend
                    + " service accepts";
        }

        /** An announced {@code Content-Length}, or -1 when there is none or it is not a number. */
        private static long contentLength(String header) {
            if (header == null) {
                return -1;
            }
            try {
                return Long.parseLong(header.trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        private ProxyResponse problem(ProxyContext context, int status, String detail) {
            Problem problem = new Problem(ProblemType.forStatus(status), ProblemType.titleForStatus(status), status,
                    detail, context.request().proxiedRequest().path(),
                    RequestIds.of(context.request().proxiedRequest()), null, null);
            return context.request().response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", ProblemWriter.MEDIA_TYPE)
                    .putHeader("Cache-Control", "no-store")
                    .setBody(Body.body(Buffer.buffer(serialise(problem))));
        }

        private boolean isTimeout(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof java.util.concurrent.TimeoutException
                        || t instanceof io.netty.handler.timeout.TimeoutException
                        || (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("timeout period"))) {
                    return true;
                }
            }
            return false;
        }
    }
}
