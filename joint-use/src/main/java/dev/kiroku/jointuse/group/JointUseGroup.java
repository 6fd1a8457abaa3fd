package dev.kiroku.jointuse.group;

import dev.kiroku.platform.web.TimeOrderedIds;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A joint-use group (APPI Art. 27(5)(iii)) and its notice versions. The aggregate carries its own transitions —
 * DRAFT → PUBLISHED → ENDED — and applies the change rules of Art. 27(6) ({@link ChangeRules}) to every change of a
 * published group, refusing what the law does not allow.
 */
@Entity
@Table(name = "joint_use_group")
public class JointUseGroup {

    /** Legal days are Japanese days. */
    public static final ZoneId LEGAL_ZONE = ZoneId.of("Asia/Tokyo");

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    private GroupStatus status;

    @JdbcTypeCode(SqlTypes.JSON)
    private JointUseDefinition definition;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "ends_on")
    private LocalDate endsOn;

    @Column(name = "end_reason")
    private String endReason;

    @Version
    private long version;

    @OneToMany(mappedBy = "group", cascade = CascadeType.ALL, fetch = FetchType.EAGER)
    @OrderBy("versionNo")
    private List<JointUseNotice> notices = new ArrayList<>();

    protected JointUseGroup() {
    }

    public static JointUseGroup draft(JointUseDefinition definition, String actor, Instant now) {
        ForeignJointUserRules.requireRoutesPossible(definition);
        JointUseGroup group = new JointUseGroup();
        group.id = TimeOrderedIds.next();
        group.status = GroupStatus.DRAFT;
        group.definition = definition;
        group.createdAt = now;
        group.createdBy = actor;
        group.updatedAt = now;
        return group;
    }

    /** Replaces a draft's definition; a published group changes only through {@link #change}. */
    public void redefine(JointUseDefinition newDefinition, Instant now) {
        requireStatus(GroupStatus.DRAFT, "only a draft can be edited freely; change a published group through a "
                + "change request");
        ForeignJointUserRules.requireRoutesPossible(newDefinition);
        definition = newDefinition;
        updatedAt = now;
    }

    /**
     * Publishes the first notice. Joint use may start only once the five items are available to the persons, so the
     * notice takes effect on or after the day it is published (Art. 27(5)(iii): あらかじめ).
     */
    public JointUseNotice publish(LocalDate effectiveFrom, String actor, Instant now) {
        requireStatus(GroupStatus.DRAFT, "the group is already " + status.name().toLowerCase());
        LocalDate today = LocalDate.ofInstant(now, LEGAL_ZONE);
        if (effectiveFrom.isBefore(today)) {
            throw new JointUseRefusal("Joint use cannot start before its notice is published", List.of(
                    new JointUseRefusal.Reason("effectiveFrom", "must be on or after the publication day " + today,
                            "APPI Art. 27(5)(iii)")));
        }
        JointUseNotice notice = addNotice(definition, effectiveFrom, EnumSet.noneOf(ChangeKind.class),
                "Initial publication", null, actor, now);
        notice.publish(actor, now);
        status = GroupStatus.PUBLISHED;
        updatedAt = now;
        return notice;
    }

    /**
     * Changes a published group under the rules of Art. 27(6), creating the next notice version: published at once,
     * or for a change of the responsible party's details optionally left pending with a due date.
     */
    public JointUseNotice change(ChangeRequest request, ChangePolicy policy, String actor, Instant now) {
        requireStatus(GroupStatus.PUBLISHED, "only a published group can change under Art. 27(6)");
        pendingNotice().ifPresent(pending -> {
            throw new IllegalGroupTransition("notice version " + pending.versionNo()
                    + " is still pending; publish it before the next change");
        });
        LocalDate today = LocalDate.ofInstant(now, LEGAL_ZONE);
        Set<ChangeKind> kinds = ChangeClassifier.classify(definition, request.proposed(),
                request.responsiblePartyReplaced());
        if (kinds.isEmpty()) {
            throw new JointUseRefusal("The proposed definition is the one already published", List.of(
                    new JointUseRefusal.Reason("definition", "nothing changes", "—")));
        }
        List<JointUseRefusal.Reason> refusals = new ArrayList<>(ForeignJointUserRules.refusals(request.proposed()));
        boolean advance = false;
        boolean withoutDelay = false;
        for (ChangeKind kind : kinds) {
            ChangeRules.Rule rule = ChangeRules.of(kind);
            switch (rule.treatment()) {
                case CONSENT_OR_NEW_GROUP -> {
                    boolean justified = kind == ChangeKind.MEMBER_SCOPE && request.nonSubstantive()
                            && request.justification() != null && !request.justification().isBlank()
                            && sameMembersInSubstance(definition, request.proposed());
                    if (!justified) {
                        refusals.add(new JointUseRefusal.Reason(fieldOf(kind), rule.explanation(), rule.article()));
                    }
                }
                case ADVANCE_NOTICE -> advance = true;
                case NOTICE_WITHOUT_DELAY -> withoutDelay = true;
                case FREE -> { }
            }
        }
        LocalDate effectiveFrom;
        if (advance) {
            ChangeRules.Rule rule = ChangeRules.of(kinds.contains(ChangeKind.PURPOSES) ? ChangeKind.PURPOSES
                    : ChangeKind.RESPONSIBLE_PARTY_REPLACED);
            // the Act: the notice in advance (あらかじめ), so the change takes effect on any day after it is published
            LocalDate earliestByAct = today.plusDays(ChangePolicy.ACT_MINIMUM_ADVANCE_NOTICE_DAYS);
            LocalDate earliest = today.plusDays(policy.minimumAdvanceNoticeDays());
            if (request.effectiveFrom() == null || request.effectiveFrom().isBefore(earliestByAct)) {
                refusals.add(new JointUseRefusal.Reason("effectiveFrom", "must be a scheduled date after the notice, "
                        + "which is published today: on or after " + earliestByAct + ". " + rule.explanation(),
                        rule.article()));
            } else if (request.effectiveFrom().isBefore(earliest)) {
                refusals.add(new JointUseRefusal.Reason("effectiveFrom", "must be on or after " + earliest + ": the "
                        + "business's policy asks for the notice at least " + policy.minimumAdvanceNoticeDays()
                        + " days ahead (the Act itself allows " + earliestByAct + ")", policy.source()));
            }
            if (!request.publishNow()) {
                refusals.add(new JointUseRefusal.Reason("publishNow", "advance notice must be published when the "
                        + "change is scheduled", rule.article()));
            }
            effectiveFrom = request.effectiveFrom();
        } else if (withoutDelay) {
            effectiveFrom = request.occurredOn() != null ? request.occurredOn() : today;
        } else {
            effectiveFrom = request.effectiveFrom() != null ? request.effectiveFrom() : today;
            if (effectiveFrom.isBefore(today)) {
                refusals.add(new JointUseRefusal.Reason("effectiveFrom", "must not be before today, " + today,
                        "APPI Art. 27(5)(iii)"));
            }
        }
        if (!refusals.isEmpty()) {
            throw new JointUseRefusal("The change is not allowed as requested", refusals);
        }
        Optional<JointUseNotice> scheduled = notices.stream()
                .filter(n -> n.effectiveFrom().isAfter(today))
                .max(Comparator.comparing(JointUseNotice::effectiveFrom));
        if (scheduled.isPresent() && effectiveFrom.isBefore(scheduled.get().effectiveFrom())) {
            throw new IllegalGroupTransition("notice version " + scheduled.get().versionNo() + " takes effect on "
                    + scheduled.get().effectiveFrom() + "; a further change must take effect on or after that day");
        }
        String justification = request.nonSubstantive() ? request.justification() : null;
        JointUseNotice notice = addNotice(request.proposed(), effectiveFrom, kinds, request.reason(), justification,
                actor, now);
        if (withoutDelay && !advance) {
            notice.dueBy(effectiveFrom.plusDays(policy.withoutDelayDays()));
        }
        if (request.publishNow()) {
            notice.publish(actor, now);
        }
        definition = request.proposed();
        updatedAt = now;
        return notice;
    }

    /** Publishes a pending notice version. */
    public JointUseNotice publishPending(int versionNo, String actor, Instant now) {
        JointUseNotice notice = notice(versionNo)
                .orElseThrow(() -> new IllegalGroupTransition("there is no notice version " + versionNo));
        notice.publish(actor, now);
        updatedAt = now;
        return notice;
    }

    /** Ends joint use from the given day; the notices stay as evidence. */
    public void end(LocalDate endDate, String reason, Instant now) {
        requireStatus(GroupStatus.PUBLISHED, "only a published group can end");
        LocalDate today = LocalDate.ofInstant(now, LEGAL_ZONE);
        if (endDate.isBefore(today)) {
            throw new JointUseRefusal("An end cannot be back-dated", List.of(new JointUseRefusal.Reason("endsOn",
                    "must be today (" + today + ") or later: the notice stays the public statement until then",
                    "APPI Art. 27(5)(iii)")));
        }
        pendingNotice().ifPresent(pending -> {
            throw new IllegalGroupTransition("notice version " + pending.versionNo() + " is still pending");
        });
        status = GroupStatus.ENDED;
        endsOn = endDate;
        endReason = reason;
        updatedAt = now;
    }

    /**
     * The notice the public could read, and that was in effect, on the given legal day: versions are linear, so the
     * latest version published by then whose effective date has come supersedes the earlier ones.
     */
    public Optional<JointUseNotice> noticeInForce(LocalDate date) {
        if (endsOn != null && !date.isBefore(endsOn)) {
            return Optional.empty();
        }
        return notices.stream()
                .filter(n -> n.inForceOn(date, LEGAL_ZONE))
                .max(Comparator.comparing(JointUseNotice::versionNo));
    }

    public Optional<JointUseNotice> pendingNotice() {
        return notices.stream().filter(n -> n.status() == NoticeStatus.PENDING).findFirst();
    }

    public Optional<JointUseNotice> notice(int versionNo) {
        return notices.stream().filter(n -> n.versionNo() == versionNo).findFirst();
    }

    private JointUseNotice addNotice(JointUseDefinition content, LocalDate effectiveFrom, Set<ChangeKind> kinds,
            String reason, String justification, String actor, Instant now) {
        JointUseNotice notice = new JointUseNotice(TimeOrderedIds.next(), this, notices.size() + 1, content,
                effectiveFrom, kinds, reason, justification, actor, now);
        notices.add(notice);
        return notice;
    }

    private void requireStatus(GroupStatus required, String message) {
        if (status != required) {
            throw new IllegalGroupTransition(message);
        }
    }

    /**
     * A scope change can only be non-substantive (a member renamed, a business succession) when the members stay as
     * many as before and none becomes foreign: adding, removing or moving a joint user abroad is a new scope.
     */
    static boolean sameMembersInSubstance(JointUseDefinition current, JointUseDefinition proposed) {
        List<Member> before = current.scope().members();
        List<Member> after = proposed.scope().members();
        long foreignBefore = before.stream().filter(Member::foreign).count();
        long foreignAfter = after.stream().filter(Member::foreign).count();
        return before.size() == after.size() && foreignAfter <= foreignBefore
                && after.stream().filter(Member::foreign).allMatch(before::contains);
    }

    private static String fieldOf(ChangeKind kind) {
        return switch (kind) {
            case DATA_ITEMS -> "definition.dataItems";
            case MEMBER_SCOPE -> "definition.scope";
            case PURPOSES -> "definition.purposes";
            case RESPONSIBLE_PARTY_DETAILS, RESPONSIBLE_PARTY_REPLACED -> "definition.responsibleParty";
            case PRESENTATION -> "definition.name";
        };
    }

    public UUID id() {
        return id;
    }

    public GroupStatus status() {
        return status;
    }

    public JointUseDefinition definition() {
        return definition;
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

    public Optional<LocalDate> endsOn() {
        return Optional.ofNullable(endsOn);
    }

    public Optional<String> endReason() {
        return Optional.ofNullable(endReason);
    }

    public long version() {
        return version;
    }

    public List<JointUseNotice> notices() {
        return List.copyOf(notices);
    }
}
