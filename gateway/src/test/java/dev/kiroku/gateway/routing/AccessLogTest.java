package dev.kiroku.gateway.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access line's own formatting (latency in milliseconds with two decimals, strings as valid JSON) and its batches:
 * the lines of one moment go out together, one line per request, and none is left waiting at a stop.
 */
class AccessLogTest {

    @Test
    void latencyIsMillisecondsWithTwoDecimalsRoundedHalfUp() {
        assertThat(latency(0)).isEqualTo("0.00");
        assertThat(latency(4_999)).isEqualTo("0.00");
        assertThat(latency(5_000)).isEqualTo("0.01");
        assertThat(latency(1_050_000)).isEqualTo("1.05");
        assertThat(latency(12_345_678)).isEqualTo("12.35");
        assertThat(latency(61_000_000_000L)).isEqualTo("61000.00");
        assertThat(latency(-3)).as("a clock that went back").isEqualTo("0.00");
    }

    @Test
    void stringsAreQuotedAndEscapedAsJson() throws Exception {
        StringBuilder out = new StringBuilder("{\"v\":");
        AccessLog.string(out, "a\"b\\c\nd\u0001");
        out.append('}');
        assertThat(new ObjectMapper().readTree(out.toString()).get("v").asText()).isEqualTo("a\"b\\c\nd\u0001");
        StringBuilder none = new StringBuilder();
        AccessLog.string(none, null);
        assertThat(none).hasToString("null");
    }

    @Test
    void linesOfOneMomentGoOutAsOneMessageOfOneLineEachAndNoneWaitsAfterTheStop() throws Exception {
        Vertx vertx = Vertx.vertx();
        List<String> messages = new CopyOnWriteArrayList<>();
        ExtHandler capture = new ExtHandler() {
            @Override
            protected void doPublish(ExtLogRecord record) {
                messages.add(record.getMessage());
            }
        };
        Logger logger = Logger.getLogger(AccessLog.CATEGORY);
        logger.addHandler(capture);
        try {
            AccessLog log = new AccessLog(new Callers(10), vertx);
            log.add("{\"n\":1}");
            log.add("{\"n\":2}");
            log.add("{\"n\":3}");
            assertThat(messages).as("nothing written before the batch's moment").isEmpty();
            awaitSize(messages, 1);
            assertThat(messages).containsExactly("{\"n\":1}\n{\"n\":2}\n{\"n\":3}");
            log.add("{\"n\":4}");
            awaitSize(messages, 2);
            log.add("{\"n\":5}");
            log.close();
            assertThat(messages).as("the stop writes what waits").hasSize(3);
            log.add("{\"n\":6}");
            assertThat(messages).as("after the stop a line is written at once").hasSize(4);
            Thread.sleep(3 * AccessLog.FLUSH_DELAY_MS);
            assertThat(messages).containsExactly("{\"n\":1}\n{\"n\":2}\n{\"n\":3}", "{\"n\":4}", "{\"n\":5}",
                    "{\"n\":6}");
        } finally {
            logger.removeHandler(capture);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitSize(List<String> messages, int size) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (messages.size() < size && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertThat(messages).hasSize(size);
    }

    private static String latency(long nanos) {
        StringBuilder out = new StringBuilder();
        AccessLog.latency(out, nanos);
        return out.toString();
    }
}
