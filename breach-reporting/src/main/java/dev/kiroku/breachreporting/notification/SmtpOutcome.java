package dev.kiroku.breachreporting.notification;

/**
 * What one attempt to hand a notice to the SMTP server came to, as the outbox row needs it. Descriptions are written by
 * the service, never copied from the server's reply (which may quote the address).
 */
public sealed interface SmtpOutcome {

    /** The server accepted the message (250 after the data). */
    record Accepted() implements SmtpOutcome {
    }

    /**
     * The server was not reached or refused for now (connection refused, connect timeout, 4xx): the message was
     * certainly not accepted, so it may be tried again.
     */
    record Transient(Integer smtpCode, String description) implements SmtpOutcome {
    }

    /** The server refused for good (5xx): at the recipient (a bounce) or otherwise. */
    record Permanent(int smtpCode, boolean recipientRejected, String description) implements SmtpOutcome {
    }

    /**
     * The attempt ended without telling whether the server took the message (the connection dropped or timed out
     * during the session): treated like a crash in the same window, never retried by itself.
     */
    record Ambiguous(String description) implements SmtpOutcome {
    }
}
