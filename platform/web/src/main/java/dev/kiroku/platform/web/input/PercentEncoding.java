package dev.kiroku.platform.web.input;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The request target as it arrived, before anything decodes it: every {@code %} followed by two hex digits, and the
 * octets it encodes UTF-8. The decoders downstream turn {@code %FF} or a truncated sequence into U+FFFD and pass it on
 * as if the client had sent that character, so such a request is refused here, once, with a problem naming the
 * parameter. (A target {@link java.net.URI} cannot parse at all, such as {@code %zz}, Quarkus itself answers with a
 * bare 400 before any route runs.)
 */
public final class PercentEncoding {

    /** A refused component of the request target: the query parameter's name (if readable) or the path. */
    public record Refusal(String in, String name) {
    }

    public static final String REASON = "must be percent-encoded UTF-8";

    private PercentEncoding() {
    }

    /** The first component of the path or the query that is not well-formed percent-encoded UTF-8. */
    public static Optional<Refusal> refusal(String path, String query) {
        if (path != null && decode(path) == null) {
            return Optional.of(new Refusal("path", null));
        }
        if (query == null || query.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name == null || value == null) {
                return Optional.of(new Refusal("query", name == null || Texts.refusal(name) != null ? null : name));
            }
        }
        return Optional.empty();
    }

    /** The decoded text, or null when the component is not well-formed percent-encoded UTF-8. */
    static String decode(String component) {
        if (isPlainAscii(component)) {
            return component; // nothing encoded: the common case, decoded as it is
        }
        byte[] bytes = new byte[component.length() * 3];
        int n = 0;
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '%') {
                if (i + 2 >= component.length() || Character.digit(component.charAt(i + 1), 16) < 0
                        || Character.digit(component.charAt(i + 2), 16) < 0) {
                    return null;
                }
                bytes[n++] = (byte) Integer.parseInt(component.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isSurrogate(c)) {
                    return null;
                }
                System.arraycopy(utf8, 0, bytes, n, utf8.length);
                n += utf8.length;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isPlainAscii(String component) {
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '%' || c >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
