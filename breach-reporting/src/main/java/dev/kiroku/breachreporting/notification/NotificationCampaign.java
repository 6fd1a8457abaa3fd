package dev.kiroku.breachreporting.notification;

import dev.kiroku.platform.web.TimeOrderedIds;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A notification campaign of an incident (APPI Art. 26(2); Rule 10): the notice's content, how many persons it reaches
 * by e-mail and how many it cannot (for whom the alternative measure is recorded here). ACTIVE ⇄ PAUSED → COMPLETED
 * once every notice is settled.
 */
@Entity
@Table(name = "notification_campaign")
public class NotificationCampaign {

    @Id
    private UUID id;

    @Column(name = "incident_id")
    private UUID incidentId;

    @Enumerated(EnumType.STRING)
    private CampaignStatus status;

    @JdbcTypeCode(SqlTypes.JSON)
    private NoticeContent content;

    @Column(name = "content_sha256")
    private String contentSha256;

    private int reachable;

    private int unreachable;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "updated_by")
    private String updatedBy;

    @Column(name = "completed_at")
    private Instant completedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "alternative_measure")
    private AlternativeMeasure alternativeMeasure;

    @Version
    private long version;

    protected NotificationCampaign() {
    }

    /** A new campaign, active at once; its persons are counted by {@link #counted}. */
    public static NotificationCampaign start(UUID incidentId, NoticeContent content, String contentSha256,
            String actor, Instant now) {
        NotificationCampaign c = new NotificationCampaign();
        c.id = TimeOrderedIds.next();
        c.incidentId = Objects.requireNonNull(incidentId);
        c.status = CampaignStatus.ACTIVE;
        c.content = Objects.requireNonNull(content);
        c.contentSha256 = Objects.requireNonNull(contentSha256);
        c.createdAt = now;
        c.createdBy = actor;
        c.updatedAt = now;
        c.updatedBy = actor;
        return c;
    }

    /** The persons queued and listed as unreachable; a campaign with nobody to send to is complete at once. */
    public void counted(int reachable, int unreachable, Instant now) {
        this.reachable = reachable;
        this.unreachable = unreachable;
        if (reachable == 0) {
            status = CampaignStatus.COMPLETED;
            completedAt = now;
        }
    }

    /** Stops sending: the dispatcher claims nothing of a paused campaign, and gives back what it holds unsent. */
    public void pause(String actor, Instant now) {
        if (status != CampaignStatus.ACTIVE) {
            throw new IllegalCampaignTransition("paused", status);
        }
        status = CampaignStatus.PAUSED;
        touch(actor, now);
    }

    public void resume(String actor, Instant now) {
        if (status != CampaignStatus.PAUSED) {
            throw new IllegalCampaignTransition("resumed", status);
        }
        status = CampaignStatus.ACTIVE;
        touch(actor, now);
    }

    /** Every notice is settled (the caller checked): the campaign is complete. Only an active campaign completes. */
    public boolean complete(Instant now) {
        if (status != CampaignStatus.ACTIVE) {
            return false;
        }
        status = CampaignStatus.COMPLETED;
        completedAt = now;
        touch("dispatcher", now);
        return true;
    }

    /** Records (or amends) the alternative measure for the persons notice cannot reach. */
    public void recordAlternativeMeasure(AlternativeMeasure measure, String actor, Instant now) {
        alternativeMeasure = measure.recorded(actor, now);
        touch(actor, now);
    }

    /** Persons cannot be reached and no alternative measure is recorded yet. */
    public boolean alternativeMeasureNeeded() {
        return unreachable > 0 && alternativeMeasure == null;
    }

    private void touch(String actor, Instant now) {
        updatedAt = now;
        updatedBy = actor;
    }

    public UUID id() {
        return id;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public CampaignStatus status() {
        return status;
    }

    public NoticeContent content() {
        return content;
    }

    public String contentSha256() {
        return contentSha256;
    }

    public int reachable() {
        return reachable;
    }

    public int unreachable() {
        return unreachable;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }

    public Optional<Instant> completedAt() {
        return Optional.ofNullable(completedAt);
    }

    public Optional<AlternativeMeasure> alternativeMeasure() {
        return Optional.ofNullable(alternativeMeasure);
    }
}
