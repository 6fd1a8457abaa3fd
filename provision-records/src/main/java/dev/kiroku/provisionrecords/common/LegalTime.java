package dev.kiroku.provisionrecords.common;

import java.time.ZoneId;

/** The time zone of the law's days: a record's day, a retention end, a stop's effective day are Tokyo days. */
public final class LegalTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

    private LegalTime() {
    }
}
