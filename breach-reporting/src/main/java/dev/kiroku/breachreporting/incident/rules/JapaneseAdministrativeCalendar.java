package dev.kiroku.breachreporting.incident.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The days Japanese administrative organs are closed (行政機関の休日に関する法律 Art. 1(1)): Saturdays and Sundays,
 * national holidays (国民の祝日に関する法律), and the year-end closure December 29 – January 3.
 *
 * <p>National holidays come from the Cabinet Office's published list, shipped as a versioned resource
 * ({@link #RESOURCE}, {@link #SOURCE_URL}, {@link #SOURCE_VERSION}); no maintained Java library with a correct Japanese
 * calendar resolved for this build (jollyday's Japanese file lacks the equinox days and the general substitute-holiday
 * rule). For years after the list ends, the holidays are projected from the Act's rules
 * ({@link NationalHolidayRules}) and every answer says so: replace the resource when the Cabinet Office publishes the
 * next year (each February) and update {@link #SOURCE_VERSION} and {@link #SOURCE_SHA256}.
 */
public final class JapaneseAdministrativeCalendar {

    public static final String RESOURCE = "kiroku/holidays/syukujitsu.csv";
    public static final String SOURCE_URL = "https://www8.cao.go.jp/chosei/shukujitsu/syukujitsu.csv";
    /** The Cabinet Office revision shipped: the list as republished 2026-02 with the holidays of 2027 added. */
    public static final String SOURCE_VERSION = "cao-syukujitsu-2026-02 (1955-01-01..2027-11-23; re-encoded UTF-8, LF)";
    /** SHA-256 of the shipped resource; a test recomputes it, so an edit without a version change fails the build. */
    public static final String SOURCE_SHA256 = "f7f1f95df33ceafd43a88f487af40a9fdbdf3ba538157c0e5ee85675c4fecb5d";
    public static final String LAW = "Act on Holidays of Administrative Organs (行政機関の休日に関する法律) Art. 1(1), 2";

    private static final MonthDay CLOSURE_START = MonthDay.of(12, 29);
    private static final MonthDay CLOSURE_END = MonthDay.of(1, 3);

    /** Where the calendar's answer about a day comes from. */
    public enum Source {
        /** The Cabinet Office's published list. */
        OFFICIAL,
        /** Projected from the Act on National Holidays: the year is not yet published. */
        PROJECTED
    }

    /** Why administrative organs are closed on a day. */
    public record Closure(LocalDate date, String reason, Source source) {
    }

    private final Map<LocalDate, String> official;
    private final int firstYear;
    private final int lastYear;
    private final Map<Integer, Map<LocalDate, String>> projected = new java.util.concurrent.ConcurrentHashMap<>();

    private JapaneseAdministrativeCalendar(Map<LocalDate, String> official) {
        this.official = Collections.unmodifiableMap(official);
        this.firstYear = ((TreeMap<LocalDate, String>) official).firstKey().getYear();
        this.lastYear = ((TreeMap<LocalDate, String>) official).lastKey().getYear();
    }

    /** The calendar from the shipped Cabinet Office list. */
    public static JapaneseAdministrativeCalendar load() {
        try (InputStream in = JapaneseAdministrativeCalendar.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("holiday list " + RESOURCE + " is missing");
            }
            TreeMap<LocalDate, String> days = new TreeMap<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = reader.readLine();
            if (header == null || !header.startsWith("国民の祝日・休日月日")) {
                throw new IllegalStateException("holiday list " + RESOURCE + " has an unexpected header");
            }
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", 2);
                String[] ymd = cells[0].split("/");
                days.put(LocalDate.of(Integer.parseInt(ymd[0]), Integer.parseInt(ymd[1]), Integer.parseInt(ymd[2])),
                        cells[1].strip());
            }
            return new JapaneseAdministrativeCalendar(days);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The last year the official list covers; later years are projected. */
    public int lastOfficialYear() {
        return lastYear;
    }

    /** The national holiday on a day, if any, with where that knowledge comes from. */
    public Optional<Closure> nationalHoliday(LocalDate date) {
        if (date.getYear() <= lastYear) {
            if (date.getYear() < firstYear) {
                throw new IllegalArgumentException("the holiday list starts in " + firstYear);
            }
            return Optional.ofNullable(official.get(date))
                    .map(name -> new Closure(date, name + " (national holiday)", Source.OFFICIAL));
        }
        String name = projected.computeIfAbsent(date.getYear(), NationalHolidayRules::holidays).get(date);
        return Optional.ofNullable(name)
                .map(n -> new Closure(date, n + " (national holiday, projected)", Source.PROJECTED));
    }

    /** Why administrative organs are closed on the day, or empty on an administrative business day. */
    public Optional<Closure> closure(LocalDate date) {
        Source source = date.getYear() <= lastYear ? Source.OFFICIAL : Source.PROJECTED;
        if (isYearEndClosure(date)) {
            return Optional.of(new Closure(date, "year-end closure (Dec 29 – Jan 3)", Source.OFFICIAL));
        }
        Optional<Closure> holiday = nationalHoliday(date);
        if (holiday.isPresent()) {
            return holiday;
        }
        DayOfWeek weekday = date.getDayOfWeek();
        if (weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY) {
            return Optional.of(new Closure(date, weekday == DayOfWeek.SATURDAY ? "Saturday" : "Sunday", source));
        }
        return Optional.empty();
    }

    public boolean isBusinessDay(LocalDate date) {
        return closure(date).isEmpty();
    }

    /** The day itself if administrative organs are open, else the next day they are (Art. 2 roll-forward). */
    public LocalDate onOrAfter(LocalDate date) {
        LocalDate day = date;
        while (!isBusinessDay(day)) {
            day = day.plusDays(1);
        }
        return day;
    }

    /** The day itself if administrative organs are open, else the previous day they are. */
    public LocalDate onOrBefore(LocalDate date) {
        LocalDate day = date;
        while (!isBusinessDay(day)) {
            day = day.minusDays(1);
        }
        return day;
    }

    /** Whether the answer for a day rests on the official list or on a projection. */
    public Source sourceFor(LocalDate date) {
        return date.getYear() <= lastYear ? Source.OFFICIAL : Source.PROJECTED;
    }

    static boolean isYearEndClosure(LocalDate date) {
        MonthDay day = MonthDay.from(date);
        return !day.isBefore(CLOSURE_START) || !day.isAfter(CLOSURE_END);
    }

    /** The official list, for checks. */
    Map<LocalDate, String> officialDays() {
        return official;
    }
}
