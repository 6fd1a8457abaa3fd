package dev.kiroku.breachreporting.incident.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Cabinet Office's holiday list as a file ops load each February (kiroku.breach-reporting.holidays.file): read
 * strictly, used only when it covers at least the shipped list, the shipped list in force otherwise.
 */
class HolidayListFileTest {

    static final JapaneseAdministrativeCalendar SHIPPED = JapaneseAdministrativeCalendar.load();

    @TempDir
    Path dir;

    Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    @DisplayName("The official Shift_JIS file with CRLF and a year more is in force: 2028 is answered from it (OFFICIAL), "
            + "its holidays roll deadlines, and the version names the file")
    void aShiftJisFileWithTheNextYearMakesThatYearOfficial() throws Exception {
        byte[] bytes = HolidayFiles.shiftJis(HolidayFiles.with2028());
        Path file = write("syukujitsu.csv", bytes);

        JapaneseAdministrativeCalendar.Loaded loaded = JapaneseAdministrativeCalendar.load(Optional.of(file));

        assertThat(loaded.refusal()).isEmpty();
        assertThat(loaded.fromFile()).isTrue();
        JapaneseAdministrativeCalendar calendar = loaded.calendar();
        assertThat(calendar.lastOfficialYear()).isEqualTo(2028);
        assertThat(calendar.version()).isEqualTo("file:syukujitsu.csv sha256:" + sha256(bytes).substring(0, 12)
                + " (1955-01-01..2028-11-23)");
        assertThat(calendar.sourceFor(LocalDate.of(2028, 3, 20))).isEqualTo(JapaneseAdministrativeCalendar.Source.OFFICIAL);
        assertThat(calendar.closure(HolidayFiles.FICTITIOUS_2028)).get().satisfies(c -> {
            assertThat(c.source()).isEqualTo(JapaneseAdministrativeCalendar.Source.OFFICIAL);
            assertThat(c.reason()).isEqualTo(HolidayFiles.FICTITIOUS_NAME + " (national holiday)");
        });
        assertThat(SHIPPED.isBusinessDay(HolidayFiles.FICTITIOUS_2028)).isTrue();
        assertThat(calendar.officialDays()).hasSize(SHIPPED.officialDays().size()
                + NationalHolidayRules.holidays(2028).size() + 1);

        // APPI Rule 8(2) + Act on Holidays of Administrative Organs Art. 2: 2028-05-16 + 30 = Thu 06-15, the
        // fictitious holiday → Fri 06-16, counted on the official list of the file
        Deadline due = new DeadlineCalculator(calendar, 1).ofRule(DeadlineRules.FINAL_30,
                OffsetDateTime.parse("2028-05-16T10:00:00+09:00").toInstant(), false);
        assertThat(due.dueDate()).isEqualTo(LocalDate.of(2028, 6, 16));
        assertThat(due.skipped()).containsExactly("2028-06-15 " + HolidayFiles.FICTITIOUS_NAME + " (national holiday)");
        assertThat(due.projectedCalendar()).isFalse();
        assertThat(due.calendar()).isEqualTo(calendar.version());
    }

    @Test
    @DisplayName("A re-encoded copy in UTF-8, with or without a byte-order mark and LF line ends, is read the same")
    void utf8WithOrWithoutBomIsAccepted() throws Exception {
        for (boolean bom : List.of(true, false)) {
            byte[] bytes = HolidayFiles.utf8(HolidayFiles.with2028(), bom);
            HolidayListCsv.Parsed parsed = HolidayListCsv.parse(bytes);
            assertThat(parsed.charset()).isEqualTo(StandardCharsets.UTF_8);
            assertThat(parsed.days()).containsEntry(HolidayFiles.FICTITIOUS_2028, HolidayFiles.FICTITIOUS_NAME)
                    .containsEntry(LocalDate.of(1955, 1, 1), "元日");
        }
        HolidayListCsv.Parsed sjis = HolidayListCsv.parse(HolidayFiles.shiftJis(HolidayFiles.with2028()));
        assertThat(sjis.charset()).isEqualTo(HolidayListCsv.SHIFT_JIS);
        assertThat(sjis.days()).isEqualTo(HolidayListCsv.parse(HolidayFiles.utf8(HolidayFiles.with2028(), false)).days());
    }

    @Test
    @DisplayName("The shipped list read as a file is accepted: it covers exactly what the shipped list covers")
    void theShippedListItselfIsAccepted() throws Exception {
        JapaneseAdministrativeCalendar calendar = JapaneseAdministrativeCalendar.of(
                HolidayFiles.utf8(HolidayFiles.shippedLines(), false), "syukujitsu.csv", SHIPPED);
        assertThat(calendar.lastOfficialYear()).isEqualTo(SHIPPED.lastOfficialYear());
        assertThat(calendar.officialDays()).isEqualTo(SHIPPED.officialDays());
        assertThat(calendar.version()).startsWith("file:syukujitsu.csv sha256:").endsWith("(1955-01-01..2027-11-23)");
    }

    static Stream<Arguments> invalidLists() {
        return Stream.of(
                broken("a header that is not the Cabinet Office's", lines -> replace(lines, 0, "date,name"),
                        "line 1 is not the Cabinet Office header"),
                broken("a date that is not a day (February 30)", lines -> replace(lines, 5, "1955/2/30,建国記念の日"),
                        "line 6: the date is not a day of the calendar"),
                broken("a date in another form (ISO)", lines -> replace(lines, 5, "1955-05-03,憲法記念日"),
                        "line 6: the date is not in the form yyyy/M/d"),
                broken("a holiday without a name", lines -> replace(lines, 5, "1955/5/3,"),
                        "line 6 has no holiday name"),
                broken("a line with a third cell", lines -> replace(lines, 5, "1955/5/3,憲法記念日,extra"),
                        "line 6 has 3 cells, not 2"),
                broken("a day listed twice", lines -> insert(lines, 6, lines.get(5)), "is listed twice"),
                broken("days out of order", lines -> swap(lines, 5, 6), "ascending date order"),
                broken("a list shorter than the shipped one (ends in 2026)",
                        lines -> lines.stream().filter(l -> !l.startsWith("2027/")).toList(),
                        "before the shipped list (2027-11-23)"),
                broken("a list that starts later than the shipped one (1956)",
                        lines -> lines.stream().filter(l -> !l.startsWith("1955/")).toList(),
                        "it starts in 1956, after the shipped list (1955)"),
                broken("a header only", lines -> List.of(lines.get(0)), "the file lists no holiday"));
    }

    static Arguments broken(String what, UnaryOperator<List<String>> change, String reason) {
        return Arguments.of(what, change, reason);
    }

    static List<String> replace(List<String> lines, int index, String line) {
        List<String> copy = new ArrayList<>(lines);
        copy.set(index, line);
        return copy;
    }

    static List<String> insert(List<String> lines, int index, String line) {
        List<String> copy = new ArrayList<>(lines);
        copy.add(index, line);
        return copy;
    }

    static List<String> swap(List<String> lines, int a, int b) {
        List<String> copy = new ArrayList<>(lines);
        copy.set(a, lines.get(b));
        copy.set(b, lines.get(a));
        return copy;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidLists")
    @DisplayName("An invalid list is not used: the shipped list stays in force and the refusal says why")
    void anInvalidListFallsBackToTheShippedList(String what, UnaryOperator<List<String>> change, String reason)
            throws Exception {
        Path file = write("syukujitsu.csv", HolidayFiles.shiftJis(change.apply(HolidayFiles.shippedLines())));

        JapaneseAdministrativeCalendar.Loaded loaded = JapaneseAdministrativeCalendar.load(Optional.of(file));

        assertThat(loaded.fromFile()).isFalse();
        assertThat(loaded.refusal()).get().asString().contains(reason);
        assertThat(loaded.calendar().version()).isEqualTo(JapaneseAdministrativeCalendar.SOURCE_VERSION);
        assertThat(loaded.calendar().officialDays()).isEqualTo(SHIPPED.officialDays());
    }

    @Test
    @DisplayName("A missing file, a directory, bytes that are neither Shift_JIS nor UTF-8, or an empty file fall back "
            + "to the shipped list")
    void unreadableFilesFallBack() throws Exception {
        byte[] garbage = {(byte) 0x81, (byte) 0x7F, (byte) 0xFF, (byte) 0xFE, 0x0A};
        record Case(Path file, String reason) {
        }
        List<Case> cases = List.of(
                new Case(dir.resolve("absent.csv"), "the file does not exist"),
                new Case(dir, "it is a directory"),
                new Case(write("garbage.csv", garbage), "neither Shift_JIS (windows-31j) nor UTF-8"),
                new Case(write("empty.csv", new byte[0]), "the file is empty"));
        for (Case c : cases) {
            JapaneseAdministrativeCalendar.Loaded loaded = JapaneseAdministrativeCalendar.load(Optional.of(c.file()));
            assertThat(loaded.refusal()).as(c.file().toString()).get().asString().contains(c.reason());
            assertThat(loaded.calendar().version()).isEqualTo(JapaneseAdministrativeCalendar.SOURCE_VERSION);
        }
    }

    @Test
    @DisplayName("A refusal names the line and the fault, never the line's content (a wrong path may name a file with "
            + "personal data)")
    void aRefusalNeverQuotesTheFile() throws Exception {
        String secret = "山田太郎 090-1234-5678";
        byte[] bytes = HolidayFiles.shiftJis(replace(HolidayFiles.shippedLines(), 3, secret + ",x"));
        assertThatThrownBy(() -> HolidayListCsv.parse(bytes)).isInstanceOf(HolidayListCsv.Invalid.class)
                .hasMessage("line 4: the date is not in the form yyyy/M/d")
                .hasMessageNotContaining("山田");
        byte[] header = HolidayFiles.utf8(List.of(secret, "1955/1/1,元日"), false);
        assertThatThrownBy(() -> HolidayListCsv.parse(header)).hasMessageNotContaining("山田");
    }

    @Test
    @DisplayName("Without a configured file the shipped list is in force")
    void withoutAFileTheShippedListIsInForce() {
        JapaneseAdministrativeCalendar.Loaded loaded = JapaneseAdministrativeCalendar.load(Optional.empty());
        assertThat(loaded.fromFile()).isFalse();
        assertThat(loaded.refusal()).isEmpty();
        assertThat(loaded.calendar().version()).isEqualTo(JapaneseAdministrativeCalendar.SOURCE_VERSION);
    }

    @Test
    @DisplayName("Next year is flagged as projected once the list in force ends before it: the February reminder")
    void nextYearProjectedIsFlagged() throws Exception {
        assertThat(SHIPPED.nextYearProjected(LocalDate.of(2026, 12, 4))).isFalse();
        assertThat(SHIPPED.nextYearProjected(LocalDate.of(2027, 1, 1))).isTrue();
        JapaneseAdministrativeCalendar with2028 = JapaneseAdministrativeCalendar.of(
                HolidayFiles.shiftJis(HolidayFiles.with2028()), "syukujitsu.csv", SHIPPED);
        assertThat(with2028.nextYearProjected(LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(with2028.nextYearProjected(LocalDate.of(2028, 1, 1))).isTrue();
    }

    @Test
    @DisplayName("The calendar answers from January 1 of the list's first year (1955) to the end of the projection (2099)")
    void theCalendarCoversItsFirstYearToTheEndOfTheProjection() {
        assertThat(SHIPPED.coveredFrom()).isEqualTo(LocalDate.of(1955, 1, 1));
        assertThat(SHIPPED.coveredUntil()).isEqualTo(LocalDate.of(2099, 12, 31));
        assertThat(SHIPPED.isBusinessDay(LocalDate.of(2099, 12, 28))).isTrue();
        assertThatThrownBy(() -> SHIPPED.closure(LocalDate.of(1954, 12, 31)))
                .isInstanceOf(JapaneseAdministrativeCalendar.OutsideCalendar.class)
                .hasMessageContaining("1955-01-01..2099-12-31");
        assertThatThrownBy(() -> SHIPPED.closure(LocalDate.of(2100, 1, 4)))
                .isInstanceOf(JapaneseAdministrativeCalendar.OutsideCalendar.class);
    }
}
