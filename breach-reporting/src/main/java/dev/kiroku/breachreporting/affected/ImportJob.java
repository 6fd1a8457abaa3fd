package dev.kiroku.breachreporting.affected;

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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One job naming an incident's affected persons: a CSV import or a derivation from provision-records. Its counts move
 * with each chunk (committed with the chunk's persons), so a long job shows how far it got; it ends COMPLETED or
 * FAILED, once.
 */
@Entity
@Table(name = "affected_person_import")
public class ImportJob {

    /** The longest failure reason kept. */
    static final int FAILURE_MAX = 2000;

    @Id
    private UUID id;

    @Column(name = "incident_id")
    private UUID incidentId;

    @Enumerated(EnumType.STRING)
    private AffectedPersonSource kind;

    @Enumerated(EnumType.STRING)
    private ImportStatus status;

    private Long total;

    private long processed;

    private long added;

    private long completed;

    private long duplicates;

    private long rejected;

    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Object> filter;

    private String failure;

    @Column(name = "persons_after")
    private Long personsAfter;

    @Column(name = "assessment_outcome")
    private String assessmentOutcome;

    @Column(name = "requested_by")
    private String requestedBy;

    @Column(name = "started_at")
    private Instant startedAt;

    /** Stamped by the holding instance's heartbeat (a native update), never written back by an entity update. */
    @Column(name = "heartbeat_at", updatable = false)
    private Instant heartbeatAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "request_sha256")
    private String requestSha256;

    @Version
    private long version;

    protected ImportJob() {
    }

    /** A job that starts now; {@code total} when already known (a spooled file's rows), {@code filter} for a derivation. */
    public static ImportJob start(UUID incidentId, AffectedPersonSource kind, Long total, Map<String, Object> filter,
            String requestSha256, String actor, Instant now) {
        ImportJob job = new ImportJob();
        job.id = TimeOrderedIds.next();
        job.incidentId = Objects.requireNonNull(incidentId);
        job.kind = Objects.requireNonNull(kind);
        job.status = ImportStatus.RUNNING;
        job.total = total;
        job.filter = filter;
        job.requestSha256 = Objects.requireNonNull(requestSha256);
        job.requestedBy = Objects.requireNonNull(actor);
        job.startedAt = now;
        job.heartbeatAt = now;
        return job;
    }

    /** The outcome of one chunk. */
    public record ChunkCounts(long processed, long added, long completed, long duplicates, long rejected) {
    }

    /** Adds a committed chunk's counts. */
    public void progress(ChunkCounts chunk) {
        requireRunning();
        processed += chunk.processed();
        added += chunk.added();
        completed += chunk.completed();
        duplicates += chunk.duplicates();
        rejected += chunk.rejected();
    }

    /** The total once the source tells it (provision-records' count of matching subjects). */
    public void expect(long total) {
        requireRunning();
        this.total = total;
    }

    /** Every row or subject was processed; what it did to the incident's count and assessment. */
    public void complete(long personsAfter, String assessmentOutcome, Instant now) {
        requireRunning();
        status = ImportStatus.COMPLETED;
        this.personsAfter = personsAfter;
        this.assessmentOutcome = assessmentOutcome;
        finishedAt = now;
    }

    /** Stops the job with a reason (no personal data); committed chunks stay. */
    public void fail(String reason, Instant now) {
        requireRunning();
        status = ImportStatus.FAILED;
        String r = reason == null || reason.isBlank() ? "the job stopped" : reason.strip();
        failure = r.length() > FAILURE_MAX ? r.substring(0, FAILURE_MAX) : r;
        finishedAt = now;
    }

    /**
     * Whether no instance has stamped this running job since {@code staleBefore}: the instance that held it stopped.
     */
    public boolean isAbandoned(Instant staleBefore) {
        return status == ImportStatus.RUNNING && heartbeatAt.isBefore(staleBefore);
    }

    private void requireRunning() {
        if (status != ImportStatus.RUNNING) {
            throw new IllegalStateException("job " + id + " is " + status);
        }
    }

    public UUID id() {
        return id;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public AffectedPersonSource kind() {
        return kind;
    }

    public ImportStatus status() {
        return status;
    }

    public Optional<Long> total() {
        return Optional.ofNullable(total);
    }

    public long processed() {
        return processed;
    }

    public long added() {
        return added;
    }

    public long completed() {
        return completed;
    }

    public long duplicates() {
        return duplicates;
    }

    public long rejected() {
        return rejected;
    }

    public Optional<Map<String, Object>> filter() {
        return Optional.ofNullable(filter);
    }

    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    public Optional<Long> personsAfter() {
        return Optional.ofNullable(personsAfter);
    }

    public Optional<String> assessmentOutcome() {
        return Optional.ofNullable(assessmentOutcome);
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant heartbeatAt() {
        return heartbeatAt;
    }

    public Optional<Instant> finishedAt() {
        return Optional.ofNullable(finishedAt);
    }

    public String requestSha256() {
        return requestSha256;
    }
}
