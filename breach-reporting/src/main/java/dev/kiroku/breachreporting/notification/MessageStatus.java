package dev.kiroku.breachreporting.notification;

import java.util.EnumSet;
import java.util.Set;

/** Where one person's notice stands in the outbox. */
public enum MessageStatus {
    /** Waiting to be sent (first time, or again after a transient failure, at {@code nextAttemptAt}). */
    QUEUED,
    /** Claimed by a dispatcher, which is talking to the SMTP server now. */
    SENDING,
    /** The SMTP server accepted the message (or a breach manager confirmed it was sent). */
    SENT,
    /** Not sent: a permanent SMTP rejection of another kind, or transient failures up to the attempt limit. */
    FAILED,
    /** Rejected for its recipient (5xx at RCPT), or a bounce (DSN) was reported after sending. */
    BOUNCED,
    /**
     * Left in SENDING by a dispatcher that stopped (crash, restart) or whose lease ran out, or ended by an answer that
     * does not tell whether the server took the message: it may have been sent. Never resent automatically; a breach
     * manager confirms it sent or releases it for sending.
     */
    UNCONFIRMED;

    /** Nothing more happens to the row by itself. */
    public static final Set<MessageStatus> SETTLED = EnumSet.of(SENT, FAILED, BOUNCED);
    /** Rows a campaign still waits for (UNCONFIRMED waits for a person's decision). */
    public static final Set<MessageStatus> OPEN = EnumSet.of(QUEUED, SENDING, UNCONFIRMED);

    public boolean settled() {
        return SETTLED.contains(this);
    }
}
