package dev.kiroku.provisionrecords.provision.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Writes one row of PostgreSQL's COPY text format, already encoded as UTF-8 (the connection's client encoding):
 * columns separated by tabs, {@code \N} for NULL, and backslash, tab, newline and carriage return escaped; arrays as
 * array literals with their elements quoted; bytea as hex.
 * <p>
 * The row is encoded here, whole, rather than handed to the driver as characters: the driver's
 * {@code copyIn(String, Reader)} encodes its input in pieces of 65,536 UTF-16 units, and a character outside the Basic
 * Multilingual Plane (two units, e.g. 𠮷 in a Japanese name) that straddles two pieces was stored as "??", its record
 * then failing verification as if changed after it was recorded. Encoding in the same pass as the escaping also
 * spares the batch one copy of its text in UTF-16 and another in UTF-8.
 */
final class CopyRow {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] out;
    private int size;
    private boolean first = true;

    CopyRow(int expectedBytes) {
        out = new byte[Math.max(16, expectedBytes)];
    }

    CopyRow add(Object value) {
        if (!first) {
            put('\t');
        }
        first = false;
        if (value == null) {
            ascii("\\N");
        } else if (value instanceof String s) {
            text(s);
        } else if (value instanceof Boolean b) {
            put(b ? 't' : 'f');
        } else if (value instanceof byte[] bytes) {
            ascii("\\\\x");
            room(bytes.length * 2);
            for (byte b : bytes) {
                out[size++] = HEX[(b >> 4) & 0xF];
                out[size++] = HEX[b & 0xF];
            }
        } else if (value instanceof List<?> list) {
            StringBuilder literal = new StringBuilder("{");
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    literal.append(',');
                }
                literal.append('"').append(list.get(i).toString().replace("\\", "\\\\").replace("\"", "\\\""))
                        .append('"');
            }
            text(literal.append('}').toString());
        } else if (value instanceof UUID || value instanceof Number || value instanceof LocalDate
                || value instanceof OffsetDateTime) {
            ascii(value.toString());
        } else {
            throw new IllegalArgumentException("no COPY text form for " + value.getClass().getSimpleName());
        }
        return this;
    }

    /** Ends the row; its bytes, newline included. */
    byte[] end() {
        put('\n');
        return Arrays.copyOf(out, size);
    }

    /** Text whose every character is ASCII and needs no escape (numbers, dates, UUIDs, markers). */
    private void ascii(String s) {
        room(s.length());
        for (int i = 0; i < s.length(); i++) {
            out[size++] = (byte) s.charAt(i);
        }
    }

    /** Any text: escaped for COPY and encoded as UTF-8 in one pass. */
    private void text(String s) {
        int n = s.length();
        room(n * 3); // the most a UTF-16 unit takes: 3 bytes (a pair of units: 4; an escape: 2)
        byte[] o = out;
        int p = size;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                byte escaped = switch (c) {
                    case '\\' -> '\\';
                    case '\t' -> 't';
                    case '\n' -> 'n';
                    case '\r' -> 'r';
                    default -> 0;
                };
                if (escaped == 0) {
                    o[p++] = (byte) c;
                } else {
                    o[p++] = '\\';
                    o[p++] = escaped;
                }
            } else if (c < 0x800) {
                o[p++] = (byte) (0xC0 | c >> 6);
                o[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isSurrogate(c)) {
                char low = i + 1 < n ? s.charAt(i + 1) : 0;
                if (!Character.isHighSurrogate(c) || !Character.isLowSurrogate(low)) {
                    // the API refuses lone surrogates on the way in (docs/api-conventions.md); never store a substitute
                    throw new IllegalArgumentException("a lone surrogate at index " + i + " has no UTF-8 form");
                }
                int cp = Character.toCodePoint(c, low);
                i++;
                o[p++] = (byte) (0xF0 | cp >> 18);
                o[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                o[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                o[p++] = (byte) (0x80 | cp & 0x3F);
            } else {
                o[p++] = (byte) (0xE0 | c >> 12);
                o[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                o[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        size = p;
    }

    private void put(char c) {
        room(1);
        out[size++] = (byte) c;
    }

    private void room(int more) {
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
        }
    }
}
