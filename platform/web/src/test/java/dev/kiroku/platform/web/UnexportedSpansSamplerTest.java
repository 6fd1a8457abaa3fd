package dev.kiroku.platform.web;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Spans are recorded only when Quarkus' OTLP exporter has somewhere to send them, resolved as Quarkus resolves it. */
class UnexportedSpansSamplerTest {

    private static final String DEFAULT = UnexportedSpansSampler.DEFAULT_ENDPOINT;

    @Test
    void theSuitesBlankDefaultMeansNoExporterAndNoRecording() {
        assertThat(new UnexportedSpansSampler(Optional.of(" "), Optional.of(DEFAULT)).recordsSpans()).isFalse();
    }

    @Test
    void aTracesEndpointOrAGeneralOneMeansRecording() {
        assertThat(new UnexportedSpansSampler(Optional.of("http://collector:4318"), Optional.of(DEFAULT))
                .recordsSpans()).isTrue();
        assertThat(new UnexportedSpansSampler(Optional.of(DEFAULT), Optional.of("http://collector:4317"))
                .recordsSpans()).isTrue();
    }

    @Test
    void quarkusOwnDefaultEndpointIsAnExporterAsQuarkusTakesIt() {
        // nothing set at all: Quarkus exports to its built-in localhost endpoint, so spans are recorded
        assertThat(new UnexportedSpansSampler(Optional.empty(), Optional.empty()).recordsSpans()).isTrue();
        assertThat(new UnexportedSpansSampler(Optional.of(DEFAULT), Optional.of(DEFAULT)).recordsSpans()).isTrue();
    }

    @Test
    void theConfiguredSamplerDecidesOnlyWhenSpansAreExported() {
        Sampler configured = Sampler.parentBased(Sampler.traceIdRatioBased(0.1));
        assertThat(new UnexportedSpansSampler(Optional.of("http://collector:4318"), Optional.of(DEFAULT))
                .sampler(configured)).isSameAs(configured);
        assertThat(new UnexportedSpansSampler(Optional.of(" "), Optional.of(DEFAULT)).sampler(configured))
                .isEqualTo(Sampler.alwaysOff());
    }

    @Test
    void theTracesEndpointWinsOverTheGeneralOne() {
        assertThat(UnexportedSpansSampler.tracesEndpoint(Optional.of(" "), Optional.of("http://collector:4317")))
                .isEmpty();
        assertThat(UnexportedSpansSampler.tracesEndpoint(Optional.of("http://a:4318"), Optional.of("http://b:4317")))
                .isEqualTo("http://a:4318");
    }
}
