package dev.kiroku.breachreporting.incident;

import dev.kiroku.breachreporting.incident.rules.DeadlineKind;
import dev.kiroku.breachreporting.incident.rules.Filing;
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

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A filing's frozen lateness, recorded at the first filing of its kind; the database refuses to change it. */
@Entity
@Immutable
@Table(name = "incident_filing")
public class IncidentFiling {

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "incident_id")
    private Incident incident;

    @Enumerated(EnumType.STRING)
    private DeadlineKind kind;

    @Column(name = "filed_at")
    private Instant filedAt;

    private String rule;

    @Column(name = "due_date")
    private LocalDate dueDate;

    @Column(name = "due_at")
    private Instant dueAt;

    private boolean late;

    @Column(name = "days_late")
    private long daysLate;

    @Column(name = "hours_late")
    private long hoursLate;

    @Column(name = "recorded_by")
    private String recordedBy;

    protected IncidentFiling() {
    }

    IncidentFiling(UUID id, Incident incident, Filing filing, String recordedBy) {
        this.id = id;
        this.incident = incident;
        this.kind = filing.kind();
        this.filedAt = filing.filedAt();
        this.rule = filing.rule();
        this.dueDate = filing.dueDate();
        this.dueAt = filing.dueAt();
        this.late = filing.late();
        this.daysLate = filing.daysLate();
        this.hoursLate = filing.hoursLate();
        this.recordedBy = recordedBy;
    }

    public Filing filing() {
        return new Filing(kind, filedAt, rule, dueDate, dueAt, late, daysLate, hoursLate);
    }

    public DeadlineKind kind() {
        return kind;
    }

    public String recordedBy() {
        return recordedBy;
    }
}
