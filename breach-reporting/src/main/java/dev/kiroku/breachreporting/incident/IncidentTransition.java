package dev.kiroku.breachreporting.incident;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** One recorded transition: who did what, when, why, and a snapshot of the incident after it. Never changed. */
@Entity
@Immutable
@Table(name = "incident_transition")
public class IncidentTransition {

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "incident_id")
    private Incident incident;

    private int seq;

    private String action;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    private IncidentStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    private IncidentStatus toStatus;

    private String actor;

    @Column(name = "recorded_at")
    private Instant recordedAt;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    private String reason;

    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Object> snapshot;

    protected IncidentTransition() {
    }

    IncidentTransition(UUID id, Incident incident, int seq, IncidentAction action, IncidentStatus from,
            IncidentStatus to, String actor, Instant recordedAt, Instant occurredAt, String reason,
            Map<String, Object> snapshot) {
        this.id = id;
        this.incident = incident;
        this.seq = seq;
        this.action = action.wireName();
        this.fromStatus = from;
        this.toStatus = to;
        this.actor = actor;
        this.recordedAt = recordedAt;
        this.occurredAt = occurredAt;
        this.reason = reason;
        this.snapshot = snapshot;
    }

    public UUID id() {
        return id;
    }

    public int seq() {
        return seq;
    }

    public String action() {
        return action;
    }

    public IncidentStatus fromStatus() {
        return fromStatus;
    }

    public IncidentStatus toStatus() {
        return toStatus;
    }

    public String actor() {
        return actor;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    public Map<String, Object> snapshot() {
        return snapshot;
    }
}
