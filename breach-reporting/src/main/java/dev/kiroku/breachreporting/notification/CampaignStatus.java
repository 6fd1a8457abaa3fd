package dev.kiroku.breachreporting.notification;

/** A notification campaign's state. */
public enum CampaignStatus {
    /** Its queued notices are sent by the dispatcher. */
    ACTIVE,
    /** Nothing is sent until it is resumed. */
    PAUSED,
    /** Every notice is settled: sent, failed or bounced. */
    COMPLETED
}
