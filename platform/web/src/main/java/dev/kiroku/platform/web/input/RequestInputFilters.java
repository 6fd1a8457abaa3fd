package dev.kiroku.platform.web.input;

import dev.kiroku.platform.web.ProblemException;
import dev.kiroku.platform.web.ProblemType;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What every resource requires of a request before its parameters are converted and its body is read: the strings of
 * the query and the path obey {@link Texts#refusal} (a {@code 400} naming the parameter), the query is read in NFC as
 * every JSON string is, and a body comes with a content type, a JSON one in UTF-8 ({@code 415} otherwise).
 */
public class RequestInputFilters {

    /** The query in NFC, so that a search finds what the strict mapper stored normalised. */
    @ServerRequestFilter(preMatching = true)
    public void normaliseQuery(ContainerRequestContext context) {
        UriInfo uri = context.getUriInfo();
        MultivaluedMap<String, String> query = uri.getQueryParameters(true);
        boolean normalised = true;
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            normalised &= isAcceptedAsIs(entry.getKey());
            for (String value : entry.getValue()) {
                normalised &= isAcceptedAsIs(value);
            }
        }
        if (normalised) {
            return;
        }
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            refuseUnacceptable("query", entry.getKey(), entry.getKey());
            for (String value : entry.getValue()) {
                refuseUnacceptable("query", entry.getKey(), value);
            }
        }
        UriBuilder builder = uri.getRequestUriBuilder().replaceQuery(null);
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            for (String value : entry.getValue()) {
                builder.queryParam(encode(Texts.normalised(entry.getKey())), encode(Texts.normalised(value)));
            }
        }
        URI rewritten = builder.build();
        context.setRequestUri(uri.getBaseUri(), rewritten);
    }

    /** The query and path parameters as strings: no NUL, lone surrogate or non-character. */
    @ServerRequestFilter
    public void refuseUnacceptableParameters(ContainerRequestContext context) {
        UriInfo uri = context.getUriInfo();
        for (Map.Entry<String, List<String>> entry : uri.getQueryParameters(true).entrySet()) {
            refuseUnacceptable("query", entry.getKey(), entry.getKey());
            for (String value : entry.getValue()) {
                refuseUnacceptable("query", entry.getKey(), value);
            }
        }
        for (Map.Entry<String, List<String>> entry : uri.getPathParameters(true).entrySet()) {
            for (String value : entry.getValue()) {
                refuseUnacceptable("path", entry.getKey(), value);
            }
        }
    }

    /**
     * A request with a body names its content type, and a JSON one is UTF-8 (RFC 8259 §8.1): Quarkus REST would read
     * a body without a content type as JSON and ignore a declared charset.
     */
    @ServerRequestFilter
    public void requireContentType(ContainerRequestContext context, HttpServerRequest request) {
        if (!hasBody(request)) {
            return;
        }
        String header = context.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (header == null || header.isBlank()) {
            throw unsupported("A request with a body must declare its Content-Type (application/json here)");
        }
        MediaType type;
        try {
            type = MediaType.valueOf(header);
        } catch (IllegalArgumentException e) {
            throw unsupported("The request's Content-Type is malformed");
        }
        boolean json = type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (json && charset != null && !charset.equalsIgnoreCase(StandardCharsets.UTF_8.name())) {
            throw unsupported("A JSON body must be encoded in UTF-8");
        }
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                return Long.parseLong(length.trim()) > 0;
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return request.getHeader("Transfer-Encoding") != null;
    }

    private static ProblemException unsupported(String detail) {
        return new ProblemException(415, ProblemType.UNSUPPORTED_MEDIA_TYPE, ProblemType.titleForStatus(415), detail);
    }

    private static boolean isAcceptedAsIs(String text) {
        return Texts.refusal(text) == null && Texts.normalised(text).equals(text);
    }

    private static void refuseUnacceptable(String in, String name, String value) {
        String refusal = Texts.refusal(value);
        if (refusal != null) {
            String named = Texts.refusal(name) == null ? name : null;
            throw new RefusedParameterException(400, named, in, refusal);
        }
    }

    /** A query component for {@link UriBuilder#queryParam}, which would read braces as templates. */
    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
