package dev.kiroku.breachreporting.reminder;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * A day's reminder digest: the claim a run takes before sending (unique on the day), then the record of what was sent.
 * Rows are claimed and released by the repository's SQL; the entity records the sending.
 */
@Entity
@Table(name = "breach_reminder_digest")
public class ReminderDigest {

    @Id
    private UUID id;

    private LocalDate day;

    @Enumerated(EnumType.STRING)
    private DigestStatus status;

    @Column(name = "claimed_at")
    private Instant claimedAt;

    @Column(name = "claimed_by")
    private String claimedBy;

    private int attempts;

    @Column(name = "message_id")
    private String messageId;

    @Column(name = "sent_at")
    private Instant sentAt;

    @JdbcTypeCode(SqlTypes.JSON)
    private DigestContents deadlines;

    @Column(name = "deadline_count")
    private Integer deadlineCount;

    @Column(name = "recipient_count")
    private Integer recipientCount;

    protected ReminderDigest() {
    }

    /** Records the digest as sent: what it covered and to how many addresses. */
    public void sent(DigestContents contents, int recipients, Instant at) {
        if (status != DigestStatus.SENDING) {
            throw new IllegalStateException("digest " + id + " is not being sent");
        }
        if (recipients < 1) {
            throw new IllegalArgumentException("a digest goes to at least one address");
        }
        status = DigestStatus.SENT;
        deadlines = contents;
        deadlineCount = contents.deadlines().size();
        recipientCount = recipients;
        sentAt = at;
    }

    public UUID id() {
        return id;
    }

    public LocalDate day() {
        return day;
    }

    public DigestStatus status() {
        return status;
    }

    public Instant claimedAt() {
        return claimedAt;
    }

    public String claimedBy() {
        return claimedBy;
    }

    public int attempts() {
        return attempts;
    }

    public String messageId() {
        return messageId;
    }

    public Optional<Instant> sentAt() {
        return Optional.ofNullable(sentAt);
    }

    public Optional<DigestContents> contents() {
        return Optional.ofNullable(deadlines);
    }

    public int deadlineCount() {
        return deadlineCount == null ? 0 : deadlineCount;
    }

    public int recipientCount() {
        return recipientCount == null ? 0 : recipientCount;
    }
}
