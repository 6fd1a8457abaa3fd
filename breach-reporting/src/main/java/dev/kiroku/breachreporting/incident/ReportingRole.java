package dev.kiroku.breachreporting.incident;

/** Who the business is for the affected data (APPI Art. 26(1); Rule 9). */
public enum ReportingRole {
    /** The business handles the data for itself and must report. */
    CONTROLLER,
    /** The business handles the data under entrustment (委託先): it may instead notify its principal (Rule 9). */
    ENTRUSTED
}
