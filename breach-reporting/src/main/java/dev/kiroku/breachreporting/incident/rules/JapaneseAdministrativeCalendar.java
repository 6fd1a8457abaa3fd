package dev.kiroku.breachreporting.incident.rules;

import dev.kiroku.platform.web.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

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
 *
 * <p>Between releases, operations load the Cabinet Office's newer file instead ({@link #load(Optional)}; configuration
 * {@code kiroku.breach-reporting.holidays.file}): it is read strictly ({@link HolidayListCsv}) and used only when it
 * covers at least what the shipped list covers, else the shipped list stays in force. Its {@link #version()} names
 * the file and its digest, and every deadline rolled with it cites that version.
 *
 * <p>The calendar answers for days from January 1 of the list's first year to the end of the projection
 * ({@link NationalHolidayRules#LAST_YEAR}); about any other day it throws {@link OutsideCalendar}.
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

    /** A day the calendar cannot answer for: before the official list starts or after the projection ends. */
    public static final class OutsideCalendar extends IllegalArgumentException {

        OutsideCalendar(String message) {
            super(message, null);
        }
    }

    /**
     * The calendar in force and how it was chosen.
     *
     * @param calendar the calendar
     * @param file     the configured file, if any
     * @param refusal  why the configured file was not used (the shipped list is then in force), else empty
     */
    public record Loaded(JapaneseAdministrativeCalendar calendar, Optional<Path> file, Optional<String> refusal) {

        /** Whether the calendar comes from the configured file rather than the shipped list. */
        public boolean fromFile() {
            return file.isPresent() && refusal.isEmpty();
        }
    }

    private final Map<LocalDate, String> official;
    private final int firstYear;
    private final int lastYear;
    private final LocalDate lastOfficialDay;
    private final String version;
    private final Map<Integer, Map<LocalDate, String>> projected = new ConcurrentHashMap<>();

    private JapaneseAdministrativeCalendar(NavigableMap<LocalDate, String> official, String version) {
        this.official = Collections.unmodifiableMap(new TreeMap<>(official));
        this.firstYear = official.firstKey().getYear();
        this.lastYear = official.lastKey().getYear();
        this.lastOfficialDay = official.lastKey();
        this.version = version;
    }

    /** The calendar from the shipped Cabinet Office list. */
    public static JapaneseAdministrativeCalendar load() {
        try (InputStream in = JapaneseAdministrativeCalendar.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("holiday list " + RESOURCE + " is missing");
            }
            return new JapaneseAdministrativeCalendar(HolidayListCsv.parse(in.readAllBytes()).days(), SOURCE_VERSION);
        } catch (HolidayListCsv.Invalid e) {
            throw new IllegalStateException("holiday list " + RESOURCE + " is not valid: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * The calendar from the Cabinet Office file ops configured, else from the shipped list. A file that is missing,
     * unreadable or invalid, or that covers less than the shipped list, is not used: the answer says why, and the
     * shipped list is in force. Never throws for the file.
     */
    public static Loaded load(Optional<Path> file) {
        JapaneseAdministrativeCalendar bundled = load();
        if (file.isEmpty()) {
            return new Loaded(bundled, file, Optional.empty());
        }
        try {
            return new Loaded(fromFile(file.get(), bundled), file, Optional.empty());
        } catch (HolidayListCsv.Invalid e) {
            return new Loaded(bundled, file, Optional.of(e.getMessage()));
        }
    }

    /** The calendar from a Cabinet Office file, checked against the shipped list (see {@link #of}). */
    public static JapaneseAdministrativeCalendar fromFile(Path file, JapaneseAdministrativeCalendar bundled)
            throws HolidayListCsv.Invalid {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new HolidayListCsv.Invalid("it is a directory, not a file");
            }
            long size = Files.size(file);
            if (size > HolidayListCsv.MAX_BYTES) {
                throw new HolidayListCsv.Invalid("the file has " + size + " bytes, more than "
                        + HolidayListCsv.MAX_BYTES);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new HolidayListCsv.Invalid("the file does not exist");
        } catch (IOException e) {
            throw new HolidayListCsv.Invalid("the file cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        Path name = file.getFileName();
        return of(bytes, name == null ? file.toString() : name.toString(), bundled);
    }

    /**
     * The calendar from the bytes of a Cabinet Office file named {@code fileName}. It must cover at least what the
     * shipped list covers: start no later than its first year and end no earlier than its last holiday. Its version
     * names the file, the first 12 hex digits of its SHA-256 and the days it spans, e.g.
     * {@code file:syukujitsu.csv sha256:0123456789ab (1955-01-01..2028-11-23)}.
     */
    public static JapaneseAdministrativeCalendar of(byte[] bytes, String fileName,
            JapaneseAdministrativeCalendar bundled) throws HolidayListCsv.Invalid {
        HolidayListCsv.Parsed list = HolidayListCsv.parse(bytes);
        if (list.first().getYear() > bundled.firstYear) {
            throw new HolidayListCsv.Invalid("it starts in " + list.first().getYear() + ", after the shipped list ("
                    + bundled.firstYear + "): it must cover at least what the shipped list covers");
        }
        if (list.last().isBefore(bundled.lastOfficialDay)) {
            throw new HolidayListCsv.Invalid("it ends on " + list.last() + ", before the shipped list ("
                    + bundled.lastOfficialDay + "): it must cover at least what the shipped list covers");
        }
        String version = "file:" + fileName + " sha256:" + Digests.sha256Hex(bytes).substring(0, 12) + " (" + list.first() + ".."
                + list.last() + ")";
        return new JapaneseAdministrativeCalendar(list.days(), version);
    }

    /** The version of the holiday list in force, as every deadline rolled with it cites it. */
    public String version() {
        return version;
    }

    /** The first year the official list covers: the calendar answers nothing before it. */
    public int firstOfficialYear() {
        return firstYear;
    }

    /** The first day the calendar answers for. */
    public LocalDate coveredFrom() {
        return LocalDate.of(firstYear, 1, 1);
    }

    /** The last day the calendar answers for: the end of the projection. */
    public LocalDate coveredUntil() {
        return LocalDate.of(NationalHolidayRules.LAST_YEAR, 12, 31);
    }

    /** Whether the calendar answers for the day. */
    public boolean covers(LocalDate date) {
        return !date.isBefore(coveredFrom()) && !date.isAfter(coveredUntil());
    }

    /** Whether the year after {@code today}'s rests only on a projection: the next official list is due. */
    public boolean nextYearProjected(LocalDate today) {
        return today.getYear() + 1 > lastYear;
    }

    /** The last year the official list covers; later years are projected. */
    public int lastOfficialYear() {
        return lastYear;
    }

    /** The national holiday on a day, if any, with where that knowledge comes from. */
    public Optional<Closure> nationalHoliday(LocalDate date) {
        requireCovered(date);
        if (date.getYear() <= lastYear) {
            return Optional.ofNullable(official.get(date))
                    .map(name -> new Closure(date, name + " (national holiday)", Source.OFFICIAL));
        }
        String name = projected.computeIfAbsent(date.getYear(), NationalHolidayRules::holidays).get(date);
        return Optional.ofNullable(name)
                .map(n -> new Closure(date, n + " (national holiday, projected)", Source.PROJECTED));
    }

    /** Why administrative organs are closed on the day, or empty on an administrative business day. */
    public Optional<Closure> closure(LocalDate date) {
        requireCovered(date);
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

    private void requireCovered(LocalDate date) {
        if (!covers(date)) {
            throw new OutsideCalendar(date + " is outside the holiday calendar, which covers " + coveredFrom()
                    + ".." + coveredUntil() + " (the Cabinet Office list to " + lastYear + ", projected from the Act "
                    + "on National Holidays after it)");
        }
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
