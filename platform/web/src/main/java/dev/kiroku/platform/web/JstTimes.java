package dev.kiroku.platform.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Instants as a person in Japan reads them: in Japan Standard Time, always with the offset, so nobody has to guess
 * whether a time is UTC. For what people read (PDFs, CSV files, notices, e-mails); the JSON API keeps ISO-8601
 * instants in UTC ({@code Z}), which are unambiguous for programs (docs/api-conventions.md "Requests and responses").
 * Japan has no daylight saving time, so the offset is always {@code +09:00}; the zone is the legal one of the APPI
 * rules (Asia/Tokyo), not a setting.
 */
public final class JstTimes {

    /** The legal zone: Asia/Tokyo. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");
    static final DateTimeFormatter JAPANESE = DateTimeFormatter.ofPattern("uuuu年M月d日 H時mm分", Locale.JAPAN);
    static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm", Locale.ENGLISH);

    private JstTimes() {
    }

    /** ISO-8601 with the JST offset, to the second: {@code 2026-11-22T10:00:00+09:00} (CSV cells). */
    public static String iso(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZONE)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** The same for an offset date-time in any offset. */
    public static String iso(OffsetDateTime at) {
        return at == null ? null : iso(at.toInstant());
    }

    /** For Japanese text: {@code 2026年11月22日 10時00分（日本時間 UTC+09:00）}. */
    public static String japanese(Instant instant) {
        return instant.atZone(ZONE).format(JAPANESE) + "（日本時間 UTC+09:00）";
    }

    /** For English text: {@code 22 November 2026, 10:00 JST (UTC+09:00)}. */
    public static String english(Instant instant) {
        return instant.atZone(ZONE).format(ENGLISH) + " JST (UTC+09:00)";
    }
}
