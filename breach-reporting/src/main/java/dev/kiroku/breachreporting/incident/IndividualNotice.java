package dev.kiroku.breachreporting.incident;

/** How the affected persons were dealt with (APPI Art. 26(2); Rule 10). */
public enum IndividualNotice {
    NOTIFIED,
    ALTERNATIVE_MEASURE,
    DEFERRED
}
