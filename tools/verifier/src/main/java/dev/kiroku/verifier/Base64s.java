package dev.kiroku.verifier;

import java.util.Base64;

/** Standard base64 (RFC 4648 §4) in its one canonical form only. */
final class Base64s {

    private Base64s() {
    }

    /** The bytes, or null when the text is not canonical base64. */
    static byte[] strict(String text) {
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            return Base64.getEncoder().encodeToString(bytes).equals(text) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
