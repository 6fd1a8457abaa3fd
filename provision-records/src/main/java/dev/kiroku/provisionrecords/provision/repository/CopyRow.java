package dev.kiroku.provisionrecords.provision.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Writes one row of PostgreSQL's COPY text format: columns separated by tabs, {@code \N} for NULL, and backslash,
 * tab, newline and carriage return escaped; arrays as array literals with their elements quoted; bytea as hex.
 */
final class CopyRow {

    private static final HexFormat HEX = HexFormat.of();

    private final StringBuilder out;
    private boolean first = true;

    CopyRow(StringBuilder out) {
        this.out = out;
    }

    CopyRow add(Object value) {
        if (!first) {
            out.append('\t');
        }
        first = false;
        if (value == null) {
            out.append("\\N");
        } else if (value instanceof String s) {
            escape(s);
        } else if (value instanceof Boolean b) {
            out.append(b ? 't' : 'f');
        } else if (value instanceof byte[] bytes) {
            out.append("\\\\x").append(HEX.formatHex(bytes));
        } else if (value instanceof List<?> list) {
            StringBuilder literal = new StringBuilder("{");
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    literal.append(',');
                }
                literal.append('"').append(list.get(i).toString().replace("\\", "\\\\").replace("\"", "\\\""))
                        .append('"');
            }
            escape(literal.append('}').toString());
        } else if (value instanceof UUID || value instanceof Number || value instanceof LocalDate
                || value instanceof OffsetDateTime) {
            out.append(value);
        } else {
            throw new IllegalArgumentException("no COPY text form for " + value.getClass().getSimpleName());
        }
        return this;
    }

    void end() {
        out.append('\n');
    }

    private void escape(String s) {
        if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            out.append(s); // nearly always: nothing to escape
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
