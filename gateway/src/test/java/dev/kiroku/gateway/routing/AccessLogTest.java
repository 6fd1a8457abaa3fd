package dev.kiroku.gateway.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The access line's own formatting: latency in milliseconds with two decimals, strings as valid JSON. */
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
        Callers.string(out, "a\"b\\c\nd\u0001");
        out.append('}');
        assertThat(new ObjectMapper().readTree(out.toString()).get("v").asText()).isEqualTo("a\"b\\c\nd\u0001");
        StringBuilder none = new StringBuilder();
        Callers.string(none, null);
        assertThat(none).hasToString("null");
    }

    private static String latency(long nanos) {
        StringBuilder out = new StringBuilder();
        AccessLog.latency(out, nanos);
        return out.toString();
    }
}
