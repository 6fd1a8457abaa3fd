package dev.kiroku.breachreporting.incident.rules;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Cabinet Office's list of national holidays (内閣府「国民の祝日について」, {@code syukujitsu.csv}) read strictly: the
 * header {@value #HEADER}, then one line per holiday, {@code yyyy/M/d,name}, in ascending order without repeats.
 *
 * <p>The official file is Shift_JIS (windows-31j) with CRLF line ends; a re-encoded copy in UTF-8 (with or without a
 * byte-order mark) and LF line ends is accepted too. The encoding is found by decoding strictly: a byte-order mark
 * means UTF-8; otherwise text that decodes as UTF-8 without error is UTF-8, else it must decode as windows-31j without
 * error. A reason a list is refused names the line and what is wrong with it, never the line's content (a wrongly
 * configured path could name a file with personal data in it).
 */
final class HolidayListCsv {

    public static final String HEADER = "国民の祝日・休日月日,国民の祝日・休日名称";
    /** The official file is about 20 KB; a ConfigMap holds at most 1 MiB. */
    public static final int MAX_BYTES = 1024 * 1024;
    public static final Charset SHIFT_JIS = Charset.forName("windows-31j");

    private static final Pattern DATE = Pattern.compile("(\\d{4})/(\\d{1,2})/(\\d{1,2})");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** Why a holiday list cannot be used. */
    public static final class Invalid extends Exception {

        public Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A list as read: its holidays in date order, and the encoding it was found in. */
    public record Parsed(NavigableMap<LocalDate, String> days, Charset charset) {

        public LocalDate first() {
            return days.firstKey();
        }

        public LocalDate last() {
            return days.lastKey();
        }
    }

    private HolidayListCsv() {
    }

    /** Reads a list, refusing anything that is not exactly the Cabinet Office's format. */
    public static Parsed parse(byte[] bytes) throws Invalid {
        if (bytes.length == 0) {
            throw new Invalid("the file is empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw new Invalid("the file has " + bytes.length + " bytes, more than " + MAX_BYTES);
        }
        Charset charset;
        String text;
        if (startsWithBom(bytes)) {
            charset = StandardCharsets.UTF_8;
            text = decode(bytes, UTF8_BOM.length, charset)
                    .orElseThrow(() -> new Invalid("the file starts with a UTF-8 byte-order mark but is not UTF-8"));
        } else {
            var utf8 = decode(bytes, 0, StandardCharsets.UTF_8);
            if (utf8.isPresent()) {
                charset = StandardCharsets.UTF_8;
                text = utf8.get();
            } else {
                charset = SHIFT_JIS;
                text = decode(bytes, 0, SHIFT_JIS).orElseThrow(() ->
                        new Invalid("the file is neither Shift_JIS (windows-31j) nor UTF-8"));
            }
        }
        String[] lines = text.split("\r\n|\n", -1);
        if (!HEADER.equals(lines[0].strip())) {
            throw new Invalid("line 1 is not the Cabinet Office header \"" + HEADER + "\"");
        }
        TreeMap<LocalDate, String> days = new TreeMap<>();
        LocalDate previous = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 2) {
                throw new Invalid("line " + number + " has " + cells.length + " cells, not 2 (date, name)");
            }
            LocalDate date = date(cells[0].strip(), number);
            String name = cells[1].strip();
            if (name.isEmpty()) {
                throw new Invalid("line " + number + " has no holiday name");
            }
            if (previous != null && !date.isAfter(previous)) {
                throw new Invalid("line " + number + ": " + date + (date.equals(previous) ? " is listed twice"
                        : " comes after " + previous + " (the list must be in ascending date order)"));
            }
            days.put(date, name);
            previous = date;
        }
        if (days.isEmpty()) {
            throw new Invalid("the file lists no holiday");
        }
        return new Parsed(days, charset);
    }

    private static LocalDate date(String cell, int number) throws Invalid {
        Matcher m = DATE.matcher(cell);
        if (!m.matches()) {
            throw new Invalid("line " + number + ": the date is not in the form yyyy/M/d");
        }
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            throw new Invalid("line " + number + ": the date is not a day of the calendar");
        }
    }

    private static boolean startsWithBom(byte[] bytes) {
        return bytes.length >= UTF8_BOM.length && bytes[0] == UTF8_BOM[0] && bytes[1] == UTF8_BOM[1]
                && bytes[2] == UTF8_BOM[2];
    }

    private static Optional<String> decode(byte[] bytes, int offset, Charset charset) {
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
