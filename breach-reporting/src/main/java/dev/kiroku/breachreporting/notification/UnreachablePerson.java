package dev.kiroku.breachreporting.notification;

import dev.kiroku.platform.web.TimeOrderedIds;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.util.UUID;

/** A person a campaign could not reach by e-mail: one the alternative measure (Art. 26(2) proviso) is for. */
@Entity
@Immutable
@Table(name = "notification_unreachable")
public class UnreachablePerson {

    /** Why notice is difficult: the only reason known to the service is that no e-mail address is held. */
    public static final String NO_EMAIL = "NO_EMAIL";

    @Id
    private UUID id;

    @Column(name = "campaign_id")
    private UUID campaignId;

    @Column(name = "incident_id")
    private UUID incidentId;

    @Column(name = "affected_person_id")
    private UUID affectedPersonId;

    private String reason;

    @Column(name = "listed_at")
    private Instant listedAt;

    protected UnreachablePerson() {
    }

    public UnreachablePerson(UUID campaignId, UUID incidentId, UUID affectedPersonId, Instant now) {
        this.id = TimeOrderedIds.next();
        this.campaignId = campaignId;
        this.incidentId = incidentId;
        this.affectedPersonId = affectedPersonId;
        this.reason = NO_EMAIL;
        this.listedAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID campaignId() {
        return campaignId;
    }

    public UUID affectedPersonId() {
        return affectedPersonId;
    }

    public String reason() {
        return reason;
    }

    public Instant listedAt() {
        return listedAt;
    }
}
