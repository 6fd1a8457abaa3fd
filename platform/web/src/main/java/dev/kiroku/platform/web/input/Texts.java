package dev.kiroku.platform.web.input;

import java.text.Normalizer;

/**
 * The rules every string of a request obeys, wherever it comes from (a JSON string or key, a query or path
 * parameter): no NUL, no lone surrogate, no Unicode non-character; and the one normalisation (NFC) applied before a
 * value is stored, indexed or hashed. Identifiers and names further refuse control and format characters
 * ({@link SingleLineText}).
 */
public final class Texts {

    private Texts() {
    }

    /** What is wrong with the text in words a client can show, or {@code null} when it is acceptable anywhere. */
    public static String refusal(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "must not contain the NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int codePoint = Character.toCodePoint(c, text.charAt(i + 1));
                    if (isNonCharacter(codePoint)) {
                        return nonCharacter(codePoint);
                    }
                    i++;
                    continue;
                }
                return "must not contain a lone surrogate (U+" + hex(c) + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain a lone surrogate (U+" + hex(c) + ")";
            }
            if (isNonCharacter(c)) {
                return nonCharacter(c);
            }
        }
        return null;
    }

    /** What an identifier or a name refuses beyond {@link #refusal}: control (Cc) and format (Cf) characters. */
    public static String singleLineRefusal(String text) {
        String refusal = refusal(text);
        if (refusal != null) {
            return refusal;
        }
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.CONTROL || type == Character.FORMAT) {
                return "must not contain control or format characters such as line breaks, tabs, zero-width "
                        + "or bidirectional marks (U+" + hex(codePoint) + ")";
            }
            i += Character.charCount(codePoint);
        }
        return null;
    }

    /** The text in Unicode normalisation form C, the form every stored, indexed and hashed string has. */
    public static String normalised(String text) {
        return Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    static boolean isNonCharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }

    private static String nonCharacter(int codePoint) {
        return "must not contain a Unicode non-character (U+" + hex(codePoint) + ")";
    }

    private static String hex(int codePoint) {
        return String.format("%04X", codePoint);
    }
}
