package dev.kiroku.breachreporting.incident;

import java.util.EnumSet;
import java.util.Set;

/** An incident's states, as docs/law.md §E10 describes them. */
public enum IncidentStatus {
    /** Recorded with its awareness moment; not yet assessed. */
    DETECTED,
    /** Assessed under Rule 7 (categories, encryption, head count, role). */
    TRIAGED,
    /** An entrusted party notified its principal and is released from reporting and notice (Rule 9). End state. */
    PRINCIPAL_NOTIFIED,
    /** Not reportable, closed by a breach manager's recorded decision. End state unless reopened. */
    CLOSED_INTERNAL,
    /** Reportable: the preliminary report (速報) is due. */
    PRELIM_DUE,
    /** The preliminary report was filed. */
    PRELIM_SUBMITTED,
    /** Affected persons were notified (Art. 26(2)). */
    INDIVIDUALS_NOTIFIED,
    /** Notice being difficult, the alternative measure (public announcement, inquiry contact) was taken. */
    ALT_MEASURE_PUBLISHED,
    /** Notice to persons is deferred for a recorded reason. */
    INDIVIDUALS_DEFERRED,
    /** The final report (確報) is being prepared. */
    FINAL_DUE,
    /** The final report was filed. */
    FINAL_SUBMITTED,
    /** One or more supplements (追完) were filed after the final report. */
    SUPPLEMENTED,
    /** Closed after the final report. End state. */
    CLOSED;

    /** States in which nothing is owed any more. */
    public static final Set<IncidentStatus> ENDED = EnumSet.of(PRINCIPAL_NOTIFIED, CLOSED_INTERNAL, CLOSED);
    /** States after reporting started, in which a re-assessment may only upgrade. */
    public static final Set<IncidentStatus> REPORTING = EnumSet.of(PRELIM_DUE, PRELIM_SUBMITTED, INDIVIDUALS_NOTIFIED,
            ALT_MEASURE_PUBLISHED, INDIVIDUALS_DEFERRED, FINAL_DUE, FINAL_SUBMITTED, SUPPLEMENTED);

    public boolean ended() {
        return ENDED.contains(this);
    }
}
