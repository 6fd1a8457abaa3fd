package dev.kiroku.jointuse.group.rest;

/**
 * A value interpolated into a Markdown document, made inert: HTML is escaped as character references (a renderer shows
 * {@code <script>} as text), Markdown syntax that could make a link, an image, emphasis, code or a heading is
 * backslash-escaped, and a line break cannot start a new block. What a reader sees is the value as it was entered.
 */
final class MarkdownText {

    /** CommonMark's backslash-escapable punctuation that can start or close syntax inside a line or at its start. */
    private static final String SYNTAX = "\\`*_[](){}#+-.!|~:";

    private MarkdownText() {
    }

    static String escape(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\r', '\n' -> out.append(' ');
                default -> {
                    if (SYNTAX.indexOf(c) >= 0) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }
}
