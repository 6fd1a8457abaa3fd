package dev.kiroku.breachreporting.affected;

/** Where an import or derivation stands. */
public enum ImportStatus {
    /** Chunks are being added; the counts show how far it got. */
    RUNNING,
    /** Every row or subject was processed (rejected rows are listed). */
    COMPLETED,
    /** Stopped with a reason; the chunks committed before stay (a new job may be started). */
    FAILED
}
