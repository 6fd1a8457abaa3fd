package dev.kiroku.platform.web;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Spans never carry a query's values (a data subject's identifier may be one), only the parameters' names. */
class QueryRedactingSpanProcessorTest {

    @Test
    void anHttpSpansQueryAndUrlsKeepTheParameterNamesAndLoseTheValues() {
        try (SdkTracerProvider tracing = SdkTracerProvider.builder()
                .addSpanProcessor(new QueryRedactingSpanProcessor()).build()) {
            Span span = tracing.get("test").spanBuilder("GET /api/v1/provisions")
                    .setAttribute("url.query", "subjectScheme=email&subjectIdentifier=taro%40example.jp&limit=5")
                    .setAttribute("url.full", "http://provision-records:8081/api/v1/provisions?subjectIdentifier=taro")
                    .setAttribute("http.target", "/api/v1/provisions?counterparty=Acme&flag")
                    .setAttribute("url.path", "/api/v1/provisions")
                    .startSpan();
            ReadableSpan readable = (ReadableSpan) span;
            assertThat(readable.getAttribute(AttributeKey.stringKey("url.query")))
                    .isEqualTo("subjectScheme=?&subjectIdentifier=?&limit=?");
            assertThat(readable.getAttribute(AttributeKey.stringKey("url.full")))
                    .isEqualTo("http://provision-records:8081/api/v1/provisions?subjectIdentifier=?");
            assertThat(readable.getAttribute(AttributeKey.stringKey("http.target")))
                    .isEqualTo("/api/v1/provisions?counterparty=?&flag");
            assertThat(readable.getAttribute(AttributeKey.stringKey("url.path"))).isEqualTo("/api/v1/provisions");
            span.end();
        }
    }
}
