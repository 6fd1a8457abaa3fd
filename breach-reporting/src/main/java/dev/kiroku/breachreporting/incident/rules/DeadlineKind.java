package dev.kiroku.breachreporting.incident.rules;

/** The filings an incident can owe. */
public enum DeadlineKind {
    /** 速報 to the PPC (APPI Rule 8(1)). */
    PRELIMINARY,
    /** 確報 to the PPC (APPI Rule 8(2)). */
    FINAL,
    /** Notification to the EU supervisory authority (GDPR Art. 33(1)), for incidents touching EU residents. */
    GDPR_SUPERVISORY
}
