package dev.kiroku.breachreporting.notification.service;

import dev.kiroku.breachreporting.notification.SmtpOutcome;
import io.vertx.ext.mail.SMTPException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Sorts what a failed send threw into the outbox's outcomes. The descriptions are the service's own words and the
 * reply code: the server's reply text is never kept or logged, because servers quote the address in it.
 */
final class SmtpFailures {

    private SmtpFailures() {
    }

    static SmtpOutcome classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SMTPException smtp) {
                int code = smtp.getReplyCode();
                String stage = stage(smtp.getMessage());
                if (code >= 500 && code < 600) {
                    boolean recipient = "RCPT".equals(stage);
                    return new SmtpOutcome.Permanent(code, recipient, "SMTP " + code + " at " + stage
                            + (recipient ? ": recipient rejected" : ": refused"));
                }
                if (code >= 400 && code < 500) {
                    return new SmtpOutcome.Transient(code, "SMTP " + code + " at " + stage + ": try later");
                }
                return new SmtpOutcome.Ambiguous("SMTP reply " + code + " at " + stage);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof UnresolvedAddressException
                    || t.getClass().getName().equals("io.netty.channel.ConnectTimeoutException")) {
                return new SmtpOutcome.Transient(null, "SMTP server not reachable ("
                        + t.getClass().getSimpleName() + ")");
            }
        }
        return new SmtpOutcome.Ambiguous("the session ended without a final answer ("
                + failure.getClass().getSimpleName() + "): the server may have accepted the message");
    }

    /** Which command the server answered, from the mail client's own message (never from the server's text). */
    private static String stage(String message) {
        String m = message == null ? "" : message;
        if (m.startsWith("recipient address not accepted")) {
            return "RCPT";
        }
        if (m.startsWith("sender address not accepted")) {
            return "MAIL";
        }
        if (m.startsWith("DATA command not accepted")) {
            return "DATA";
        }
        if (m.startsWith("sending data failed")) {
            return "end of DATA";
        }
        return "session";
    }

    /** True when the failure says the server is not reachable at all: the rest of a batch is given back unsent. */
    static boolean serverUnreachable(SmtpOutcome outcome) {
        return outcome instanceof SmtpOutcome.Transient t && t.smtpCode() == null;
    }
}
