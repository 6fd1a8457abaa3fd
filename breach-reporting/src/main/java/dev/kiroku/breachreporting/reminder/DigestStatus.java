package dev.kiroku.breachreporting.reminder;

/** A day's digest: claimed by a run that is sending it, or sent. */
public enum DigestStatus {
    SENDING,
    SENT
}
