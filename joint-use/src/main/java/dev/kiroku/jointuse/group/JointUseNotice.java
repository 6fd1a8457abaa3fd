package dev.kiroku.jointuse.group;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** One version of a group's public notice: immutable once published (the database refuses changes too). */
@Entity
@Table(name = "joint_use_notice")
public class JointUseNotice {

    // Only status, due date and publication are updatable: the application role may update no other column
    // (issue 13), and the database refuses any other change (V4__application_role_and_notice_guard.sql).
    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "group_id", updatable = false)
    private JointUseGroup group;

    @Column(name = "version_no", updatable = false)
    private int versionNo;

    @Enumerated(EnumType.STRING)
    private NoticeStatus status;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(updatable = false)
    private JointUseDefinition definition;

    @Column(name = "effective_from", updatable = false)
    private LocalDate effectiveFrom;

    @Column(name = "change_kinds", updatable = false)
    private String changeKinds;

    @Column(updatable = false)
    private String reason;

    @Column(name = "non_substantive_justification", updatable = false)
    private String nonSubstantiveJustification;

    @Column(name = "due_by")
    private LocalDate dueBy;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt;

    @Column(name = "created_by", updatable = false)
    private String createdBy;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(name = "published_by")
    private String publishedBy;

    protected JointUseNotice() {
    }

    JointUseNotice(UUID id, JointUseGroup group, int versionNo, JointUseDefinition definition, LocalDate effectiveFrom,
            Set<ChangeKind> kinds, String reason, String justification, String actor, Instant now) {
        this.id = id;
        this.group = group;
        this.versionNo = versionNo;
        this.status = NoticeStatus.PENDING;
        this.definition = definition;
        this.effectiveFrom = effectiveFrom;
        this.changeKinds = kinds.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        this.reason = reason;
        this.nonSubstantiveJustification = justification;
        this.createdAt = now;
        this.createdBy = actor;
    }

    void publish(String actor, Instant now) {
        if (status == NoticeStatus.PUBLISHED) {
            throw new IllegalGroupTransition("notice version " + versionNo + " is already published");
        }
        status = NoticeStatus.PUBLISHED;
        publishedAt = now;
        publishedBy = actor;
    }

    void dueBy(LocalDate date) {
        this.dueBy = date;
    }

    /** Whether the public could read this version on the given legal day and it had taken effect by then. */
    boolean inForceOn(LocalDate date, ZoneId zone) {
        return status == NoticeStatus.PUBLISHED && !effectiveFrom.isAfter(date)
                && !LocalDate.ofInstant(publishedAt, zone).isAfter(date);
    }

    /** A pending notice past its due date. */
    public boolean overdueOn(LocalDate today) {
        return status == NoticeStatus.PENDING && dueBy != null && today.isAfter(dueBy);
    }

    public UUID id() {
        return id;
    }

    public UUID groupId() {
        return group.id();
    }

    public int versionNo() {
        return versionNo;
    }

    public NoticeStatus status() {
        return status;
    }

    public JointUseDefinition definition() {
        return definition;
    }

    public LocalDate effectiveFrom() {
        return effectiveFrom;
    }

    public Set<ChangeKind> changeKinds() {
        Set<ChangeKind> kinds = EnumSet.noneOf(ChangeKind.class);
        if (!changeKinds.isEmpty()) {
            Arrays.stream(changeKinds.split(",")).map(ChangeKind::valueOf).forEach(kinds::add);
        }
        return kinds;
    }

    public String reason() {
        return reason;
    }

    public Optional<String> nonSubstantiveJustification() {
        return Optional.ofNullable(nonSubstantiveJustification);
    }

    public Optional<LocalDate> dueBy() {
        return Optional.ofNullable(dueBy);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Optional<Instant> publishedAt() {
        return Optional.ofNullable(publishedAt);
    }

    public Optional<String> publishedBy() {
        return Optional.ofNullable(publishedBy);
    }
}
