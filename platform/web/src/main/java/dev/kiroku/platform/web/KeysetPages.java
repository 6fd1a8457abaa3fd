package dev.kiroku.platform.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.function.Function;

/**
 * Keyset pagination as every list of the suite answers it (docs/api-conventions.md): {@code {items, next}} with a
 * {@code Link: <…>; rel="next"} header that repeats the request with the cursor parameter replaced.
 */
public final class KeysetPages {

    private KeysetPages() {
    }

    /** The next page's cursor: the last item's key when the page is full, else {@code null} (no further page). */
    public static <T> String next(List<T> items, int limit, Function<T, ?> key) {
        return items.size() == limit && !items.isEmpty() ? String.valueOf(key.apply(items.get(items.size() - 1)))
                : null;
    }

    /** 200 with the page, and the {@code rel="next"} link when there is a next page. */
    public static Response ok(Object page, String next, UriInfo uri, String cursorParameter) {
        Response.ResponseBuilder response = Response.ok(page);
        if (next != null) {
            response.link(uri.getRequestUriBuilder().replaceQueryParam(cursorParameter, next).build(), "next");
        }
        return response.build();
    }
}
