package dev.kiroku.breachreporting.notification;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationMessageTest {

    private final Instant now = Instant.parse("2026-11-22T01:00:00Z");
    private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10), 3);

    private NotificationMessage queued() {
        return NotificationMessage.queue(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "ja",
                "sample-shop.example", "breach-manager", now);
    }

    @Test
    void a_queued_notice_is_due_at_once_and_its_message_id_is_derived_from_its_row_id() {
        NotificationMessage m = queued();

        assertThat(m.status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(m.attempts()).isZero();
        assertThat(m.nextAttemptAt()).isEqualTo(now);
        assertThat(m.messageId()).isEqualTo("<notice." + m.id() + "@sample-shop.example>");
    }

    @Test
    void claiming_counts_an_attempt_and_an_accepted_send_makes_it_sent() {
        NotificationMessage m = queued();
        m.claim("pod-a", now);
        assertThat(m.status()).isEqualTo(MessageStatus.SENDING);
        assertThat(m.attempts()).isEqualTo(1);
        assertThat(m.claimedAt()).contains(now);

        m.record(new SmtpOutcome.Accepted(), backoff, "pod-a", now.plusSeconds(1));

        assertThat(m.status()).isEqualTo(MessageStatus.SENT);
        assertThat(m.sentAt()).contains(now.plusSeconds(1));
    }

    @Test
    void a_notice_is_not_claimed_before_its_next_attempt_is_due_nor_twice() {
        NotificationMessage m = queued();
        m.claim("pod-a", now);
        m.record(new SmtpOutcome.Transient(null, "SMTP server not reachable"), backoff, "pod-a", now);

        assertThatThrownBy(() -> m.claim("pod-a", now.plusSeconds(29))).isInstanceOf(IllegalMessageTransition.class);
        m.claim("pod-a", now.plusSeconds(30));
        assertThatThrownBy(() -> m.claim("pod-b", now.plusSeconds(31))).isInstanceOf(IllegalMessageTransition.class);
    }

    @Test
    void transient_failures_queue_it_again_with_backoff_until_the_last_attempt_fails_it() {
        NotificationMessage m = queued();
        m.claim("pod-a", now);
        m.record(new SmtpOutcome.Transient(421, "SMTP 421 at RCPT: try later"), backoff, "pod-a", now);
        assertThat(m.status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(m.nextAttemptAt()).isEqualTo(now.plusSeconds(30));
        assertThat(m.smtpCode()).contains(421);

        Instant second = now.plusSeconds(30);
        m.claim("pod-a", second);
        m.record(new SmtpOutcome.Transient(null, "SMTP server not reachable"), backoff, "pod-a", second);
        assertThat(m.status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(m.nextAttemptAt()).isEqualTo(second.plusSeconds(60));

        Instant third = second.plusSeconds(60);
        m.claim("pod-a", third);
        m.record(new SmtpOutcome.Transient(null, "SMTP server not reachable"), backoff, "pod-a", third);
        assertThat(m.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(m.attempts()).isEqualTo(3);
        assertThat(m.lastError()).hasValueSatisfying(e -> assertThat(e).contains("gave up after 3 attempts"));
    }

    @Test
    void a_permanent_rejection_of_the_recipient_bounces_it_and_another_fails_it() {
        NotificationMessage recipient = queued();
        recipient.claim("pod-a", now);
        recipient.record(new SmtpOutcome.Permanent(550, true, "SMTP 550 at RCPT: recipient rejected"), backoff,
                "pod-a", now);
        assertThat(recipient.status()).isEqualTo(MessageStatus.BOUNCED);
        assertThat(recipient.smtpCode()).contains(550);

        NotificationMessage content = queued();
        content.claim("pod-a", now);
        content.record(new SmtpOutcome.Permanent(554, false, "SMTP 554 at end of DATA: refused"), backoff, "pod-a",
                now);
        assertThat(content.status()).isEqualTo(MessageStatus.FAILED);
    }

    @Test
    void a_notice_given_back_unsent_is_due_again_without_an_attempt_counted() {
        NotificationMessage m = queued();
        m.claim("pod-a", now);

        m.returnUnsent("pod-a", now.plusSeconds(2));

        assertThat(m.status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(m.attempts()).isZero();
        assertThat(m.nextAttemptAt()).isEqualTo(now.plusSeconds(2));
    }

    @Test
    void an_abandoned_or_ambiguous_send_is_unconfirmed_and_only_a_person_confirms_or_releases_it() {
        NotificationMessage abandoned = queued();
        abandoned.claim("pod-a", now);
        abandoned.abandon("claim older than the lease timeout", now.plusSeconds(600));
        assertThat(abandoned.status()).isEqualTo(MessageStatus.UNCONFIRMED);
        assertThatThrownBy(() -> abandoned.claim("pod-b", now.plusSeconds(601)))
                .isInstanceOf(IllegalMessageTransition.class);

        abandoned.release("breach-manager", now.plusSeconds(700));
        assertThat(abandoned.status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(abandoned.nextAttemptAt()).isEqualTo(now.plusSeconds(700));
        assertThat(abandoned.updatedBy()).isEqualTo("breach-manager");

        NotificationMessage ambiguous = queued();
        ambiguous.claim("pod-a", now);
        ambiguous.record(new SmtpOutcome.Ambiguous("the session ended without a final answer"), backoff, "pod-a",
                now);
        assertThat(ambiguous.status()).isEqualTo(MessageStatus.UNCONFIRMED);
        ambiguous.confirmSent(now.minusSeconds(5), "breach-manager", now.plusSeconds(60));
        assertThat(ambiguous.status()).isEqualTo(MessageStatus.SENT);
        assertThat(ambiguous.sentAt()).contains(now.minusSeconds(5));
    }

    @Test
    void a_late_outcome_for_a_notice_marked_unconfirmed_meanwhile_settles_it() {
        NotificationMessage m = queued();
        m.claim("pod-a", now);
        m.abandon("claim older than the lease timeout", now.plusSeconds(600));

        m.record(new SmtpOutcome.Accepted(), backoff, "pod-a", now.plusSeconds(601));

        assertThat(m.status()).isEqualTo(MessageStatus.SENT);
    }

    @Test
    void only_a_sent_or_unconfirmed_notice_can_bounce_and_settled_notices_do_not_move_back() {
        NotificationMessage m = queued();
        assertThatThrownBy(() -> m.bounce(550, "officer", now)).isInstanceOf(IllegalMessageTransition.class);
        m.claim("pod-a", now);
        m.record(new SmtpOutcome.Accepted(), backoff, "pod-a", now);

        m.bounce(550, "officer", now.plusSeconds(3600));

        assertThat(m.status()).isEqualTo(MessageStatus.BOUNCED);
        assertThat(m.smtpCode()).contains(550);
        assertThatThrownBy(() -> m.release("breach-manager", now)).isInstanceOf(IllegalMessageTransition.class);
        assertThatThrownBy(() -> m.confirmSent(null, "breach-manager", now))
                .isInstanceOf(IllegalMessageTransition.class);
        assertThatThrownBy(() -> m.record(new SmtpOutcome.Accepted(), backoff, "pod-a", now))
                .isInstanceOf(IllegalMessageTransition.class);
        assertThatThrownBy(() -> m.returnUnsent("pod-a", now)).isInstanceOf(IllegalMessageTransition.class);
    }
}
