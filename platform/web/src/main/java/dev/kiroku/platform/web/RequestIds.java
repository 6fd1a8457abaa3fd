package dev.kiroku.platform.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Request ids: an {@code X-Request-Id} sent by the client (or the gateway) is accepted when it is a plain token,
 * otherwise one is minted. The id is written back onto the request (so that proxies forward it and problems quote
 * it), echoed in the response and put in the logging MDC as {@code requestId}, so every log line carries it.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** Runs before security and every route. */
    private static final int PRIORITY = 10_000;

    void register(@Observes Filters filters) {
        filters.register(ctx -> {
            String id = accept(ctx.request().getHeader(HEADER));
            ctx.request().headers().set(HEADER, id);
            ctx.addHeadersEndHandler(ignored -> ctx.response().headers().set(HEADER, id));
            MDC.put(MDC_KEY, id);
            ctx.next();
        }, PRIORITY);
    }

    /** The id to use for an incoming header value: the value itself when acceptable, else a fresh one. */
    public static String accept(String candidate) {
        if (candidate != null && ACCEPTABLE.matcher(candidate).matches()) {
            return candidate;
        }
        return fresh().toString();
    }

    /**
     * A fresh id: a random (version 4) UUID drawn from the thread's own generator. A request id names a request in
     * logs and problems, it guards nothing, so it needs to be unique, not unguessable: no {@code SecureRandom} (and
     * its lock) on every request that arrives without one.
     */
    static UUID fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** The request id of a request that went through the filter. */
    public static String of(HttpServerRequest request) {
        return request == null ? null : request.getHeader(HEADER);
    }
}
