package dev.kiroku.gateway.routing;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body streamed to a service without a {@code Content-Length} (chunked), counted on its way: past the
 * gateway's {@code quarkus.http.limits.max-body-size} it stops forwarding and fails, so the proxy resets the call to
 * the service and the gateway answers 413 rather than streaming an unbounded body (Quarkus refuses an announced
 * length over the limit before reading; a chunked body announces none).
 */
final class LimitedBody implements ReadStream<Buffer> {

    /** The failure a body past the limit ends with. */
    static final class TooLarge extends RuntimeException {

        TooLarge(long limit) {
            super("request body larger than " + limit + " bytes", null, false, false);
        }
    }

    private final ReadStream<Buffer> source;
    private final long limit;
    private long received;
    private volatile boolean exceeded;
    private Handler<Throwable> exceptionHandler;

    LimitedBody(ReadStream<Buffer> source, long limit) {
        this.source = source;
        this.limit = limit;
    }

    /** Whether the body went past the limit (the call to the service was then cut). */
    boolean exceeded() {
        return exceeded;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        source.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (exceeded) {
            return this; // past the limit the rest is read and dropped, whatever the pipe asks
        }
        if (handler == null) {
            source.handler(null);
            return this;
        }
        source.handler(chunk -> {
            if (exceeded) {
                return; // the rest is read and dropped: the client gets its 413 once it has sent its body
            }
            received += chunk.length();
            if (received > limit) {
                exceeded = true;
                source.resume(); // keep reading (and dropping), so the client still sending gets its answer
                Handler<Throwable> failed = exceptionHandler;
                if (failed != null) {
                    failed.handle(new TooLarge(limit));
                }
                return;
            }
            handler.handle(chunk);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        if (exceeded) {
            return this;
        }
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        source.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        source.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        source.endHandler(endHandler);
        return this;
    }
}
