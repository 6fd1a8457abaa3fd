package dev.kiroku.platform.web;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.inject.Singleton;

/**
 * Keeps query values out of the spans: a query may name a data subject ({@code subjectIdentifier}) or a counterparty,
 * and spans leave the process (OTLP). When a span starts, the HTTP instrumentation's {@code url.query},
 * {@code url.full} and the older {@code http.target}/{@code http.url} keep each parameter's name and lose its value
 * ({@code subjectScheme=?&subjectIdentifier=?}). Quarkus adds every CDI {@link SpanProcessor} to its tracer provider.
 */
@Singleton
public class QueryRedactingSpanProcessor implements SpanProcessor {

    private static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");
    private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    private static final AttributeKey<String> HTTP_TARGET = AttributeKey.stringKey("http.target");
    private static final AttributeKey<String> HTTP_URL = AttributeKey.stringKey("http.url");

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        String query = span.getAttribute(URL_QUERY);
        if (query != null) {
            span.setAttribute(URL_QUERY, redact(query));
        }
        for (AttributeKey<String> url : new AttributeKey[] {URL_FULL, HTTP_TARGET, HTTP_URL}) {
            String value = span.getAttribute(url);
            int mark = value == null ? -1 : value.indexOf('?');
            if (mark >= 0) {
                span.setAttribute(url, value.substring(0, mark + 1) + redact(value.substring(mark + 1)));
            }
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        // nothing: attributes are redacted when the span starts, before any exporter sees it
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }

    /** {@code a=1&b=x%20y&c} → {@code a=?&b=?&c}: parameter names only. */
    static String redact(String query) {
        StringBuilder out = new StringBuilder(query.length());
        for (String parameter : query.split("&", -1)) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            int equals = parameter.indexOf('=');
            out.append(equals < 0 ? parameter : parameter.substring(0, equals + 1) + "?");
        }
        return out.toString();
    }
}
