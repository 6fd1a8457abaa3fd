package dev.kiroku.breachreporting.incident;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import static dev.kiroku.breachreporting.incident.IncidentStatus.ALT_MEASURE_PUBLISHED;
import static dev.kiroku.breachreporting.incident.IncidentStatus.CLOSED;
import static dev.kiroku.breachreporting.incident.IncidentStatus.CLOSED_INTERNAL;
import static dev.kiroku.breachreporting.incident.IncidentStatus.DETECTED;
import static dev.kiroku.breachreporting.incident.IncidentStatus.FINAL_DUE;
import static dev.kiroku.breachreporting.incident.IncidentStatus.FINAL_SUBMITTED;
import static dev.kiroku.breachreporting.incident.IncidentStatus.INDIVIDUALS_DEFERRED;
import static dev.kiroku.breachreporting.incident.IncidentStatus.INDIVIDUALS_NOTIFIED;
import static dev.kiroku.breachreporting.incident.IncidentStatus.PRELIM_DUE;
import static dev.kiroku.breachreporting.incident.IncidentStatus.PRELIM_SUBMITTED;
import static dev.kiroku.breachreporting.incident.IncidentStatus.PRINCIPAL_NOTIFIED;
import static dev.kiroku.breachreporting.incident.IncidentStatus.SUPPLEMENTED;
import static dev.kiroku.breachreporting.incident.IncidentStatus.TRIAGED;

/**
 * The transition table (docs/law.md §E10): for each action, the states it may start from and where it leads. Anything
 * not in the table is an illegal transition (409). Guards beyond the state (the assessment, the role, a reason) are
 * checked by {@link Incident} and refused with the rule they rest on (422). Governed actions are a breach manager's
 * decision alone.
 */
public enum IncidentAction {

    ASSESS("assess", false, false, "APPI Art. 26(1); Rule 7",
            moves(DETECTED, TRIAGED)),
    REASSESS("reassess", false, false, "APPI Art. 26(1); Rule 7",
            stays(TRIAGED, PRELIM_DUE, PRELIM_SUBMITTED, INDIVIDUALS_NOTIFIED, ALT_MEASURE_PUBLISHED,
                    INDIVIDUALS_DEFERRED, FINAL_DUE, FINAL_SUBMITTED, SUPPLEMENTED)),
    NOTIFY_PRINCIPAL("notify-principal", false, true, "APPI Rule 9: an entrusted party that notifies its "
            + "principal is released from reporting and from notifying persons",
            moves(TRIAGED, PRINCIPAL_NOTIFIED)),
    DECIDE_NOT_REPORTABLE("decide-not-reportable", true, true, "APPI Art. 26(1); Rule 7",
            moves(TRIAGED, CLOSED_INTERNAL)),
    REOPEN("reopen", true, true, "APPI Art. 26(1); Rule 7",
            moves(CLOSED_INTERNAL, TRIAGED)),
    START_REPORTING("start-reporting", false, false, "APPI Art. 26(1); Rule 8(1)",
            moves(TRIAGED, PRELIM_DUE)),
    SUBMIT_PRELIMINARY("submit-preliminary", false, false, "APPI Rule 8(1)",
            moves(PRELIM_DUE, PRELIM_SUBMITTED)),
    NOTIFY_INDIVIDUALS("notify-individuals", false, false, "APPI Art. 26(2); Rule 10",
            with(moves(PRELIM_SUBMITTED, INDIVIDUALS_NOTIFIED, INDIVIDUALS_DEFERRED, INDIVIDUALS_NOTIFIED),
                    stays(FINAL_DUE, FINAL_SUBMITTED, SUPPLEMENTED))),
    PUBLISH_ALTERNATIVE_MEASURE("publish-alternative-measure", false, true,
            "APPI Art. 26(2) proviso: notice difficult, alternative measure taken",
            with(moves(PRELIM_SUBMITTED, ALT_MEASURE_PUBLISHED, INDIVIDUALS_DEFERRED, ALT_MEASURE_PUBLISHED),
                    stays(FINAL_DUE, FINAL_SUBMITTED, SUPPLEMENTED))),
    DEFER_INDIVIDUAL_NOTICE("defer-individual-notice", false, true,
            "APPI Rule 10 (promptly according to the situation); guideline 3-5-4-2", // verification [M]: docs/law.md
           
            moves(PRELIM_SUBMITTED, INDIVIDUALS_DEFERRED)),
    AWAIT_FINAL("await-final", false, false, "APPI Rule 8(2)",
            moves(INDIVIDUALS_NOTIFIED, FINAL_DUE, ALT_MEASURE_PUBLISHED, FINAL_DUE, INDIVIDUALS_DEFERRED, FINAL_DUE)),
    SUBMIT_FINAL("submit-final", false, false, "APPI Rule 8(2)",
            moves(FINAL_DUE, FINAL_SUBMITTED)),
    SUPPLEMENT("supplement", false, true, "APPI Rule 8(2): supplement (追完) of items unknown at the final report", // verification [M]
           
            moves(FINAL_SUBMITTED, SUPPLEMENTED, SUPPLEMENTED, SUPPLEMENTED)),
    CLOSE("close", false, false, "APPI Art. 26(1),(2)",
            moves(FINAL_SUBMITTED, CLOSED, SUPPLEMENTED, CLOSED)),
    NOTIFY_EU_AUTHORITY("notify-eu-authority", false, false, "GDPR Art. 33(1)",
            stays(DETECTED, TRIAGED, PRELIM_DUE, PRELIM_SUBMITTED, INDIVIDUALS_NOTIFIED, ALT_MEASURE_PUBLISHED,
                    INDIVIDUALS_DEFERRED, FINAL_DUE, FINAL_SUBMITTED, SUPPLEMENTED, PRINCIPAL_NOTIFIED,
                    CLOSED_INTERNAL));

    private final String wireName;
    private final boolean governed;
    private final boolean reasonRequired;
    private final String article;
    private final Map<IncidentStatus, IncidentStatus> moves;

    IncidentAction(String wireName, boolean governed, boolean reasonRequired, String article,
            Map<IncidentStatus, IncidentStatus> moves) {
        this.wireName = wireName;
        this.governed = governed;
        this.reasonRequired = reasonRequired;
        this.article = article;
        this.moves = Collections.unmodifiableMap(moves);
    }

    /** The action's name in the API, e.g. {@code submit-preliminary}. */
    public String wireName() {
        return wireName;
    }

    /** A breach manager's decision alone (compliance officers may do everything else). */
    public boolean governed() {
        return governed;
    }

    /** The action needs a written reason (rationale, content, why notice is difficult or deferred). */
    public boolean reasonRequired() {
        return reasonRequired;
    }

    public String article() {
        return article;
    }

    /** Where the action leads from a state, or empty when the table does not allow it from there. */
    public Optional<IncidentStatus> target(IncidentStatus from) {
        return Optional.ofNullable(moves.get(from));
    }

    public Map<IncidentStatus, IncidentStatus> moves() {
        return moves;
    }

    public static Optional<IncidentAction> byWireName(String name) {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(name)).findFirst();
    }

    private static Map<IncidentStatus, IncidentStatus> moves(IncidentStatus... pairs) {
        Map<IncidentStatus, IncidentStatus> map = new EnumMap<>(IncidentStatus.class);
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static Map<IncidentStatus, IncidentStatus> stays(IncidentStatus... states) {
        Map<IncidentStatus, IncidentStatus> map = new EnumMap<>(IncidentStatus.class);
        for (IncidentStatus s : states) {
            map.put(s, s);
        }
        return map;
    }

    @SafeVarargs
    private static Map<IncidentStatus, IncidentStatus> with(Map<IncidentStatus, IncidentStatus>... maps) {
        Map<IncidentStatus, IncidentStatus> map = new EnumMap<>(IncidentStatus.class);
        for (Map<IncidentStatus, IncidentStatus> m : maps) {
            map.putAll(m);
        }
        return map;
    }
}
