package dev.kiroku.gateway.routing;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.kiroku.platform.web.RequestIds;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One structured JSON line per request in the {@code kiroku.access} log category: request id, trace id, method, route
 * template (never the path or query, which may carry identifiers), status, latency, and the caller as the token's
 * opaque subject, its client and its Kiroku roles — no name, e-mail or other personal data in clear.
 * <p>
 * The line is written straight into one buffer (strings escaped by Jackson's encoder) and the caller's part is
 * worked out once per verified token ({@link Callers}): this runs once per proxied request on the event loop.
 * <p>
 * Lines are handed to the log in batches, as nginx buffers its access log: a request's line waits at most
 * {@link #FLUSH_DELAY_MS} ms with the others of that moment, and the batch goes out as one log message of one line per
 * request — one write to the log instead of one per request (which took a sixteenth of the gateway's event loops).
 * At most that moment's lines are lost if the process dies; an orderly stop writes them, and any line after it at once
 * ({@link #close()}).
 */
final class AccessLog {

    static final String CATEGORY = "kiroku.access";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    /** Longest a line waits for its batch. */
    static final long FLUSH_DELAY_MS = 50;

    private final Callers callers;
    private final Vertx vertx;
    private final Queue<String> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private volatile boolean closed;

    AccessLog(Callers callers, Vertx vertx) {
        this.callers = callers;
        this.vertx = vertx;
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
        add(line(ctx, System.nanoTime() - start));
    }

    /** Queues a line for the next batch; once the log is closed, writes it at once. */
    void add(String line) {
        if (closed) {
            LOG.info(line);
            return;
        }
        pending.add(line);
        if (flushScheduled.compareAndSet(false, true)) {
            try {
                vertx.setTimer(FLUSH_DELAY_MS, ignored -> flush());
            } catch (RuntimeException e) {
                // Vert.x closing: no timer any more, so no batch either
                flush();
            }
        }
    }

    /** Writes what is queued, and every later line at once: at a stop no line waits for a timer that never fires. */
    void close() {
        closed = true;
        flush();
    }

    /** Writes the lines waiting, as one message of one line each. */
    void flush() {
        flushScheduled.set(false); // a line added from here on schedules the next batch
        StringBuilder batch = null;
        for (String line; (line = pending.poll()) != null; ) {
            if (batch == null) {
                batch = new StringBuilder(4096).append(line);
            } else {
                batch.append('\n').append(line);
            }
        }
        if (batch != null) {
            LOG.info(batch.toString());
        }
    }

    String line(RoutingContext ctx, long nanos) {
        Object traceId = MDC.get("traceId");
        SecurityIdentity identity = ctx.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        return line(RequestIds.of(ctx.request()), traceId == null ? null : traceId.toString(),
                ctx.request().method().name(), route(ctx), ctx.response().getStatusCode(), nanos,
                ctx.response().bytesWritten(),
                identity == null || identity.isAnonymous() ? null : callers.of(identity));
    }

    /** The line of one request: the caller's part from its summary (none when anonymous). */
    String line(String requestId, String traceId, String method, String route, int status, long nanos,
            long bytesOut, Callers.Caller caller) {
        StringBuilder line = new StringBuilder(320).append("{\"type\":\"access\",\"requestId\":");
        string(line, requestId);
        if (traceId != null && !traceId.isEmpty()) {
            line.append(",\"traceId\":");
            string(line, traceId);
        }
        line.append(",\"method\":");
        string(line, method);
        line.append(",\"route\":");
        string(line, route);
        line.append(",\"status\":").append(status).append(",\"latencyMs\":");
        latency(line, nanos);
        line.append(",\"bytesOut\":").append(bytesOut);
        if (caller != null) {
            line.append(caller.accessLogFields());
        }
        return line.append('}').toString();
    }

    /** A JSON string: quoted, escaped by Jackson's encoder. */
    static void string(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, out);
        out.append('"');
    }

    /** Milliseconds with two decimals ({@code 1.05}), from nanoseconds, rounded half up. */
    static void latency(StringBuilder line, long nanos) {
        long hundredths = (Math.max(0, nanos) + 5_000) / 10_000;
        long fraction = hundredths % 100;
        line.append(hundredths / 100).append('.');
        if (fraction < 10) {
            line.append('0');
        }
        line.append(fraction);
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
