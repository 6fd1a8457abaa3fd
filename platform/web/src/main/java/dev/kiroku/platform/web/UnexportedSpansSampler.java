package dev.kiroku.platform.web;

import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.quarkus.opentelemetry.runtime.AutoConfiguredOpenTelemetrySdkBuilderCustomizer;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Spans are recorded only when they can leave the process. Without an OTLP endpoint
 * ({@code quarkus.otel.exporter.otlp.traces.endpoint}, blank by default: see the platform's
 * {@code microprofile-config.properties}) every span would be built, filled with attributes, ended and then dropped,
 * on every request — on the gateway an eighth of its CPU per proxied request. Then the configured sampler gives way
 * to one that records nothing: each request still gets a trace id (in every log line and the access log) and a
 * {@code traceparent} to the services, marked not sampled, so a trace that a caller or an exporter-less hop starts
 * stays one trace across the suite. With an endpoint set, the configured sampler
 * ({@code quarkus.otel.traces.sampler}, {@code parentbased_always_on} by default) decides as before.
 * <p>
 * Only Quarkus' OTLP exporter counts (the one Kiroku ships and documents): an application that brings another exporter
 * (a CDI {@code SpanExporter}, a vendor extension) must set an OTLP endpoint too, or its spans are not recorded. A
 * service without an endpoint marks the traces it sends on as not sampled, so a service that does export drops them:
 * set the endpoint for all of them at once (the shared ConfigMap {@code kiroku-common} in k8s/).
 * <p>
 * Quarkus applies every CDI {@link AutoConfiguredOpenTelemetrySdkBuilderCustomizer} when it builds the SDK.
 */
@Singleton
public class UnexportedSpansSampler implements AutoConfiguredOpenTelemetrySdkBuilderCustomizer {

    private static final Logger LOG = Logger.getLogger(UnexportedSpansSampler.class);

    /** Quarkus' default OTLP endpoint, used when neither endpoint is set. */
    static final String DEFAULT_ENDPOINT = "http://localhost:4317/";

    private final boolean exported;

    public UnexportedSpansSampler(
            @ConfigProperty(name = "quarkus.otel.exporter.otlp.traces.endpoint") Optional<String> tracesEndpoint,
            @ConfigProperty(name = "quarkus.otel.exporter.otlp.endpoint") Optional<String> endpoint) {
        this.exported = !tracesEndpoint(tracesEndpoint, endpoint).isEmpty();
    }

    /**
     * The endpoint Quarkus' OTLP exporter sends spans to, resolved as Quarkus resolves it: the traces endpoint unless
     * it is the built-in default, else the general one unless it is the default, else the default; blank means no
     * exporter.
     */
    static String tracesEndpoint(Optional<String> tracesEndpoint, Optional<String> endpoint) {
        return tracesEndpoint.filter(value -> !DEFAULT_ENDPOINT.equals(value))
                .orElse(endpoint.filter(value -> !DEFAULT_ENDPOINT.equals(value)).orElse(DEFAULT_ENDPOINT))
                .trim();
    }

    /** Whether spans leave the process, and so are recorded. */
    public boolean recordsSpans() {
        return exported;
    }

    @Override
    public void customize(AutoConfiguredOpenTelemetrySdkBuilder builder) {
        if (!exported) {
            LOG.info("No OTLP traces endpoint (quarkus.otel.exporter.otlp.traces.endpoint): spans are not recorded; "
                    + "trace ids still go into the logs and the traceparent headers");
        }
        builder.addSamplerCustomizer((configured, properties) -> sampler(configured));
    }

    /** The sampler the SDK uses: the configured one when spans are exported, else one that records nothing. */
    Sampler sampler(Sampler configured) {
        return exported ? configured : Sampler.alwaysOff();
    }

}
