package dev.kiroku.breachreporting.incident.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The administrative-holiday calendar: the shipped Cabinet Office list, its projection, the year-end closure. */
class JapaneseAdministrativeCalendarTest {

    static final JapaneseAdministrativeCalendar CALENDAR = JapaneseAdministrativeCalendar.load();

    @Test
    @DisplayName("The shipped holiday list is the recorded Cabinet Office version (SHA-256 pinned)")
    void theShippedListIsTheRecordedVersion() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(JapaneseAdministrativeCalendar.RESOURCE)) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            assertThat(HexFormat.of().formatHex(digest)).isEqualTo(JapaneseAdministrativeCalendar.SOURCE_SHA256);
        }
        assertThat(CALENDAR.lastOfficialYear()).isEqualTo(2027);
        assertThat(CALENDAR.officialDays()).hasSizeGreaterThan(1000);
    }

    @Test
    @DisplayName("National holidays, substitute holidays and citizens' holidays come from the official list")
    void holidaysComeFromTheOfficialList() {
        assertThat(CALENDAR.nationalHoliday(LocalDate.of(2026, 11, 23))).get()
                .satisfies(c -> assertThat(c.reason()).startsWith("勤労感謝の日"));
        assertThat(CALENDAR.nationalHoliday(LocalDate.of(2026, 5, 6))).get()
                .satisfies(c -> assertThat(c.reason()).startsWith("休日"));
        assertThat(CALENDAR.nationalHoliday(LocalDate.of(2026, 9, 22))).isPresent();
        assertThat(CALENDAR.nationalHoliday(LocalDate.of(2019, 5, 1))).isPresent();
        assertThat(CALENDAR.nationalHoliday(LocalDate.of(2020, 7, 24))).isPresent();
        assertThat(CALENDAR.nationalHoliday(LocalDate.of(2026, 11, 24))).isEmpty();
    }

    @ParameterizedTest(name = "Dec 29 – Jan 3 closure: {0}")
    @ValueSource(strings = {"2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"})
    @DisplayName("Act on Holidays of Administrative Organs Art. 1(1)(iii): Dec 29 – Jan 3 are closed")
    void theYearEndClosureIsClosed(String day) {
        assertThat(CALENDAR.isBusinessDay(LocalDate.parse(day))).isFalse();
    }

    @Test
    @DisplayName("Dec 28 and Jan 4 are business days when they are weekdays")
    void theDaysAroundTheClosureAreOpen() {
        assertThat(CALENDAR.isBusinessDay(LocalDate.of(2026, 12, 28))).isTrue();
        assertThat(CALENDAR.isBusinessDay(LocalDate.of(2027, 1, 4))).isTrue();
        assertThat(CALENDAR.onOrAfter(LocalDate.of(2026, 12, 29))).isEqualTo(LocalDate.of(2027, 1, 4));
        assertThat(CALENDAR.onOrBefore(LocalDate.of(2027, 1, 3))).isEqualTo(LocalDate.of(2026, 12, 28));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {2007, 2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2022, 2023, 2024, 2025,
            2026, 2027})
    @DisplayName("The Act on National Holidays projection reproduces the Cabinet Office list of every ordinary year")
    void theProjectionReproducesPublishedYears(int year) {
        Map<LocalDate, String> official = CALENDAR.officialDays().entrySet().stream()
                .filter(e -> e.getKey().getYear() == year)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(NationalHolidayRules.holidays(year).keySet()).containsExactlyInAnyOrderElementsOf(official.keySet());
    }

    @Test
    @DisplayName("Years after the official list are projected, and say so")
    void laterYearsAreProjectedAndFlagged() {
        assertThat(CALENDAR.nationalHoliday(LocalDate.of(2028, 3, 20))).get()
                .satisfies(c -> {
                    assertThat(c.source()).isEqualTo(JapaneseAdministrativeCalendar.Source.PROJECTED);
                    assertThat(c.reason()).contains("春分の日").contains("projected");
                });
        assertThat(CALENDAR.sourceFor(LocalDate.of(2028, 1, 1))).isEqualTo(JapaneseAdministrativeCalendar.Source.PROJECTED);
        assertThat(CALENDAR.sourceFor(LocalDate.of(2027, 12, 31))).isEqualTo(JapaneseAdministrativeCalendar.Source.OFFICIAL);
    }
}
