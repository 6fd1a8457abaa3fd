package dev.kiroku.breachreporting.notification;

import dev.kiroku.platform.web.TimeOrderedIds;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One person's notice in the outbox, moving only through its own transitions:
 *
 * <pre>
 * QUEUED ──claim──▶ SENDING ──accepted──▶ SENT ──bounce reported──▶ BOUNCED
 *   ▲                 │ ├─transient (attempts left)──▶ QUEUED at nextAttemptAt
 *   │                 │ ├─transient (last attempt)───▶ FAILED
 *   │                 │ ├─5xx at RCPT─▶ BOUNCED, other 5xx ─▶ FAILED
 *   │                 │ ├─returned unsent (paused, shutting down, server down) ─▶ QUEUED, the attempt not counted
 *   │                 │ └─abandoned (lease ran out, restart) or ambiguous answer ─▶ UNCONFIRMED
 *   └──released─── UNCONFIRMED ──confirmed sent──▶ SENT
 * </pre>
 *
 * The address is never here: it stays sealed on the affected person and is opened only to send.
 */
@Entity
@Table(name = "notification_message")
public class NotificationMessage {

    @Id
    private UUID id;

    @Column(name = "campaign_id")
    private UUID campaignId;

    @Column(name = "incident_id")
    private UUID incidentId;

    @Column(name = "affected_person_id")
    private UUID affectedPersonId;

    private String language;

    @Enumerated(EnumType.STRING)
    private MessageStatus status;

    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "claimed_at")
    private Instant claimedAt;

    @Column(name = "claimed_by")
    private String claimedBy;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "smtp_code")
    private Integer smtpCode;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "message_id")
    private String messageId;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "updated_by")
    private String updatedBy;

    @Version
    private long version;

    protected NotificationMessage() {
    }

    /** A notice queued for sending now; its Message-ID is derived from its row id and never changes. */
    public static NotificationMessage queue(UUID campaignId, UUID incidentId, UUID affectedPersonId, String language,
            String messageIdDomain, String actor, Instant now) {
        NotificationMessage m = new NotificationMessage();
        m.id = TimeOrderedIds.next();
        m.campaignId = Objects.requireNonNull(campaignId);
        m.incidentId = Objects.requireNonNull(incidentId);
        m.affectedPersonId = Objects.requireNonNull(affectedPersonId);
        m.language = Objects.requireNonNull(language);
        m.status = MessageStatus.QUEUED;
        m.attempts = 0;
        m.nextAttemptAt = now;
        m.messageId = messageIdOf(m.id, messageIdDomain);
        m.createdAt = now;
        m.updatedAt = now;
        m.updatedBy = actor;
        return m;
    }

    /** The Message-ID header of the notice with this row id: {@code <notice.<row id>@<domain>>}. */
    public static String messageIdOf(UUID rowId, String domain) {
        return "<notice." + rowId + "@" + domain + ">";
    }

    /** A dispatcher takes the row: one more attempt starts now. */
    public void claim(String dispatcher, Instant now) {
        require(MessageStatus.QUEUED, "claimed");
        if (nextAttemptAt.isAfter(now)) {
            throw new IllegalMessageTransition("claimed before its next attempt is due", status);
        }
        status = MessageStatus.SENDING;
        attempts++;
        claimedAt = now;
        claimedBy = dispatcher;
        touch(now, dispatcher);
    }

    /**
     * Records what the attempt came to. A row that was marked UNCONFIRMED meanwhile (its lease ran out while the
     * server was slow) takes the outcome too: the dispatcher now knows.
     */
    public void record(SmtpOutcome outcome, Backoff backoff, String dispatcher, Instant now) {
        if (status != MessageStatus.SENDING && status != MessageStatus.UNCONFIRMED) {
            throw new IllegalMessageTransition("given the outcome of an attempt", status);
        }
        if (outcome instanceof SmtpOutcome.Accepted) {
            status = MessageStatus.SENT;
            sentAt = now;
            smtpCode = null;
            lastError = null;
        } else if (outcome instanceof SmtpOutcome.Transient t) {
            smtpCode = t.smtpCode();
            Optional<Instant> next = backoff.nextAttempt(attempts, now);
            if (next.isPresent()) {
                status = MessageStatus.QUEUED;
                nextAttemptAt = next.get();
                lastError = t.description();
            } else {
                status = MessageStatus.FAILED;
                lastError = t.description() + "; gave up after " + attempts + " attempts";
            }
        } else if (outcome instanceof SmtpOutcome.Permanent p) {
            status = p.recipientRejected() ? MessageStatus.BOUNCED : MessageStatus.FAILED;
            smtpCode = p.smtpCode();
            lastError = p.description();
        } else if (outcome instanceof SmtpOutcome.Ambiguous a) {
            status = MessageStatus.UNCONFIRMED;
            lastError = a.description();
        }
        touch(now, dispatcher);
    }

    /** The dispatcher gives the row back without trying it (campaign paused, shutting down, server unreachable). */
    public void returnUnsent(String dispatcher, Instant now) {
        require(MessageStatus.SENDING, "returned unsent");
        status = MessageStatus.QUEUED;
        attempts--;
        nextAttemptAt = now;
        touch(now, dispatcher);
    }

    /** The dispatcher holding the row stopped or its lease ran out: it may have been sent. */
    public void abandon(String why, Instant now) {
        require(MessageStatus.SENDING, "marked unconfirmed");
        status = MessageStatus.UNCONFIRMED;
        lastError = why;
        touch(now, "dispatcher");
    }

    /** A breach manager confirms an unconfirmed notice was sent (e.g. from the relay's log of its Message-ID). */
    public void confirmSent(Instant sentAt, String actor, Instant now) {
        require(MessageStatus.UNCONFIRMED, "confirmed sent");
        status = MessageStatus.SENT;
        this.sentAt = sentAt != null ? sentAt : now;
        touch(now, actor);
    }

    /** A breach manager releases an unconfirmed notice for sending (it was not sent). */
    public void release(String actor, Instant now) {
        require(MessageStatus.UNCONFIRMED, "released for sending");
        status = MessageStatus.QUEUED;
        nextAttemptAt = now;
        touch(now, actor);
    }

    /** A delivery status notification reported the notice undeliverable after the server accepted it. */
    public void bounce(Integer code, String actor, Instant now) {
        if (status != MessageStatus.SENT && status != MessageStatus.UNCONFIRMED) {
            throw new IllegalMessageTransition("recorded as bounced (only a sent notice can bounce)", status);
        }
        status = MessageStatus.BOUNCED;
        smtpCode = code;
        lastError = "bounce reported" + (code == null ? "" : " (" + code + ")");
        touch(now, actor);
    }

    private void require(MessageStatus expected, String what) {
        if (status != expected) {
            throw new IllegalMessageTransition(what, status);
        }
    }

    private void touch(Instant now, String actor) {
        updatedAt = now;
        updatedBy = actor;
    }

    public UUID id() {
        return id;
    }

    public UUID campaignId() {
        return campaignId;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public UUID affectedPersonId() {
        return affectedPersonId;
    }

    public String language() {
        return language;
    }

    public MessageStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Optional<Instant> claimedAt() {
        return Optional.ofNullable(claimedAt);
    }

    public Optional<Instant> sentAt() {
        return Optional.ofNullable(sentAt);
    }

    public Optional<Integer> smtpCode() {
        return Optional.ofNullable(smtpCode);
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public String messageId() {
        return messageId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }
}
