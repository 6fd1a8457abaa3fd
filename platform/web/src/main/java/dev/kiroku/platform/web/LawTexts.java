package dev.kiroku.platform.web;

import java.util.regex.Pattern;

/**
 * The law summary's verification markers ({@code [V]} verified, {@code [S]} secondary source, {@code [M]} and
 * {@code [M wording]} from memory, unverified) are for maintainers: they live in code comments and in docs/law.md
 * ("Verification status"), never in what the API answers. Rule tables carry no markers any more; this strips them
 * from texts stored before that (a record's retention rule is stored with the record).
 */
public final class LawTexts {

    /** A marker with the blank before it: {@code " [M]"}, {@code " [S]"}, {@code " [V]"}, {@code " [M wording]"}. */
    public static final Pattern MARKER = Pattern.compile("\\s*\\[(?:M|S|V)(?: wording)?]");

    private LawTexts() {
    }

    /** The text without verification markers; null stays null. */
    public static String withoutMarkers(String text) {
        return text == null ? null : MARKER.matcher(text).replaceAll("");
    }

    /** Whether the text holds a verification marker. */
    public static boolean hasMarker(CharSequence text) {
        return text != null && MARKER.matcher(text).find();
    }
}
