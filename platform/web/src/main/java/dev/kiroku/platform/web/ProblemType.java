package dev.kiroku.platform.web;

import java.net.URI;

/**
 * The stable problem {@code type} URIs shared by every service. A service adds its own kinds with
 * {@link #of(String)}; the URI is {@code urn:kiroku:problem:<slug>} and never changes once published.
 */
public final class ProblemType {

    public static final String PREFIX = "urn:kiroku:problem:";

    public static final URI BAD_REQUEST = of("bad-request");
    public static final URI VALIDATION = of("validation");
    public static final URI UNAUTHENTICATED = of("unauthenticated");
    public static final URI FORBIDDEN = of("forbidden");
    public static final URI NOT_FOUND = of("not-found");
    public static final URI METHOD_NOT_ALLOWED = of("method-not-allowed");
    public static final URI NOT_ACCEPTABLE = of("not-acceptable");
    public static final URI CONFLICT = of("conflict");
    public static final URI PAYLOAD_TOO_LARGE = of("payload-too-large");
    public static final URI URI_TOO_LONG = of("uri-too-long");
    public static final URI HEADERS_TOO_LARGE = of("headers-too-large");
    public static final URI UNSUPPORTED_MEDIA_TYPE = of("unsupported-media-type");
    public static final URI UNPROCESSABLE = of("unprocessable");
    public static final URI TOO_MANY_REQUESTS = of("too-many-requests");
    public static final URI INTERNAL = of("internal");
    public static final URI BAD_GATEWAY = of("bad-gateway");
    public static final URI UNAVAILABLE = of("unavailable");
    public static final URI GATEWAY_TIMEOUT = of("gateway-timeout");

    private ProblemType() {
    }

    public static URI of(String slug) {
        if (slug == null || !slug.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("problem type slug must be kebab-case: " + slug);
        }
        return URI.create(PREFIX + slug);
    }

    /** The generic type for an HTTP status that has no more specific kind. */
    public static URI forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 431 -> HEADERS_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> UNPROCESSABLE;
            case 429 -> TOO_MANY_REQUESTS;
            case 502 -> BAD_GATEWAY;
            case 503 -> UNAVAILABLE;
            case 504 -> GATEWAY_TIMEOUT;
            default -> status >= 500 ? INTERNAL : BAD_REQUEST;
        };
    }

    /** The standard reason phrase used as the title of the generic types. */
    public static String titleForStatus(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Authentication required";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 409 -> "Conflict";
            case 413 -> "Payload too large";
            case 414 -> "URI too long";
            case 431 -> "Request header fields too large";
            case 415 -> "Unsupported media type";
            case 422 -> "Unprocessable content";
            case 429 -> "Too many requests";
            case 502 -> "Bad gateway";
            case 503 -> "Service unavailable";
            case 504 -> "Gateway timeout";
            default -> status >= 500 ? "Internal error" : "Bad request";
        };
    }
}
