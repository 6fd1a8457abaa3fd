package dev.kiroku.breachreporting.incident.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Holiday lists in the Cabinet Office's format for tests: the shipped list, one year longer, and broken ones. */
public final class HolidayFiles {

    /** A holiday that does not exist: only a list that has it can answer it. */
    public static final LocalDate FICTITIOUS_2028 = LocalDate.of(2028, 6, 15);
    public static final String FICTITIOUS_NAME = "試験用の祝日（架空）";

    private HolidayFiles() {
    }

    /** The shipped list's lines (header first), as in the resource. */
    public static List<String> shippedLines() {
        try (InputStream in = HolidayFiles.class.getClassLoader()
                .getResourceAsStream(JapaneseAdministrativeCalendar.RESOURCE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new ArrayList<>(text.lines().filter(l -> !l.isBlank()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The shipped list and the year 2028 as the Act would make it plus one fictitious holiday (June 15): what the
     * Cabinet Office's next publication stands for in tests.
     */
    public static List<String> with2028() {
        List<String> lines = shippedLines();
        TreeMap<LocalDate, String> days = new TreeMap<>(NationalHolidayRules.holidays(2028));
        days.put(FICTITIOUS_2028, FICTITIOUS_NAME);
        for (Map.Entry<LocalDate, String> day : days.entrySet()) {
            lines.add(line(day.getKey(), day.getValue()));
        }
        return lines;
    }

    public static String line(LocalDate date, String name) {
        return date.getYear() + "/" + date.getMonthValue() + "/" + date.getDayOfMonth() + "," + name;
    }

    /** As the Cabinet Office publishes it: Shift_JIS (windows-31j), CRLF after every line. */
    public static byte[] shiftJis(List<String> lines) {
        return encode(lines, HolidayListCsv.SHIFT_JIS, "\r\n");
    }

    /** Re-encoded: UTF-8, LF, with a byte-order mark when asked. */
    public static byte[] utf8(List<String> lines, boolean bom) {
        byte[] text = encode(lines, StandardCharsets.UTF_8, "\n");
        if (!bom) {
            return text;
        }
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        return withBom;
    }

    private static byte[] encode(List<String> lines, Charset charset, String lineEnd) {
        return (String.join(lineEnd, lines) + lineEnd).getBytes(charset);
    }
}
