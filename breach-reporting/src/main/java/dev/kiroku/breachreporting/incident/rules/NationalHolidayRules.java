package dev.kiroku.breachreporting.incident.rules;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.TreeMap;

/**
 * The national holidays of a year as the Act on National Holidays (国民の祝日に関する法律, as amended to 2018) defines
 * them, for years the Cabinet Office has not yet published. Used only beyond the official list
 * ({@link JapaneseAdministrativeCalendar}); the equinox days are the astronomical approximation valid for 1980–2099,
 * which the National Astronomical Observatory confirms each February for the following year. Special one-off holidays
 * (e.g. 2019's enthronement, 2020/2021's Olympic moves) cannot be projected and come only from the official list.
 */
final class NationalHolidayRules {

    /** The first year today's substitute and citizens' holiday rules apply to. */
    public static final int FIRST_YEAR = 2007;
    /** The last year the equinox approximation holds: the calendar answers nothing after it. */
    public static final int LAST_YEAR = 2099;

    private NationalHolidayRules() {
    }

    /** The projected holidays of a year from 2007 (when today's substitute and citizens' holiday rules apply). */
    public static Map<LocalDate, String> holidays(int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new IllegalArgumentException("projection covers " + FIRST_YEAR + "–" + LAST_YEAR + ", not " + year);
        }
        TreeMap<LocalDate, String> days = new TreeMap<>();
        days.put(LocalDate.of(year, 1, 1), "元日");
        days.put(nthMonday(year, Month.JANUARY, 2), "成人の日");
        days.put(LocalDate.of(year, 2, 11), "建国記念の日");
        if (year >= 2020) {
            days.put(LocalDate.of(year, 2, 23), "天皇誕生日");
        }
        days.put(LocalDate.of(year, 3, vernalEquinoxDay(year)), "春分の日");
        days.put(LocalDate.of(year, 4, 29), "昭和の日");
        days.put(LocalDate.of(year, 5, 3), "憲法記念日");
        days.put(LocalDate.of(year, 5, 4), "みどりの日");
        days.put(LocalDate.of(year, 5, 5), "こどもの日");
        days.put(nthMonday(year, Month.JULY, 3), "海の日");
        if (year >= 2016) {
            days.put(LocalDate.of(year, 8, 11), "山の日");
        }
        days.put(nthMonday(year, Month.SEPTEMBER, 3), "敬老の日");
        days.put(LocalDate.of(year, 9, autumnalEquinoxDay(year)), "秋分の日");
        days.put(nthMonday(year, Month.OCTOBER, 2), year >= 2020 ? "スポーツの日" : "体育の日");
        days.put(LocalDate.of(year, 11, 3), "文化の日");
        days.put(LocalDate.of(year, 11, 23), "勤労感謝の日");
        if (year <= 2018) {
            days.put(LocalDate.of(year, 12, 23), "天皇誕生日");
        }
        // Art. 3(3): a day between two national holidays is a holiday (国民の休日).
        TreeMap<LocalDate, String> citizens = new TreeMap<>();
        for (LocalDate day : days.keySet()) {
            LocalDate between = day.plusDays(1);
            if (!days.containsKey(between) && days.containsKey(between.plusDays(1))
                    && between.getDayOfWeek() != DayOfWeek.SUNDAY) {
                citizens.put(between, "休日");
            }
        }
        days.putAll(citizens);
        // Art. 3(2): a national holiday on a Sunday moves the nearest following non-holiday day off (振替休日).
        TreeMap<LocalDate, String> substitutes = new TreeMap<>();
        for (LocalDate day : days.keySet()) {
            if (day.getDayOfWeek() == DayOfWeek.SUNDAY && !"休日".equals(days.get(day))) {
                LocalDate next = day.plusDays(1);
                while (days.containsKey(next) || substitutes.containsKey(next)) {
                    next = next.plusDays(1);
                }
                substitutes.put(next, "休日");
            }
        }
        days.putAll(substitutes);
        return days;
    }

    static int vernalEquinoxDay(int year) {
        return (int) Math.floor(20.8431 + 0.242194 * (year - 1980)) - Math.floorDiv(year - 1980, 4);
    }

    static int autumnalEquinoxDay(int year) {
        return (int) Math.floor(23.2488 + 0.242194 * (year - 1980)) - Math.floorDiv(year - 1980, 4);
    }

    private static LocalDate nthMonday(int year, Month month, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, DayOfWeek.MONDAY));
    }
}
