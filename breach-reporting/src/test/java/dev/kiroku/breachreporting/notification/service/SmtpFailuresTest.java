package dev.kiroku.breachreporting.notification.service;

import dev.kiroku.breachreporting.notification.SmtpOutcome;
import io.vertx.ext.mail.SMTPException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpFailuresTest {

    @Test
    void a_refused_connection_is_transient_and_means_the_server_is_down() {
        SmtpOutcome outcome = SmtpFailures.classify(new CompletionException(new ConnectException("Connection refused")));

        assertThat(outcome).isInstanceOf(SmtpOutcome.Transient.class);
        assertThat(SmtpFailures.serverUnreachable(outcome)).isTrue();
    }

    @Test
    void a_4xx_reply_is_transient_with_its_code() {
        SmtpOutcome outcome = SmtpFailures.classify(new SMTPException("recipient address not accepted", 451,
                List.of("451 4.3.0 mailbox of hanako@example.jp busy"), false));

        assertThat(outcome).isEqualTo(new SmtpOutcome.Transient(451, "SMTP 451 at RCPT: try later"));
        assertThat(SmtpFailures.serverUnreachable(outcome)).isFalse();
    }

    @Test
    void a_5xx_at_rcpt_is_a_bounce_and_its_description_never_quotes_the_servers_text() {
        SmtpOutcome outcome = SmtpFailures.classify(new RuntimeException(new SMTPException(
                "recipient address not accepted", 550, List.of("550 5.1.1 <hanako@example.jp> user unknown"), true)));

        assertThat(outcome).isInstanceOf(SmtpOutcome.Permanent.class);
        SmtpOutcome.Permanent permanent = (SmtpOutcome.Permanent) outcome;
        assertThat(permanent.recipientRejected()).isTrue();
        assertThat(permanent.smtpCode()).isEqualTo(550);
        assertThat(permanent.description()).doesNotContain("@").doesNotContain("hanako");
    }

    @Test
    void a_5xx_after_the_data_is_a_failure_not_a_bounce() {
        SmtpOutcome outcome = SmtpFailures.classify(new SMTPException("sending data failed", 554,
                List.of("554 5.6.0 message refused"), true));

        assertThat(outcome).isEqualTo(new SmtpOutcome.Permanent(554, false, "SMTP 554 at end of DATA: refused"));
    }

    @Test
    void a_session_that_ends_without_an_answer_is_ambiguous_never_retried() {
        SmtpOutcome outcome = SmtpFailures.classify(new IllegalStateException("connection was closed"));

        assertThat(outcome).isInstanceOf(SmtpOutcome.Ambiguous.class);
        assertThat(SmtpFailures.serverUnreachable(outcome)).isFalse();
    }
}
